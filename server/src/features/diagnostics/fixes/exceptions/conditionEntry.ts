/**
 * The fix that turns a condition written in an exception entry (`condition: …`, or a bare `- proc.name = x`
 * entry) into `fields`, `comps` and `values` (conditionToFields.ts), adding a `name` when the entry has none. Used
 * by the checks that report such entries and by the "convert condition" refactoring.
 */
import type { RulesItem } from '../../../../syntax/rulesFile';
import { getPair, type YPair, type YScalar } from '../../../../syntax/yaml/tree';
import { escapeSnippet, placeholder } from '../../../codeActions/snippets';
import type { EntryRole, ExceptionEntry } from '../../checks/updates/updateFacts';
import type { DiagnosticFix, TextChange } from '../../diagnostic';
import { conditionToParts, partsFields, partsText, type FieldJudge } from './conditionToFields';
import { proposedName } from './entryEdits';
import { insertFirstPairs, lineStart, nodeEnd, replacePair } from './mapEdits';

export interface ConditionEntryInput {
  readonly text: string;
  readonly item: RulesItem;
  readonly entry: ExceptionEntry;
  readonly role: EntryRole;
  readonly judge: FieldJudge;
  /** Names already used by the rule's exceptions. */
  readonly taken: readonly string[];
  /** The `exceptions` sequence is a flow sequence (`[…]`). */
  readonly flowParent: boolean;
}

export type ConditionEntryResult = { readonly ok: true; readonly fix: DiagnosticFix } | { readonly ok: false; readonly reason: string };

export const CONVERT_TITLE = 'Convert the condition to fields, comps and values';

/** The condition an entry holds: its `condition` pair's scalar, or the entry itself when it is a scalar. */
export function entryCondition(entry: ExceptionEntry): { readonly pair: YPair | null; readonly scalar: YScalar } | null {
  if (entry.map) {
    const pair = getPair(entry.map, 'condition');
    const value = pair?.value;
    return pair && value && value.kind === 'scalar' && !value.isNull && value.value.trim() !== '' ? { pair, scalar: value } : null;
  }
  const node = entry.node;
  return node && node.kind === 'scalar' && !node.isNull && node.value.trim() !== '' ? { pair: null, scalar: node } : null;
}

/** The conversion fix of an entry with a condition, the reason it cannot be converted, or null (no condition). */
export function convertEntryCondition(input: ConditionEntryInput): ConditionEntryResult | null {
  const { text, entry } = input;
  const found = entryCondition(entry);
  if (!found || input.role === 'ignored') return null;
  if (input.role === 'append-existing') {
    return { ok: false, reason: `'${entry.name}' is an exception the rule already has, and an append can only add values to it` };
  }
  const present = [entry.fieldsPair, entry.compsPair, entry.valuesPair].find((pair) => pair !== undefined);
  if (present) return { ok: false, reason: `the exception already has '${present.keyText}'` };
  const conversion = conditionToParts(found.scalar.value, input.judge);
  if (!conversion.ok) return conversion;
  const written = partsText(conversion.parts);
  const pairs = [`fields: ${written.fields}`, `comps: ${written.comps}`, `values: ${written.values}`];
  const name = entry.namePair ? null : proposedName(input.item, partsFields(conversion.parts), input.taken);
  const named = name === null ? pairs : [`name: ${placeholder(1, name)}`, ...pairs.map(escapeSnippet)];
  const changes: TextChange[] = [];
  if (found.pair && entry.map) {
    const first = entry.map.pairs[0] === found.pair;
    const replaced = replacePair(text, entry.map, found.pair, first ? named : pairs);
    if (!replaced) return null;
    if (name !== null && !first) {
      const inserted = insertFirstPairs(text, entry.map, [`name: ${placeholder(1, name)}`]);
      if (!inserted) return null;
      changes.push({ ...inserted, snippet: true }, replaced);
    } else {
      changes.push(name !== null ? { ...replaced, snippet: true } : replaced);
    }
  } else {
    const scalar = found.scalar;
    const column = scalar.span.start - lineStart(text, scalar.span.start);
    const newText = input.flowParent ? `{${named.join(', ')}}` : named.join(`\n${' '.repeat(column)}`);
    changes.push({ span: { start: scalar.span.start, end: nodeEnd(text, scalar) }, newText, snippet: true });
  }
  return { ok: true, fix: { title: CONVERT_TITLE, changes, preferred: true } };
}
