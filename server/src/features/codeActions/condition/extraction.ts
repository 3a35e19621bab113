/**
 * The edits shared by the extract refactorings: a new top-level item (list or macro) and a replacement inside
 * the condition that refers to it by name, checked before they are offered (the edited condition must read as
 * intended in its YAML style, the new item must parse to what it should hold).
 *
 * The new name is a snippet placeholder at both places, with the same index (`${1:name}`), in two changes of one
 * file. VS Code takes every snippet edit of one editor as a single snippet session (the text between the edits is
 * kept as it is), so the two places are linked and typing a name renames both. An editor that honours only one
 * of them inserts the other's default text, which is the same name: the result is correct either way, and no
 * change has to span (and rewrite) the text between the new item and the condition.
 */
import type { TextChange } from '../../diagnostics/diagnostic';
import type { RulesItem } from '../../../syntax/rulesFile';
import type { Span } from '../../../syntax/span';
import { escapeSnippet, placeholder } from '../snippets';
import type { ConditionSite } from './site';
import { sourceSpanOf } from './site';
import { insertItemAt, itemLayout, type ItemLayout } from './topLevelItems';
import { conditionAfter, encodeForScalar, parseNewItem, sameCondition, unwritableReason } from './yamlText';

export interface ExtractionRequest {
  readonly site: ConditionSite;
  /** The span of the parsed text that is replaced. */
  readonly replace: Span;
  /** The new name (a default the user may change). */
  readonly name: string;
  /** The condition text that replaces `replace`, given the name. */
  readonly replacement: (name: string) => string;
  /** The new item's text (no trailing line break), given the layout and the name. */
  readonly itemText: (layout: ItemLayout, name: string) => string;
  /** Where the new item goes (a line start or the end of the text), given the layout. */
  readonly insertionPoint: (layout: ItemLayout) => number;
  /** The new item, parsed on its own, holds what it should. */
  readonly itemHolds: (item: RulesItem) => boolean;
}

export type ExtractionResult = { readonly changes: readonly TextChange[] } | { readonly disabled: string };

const NAME_MARK = '\uE000';

/** Blanks to add around a replacement so that it does not stick to the words next to it. */
export function padding(text: string, span: Span, replacement: string): { lead: string; trail: string } {
  const before = text[span.start - 1];
  const after = text[span.end];
  const lead = before !== undefined && !/[\s(]/.test(before) && !replacement.startsWith('(') ? ' ' : '';
  const trail = after !== undefined && !/[\s)]/.test(after) && !replacement.endsWith(')') ? ' ' : '';
  return { lead, trail };
}

export function buildExtraction(request: ExtractionRequest): ExtractionResult {
  const { site, replace, name } = request;
  const { text, items } = site.file.syntax;
  const layout = itemLayout(text, site.item);
  if (!layout) return { disabled: 'The item is not written as a `- key: value` block entry.' };
  const source = sourceSpanOf(site, replace);
  if (!source) return { disabled: 'The selection is not part of this item\'s own condition text.' };
  const scalar = site.condition.scalar;
  const plain = request.replacement(name);
  const { lead, trail } = padding(site.parsedText, replace, plain);
  const encoded = encodeForScalar(scalar.style, `${lead}${plain}${trail}`);
  const prefix = site.condition.prefixLength;
  const value = scalar.text.value;
  const expected = value.slice(0, replace.start - prefix) + lead + plain + trail + value.slice(replace.end - prefix);
  if (encoded === undefined || !sameCondition(conditionAfter(text, items, site.item, [{ span: source, newText: encoded }]), expected)) {
    return { disabled: `Cannot extract here: ${unwritableReason(scalar.style)}.` };
  }
  const created = parseNewItem(request.itemText(layout, name));
  if (!created || !request.itemHolds(created)) return { disabled: 'Cannot extract here: the new item cannot be written in YAML.' };
  const linked = (snippetText: string): string => escapeSnippet(snippetText).split(NAME_MARK).join(placeholder(1, name));
  const insertion = insertItemAt(text, request.insertionPoint(layout), linked(request.itemText(layout, NAME_MARK)), layout.eol);
  const reference = linked(encodeForScalar(scalar.style, `${lead}${request.replacement(NAME_MARK)}${trail}`) ?? '');
  return {
    changes: [
      { span: insertion.span, newText: insertion.newText, snippet: true },
      { span: source, newText: reference, snippet: true },
    ],
  };
}
