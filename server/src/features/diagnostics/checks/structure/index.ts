/** Checks of the file and item structure (document shape, item kinds, keys, value types, names, versions). */
import type { Check } from '../../check';

export const structureChecks: readonly Check[] = [];
