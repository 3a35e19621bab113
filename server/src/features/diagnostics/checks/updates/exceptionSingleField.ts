/**
 * The single-field form of an exception (`fields: proc.name`, falco-language.md §3.2–3.3): `comps` must be one
 * string — `in` (the default), `pmatch`, `intersects`, or an operator with a modifier (`startswith oneof`) —
 * and `values` a list of plain values, which the engine writes as `(field comp (v1, v2, …))`. After
 * `exceptions: replace` the default comp is not applied, so a missing `comps` breaks the generated condition.
 * Fixes: add `comps: in`; an allowed operator that tests the same (`=` → `in`, `contains` → `contains anyof`) or
 * the nearest allowed one; the list form, which takes any operator; plain values instead of a tuple.
 */
import { COMPARISON_MODIFIERS, STRING_OPERATORS } from '../../../../syntax/condition/lexer';
import type { YScalar, YSeq } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { flattenTuple, singleToListForm } from '../../fixes/exceptions/formEdits';
import { insertPairsAfter, nodeEnd } from '../../fixes/exceptions/mapEdits';
import { unwrapSingle } from '../../fixes/exceptions/seqEdits';
import { flowScalar } from '../../fixes/exceptions/yamlText';
import { suggest } from '../../suggest';
import { exceptionsView, isSingleFieldComp, isValidatedRole, readComp, supportsModifiers, type ExceptionEntry } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-single-field',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'A single-field exception has comps that are not one of in, pmatch, intersects or a modifier form, or values that are tuples.',
    fix: 'Use `comps: in`, `pmatch`, `intersects` or a modifier form with a single field, and plain values; or make `fields` a list.',
    example: '    - name: known\n      fields: proc.name\n      comps: =\n      values: [my-tool]\n',
    quickFix: "Uses an operator the single-field form allows (`=` → `in`, `contains` → `contains anyof`, the nearest one), converts to the list form, adds `comps: in` after a replace, or writes tuple items as plain values.",
  },
]);

function report(context: CheckContext, message: string, span: { start: number; end: number }, fixes: readonly (DiagnosticFix | undefined)[] = []): void {
  context.report({ code: 'exception-single-field', message, span, severity: 'error', fixes: fixes.filter((fix): fix is DiagnosticFix => fix !== undefined) });
}

/** Operators the single-field form takes (the modifier forms only when the engine knows them). */
function singleFieldComps(context: CheckContext): string[] {
  const modifiers = supportsModifiers(context) ? STRING_OPERATORS.flatMap((op) => COMPARISON_MODIFIERS.map((modifier) => `${op} ${modifier}`)) : [];
  return ['in', 'pmatch', 'intersects', ...modifiers];
}

function useComp(text: string, comps: YScalar | YSeq, comp: string, preferred: boolean): DiagnosticFix {
  return { title: `Use '${comp}'`, changes: [{ span: { start: comps.span.start, end: nodeEnd(text, comps) }, newText: flowScalar(comp) }], preferred };
}

function listFormFix(text: string, entry: ExceptionEntry, comp: string | undefined, preferred: boolean): DiagnosticFix | undefined {
  const changes = singleToListForm(text, entry, comp);
  return changes ? { title: 'Convert exception to the list form', changes, preferred } : undefined;
}

/** Fixes for a comp the single-field form refuses: the same test with an allowed operator, the nearest one, the list form. */
function compFixes(context: CheckContext, entry: ExceptionEntry, comps: YScalar, written: string): DiagnosticFix[] {
  const text = context.file.syntax.text;
  const comp = readComp(written);
  const fixes: DiagnosticFix[] = [];
  let equivalent: string | undefined;
  if (comp.known && comp.modifier === null && (comp.base === '=' || comp.base === '==')) equivalent = 'in';
  else if (comp.known && comp.modifier === null && STRING_OPERATORS.includes(comp.base) && comp.base !== '!=' && supportsModifiers(context)) equivalent = `${comp.base} anyof`;
  const nearest = comp.known ? [] : suggest(comp.text, singleFieldComps(context), 3);
  if (equivalent) fixes.push(useComp(text, comps, equivalent, true));
  for (const candidate of nearest) fixes.push(useComp(text, comps, candidate, nearest.length === 1));
  if (comp.known && comp.base !== 'exists') {
    const list = listFormFix(text, entry, undefined, !equivalent);
    if (list) fixes.push(list);
  }
  return fixes;
}

function checkComps(context: CheckContext, entry: ExceptionEntry, replaced: boolean): void {
  const text = context.file.syntax.text;
  const field = (entry.fieldsPair!.value as YScalar).value;
  const comps = entry.compsPair?.value;
  if (!entry.compsPair) {
    if (replaced) {
      const add = entry.map ? insertPairsAfter(text, entry.map, entry.fieldsPair!, ['comps: in']) : undefined;
      report(
        context,
        `'exceptions: replace' does not apply the default 'comps: in', so the condition built for '${field}' has no operator. Add 'comps: in'.`,
        entry.fieldsPair!.span,
        [add ? { title: "Add 'comps: in'", changes: [add], preferred: true } : undefined],
      );
    }
    return;
  }
  if (!comps) return;
  if (comps.kind === 'seq') {
    const only = comps.items.length === 1 && comps.items[0]?.kind === 'scalar' ? comps.items[0] : null;
    const inner = only ? only.value.trim() : 'in';
    const allowed = only !== null && isSingleFieldComp(readComp(inner));
    const unwrap = allowed ? unwrapSingle(text, comps) : undefined;
    report(context, `'fields' is a single field, so 'comps' must be a single operator too, not a list: write 'comps: ${inner}'.`, comps.span, [
      unwrap ? { title: `Write comps as '${inner}'`, changes: [unwrap], preferred: true } : undefined,
      only && !allowed && readComp(inner).known ? listFormFix(text, entry, undefined, true) : undefined,
      !allowed ? useComp(text, comps, 'in', false) : undefined,
    ]);
    return;
  }
  if (comps.kind !== 'scalar' || comps.isNull || comps.value.trim() === '') return;
  const comp = readComp(comps.value);
  if (isSingleFieldComp(comp)) {
    if (comp.modifier !== null && !supportsModifiers(context)) {
      report(context, `'${comp.text}' uses a comparison modifier, which needs Falco 0.44 (engine 0.62.0); the configured engine is ${context.options.engineVersion}. Use 'in' or 'pmatch'.`, comps.span);
    }
    return;
  }
  const other = comp.known ? `, or make 'fields' a list ([${field}]) with values as tuples to use '${comp.text}'` : '';
  report(
    context,
    `With a single field, 'comps' must be 'in', 'pmatch', 'intersects' or an operator with a modifier (e.g. 'startswith oneof'), not '${comp.text}'. Use one of those${other}.`,
    comps.span,
    compFixes(context, entry, comps, comps.value),
  );
}

function checkValues(context: CheckContext, entry: ExceptionEntry, field: string, inherited: boolean): void {
  const text = context.file.syntax.text;
  const values = entry.valuesPair?.value;
  if (!values || values.kind !== 'seq') return;
  const where = inherited ? ` (the existing exception '${entry.name}' has the single field '${field}')` : '';
  for (const value of values.items) {
    if (!value || value.kind !== 'seq') continue;
    const flat = flattenTuple(text, values, value);
    const single = value.items.length === 1 && !inherited;
    report(
      context,
      `'fields' is the single field '${field}'${where}, so each value must be a plain value, not a list. Write the items directly in 'values', or make 'fields' a list.`,
      value.span,
      [
        flat ? { title: value.items.length === 1 ? 'Write the value without brackets' : "Write the items directly in 'values'", changes: [flat], preferred: !single } : undefined,
        single ? listFormFix(text, entry, undefined, false) : undefined,
      ],
    );
  }
}

export const exceptionSingleFieldCheck: Check = {
  name: 'exception-single-field',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      for (const entry of view.entries) {
        const role = view.roleOf(entry);
        if (isValidatedRole(role)) {
          if (entry.form !== 'single') continue;
          checkComps(context, entry, role === 'replace');
          checkValues(context, entry, (entry.fieldsPair!.value as YScalar).value, false);
        } else if (role === 'append-existing' && entry.name !== null) {
          const previous = view.previous?.get(entry.name)?.entry;
          const fields = previous?.form === 'single' ? previous.fieldsPair?.value : undefined;
          if (fields && fields.kind === 'scalar') checkValues(context, entry, fields.value, true);
        }
      }
    }
  },
};
