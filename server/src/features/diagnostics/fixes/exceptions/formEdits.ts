/**
 * Converting an exception from the single-field form (`fields: f`, `comps: c`, `values: [v1, v2]`) to the list
 * form (`fields: [f]`, `comps: [c]`, `values: [[v1], [v2]]`), which tests the same thing, by adding brackets only;
 * and writing the tuple values of a single-field exception as plain values (the reverse, when it fits).
 */
import type { YNode, YSeq } from '../../../../syntax/yaml/tree';
import type { ExceptionEntry } from '../../checks/updates/updateFacts';
import type { TextChange } from '../../diagnostic';
import { flowScalar } from './yamlText';
import { lineStart, nodeEnd } from './mapEdits';
import { wrapNode } from './seqEdits';

/**
 * The changes that turn a single-field entry into the list form, using `comp` as its operator (the written one
 * when undefined: `in` by default, which for one plain value tests what `=` does). Undefined when a value is a
 * list of more than one item (it has no list-form equivalent).
 */
export function singleToListForm(text: string, entry: ExceptionEntry, comp?: string): TextChange[] | undefined {
  const fields = entry.fieldsPair?.value;
  if (!fields || fields.kind !== 'scalar' || fields.isNull) return undefined;
  const changes: TextChange[] = [...wrapNode(text, fields)];
  const comps = entry.compsPair?.value;
  if (comp !== undefined) {
    if (!comps || comps.span.end <= comps.span.start) return undefined;
    changes.push({ span: { start: comps.span.start, end: nodeEnd(text, comps) }, newText: `[${flowScalar(comp)}]` });
  } else if (comps && comps.kind === 'scalar' && !comps.isNull) {
    changes.push(...wrapNode(text, comps));
  } else if (comps && !(comps.kind === 'seq' && comps.items.length === 1)) {
    return undefined;
  }
  const values = entry.valuesPair?.value;
  if (values && values.kind === 'seq') {
    for (const value of values.items) {
      if (!value) return undefined;
      if (value.kind === 'scalar') changes.push(...wrapNode(text, value));
      else if (!(value.kind === 'seq' && value.items.length === 1)) return undefined;
    }
  } else if (values && !(values.kind === 'scalar' && values.isNull)) {
    return undefined;
  }
  return changes.sort((a, b) => a.span.start - b.span.start);
}

/** Writes the items of a tuple value directly into the enclosing `values` sequence: `[a, [b, c]]` → `[a, b, c]`. */
export function flattenTuple(text: string, values: YSeq, tuple: YNode): TextChange | undefined {
  if (tuple.kind !== 'seq' || !tuple.flow) return undefined;
  const items = tuple.items;
  if (items.length === 0 || items.some((item) => !item || item.kind !== 'scalar')) return undefined;
  const written = items.map((item) => text.slice(item!.span.start, nodeEnd(text, item!)));
  if (values.flow) return { span: { start: tuple.span.start, end: tuple.span.end }, newText: written.join(', ') };
  const dash = text.lastIndexOf('-', tuple.span.start - 1);
  const start = lineStart(text, tuple.span.start);
  if (dash < start || !/^[ ]*$/.test(text.slice(start, dash)) || !/^-[ ]+$/.test(text.slice(dash, tuple.span.start))) return undefined;
  return { span: { start: tuple.span.start, end: tuple.span.end }, newText: written.join(`\n${text.slice(start, dash)}- `) };
}
