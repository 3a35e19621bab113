/**
 * Types of condition operands — a field, a constant, or a transformer over them — and the misuses of
 * transformers the engine refuses at load (falco-language.md §4.5–§4.6): a type a transformer does not take, a
 * field flagged as not supporting transformers, `[arg]` after a transformer other than `getopt`, wrong argument
 * counts and kinds for `join`/`concat`/`getopt`.
 */
import type { FieldInfo } from '../catalogs/fieldTypes';
import type { FieldExpr, TransformerArg, TransformerExpr } from '../../syntax/condition/ast';
import type { Span } from '../../syntax/span';
import { describeType, typeFamily, type OperandType } from './types';

/** The catalog field of a field node, or undefined when it does not resolve (reported elsewhere). */
export type FieldTyper = (node: FieldExpr) => FieldInfo | undefined;

export interface OperandProblem {
  /** Span in the parsed text. */
  readonly span: Span;
  readonly message: string;
}

export interface TypedOperand {
  /** Undefined when unknown (an unresolved field, a malformed transformer, or a type we cannot predict). */
  readonly type: OperandType | undefined;
  /** The field, when the operand is a plain field. */
  readonly field?: FieldInfo;
  /**
   * The field under single-argument transformers (`tolower(basename(proc.exepath))` → `proc.exepath`): the
   * engine judges transformer arguments by the type of this original field.
   */
  readonly baseField?: FieldInfo;
  /** A literal string/number or a literal list, not a field. */
  readonly literal: boolean;
  /** Produced by `join`/`concat`/`getopt`: the engine's argument checks see such an operand's own type. */
  readonly multiValue: boolean;
}

const SINGLE = new Set(['tolower', 'toupper', 'b64', 'basename', 'len']);
const STRING_ONE: OperandType = { type: 'string', isList: false };
const STRING_LIST: OperandType = { type: 'string', isList: true };

function unknown(literal = false): TypedOperand {
  return { type: undefined, literal, multiValue: false };
}

/** What a single-argument transformer makes of its input type, or undefined when it refuses the type. */
function singleResult(name: string, input: OperandType): OperandType | undefined {
  const family = typeFamily(input.type);
  switch (name) {
    case 'tolower':
    case 'toupper':
    case 'basename':
      return family === 'string' ? input : undefined;
    case 'b64':
      return family === 'string' || family === 'bytebuf' ? input : undefined;
    case 'len':
      if (input.isList) return { type: 'uint64', isList: false };
      return family === 'string' || family === 'bytebuf' ? { type: 'uint64', isList: false } : undefined;
    default:
      return undefined;
  }
}

const accepted: Record<string, string> = {
  tolower: 'strings',
  toupper: 'strings',
  basename: 'strings',
  b64: 'strings and byte buffers',
  len: 'lists, strings and byte buffers',
};

/** Types an operand and collects the transformer problems found on the way (in source order). */
export function typeOperand(node: FieldExpr | TransformerExpr | TransformerArg, fieldOf: FieldTyper, problems: OperandProblem[] = []): TypedOperand {
  switch (node.kind) {
    case 'field': {
      const field = fieldOf(node);
      return field ? { type: { type: field.type, isList: field.isList }, field, baseField: field, literal: false, multiValue: false } : unknown();
    }
    case 'value':
      return { type: STRING_ONE, literal: true, multiValue: false };
    case 'transformerList':
      for (const item of node.items) typeOperand(item, fieldOf, problems);
      return { type: STRING_LIST, literal: true, multiValue: false };
    case 'transformer':
      return typeTransformer(node, fieldOf, problems);
    default:
      return unknown();
  }
}

function typeTransformer(node: TransformerExpr, fieldOf: FieldTyper, problems: OperandProblem[]): TypedOperand {
  const name = node.name;
  const args = node.args.map((arg) => ({ node: arg, typed: typeOperand(arg, fieldOf, problems) }));
  if (!node.closed || node.args.some((arg) => arg.kind === 'error')) return unknown();
  if (name === 'val') {
    if (node.arg) problems.push({ span: node.arg.span, message: "'val()' takes no [argument] after it ('transformer 'val' does not support field arguments')" });
    return args[0] ? { ...args[0].typed, literal: false } : unknown();
  }
  if (SINGLE.has(name)) {
    if (args.length !== 1) {
      problems.push({ span: node.nameSpan, message: `'${name}()' takes exactly one argument, here it has ${args.length}` });
      return unknown();
    }
    if (node.arg) {
      problems.push({ span: node.arg.span, message: `'${name}()' takes no [argument] after it: only 'getopt()' does ('transformer '${name}' does not support field arguments')` });
    }
    const [{ node: argument, typed }] = args as [(typeof args)[number]];
    if (argument.kind === 'field' && typed.field?.noTransformer) {
      problems.push({ span: argument.nameSpan, message: `the field '${typed.field.name}' cannot be used inside a transformer ('does not support transformers')` });
      return unknown();
    }
    if (!typed.type) return unknown();
    const result = singleResult(name, typed.type);
    if (!result) {
      const subject = typed.baseField ? `'${typed.baseField.name}' (${describeType(typed.type)})` : describeType(typed.type);
      problems.push({
        span: node.nameSpan,
        message: `'${name}()' takes ${accepted[name]}, not ${subject} ('type … is not supported by '${name}' transformer')`,
      });
      return unknown();
    }
    return { type: result, baseField: typed.baseField, literal: typed.literal, multiValue: typed.multiValue };
  }
  return typeMultiValue(node, args, problems);
}

/** The type the engine's multi-value transformers see for an argument: the original field's, or the literal's. */
function argumentType(typed: TypedOperand): OperandType | undefined {
  if (typed.multiValue) return undefined;
  if (typed.baseField) return { type: typed.baseField.type, isList: typed.baseField.isList };
  return typed.literal ? typed.type : undefined;
}

function typeMultiValue(
  node: TransformerExpr,
  args: { node: TransformerArg; typed: TypedOperand }[],
  problems: OperandProblem[],
): TypedOperand {
  const name = node.name;
  const report = (message: string, span: Span = node.nameSpan) => problems.push({ span, message });
  const types = args.map((arg) => argumentType(arg.typed));
  const isString = (type: OperandType | undefined) => type === undefined || typeFamily(type.type) === 'string';
  let result: OperandType = STRING_ONE;
  if (name === 'join') {
    if (args.length !== 2) report(`'join()' takes exactly 2 arguments, a separator and a list; here it has ${args.length}`);
    else {
      if (types[0]?.isList) report("the first argument of 'join()' is the separator: a single value, not a list", args[0]!.node.span);
      if (types[1] && !types[1].isList) report("the second argument of 'join()' must be a list, e.g. '(fd.name, fd.directory)' or a list field", args[1]!.node.span);
    }
  } else if (name === 'concat') {
    if (args.length < 2) report(`'concat()' takes at least 2 arguments; here it has ${args.length}`);
    args.forEach((arg, index) => {
      const type = types[index];
      if (type && (type.isList || !isString(type))) {
        report(`the arguments of 'concat()' must be single strings, not ${describeType(type)}`, arg.node.span);
      }
    });
  } else if (name === 'getopt') {
    result = STRING_LIST;
    if (args.length !== 2) report(`'getopt()' takes exactly 2 arguments, a list of arguments and an option string; here it has ${args.length}`);
    else {
      if (types[0] && !types[0].isList) report(`the first argument of 'getopt()' must be a list, not ${describeType(types[0])}`, args[0]!.node.span);
      else if (types[0] && !isString(types[0])) report(`the first argument of 'getopt()' must be a list of strings, not ${describeType(types[0])}`, args[0]!.node.span);
      if (types[1] && (types[1].isList || !isString(types[1]))) {
        report("the second argument of 'getopt()' is the option string: a single string such as \"nt:\"", args[1]!.node.span);
      }
    }
    if (node.arg) {
      if (node.arg.value.length !== 1) report(`the [argument] of 'getopt()' is a single option character, not '${node.arg.value}'`, node.arg.span);
      else result = STRING_ONE;
    }
  }
  if (node.arg && name !== 'getopt') {
    report(`'${name}()' takes no [argument] after it: only 'getopt()' does ('transformer '${name}' does not support field arguments')`, node.arg.span);
  }
  return { type: result, literal: false, multiValue: true };
}
