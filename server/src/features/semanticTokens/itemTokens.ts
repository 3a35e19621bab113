/**
 * Semantic tokens of an item outside its condition and output: the declared name (`class`, `macro` or `enum`
 * with `declaration`), list items that name known lists, and in rule exceptions the `fields` (fields), `comps`
 * (operators) and the values that name known lists.
 */
import type { Reference } from '../../semantic/fileSymbols';
import { toSourceOffset } from '../../syntax/embeddedText';
import { CHECK_OPERATORS, isFieldName } from '../../syntax/condition/lexer';
import type { RulesItem } from '../../syntax/rulesFile';
import { getPair, type YNode, type YScalar } from '../../syntax/yaml/tree';
import { emitField, isKnownList, type ParsedFrame, type TokenContext } from './conditionTokens';
import { TOKEN_MODIFIER, TOKEN_TYPE, type SemanticTokenTypeName } from './legend';

const DECLARATION_TYPES: Readonly<Record<string, SemanticTokenTypeName>> = { rule: 'class', macro: 'macro', list: 'enum' };

/** `proc.name`, `proc.aname[2]`, `json.value[/a/b]` as an exception field: name and bracket argument. */
const EXCEPTION_FIELD = /^([^[\]]+)(?:\[([^\]]*)\])?$/;

const OPERATORS = new Set(CHECK_OPERATORS);

function scalarFrame(context: TokenContext, scalar: YScalar): ParsedFrame {
  const text = scalar.text;
  return {
    emit: (start, end, type, modifiers = 0) => context.sink.addEmbedded(text, start, end, TOKEN_TYPE[type], modifiers),
    charAt: (offset) => text.value.charAt(offset),
  };
}

/** The scalars of a node: itself, or the items of a sequence (nested sequences included, as exception values). */
function forEachScalar(node: YNode | null | undefined, visit: (scalar: YScalar) => void, depth = 0): void {
  if (!node || depth > 8) return;
  if (node.kind === 'scalar') {
    if (!node.isNull) visit(node);
  } else if (node.kind === 'seq') {
    for (const entry of node.items) forEachScalar(entry, visit, depth + 1);
  }
}

function emitDeclaration(context: TokenContext, item: RulesItem): void {
  const type = DECLARATION_TYPES[item.kind];
  if (!type || item.name === null || !item.nameNode) return;
  scalarFrame(context, item.nameNode).emit(0, item.nameNode.text.value.length, type, TOKEN_MODIFIER.declaration);
}

/** Scalars the file's symbols list as list references (by where their content starts) that name known lists. */
function emitListReferences(context: TokenContext, node: YNode | null | undefined, references: ReadonlyMap<number, Reference>): void {
  forEachScalar(node, (scalar) => {
    const reference = references.get(toSourceOffset(scalar.text, 0));
    if (!reference || reference.name !== scalar.value || !isKnownList(context, reference.name)) return;
    scalarFrame(context, scalar).emit(0, scalar.text.value.length, 'enum');
  });
}

function emitExceptionField(context: TokenContext, scalar: YScalar): void {
  const match = EXCEPTION_FIELD.exec(scalar.value);
  if (!match || !isFieldName(match[1]!)) return;
  const name = match[1]!;
  const argText = match[2];
  const arg = argText !== undefined
    ? { value: argText, raw: argText, span: { start: name.length + 1, end: name.length + 1 + argText.length }, quoted: false }
    : undefined;
  emitField(context, scalarFrame(context, scalar), 0, name, { start: 0, end: name.length }, arg && argText !== '' ? arg : undefined);
}

function emitExceptions(context: TokenContext, item: RulesItem, references: ReadonlyMap<number, Reference>): void {
  const exceptions = item.map ? getPair(item.map, 'exceptions')?.value : undefined;
  if (!exceptions || exceptions.kind !== 'seq') return;
  for (const entry of exceptions.items) {
    if (!entry || entry.kind !== 'map') continue;
    forEachScalar(getPair(entry, 'fields')?.value, (scalar) => emitExceptionField(context, scalar));
    forEachScalar(getPair(entry, 'comps')?.value, (scalar) => {
      if (OPERATORS.has(scalar.value)) scalarFrame(context, scalar).emit(0, scalar.value.length, 'operator');
    });
    emitListReferences(context, getPair(entry, 'values')?.value, references);
  }
}

/** Tokens of the item's name, list items and exceptions; `references` are the item's list references by start. */
export function emitItemTokens(context: TokenContext, item: RulesItem, references: readonly Reference[]): void {
  emitDeclaration(context, item);
  if (!item.map) return;
  const listReferences = new Map<number, Reference>();
  for (const reference of references) {
    if (reference.kind === 'list' && reference.context !== 'condition') listReferences.set(reference.span.start, reference);
  }
  if (item.kind === 'list') emitListReferences(context, getPair(item.map, 'items')?.value, listReferences);
  if (item.kind === 'rule') emitExceptions(context, item, listReferences);
}
