/** Checks across items: undefined and looping macros, unused macros and lists, event-type restriction. */
import type { Check } from '../../check';

export const referenceChecks: readonly Check[] = [];
