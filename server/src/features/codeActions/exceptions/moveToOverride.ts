/**
 * Moving an exception of a rule into an `override: {exceptions: append}` item of another file (typically out of
 * the upstream falco_rules.yaml, which is replaced on upgrade, into the user's own file). Offered for the rules
 * files loaded after the rule's file (at most three, the last loaded first): the entry leaves the rule, with its
 * comments, and is appended, byte for byte but for its indentation, to an existing appending item for the rule
 * in the target or to a new one at the end of it. The engine then adds it back as a new exception
 * (falco-language.md §3.4), so the entry needs its name, fields and values.
 */
import type { IndexedFile } from '../../../semantic/workspaceIndex';
import type { RulesItem } from '../../../syntax/rulesFile';
import { getPair, type YNode } from '../../../syntax/yaml/tree';
import { exceptionMode, exceptionsOf, overrideOperation } from '../../diagnostics/checks/updates/updateFacts';
import { fileName } from '../../diagnostics/checks/references/support';
import type { TextChange } from '../../diagnostics/diagnostic';
import type { RefactorContext, RefactorProvider, Refactoring } from '../types';
import { exceptionAt, type ExceptionSite } from './exceptionAt';
import { entryAt, moveEntry, type MovedEntry } from './entryMove';
import { contentEnd, lineEndOf, lineStartOf, newlineOf } from './yamlText';

const MAX_TARGETS = 3;

/** How a file is named in a title: its path relative to the current file's, or an embedded file's label. */
function placeName(from: IndexedFile, target: IndexedFile): string {
  return target.origin ? fileName(target) : from.origin ? target.path : relativePath(from.path, target.path);
}

/** `path` relative to the directory of `from` (both absolute, `/`-separated). */
export function relativePath(from: string, path: string): string {
  const base = from.split('/').slice(0, -1);
  const parts = path.split('/');
  let common = 0;
  while (common < base.length && common < parts.length - 1 && base[common] === parts[common]) common++;
  return [...base.slice(common).map(() => '..'), ...parts.slice(common)].join('/');
}

/** An item of the target that already appends exceptions to the rule, and whose sequence can take the entry. */
function appendingItem(target: IndexedFile, name: string, moved: MovedEntry): RulesItem | undefined {
  const candidates = target.syntax.items.filter((item) => item.kind === 'rule' && item.name === name && item.map && !item.map.flow && !item.legacyAppend && overrideOperation(item, 'exceptions') === 'append');
  const last = candidates[candidates.length - 1];
  const sequence = last?.map ? getPair(last.map, 'exceptions')?.value : undefined;
  if (!last || !sequence || sequence.kind !== 'seq' || sequence.items.length === 0) return undefined;
  if (sequence.flow && (!moved.flow || moved.text.includes('\n'))) return undefined;
  return last;
}

/** The change adding the entry to the target file. */
function insertion(site: ExceptionSite, moved: MovedEntry, target: IndexedFile, into: RulesItem | undefined): TextChange {
  const text = target.syntax.text;
  const newline = newlineOf(text);
  const sequence = into?.map ? getPair(into.map, 'exceptions')?.value : undefined;
  if (sequence && sequence.kind === 'seq') {
    const last = sequence.items[sequence.items.length - 1]!;
    if (sequence.flow) return { span: { start: last.span.end, end: last.span.end }, newText: `, ${moved.text}` };
    const dash = lineStartOf(text, last.span.start);
    const column = /^[ ]*/.exec(text.slice(dash))![0].length;
    const at = lineEndOf(text, contentEnd(sequence));
    return { span: { start: at, end: at }, newText: `${newline}${entryAt(moved, column, newline)}` };
  }
  const nameNode = site.item.nameNode!;
  const name = site.text.slice(nameNode.span.start, nameNode.span.end);
  const dashColumn = 2 + Math.max(0, moved.dashColumn - moved.keyColumn);
  const lines = [`- rule: ${name}`, '  exceptions:', entryAt(moved, dashColumn, newline), '  override:', '    exceptions: append'];
  let prefix = '';
  if (text.trim() !== '') {
    if (!text.endsWith('\n')) prefix = newline;
    if (/\n[ \t]*\r?\n-/.test(text)) prefix += newline;
  }
  return { span: { start: text.length, end: text.length }, newText: `${prefix}${lines.join(newline)}${newline}` };
}

/**
 * Why moving to `target` would change what the engine builds: an item loaded between the rule and the new place
 * defines the rule again, replaces its exceptions, or already appends to this exception.
 */
function conflict(context: RefactorContext, site: ExceptionSite, target: IndexedFile, into: RulesItem | undefined, name: string): string | undefined {
  const from = context.index.positionOf(context.file.uri);
  const to = context.index.positionOf(target.uri);
  for (const location of context.index.declarationsOf('rule', site.item.name!)) {
    const { filePosition } = location;
    const itemIndex = location.declaration.itemIndex;
    if (filePosition < from || (filePosition === from && itemIndex <= site.item.index)) continue;
    if (filePosition > to || (filePosition === to && into && itemIndex > into.index)) continue;
    const item = location.file.syntax.items[itemIndex];
    if (!item) continue;
    const where = placeName(context.file, location.file);
    const mode = exceptionMode(item);
    if (mode === 'define') return `${where} defines the rule again`;
    if (mode === 'replace') return `${where} replaces the rule's exceptions`;
    if (exceptionsOf(item)?.entries.some((entry) => entry.name === name)) return `${where} already appends to the exception '${name}'`;
  }
  return undefined;
}

function hasAlias(node: YNode | null, depth = 0): boolean {
  if (!node || depth > 100) return false;
  if (node.kind === 'alias') return true;
  if (node.kind === 'seq') return node.items.some((item) => hasAlias(item, depth + 1));
  if (node.kind === 'map') return node.pairs.some((pair) => hasAlias(pair.key, depth + 1) || hasAlias(pair.value, depth + 1));
  return false;
}

/** Why the entry cannot be appended as a new exception. */
function entryProblem(site: ExceptionSite): string | undefined {
  const { entry } = site;
  if (hasAlias(entry.map)) return 'the exception uses a YAML alias, which would not resolve in another file';
  const values = entry.valuesPair?.value;
  if (entry.name === null) return 'the exception has no name';
  if (!entry.fieldsPair || entry.form === null) return "the exception has no 'fields'";
  if (!values || values.kind !== 'seq' || values.items.length === 0) return "an appended exception needs 'values'";
  if (!site.item.nameNode || /[\r\n]/.test(site.text.slice(site.item.nameNode.span.start, site.item.nameNode.span.end))) return "the rule's name spans several lines";
  return undefined;
}

export const moveExceptionProvider: RefactorProvider = (context) => {
  const site = exceptionAt(context.file, context.span);
  if (!site || site.mode !== 'define' || !site.item.name || site.item.map.flow) return [];
  const files = context.index.files();
  const position = context.index.positionOf(context.file.uri);
  if (position < 0) return [];
  const targets = files.slice(position + 1).reverse().slice(0, MAX_TARGETS);
  if (targets.length === 0) return [];
  const moved = moveEntry(site);
  const problem = 'reason' in moved ? moved.reason : entryProblem(site);
  return targets.map((target): Refactoring => {
    const where = placeName(context.file, target);
    const base = { id: `exception-move:${site.item.index}:${site.entry.index}:${target.uri}`, title: `Move exception to an override in ${where}`, kind: 'refactor.move' as const };
    if (problem !== undefined || 'reason' in moved) return { ...base, disabled: `Cannot move: ${problem}.` };
    const into = appendingItem(target, site.item.name!, moved);
    const clash = conflict(context, site, target, into, site.entry.name!);
    if (clash) return { ...base, disabled: `Cannot move: ${clash}.` };
    return {
      ...base,
      edits: () => [
        { uri: context.file.uri, changes: [moved.removal] },
        { uri: target.uri, changes: [insertion(site, moved, target, into)] },
      ],
    };
  });
};
