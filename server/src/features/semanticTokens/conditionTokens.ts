/**
 * Semantic tokens of condition trees: fields and their arguments, check operators, `and`/`or`/`not`, the macro
 * and list references the workspace knows, values and transformers. Output `%transformer(…)` placeholders reuse it.
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { ResolvedFieldToken } from '../../semantic/catalogs/fieldTypes';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import { walkCondition, type AndExpr, type ConditionNode, type FieldArg, type OrExpr, type ValueExpr } from '../../syntax/condition/ast';
import { isBlank } from '../../syntax/condition/lexer';
import type { Span } from '../../syntax/span';
import { TOKEN_MODIFIER, type SemanticTokenTypeName } from './legend';
import type { TokenSink } from './tokenSink';

/** What token building needs to know besides the text. */
export interface TokenContext {
  readonly sink: TokenSink;
  readonly index: WorkspaceIndex;
  readonly catalogs: Catalogs;
  /** Event source of the rule (its fields are resolved for it first); undefined for macros. */
  readonly source: string | undefined;
}

/** A parsed text (a condition or an output) that tokens are given in. */
export interface ParsedFrame {
  /** Adds a token over `[start, end)` of the parsed text. */
  emit(start: number, end: number, type: SemanticTokenTypeName, modifiers?: number): void;
  /** The character at an offset of the parsed text ('' outside it). */
  charAt(offset: number): string;
}

/** A bare value the engine would read as a number (decimal, float or hex). */
const NUMBER = /^(?:[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?|0[xX][0-9a-fA-F]+)$/;

export function isKnownMacro(context: TokenContext, name: string): boolean {
  return context.index.declarationsOf('macro', name).length > 0;
}

export function isKnownList(context: TokenContext, name: string): boolean {
  return context.index.declarationsOf('list', name).length > 0;
}

/** A field token resolved for the rule's source, else for any source. */
export function resolveField(context: TokenContext, token: string): ResolvedFieldToken | undefined {
  const fields = context.catalogs.fields;
  return (context.source !== undefined ? fields.resolveFieldToken(token, context.source) : undefined) ?? fields.resolveFieldToken(token);
}

/**
 * A field: the name as `property` (from `lead`, which is before the name for an output placeholder's `%`), a
 * `.name` argument and a bracket argument as `parameter`. A field the catalogs do not know is still a field.
 */
export function emitField(context: TokenContext, frame: ParsedFrame, lead: number, name: string, nameSpan: Span, arg: FieldArg | undefined): void {
  const resolved = resolveField(context, name);
  const dot = resolved?.argument?.syntax === 'dot' ? resolved.argument : undefined;
  const nameEnd = dot && resolved ? nameSpan.start + resolved.name.length : nameSpan.end;
  frame.emit(lead, nameEnd, 'property', resolved?.field.deprecated ? TOKEN_MODIFIER.deprecated : 0);
  if (dot) frame.emit(nameSpan.start + dot.start, nameSpan.start + dot.end, 'parameter');
  if (arg) frame.emit(arg.span.start, arg.span.end, 'parameter');
}

function startsWithAt(frame: ParsedFrame, offset: number, word: string): boolean {
  for (let index = 0; index < word.length; index++) if (frame.charAt(offset + index) !== word[index]) return false;
  return true;
}

/** The `and`/`or` keywords: the tree keeps only the operands, so each keyword is found in the gap before one. */
function emitChainKeywords(frame: ParsedFrame, node: AndExpr | OrExpr): void {
  const keyword = node.kind;
  for (let index = 1; index < node.children.length; index++) {
    let at = node.children[index - 1]!.span.end;
    const limit = node.children[index]!.span.start;
    while (at < limit && isBlank(frame.charAt(at))) at++;
    if (at + keyword.length <= limit && startsWithAt(frame, at, keyword)) frame.emit(at, at + keyword.length, 'keyword');
  }
}

function emitValue(context: TokenContext, frame: ParsedFrame, node: ValueExpr): void {
  const { start, end } = node.span;
  if (node.token === 'quoted') frame.emit(start, end, 'string');
  else if (isKnownList(context, node.value)) frame.emit(start, end, 'enum');
  else if (node.token === 'number' || NUMBER.test(node.raw)) frame.emit(start, end, 'number');
  else if (node.token === 'bare') frame.emit(start, end, 'string');
  // An identifier (`in name`, `oneof name`) that names no list is left alone.
}

function emitNode(context: TokenContext, frame: ParsedFrame, node: ConditionNode, lead: number | undefined): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      emitChainKeywords(frame, node);
      break;
    case 'not':
      frame.emit(node.keywordSpan.start, node.keywordSpan.end, 'keyword');
      break;
    case 'identifier':
      if (isKnownMacro(context, node.name)) frame.emit(node.span.start, node.span.end, 'macro');
      break;
    case 'check':
      frame.emit(node.operator.nameSpan.start, node.operator.nameSpan.end, 'operator');
      if (node.operator.modifier) frame.emit(node.operator.modifier.span.start, node.operator.modifier.span.end, 'operator');
      break;
    case 'field':
      emitField(context, frame, node.nameSpan.start, node.name, node.nameSpan, node.arg);
      break;
    case 'transformer':
      frame.emit(lead ?? node.nameSpan.start, node.nameSpan.end, 'function');
      if (node.arg) frame.emit(node.arg.span.start, node.arg.span.end, 'parameter');
      break;
    case 'value':
      emitValue(context, frame, node);
      break;
    default:
      break;
  }
}

/**
 * Emits the tokens of a condition tree. `rootLead`, when given, is where the root's first token starts (the `%`
 * of an output transformer placeholder).
 */
export function emitConditionTree(context: TokenContext, frame: ParsedFrame, root: ConditionNode, rootLead?: number): void {
  walkCondition(root, (node) => {
    emitNode(context, frame, node, node === root ? rootLead : undefined);
  });
}
