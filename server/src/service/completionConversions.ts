/**
 * Completion candidates of the features layer as LSP completion lists: one shared edit range (`itemDefaults`),
 * light items, and documentation filled in by `completionItem/resolve`.
 */
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { Candidate, CandidateKind, CompletionResult } from '../features/completion';
import type { TextLines } from './lineIndex';

const KINDS: Readonly<Record<CandidateKind, CompletionItemKind>> = {
  field: CompletionItemKind.Field,
  macro: CompletionItemKind.Function,
  list: CompletionItemKind.Enum,
  operator: CompletionItemKind.Operator,
  keyword: CompletionItemKind.Keyword,
  event: CompletionItemKind.Event,
  param: CompletionItemKind.Property,
  transformer: CompletionItemKind.Method,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
  tactic: CompletionItemKind.EnumMember,
  technique: CompletionItemKind.Reference,
  tag: CompletionItemKind.Constant,
};

const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** What an item carries for `resolve`: the candidate kind (its label is the name). */
export interface CompletionItemData {
  readonly k: CandidateKind;
}

function toItem(candidate: Candidate): CompletionItem {
  const item: CompletionItem = { label: candidate.label, kind: KINDS[candidate.kind], sortText: candidate.sortText };
  if (candidate.detail) item.detail = candidate.detail;
  if (candidate.filterText) item.filterText = candidate.filterText;
  if (candidate.insertText !== undefined && candidate.insertText !== candidate.label) item.textEditText = candidate.insertText;
  if (candidate.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
  if (candidate.deprecated) item.tags = [CompletionItemTag.Deprecated];
  if (candidate.retrigger) item.command = RETRIGGER;
  if (candidate.resolvable) item.data = { k: candidate.kind } satisfies CompletionItemData;
  return item;
}

/**
 * `sharedRange`: the client understands `itemDefaults.editRange` (LSP 3.17), so items carry only the text to
 * insert; otherwise every item gets its own text edit.
 */
export function toCompletionList(result: CompletionResult, lines: TextLines, sharedRange = true): CompletionList {
  const range = lines.toRange(result.replace);
  if (sharedRange) {
    return { isIncomplete: result.incomplete, itemDefaults: { editRange: range, insertTextFormat: InsertTextFormat.PlainText }, items: result.candidates.map(toItem) };
  }
  const items = result.candidates.map((candidate) => {
    const { textEditText, ...item } = toItem(candidate);
    return { ...item, textEdit: { range, newText: textEditText ?? candidate.label } };
  });
  return { isIncomplete: result.incomplete, items };
}

export function withDocumentation(item: CompletionItem, markdown: string | undefined): CompletionItem {
  return markdown ? { ...item, documentation: { kind: MarkupKind.Markdown, value: markdown } } : item;
}
