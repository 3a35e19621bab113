/** Checks of conditions and outputs against the catalogs: fields, operators, values, transformers. */
import type { Check } from '../../check';

export const conditionChecks: readonly Check[] = [];
