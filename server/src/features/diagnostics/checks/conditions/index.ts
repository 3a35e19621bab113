/** Checks of conditions and outputs against the catalogs: fields, operators, values, transformers. */
import type { Check } from '../../check';
import { constFieldNameCheck } from './constFieldName';
import { deprecatedFieldCheck } from './deprecatedField';
import { invalidValueCheck } from './invalidValue';
import { naComparisonCheck } from './naComparison';
import { operatorTypeMismatchCheck } from './operatorTypeMismatch';
import { outputFieldsCheck } from './outputFields';
import { regexSimplerCheck } from './regexSimpler';
import { transformerMisuseCheck } from './transformerMisuse';
import { undefinedListCheck } from './undefinedList';
import { unknownFieldCheck } from './unknownField';

export const conditionChecks: readonly Check[] = [
  unknownFieldCheck,
  operatorTypeMismatchCheck,
  invalidValueCheck,
  transformerMisuseCheck,
  undefinedListCheck,
  constFieldNameCheck,
  regexSimplerCheck,
  naComparisonCheck,
  deprecatedFieldCheck,
  outputFieldsCheck,
];
