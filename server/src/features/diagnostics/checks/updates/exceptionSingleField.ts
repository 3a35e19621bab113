/**
 * The single-field form of an exception (`fields: proc.name`, falco-language.md §3.2–3.3): `comps` must be one
 * string — `in` (the default), `pmatch`, `intersects`, or an operator with a modifier (`startswith oneof`) —
 * and `values` a list of plain values, which the engine writes as `(field comp (v1, v2, …))`. After
 * `exceptions: replace` the default comp is not applied, so a missing `comps` breaks the generated condition.
 */
import type { YScalar } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { exceptionsView, isSingleFieldComp, isValidatedRole, readComp, supportsModifiers, type ExceptionEntry } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-single-field',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'A single-field exception has comps that are not one of in, pmatch, intersects or a modifier form, or values that are tuples.',
    fix: 'Use `comps: in`, `pmatch`, `intersects` or a modifier form with a single field, and plain values; or make `fields` a list.',
    example: '    - name: known\n      fields: proc.name\n      comps: =\n      values: [my-tool]\n',
  },
]);

function report(context: CheckContext, message: string, span: { start: number; end: number }): void {
  context.report({ code: 'exception-single-field', message, span, severity: 'error' });
}

function checkComps(context: CheckContext, entry: ExceptionEntry, replaced: boolean): void {
  const field = (entry.fieldsPair!.value as YScalar).value;
  const comps = entry.compsPair?.value;
  if (!entry.compsPair) {
    if (replaced) {
      report(
        context,
        `'exceptions: replace' does not apply the default 'comps: in', so the condition built for '${field}' has no operator. Add 'comps: in'.`,
        entry.fieldsPair!.span,
      );
    }
    return;
  }
  if (!comps) return;
  if (comps.kind === 'seq') {
    const inner = comps.items.length === 1 && comps.items[0]?.kind === 'scalar' ? comps.items[0].value.trim() : 'in';
    report(context, `'fields' is a single field, so 'comps' must be a single operator too, not a list: write 'comps: ${inner}'.`, comps.span);
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
  );
}

function checkValues(context: CheckContext, entry: ExceptionEntry, field: string, inherited: boolean): void {
  const values = entry.valuesPair?.value;
  if (!values || values.kind !== 'seq') return;
  const where = inherited ? ` (the existing exception '${entry.name}' has the single field '${field}')` : '';
  for (const value of values.items) {
    if (!value || value.kind !== 'seq') continue;
    report(
      context,
      `'fields' is the single field '${field}'${where}, so each value must be a plain value, not a list. Write the items directly in 'values', or make 'fields' a list.`,
      value.span,
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
