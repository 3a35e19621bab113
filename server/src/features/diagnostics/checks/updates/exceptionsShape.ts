/**
 * The shape of a rule's `exceptions` (falco-language.md §3.1): a sequence (null means none) of mappings, whose
 * `values` is a sequence, and whose fields and values are never empty strings. The engine rejects anything else
 * while reading the item.
 */
import type { YNode } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { exceptionMode, exceptionsOf } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exceptions-shape',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: "A rule's 'exceptions' is not a sequence of mappings, an exception's 'values' is not a sequence, or a field or value is empty.",
    fix: 'Write `exceptions` as a sequence of mappings and `values` as a sequence; remove empty fields and values.',
    example: '  exceptions:\n    name: known   # a mapping, not a sequence\n',
  },
]);

function report(context: CheckContext, message: string, span: { start: number; end: number }): void {
  context.report({ code: 'exceptions-shape', message, span, severity: 'error' });
}

function isEmptyScalar(node: YNode | null): boolean {
  return node === null || (node.kind === 'scalar' && (node.isNull || node.value === ''));
}

/** Reports empty scalars (and maps) inside a fields/values node, recursively. */
function checkElements(context: CheckContext, node: YNode | null | undefined, what: string, depth = 0): void {
  if (!node || node.kind !== 'seq' || depth > 4) return;
  for (const element of node.items) {
    if (isEmptyScalar(element)) {
      const span = element ? element.span : node.span;
      report(context, `An exception ${what} must not be empty. Remove it or give it a value.`, span.end > span.start ? span : node.span);
    } else if (element && element.kind === 'map') {
      report(context, `An exception ${what} must be a string or a list of strings, not a mapping.`, element.span);
    } else if (element && element.kind === 'seq') {
      checkElements(context, element, what, depth + 1);
    }
  }
}

export const exceptionsShapeCheck: Check = {
  name: 'exceptions-shape',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (exceptionMode(item) === null) continue;
      const found = exceptionsOf(item);
      if (!found) continue;
      const value = found.pair.value;
      if (!value || (value.kind === 'scalar' && value.isNull)) continue;
      if (value.kind !== 'seq') {
        report(context, "'exceptions' must be a sequence of exceptions, each a mapping with 'name', 'fields', 'comps' and 'values'.", value.span);
        continue;
      }
      for (const entry of found.entries) {
        if (!entry.map) {
          const span = entry.node ? entry.node.span : value.span;
          report(context, "Each exception must be a mapping with 'name', 'fields', 'comps' and 'values'.", span.end > span.start ? span : value.span);
          continue;
        }
        const fields = entry.fieldsPair?.value;
        if (fields && fields.kind === 'map') report(context, "An exception's 'fields' must be a field name or a list of field names.", fields.span);
        else if (fields && fields.kind === 'scalar' && !fields.isNull && fields.value === '') {
          report(context, "An exception's 'fields' must not be empty.", fields.span);
        }
        checkElements(context, fields, 'field');
        const values = entry.valuesPair?.value;
        if (values && values.kind !== 'seq' && !(values.kind === 'scalar' && values.isNull)) {
          report(context, "An exception's 'values' must be a sequence (of tuples when 'fields' is a list, of values otherwise).", values.span);
        }
        checkElements(context, values, 'value');
      }
    }
  },
};
