/** Checks of redefinitions, legacy `append`, `override` and exceptions. */
import type { Check } from '../../check';
import { appendedConditionSyntaxCheck } from './appendedConditionSyntax';
import { appendWithOverrideCheck } from './appendWithOverride';
import { deprecatedAppendCheck } from './deprecatedAppend';
import { deprecatedEnabledItemCheck } from './deprecatedEnabledItem';
import { exceptionDuplicateNameCheck } from './exceptionDuplicateName';
import { exceptionFieldsCompsMismatchCheck } from './exceptionFieldsCompsMismatch';
import { exceptionMissingFieldsCheck } from './exceptionMissingFields';
import { exceptionMissingNameCheck } from './exceptionMissingName';
import { exceptionSingleFieldCheck } from './exceptionSingleField';
import { exceptionsShapeCheck } from './exceptionsShape';
import { exceptionUnknownCompCheck } from './exceptionUnknownComp';
import { exceptionUnknownFieldCheck } from './exceptionUnknownField';
import { exceptionUnknownKeyCheck } from './exceptionUnknownKey';
import { exceptionUnsafeValueCheck } from './exceptionUnsafeValue';
import { exceptionUpdatesCheck } from './exceptionUpdates';
import { exceptionValuesArityCheck } from './exceptionValuesArity';
import { invalidOverrideCheck } from './invalidOverride';
import { updateTargetMissingCheck } from './updateTargetMissing';

export const updateChecks: readonly Check[] = [
  deprecatedAppendCheck,
  deprecatedEnabledItemCheck,
  appendWithOverrideCheck,
  invalidOverrideCheck,
  updateTargetMissingCheck,
  appendedConditionSyntaxCheck,
  exceptionsShapeCheck,
  exceptionMissingNameCheck,
  exceptionMissingFieldsCheck,
  exceptionUnknownKeyCheck,
  exceptionDuplicateNameCheck,
  exceptionFieldsCompsMismatchCheck,
  exceptionValuesArityCheck,
  exceptionSingleFieldCheck,
  exceptionUnknownCompCheck,
  exceptionUnknownFieldCheck,
  exceptionUpdatesCheck,
  exceptionUnsafeValueCheck,
];
