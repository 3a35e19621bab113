/**
 * Exceptions that the engine reads as complete definitions need `fields` (falco-language.md §3.1, §3.4): those
 * of a full rule definition ('Item has no mapping for key 'fields''), those of `exceptions: replace` (the entries
 * are re-read as definitions), and new names added by an append ('must have fields property'). An empty list
 * of fields is refused too. Range: a key that looks like a misspelled `fields`, a `condition` written instead
 * (exception-unknown-key offers its conversion there), else the entry's first key. The fix adds `fields` with
 * as many fields as the values have items: those of the exception being replaced, else the condition's.
 */
import type { RulesItem } from '../../../../syntax/rulesFile';
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { writtenFields } from '../../fixes/exceptions/entryEdits';
import { addFieldsFix, conditionFields, defaultFields, fieldsSnippet, valuesShape } from '../../fixes/exceptions/fieldsPlaceholder';
import { renameKey } from '../../fixes/exceptions/mapEdits';
import { misspelledKey } from './exceptionMissingName';
import { suggest } from '../../suggest';
import { contentSpan, exceptionsView, requiresFields, ruleSource, type EntryRole, type ExceptionEntry, type ExceptionsView } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-missing-fields',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: "An exception that must be complete (rule definition, replace, new name in an append) has no 'fields'.",
    fix: 'Add `fields:` with the field, or list of fields, the values are compared with.',
    example: '  exceptions:\n    - name: known_tools\n      field: [proc.name]   # misspelled\n      values: [[my-tool]]\n',
    quickFix: "Renames a misspelled `fields` key, adds `fields` (those of the replaced exception, else the rule condition's fields) to type over, or renames an appended exception to the existing one it probably meant.",
  },
]);

/** A new name in an append that is close to an exception the rule has: probably meant to extend it. */
function extendFixes(entry: ExceptionEntry, names: readonly string[]): DiagnosticFix[] {
  return suggest(entry.name!, names, 2).map((name) => ({ title: `Extend the existing exception '${name}'`, changes: [{ span: contentSpan(entry.nameNode!), newText: name }] }));
}

/** The add-fields fix: the replaced exception's fields when there is one, else placeholders shaped like the values. */
function fieldsFix(context: CheckContext, item: RulesItem, view: ExceptionsView, entry: ExceptionEntry, role: EntryRole): DiagnosticFix | undefined {
  const text = context.file.syntax.text;
  const replaced = role === 'replace' && entry.name !== null ? view.previous?.get(entry.name)?.entry : undefined;
  const inherited = writtenFields(replaced?.fieldsPair?.value);
  if (replaced && inherited.length > 0) {
    const value = fieldsSnippet(inherited, replaced.form === 'single');
    return addFieldsFix(text, entry, value, `Add the fields of the replaced exception '${entry.name}'`);
  }
  const shape = valuesShape(entry.valuesPair?.value);
  const single = shape?.form === 'single';
  const count = shape?.form === 'list' ? shape.count : 1;
  const source = ruleSource(context, item);
  const fallback = context.catalogs.fields.fieldsForSource(source).slice(0, count + 1).map((field) => field.name);
  const used = conditionFields(item).filter((field) => !field.startsWith('evt.'));
  const fields = defaultFields(count, source === 'syscall' ? ['proc.name', ...used] : used, fallback);
  return addFieldsFix(text, entry, fieldsSnippet(fields, single), single ? "Add 'fields' with one field" : `Add 'fields' with ${count} field${count === 1 ? '' : 's'}`);
}

export const exceptionMissingFieldsCheck: Check = {
  name: 'exception-missing-fields',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      for (const entry of view.entries) {
        const map = entry.map;
        if (!map) continue;
        const role = view.roleOf(entry);
        if (!requiresFields(role)) continue;
        const why =
          role === 'replace'
            ? " 'exceptions: replace' reads each exception as a full definition."
            : role === 'append-new'
              ? entry.name !== null
                ? ` '${entry.name}' is a new exception for this rule, so it needs 'fields' and 'values'.`
                : " A new exception for this rule needs 'fields' and 'values'."
              : '';
        const fields = entry.fieldsPair?.value;
        if (!entry.fieldsPair) {
          const typo = misspelledKey(map, 'fields');
          const condition = typo ? undefined : getPair(map, 'condition');
          const target = typo ?? condition ?? map.pairs[0];
          const hint = typo ? ` ('${typo.keyText}' looks like a misspelling of 'fields')` : condition ? " ('condition' cannot stand in for it)" : '';
          let fixes: DiagnosticFix[] = [];
          if (typo) fixes = [{ title: `Rename key '${typo.keyText}' to 'fields'`, changes: [renameKey(typo, 'fields')], preferred: true }];
          else if (!condition) fixes = [fieldsFix(context, item, view, entry, role)].filter((fix): fix is DiagnosticFix => fix !== undefined);
          if (role === 'append-new' && entry.nameNode && view.previous) fixes.push(...extendFixes(entry, [...view.previous.keys()]));
          context.report({
            code: 'exception-missing-fields',
            message: `This exception has no 'fields'${hint}.${why} Add 'fields:' with the field (or list of fields) its values are compared with.`,
            span: target ? target.keySpan : map.span,
            severity: 'error',
            fixes,
          });
        } else if (!fields || (fields.kind === 'scalar' && fields.isNull) || (fields.kind === 'seq' && fields.items.length === 0)) {
          const fix = fieldsFix(context, item, view, entry, role);
          context.report({
            code: 'exception-missing-fields',
            message: `The exception's 'fields' is empty.${why} Give the field (or list of fields) its values are compared with.`,
            span: fields && fields.span.end > fields.span.start ? fields.span : entry.fieldsPair.keySpan,
            severity: 'error',
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
};
