/** Checks of redefinitions, legacy `append`, `override` and exceptions. */
import type { Check } from '../../check';

export const updateChecks: readonly Check[] = [];
