/**
 * The registry of diagnostic checks, run in this order for every rules file.
 */
import type { Check } from '../check';

export const allChecks: readonly Check[] = [];
