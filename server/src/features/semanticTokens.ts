/**
 * Semantic tokens of a rules file: fields, operators, keywords, macros, lists, values and transformers in
 * conditions, outputs and exceptions, and the declared names. Tokens are document offsets of the exact source
 * characters (split where a folded or quoted scalar's source is not contiguous); the service encodes them.
 */
import type { Catalogs } from '../semantic/catalogs';
import type { IndexedFile, WorkspaceIndex } from '../semantic/workspaceIndex';
import type { EmbeddedCondition, RulesItem } from '../syntax/rulesFile';
import type { Span } from '../syntax/span';
import { emitConditionTree, type ParsedFrame, type TokenContext } from './semanticTokens/conditionTokens';
import { emitItemTokens } from './semanticTokens/itemTokens';
import { TOKEN_TYPE, type SemanticToken } from './semanticTokens/legend';
import { emitOutputTokens } from './semanticTokens/outputTokens';
import { TokenSink } from './semanticTokens/tokenSink';
import { sourceOf } from './locate';

export {
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
  TOKEN_MODIFIER,
  TOKEN_TYPE,
  type SemanticToken,
  type SemanticTokenModifierName,
  type SemanticTokenTypeName,
} from './semanticTokens/legend';

/**
 * A condition's parsed text starts with a placeholder for an appended fragment (see `prefixLength`): tokens are
 * given in parsed-text offsets and those inside the placeholder are synthetic, so they are dropped.
 */
function conditionFrame(context: TokenContext, condition: EmbeddedCondition): ParsedFrame {
  const text = condition.scalar.text;
  const prefix = condition.prefixLength;
  return {
    emit: (start, end, type, modifiers = 0) => {
      if (start < prefix) return;
      context.sink.addEmbedded(text, start - prefix, end - prefix, TOKEN_TYPE[type], modifiers);
    },
    charAt: (offset) => (offset < prefix ? ' ' : text.value.charAt(offset - prefix)),
  };
}

function emitItem(base: Omit<TokenContext, 'source'>, item: RulesItem, file: IndexedFile, position: number): void {
  const context: TokenContext = { ...base, source: item.kind === 'rule' ? sourceOf(item) : undefined };
  emitItemTokens(context, item, file.symbols.byItem[position]?.references ?? []);
  const ast = item.condition?.parsed.ast;
  if (item.condition && ast) emitConditionTree(context, conditionFrame(context, item.condition), ast);
  if (item.output) emitOutputTokens(context, item.output);
}

/** Position of the first item that ends at or after `offset` (items are in file order). */
function firstItemFrom(items: readonly RulesItem[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.span.end < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The semantic tokens of a file, sorted and non-overlapping. With `range`, only the items overlapping it are
 * tokenized (their tokens are returned whole, even the parts outside the range). Names are marked as macros or
 * lists only when the workspace declares them.
 */
export function getSemanticTokens(index: WorkspaceIndex, catalogs: Catalogs, file: IndexedFile, range?: Span): SemanticToken[] {
  const syntax = file.syntax;
  const sink = new TokenSink(syntax.text);
  const base = { sink, index, catalogs };
  const items = syntax.items;
  for (let position = range ? firstItemFrom(items, range.start) : 0; position < items.length; position++) {
    const item = items[position]!;
    if (range && item.span.start > range.end) break;
    try {
      emitItem(base, item, file, position);
    } catch {
      // Odd input must not cost the whole file its colours: the item keeps the tokens it already produced.
    }
  }
  return sink.tokens();
}
