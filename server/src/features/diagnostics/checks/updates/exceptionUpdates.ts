/**
 * Appending and replacing exceptions (falco-language.md §3.4; engine-verified surprise 1):
 * - appending to an exception the rule already has may only add `values` (fields/comps are refused,
 *   `LOAD_ERR_VALIDATE`), and without values it does nothing (`LOAD_APPEND_NO_VALUES` warning);
 * - a new exception added by an append needs values (`LOAD_ERR_VALIDATE`; fields: exception-missing-fields);
 * - `exceptions: replace` with list-form fields and no comps, on a rule that had no exceptions, crashes the
 *   engine (Falco 0.44.1), so it is reported as an error.
 * Fixes: remove the refused fields/comps, add values (placeholders shaped like the fields) or remove an empty
 * append, add `comps` with `=` per field.
 */
import { placeholder } from '../../../codeActions/snippets';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix, TextChange } from '../../diagnostic';
import { shapeOfFields, valueEntrySnippet, type ValueShape } from '../../fixes/exceptions/entryEdits';
import { insertPairsAfter, removePair } from '../../fixes/exceptions/mapEdits';
import { appendItems, removeEntry } from '../../fixes/exceptions/seqEdits';
import { contentSpan, exceptionsView, type ExceptionEntry, type ExceptionsView } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-append-no-values',
    severity: 'warning',
    engineCode: 'LOAD_APPEND_NO_VALUES',
    summary: 'An append to an existing exception has no values, so it changes nothing.',
    fix: 'Add the values to append, or remove the entry.',
    example: '- rule: Terminal shell in container\n  exceptions:\n    - name: known   # existing exception, nothing to add\n  override:\n    exceptions: append\n',
    quickFix: 'Adds `values` with placeholders shaped like the exception\'s fields, or removes the entry.',
  },
  {
    code: 'exception-append-fields',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'An append to an existing exception gives fields or comps; only values can be appended.',
    fix: 'Remove `fields`/`comps` from the appended entry; to change them, replace the exceptions or use a new name.',
    example: '- rule: Terminal shell in container\n  exceptions:\n    - name: known   # already defined with fields\n      fields: [proc.name]\n      values: [[other-tool]]\n  override:\n    exceptions: append\n',
    quickFix: 'Removes `fields` or `comps` from the appended entry (its values stay).',
  },
  {
    code: 'exception-append-new-values',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'A new exception added by an append has no values.',
    fix: 'Give the new exception its values (and fields), or correct the name of the exception to extend.',
    example: '- rule: Terminal shell in container\n  exceptions:\n    - name: brand_new\n      fields: [proc.name]\n  override:\n    exceptions: append\n',
    quickFix: 'Adds a value placeholder shaped like the fields.',
  },
  {
    code: 'exception-replace-no-comps',
    severity: 'error',
    engineCode: null,
    summary: "'exceptions: replace' with list-form fields and no comps on a rule without exceptions, which crashes Falco 0.44.",
    fix: 'Add `comps` with one operator per field.',
    example: '- rule: Terminal shell in container   # had no exceptions\n  exceptions:\n    - name: known\n      fields: [proc.name, user.name]\n      values: [[my-tool, root]]\n  override:\n    exceptions: replace\n',
    quickFix: 'Adds `comps` with `=` for each field.',
  },
]);

/** "Add values": `values: [<placeholder entry>]` after the entry's last key, or a placeholder in `values: []`. */
function addValuesFix(text: string, entry: ExceptionEntry, shape: ValueShape | null): DiagnosticFix | undefined {
  if (!shape || !entry.map || entry.map.pairs.length === 0) return undefined;
  const snippet = valueEntrySnippet(shape);
  const values = entry.valuesPair?.value;
  let change: TextChange | undefined;
  if (values && values.kind === 'seq' && values.items.length === 0) change = appendItems(text, values, [snippet], true);
  else if (!entry.valuesPair) {
    const inserted = insertPairsAfter(text, entry.map, entry.map.pairs[entry.map.pairs.length - 1]!, [`values: [${snippet}]`]);
    change = inserted && { ...inserted, snippet: true };
  }
  return change ? { title: 'Add values', changes: [change] } : undefined;
}

function nameSpan(entry: ExceptionEntry): { start: number; end: number } {
  if (entry.nameNode) return contentSpan(entry.nameNode);
  return entry.node ? entry.node.span : { start: 0, end: 0 };
}

function checkAppendExisting(context: CheckContext, view: ExceptionsView, entry: ExceptionEntry): void {
  const text = context.file.syntax.text;
  const previous = view.previous?.get(entry.name!);
  const related = previous ? [{ uri: previous.uri, span: nameSpan(previous.entry), message: `existing exception '${entry.name}'` }] : undefined;
  for (const pair of [entry.fieldsPair, entry.compsPair]) {
    if (!pair) continue;
    const removal = entry.map ? removePair(text, entry.map, pair) : undefined;
    context.report({
      code: 'exception-append-fields',
      message: `The rule already has an exception '${entry.name}', so only 'values' can be appended to it: remove '${pair.keyText}'. To change its ${pair.keyText}, use 'exceptions: replace' or another exception name.`,
      span: pair.span,
      severity: 'error',
      related,
      fixes: removal ? [{ title: `Remove '${pair.keyText}'`, changes: [removal], preferred: true }] : [],
    });
  }
  // An empty `values:` is refused outright (exceptions-shape).
  if (!entry.valuesPair) {
    const fixes: DiagnosticFix[] = [];
    const add = addValuesFix(text, entry, shapeOfFields(previous?.entry.fieldsPair?.value));
    if (add) fixes.push(add);
    const seq = view.pair.value;
    const removal = entry.node && seq?.kind === 'seq' ? removeEntry(text, seq, entry.node) : undefined;
    if (removal) fixes.push({ title: `Remove the append to '${entry.name}'`, changes: [removal] });
    context.report({
      code: 'exception-append-no-values',
      message: `This append to the existing exception '${entry.name}' has no 'values', so it changes nothing. Add the values to append.`,
      span: nameSpan(entry),
      severity: 'warning',
      related,
      fixes,
    });
  }
}

function checkAppendNew(context: CheckContext, entry: ExceptionEntry): void {
  const values = entry.valuesPair?.value;
  // An empty `values:` is refused outright (exceptions-shape).
  const empty = !entry.valuesPair || (values?.kind === 'seq' && values.items.length === 0);
  if (!empty) return;
  const text = context.file.syntax.text;
  const fixes: DiagnosticFix[] = [];
  const add = addValuesFix(text, entry, shapeOfFields(entry.fieldsPair?.value));
  if (add) fixes.push(add);
  // Renaming to a close existing name is offered by exception-missing-fields (such an entry has no fields).
  context.report({
    code: 'exception-append-new-values',
    message: `The rule has no exception '${entry.name ?? ''}' yet, so this append defines a new one, which needs non-empty 'values'. Add values, or check the name of the exception you meant to extend.`,
    span: entry.valuesPair ? entry.valuesPair.span : nameSpan(entry),
    severity: 'error',
    fixes,
  });
}

function checkReplace(context: CheckContext, view: ExceptionsView, entry: ExceptionEntry): void {
  if (entry.form !== 'list' || entry.compsPair || !view.previous || view.previous.size > 0) return;
  const fields = entry.fieldsPair!;
  const count = fields.value?.kind === 'seq' ? fields.value.items.length : 0;
  const comps = `[${Array.from({ length: count }, (_, index) => placeholder(index + 1, '=')).join(', ')}]`;
  const add = entry.map && count > 0 ? insertPairsAfter(context.file.syntax.text, entry.map, fields, [`comps: ${comps}`]) : undefined;
  context.report({
    code: 'exception-replace-no-comps',
    message:
      "Falco 0.44 crashes on 'exceptions: replace' with a list of fields and no 'comps' when the rule had no exceptions before. Add 'comps' with one operator per field (e.g. [=, =]).",
    span: fields.span,
    severity: 'error',
    fixes: add ? [{ title: "Add 'comps' with '=' for each field", changes: [{ ...add, snippet: true }], preferred: true }] : [],
  });
}

export const exceptionUpdatesCheck: Check = {
  name: 'exception-updates',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view || (view.mode !== 'append' && view.mode !== 'replace')) continue;
      for (const entry of view.entries) {
        if (!entry.map) continue;
        const role = view.roleOf(entry);
        if (role === 'append-existing') checkAppendExisting(context, view, entry);
        else if (role === 'append-new') checkAppendNew(context, entry);
        else if (role === 'replace') checkReplace(context, view, entry);
      }
    }
  },
};
