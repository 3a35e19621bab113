/**
 * Value types of condition operands, as the engine's compiler sees them: the catalog's lowercase libsinsp type
 * name plus the list flag, and the comparison family each type belongs to (falco-language.md §6.1).
 */

/** The type of an operand: a field, a transformed field, or a constant. */
export interface OperandType {
  /** Lowercase libsinsp type name (`string`, `uint64`, `ipnet`, `bool`, …); `dynamic` when only known at run time. */
  readonly type: string;
  readonly isList: boolean;
}

/**
 * Comparison families of the engine's operator table. `unknown` covers types the catalogs never give today
 * (socket tuples, uid/gid, …) and `dynamic` (`evt.rawarg.*`): checks stay silent on them.
 */
export type TypeFamily = 'numeric' | 'bool' | 'string' | 'bytebuf' | 'ipaddr' | 'ipnet' | 'dynamic' | 'unknown';

const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'errno', 'fd', 'pid', 'syscallid',
  'sigtype', 'reltime', 'abstime', 'port', 'flags8', 'flags16', 'flags32', 'enumflags8', 'enumflags16',
  'enumflags32', 'mode', 'double',
]);

const STRING_TYPES: ReadonlySet<string> = new Set(['string', 'charbuf', 'fspath', 'fsrelpath']);
const IPADDR_TYPES: ReadonlySet<string> = new Set(['ipaddr', 'ipv4addr', 'ipv6addr']);
const IPNET_TYPES: ReadonlySet<string> = new Set(['ipnet', 'ipv4net', 'ipv6net']);

/** Element types a list-valued field may have and still be compared (with `in`/`intersects`). */
const COMPARABLE_LIST_TYPES: ReadonlySet<string> = new Set(['string', 'charbuf', 'uint64', 'reltime', 'abstime', 'bool', 'ipaddr', 'ipnet']);

export function typeFamily(type: string): TypeFamily {
  if (NUMERIC_TYPES.has(type)) return 'numeric';
  if (STRING_TYPES.has(type)) return 'string';
  if (type === 'bool') return 'bool';
  if (type === 'bytebuf') return 'bytebuf';
  if (IPADDR_TYPES.has(type)) return 'ipaddr';
  if (IPNET_TYPES.has(type)) return 'ipnet';
  if (type === 'dynamic' || type === 'dyn') return 'dynamic';
  return 'unknown';
}

export function isStringType(type: string): boolean {
  return STRING_TYPES.has(type);
}

export function isComparableListType(type: string): boolean {
  return COMPARABLE_LIST_TYPES.has(type);
}

/** True when the compiler's checks apply to the type (it is neither dynamic nor one the tables do not cover). */
export function isCheckableType(operand: OperandType): boolean {
  const family = typeFamily(operand.type);
  return family !== 'dynamic' && family !== 'unknown';
}

/** `string`, `list of string`, `uint32`: how messages name a type. */
export function describeType(operand: OperandType): string {
  return operand.isList ? `list of ${operand.type}` : operand.type;
}

/** The engine compares a field with another field only when both have exactly the same type and list flag. */
export function sameType(a: OperandType, b: OperandType): boolean {
  return a.type === b.type && a.isList === b.isList;
}
