/**
 * The registry of diagnostic checks, run in this order for every rules file. Each group folder exports its
 * checks; each check lives in its own file.
 */
import type { Check } from '../check';
import { conditionChecks } from './conditions';
import { referenceChecks } from './references';
import { structureChecks } from './structure';
import { tagChecks } from './tags';
import { updateChecks } from './updates';

export const allChecks: readonly Check[] = [...structureChecks, ...updateChecks, ...referenceChecks, ...conditionChecks, ...tagChecks];
