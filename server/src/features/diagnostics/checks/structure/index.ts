/** Checks of the file and item structure (document shape, item kinds, keys, value types, names, versions). */
import type { Check } from '../../check';
import { invalidItemCheck } from './invalidItem';
import { invalidNameCheck } from './invalidName';
import { missingRequiredKeyCheck } from './missingRequiredKey';
import { notASequenceCheck } from './notASequence';
import { priorityCheck } from './priority';
import { requiredEngineVersionCheck } from './requiredEngineVersion';
import { requiredPluginVersionsCheck } from './requiredPluginVersions';
import { sourceMismatchCheck } from './sourceMismatch';
import { unknownItemCheck } from './unknownItem';
import { unknownKeyCheck } from './unknownKey';
import { unknownSourceCheck } from './unknownSource';
import { valueTypesCheck } from './valueTypes';

export const structureChecks: readonly Check[] = [
  notASequenceCheck,
  invalidItemCheck,
  unknownItemCheck,
  missingRequiredKeyCheck,
  valueTypesCheck,
  priorityCheck,
  unknownKeyCheck,
  invalidNameCheck,
  requiredEngineVersionCheck,
  requiredPluginVersionsCheck,
  unknownSourceCheck,
  sourceMismatchCheck,
];
