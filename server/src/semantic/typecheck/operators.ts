/**
 * The operator × type matrix the engine's compiler enforces before it reads any value (falco-language.md §6.1):
 * which comparison operators a field of a given type (and list flag) accepts. A modifier (`startswith anyof`)
 * follows the row of its base operator; `exists` is always accepted.
 */
import { isComparableListType, typeFamily, type OperandType, type TypeFamily } from './types';

const NUMERIC_OPS = ['=', '==', '!=', '<', '<=', '>', '>=', 'in', 'intersects', 'exists'];
const BOOL_OPS = ['=', '==', '!=', 'in', 'intersects', 'exists'];
const STRING_OPS = [
  '=', '==', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', 'startswith', 'endswith', 'glob', 'iglob', 'pmatch',
  'in', 'intersects', 'regex', 'exists',
];
const BYTEBUF_OPS = ['=', '==', '!=', 'contains', 'startswith', 'endswith', 'in', 'intersects', 'bcontains', 'bstartswith', 'exists'];
const IP_OPS = ['=', '==', '!=', 'in', 'intersects', 'exists'];
const LIST_OPS = ['in', 'intersects', 'exists'];

const OPS_BY_FAMILY: Partial<Record<TypeFamily, readonly string[]>> = {
  numeric: NUMERIC_OPS,
  bool: BOOL_OPS,
  string: STRING_OPS,
  bytebuf: BYTEBUF_OPS,
  ipaddr: IP_OPS,
  ipnet: IP_OPS,
};

/** The operators the engine accepts for an operand type; undefined when the type is not checked (dynamic, unknown). */
export function allowedOperators(operand: OperandType): readonly string[] | undefined {
  if (operand.isList) return isComparableListType(operand.type) ? LIST_OPS : ['exists'];
  return OPS_BY_FAMILY[typeFamily(operand.type)];
}

export interface OperatorVerdict {
  readonly ok: boolean;
  /** Why the operator is refused, in our words (empty when ok). */
  readonly reason: string;
  /** The operators that would be accepted (empty when ok or unknown). */
  readonly allowed: readonly string[];
}

const OK: OperatorVerdict = { ok: true, reason: '', allowed: [] };

/** Kind words the engine uses in its "operator not supported for … filters" message, for searchability. */
function engineKind(operand: OperandType): string {
  if (operand.isList) return 'list';
  switch (typeFamily(operand.type)) {
    case 'numeric':
    case 'bool':
      return 'numeric';
    case 'string':
      return 'string';
    case 'bytebuf':
      return 'buffer';
    case 'ipaddr':
    case 'ipnet':
      return 'ip address and network';
    default:
      return operand.type;
  }
}

/**
 * Whether `operator` (the base operator, without modifier) may compare an operand of this type. Types the
 * matrix does not cover are accepted (nothing is known about them).
 */
export function checkOperator(operator: string, operand: OperandType): OperatorVerdict {
  if (operator === 'exists') return OK;
  const allowed = allowedOperators(operand);
  if (!allowed || allowed.includes(operator)) return OK;
  const reason =
    operand.isList && !isComparableListType(operand.type)
      ? `list fields of type ${operand.type} cannot be compared at all`
      : `Falco refuses it for ${engineKind(operand)} fields ('operator not supported for ${engineKind(operand)} filters')`;
  return { ok: false, reason, allowed: allowed.filter((op) => op !== '==') };
}
