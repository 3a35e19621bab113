/**
 * Converting an exception between the single-field form and the list form (falco-language.md §3.2–3.3) so that
 * the engine builds the same condition from both.
 *
 * The single form `fields: f, comps: c, values: [a, b]` becomes `(f c (a, b))`. The list form builds one
 * `( f c v)` per tuple, and a tuple item that is a sequence is written `(a, b)`; so the list form saying the
 * same is ONE tuple whose only item is the whole sequence: `fields: [f], comps: [c], values: [[[a, b]]]`
 * (`(( f c (a, b)))`, the same check inside extra parentheses). Values are quoted the same way on both paths.
 * The other way, tuples are merged into one list when that keeps the meaning: one-item tuples compared with
 * `=` become `in`, and several tuples of `in`, `pmatch`, `intersects` or an `anyof` modifier join their values.
 */
import type { YNode, YScalar, YSeq } from '../../../syntax/yaml/tree';
import { readComp } from '../../diagnostics/checks/updates/updateFacts';
import type { TextChange } from '../../diagnostics/diagnostic';
import type { RefactorContext, RefactorProvider, Refactoring } from '../types';
import { ANYOF_OPERATORS, modifiersSupported } from './engineSupport';
import { entryStart, exceptionAt, type ExceptionSite } from './exceptionAt';
import { insertPairAfter, pushChange, replaceValueInline } from './pairEdits';
import { contentEnd, flowItemText, hasComment, lineEndOf, lineStartOf, nextLineStart } from './yamlText';

type Plan = { readonly changes: TextChange[] } | { readonly reason: string };

const disabled = (reason: string): Plan => ({ reason });

function source(site: ExceptionSite, node: YNode): string {
  return site.text.slice(node.span.start, node.span.end);
}

function isScalar(node: YNode | null): node is YScalar {
  return node !== null && node.kind === 'scalar' && !node.isNull;
}

/** Where a block sequence item starts: its `-`. */
function dashOf(text: string, node: YNode): number {
  return entryStart(text, node, false);
}

// ---- single → list ---------------------------------------------------------------------------------------------

/** `values: [a, b]` as one tuple holding the sequence. */
function wrapValuesAsOneTuple(site: ExceptionSite, values: YSeq, scalars: readonly YScalar[]): Plan {
  const { text } = site;
  if (values.flow) {
    return { changes: [{ span: { start: values.span.start, end: values.span.start }, newText: '[[' }, { span: { start: values.span.end, end: values.span.end }, newText: ']]' }] };
  }
  const first = dashOf(text, scalars[0]!);
  const end = contentEnd(values);
  const items = scalars.map((scalar) => flowItemText(text, scalar));
  if (!hasComment(text, first, end, values) && items.every((item) => item !== undefined)) {
    return { changes: [{ span: { start: first, end }, newText: `- [[${items.join(', ')}]]` }] };
  }
  // Comments or multi-line values: keep every line and nest the block one tuple and one sequence deeper.
  const changes: TextChange[] = [{ span: { start: first, end: first }, newText: '- - ' }];
  for (let line = nextLineStart(text, first); line < end; line = nextLineStart(text, line)) {
    if (text.slice(line, lineEndOf(text, line)).trim() !== '') changes.push({ span: { start: line, end: line }, newText: '    ' });
  }
  return { changes };
}

/** One tuple per value (for a comp that takes one value, which the single form refuses anyway). */
function valuesAsTuples(site: ExceptionSite, values: YSeq, scalars: readonly YScalar[]): Plan {
  const changes: TextChange[] = [];
  for (const scalar of scalars) {
    const item = values.flow ? source(site, scalar) : flowItemText(site.text, scalar);
    if (item === undefined) return disabled('a value cannot be written inside brackets');
    changes.push({ span: { start: scalar.span.start, end: scalar.span.end }, newText: `[${item}]` });
  }
  return { changes };
}

function toListForm(site: ExceptionSite): Plan {
  const { text, entry } = site;
  const fieldsPair = entry.fieldsPair!;
  const field = fieldsPair.value as YScalar;
  if (/[\r\n]/.test(source(site, field))) return disabled("'fields' spans several lines");
  const changes: TextChange[] = [{ span: { start: field.span.start, end: field.span.end }, newText: `[${source(site, field)}]` }];
  let takesList = true;
  if (!entry.compsPair) {
    // The list form's default is `=` for every field: write the single form's default explicitly.
    const insert = insertPairAfter(text, entry.map, fieldsPair, 'comps: [in]');
    if ('reason' in insert) return disabled(insert.reason);
    pushChange(changes, insert.change);
  } else {
    const comps = entry.compsPair.value;
    if (comps && comps.kind === 'seq') return disabled("'comps' is a list while 'fields' is a single field");
    if (!isScalar(comps) || comps.value.trim() === '') return disabled("'comps' is empty");
    const comp = readComp(comps.value);
    if (!comp.known) return disabled(`'${comp.text}' is not a supported operator`);
    takesList = comp.takesList;
    changes.push({ span: { start: comps.span.start, end: comps.span.start }, newText: '[' }, { span: { start: comps.span.end, end: comps.span.end }, newText: ']' });
  }
  const values = entry.valuesPair?.value;
  if (values && values.kind === 'seq' && values.items.length > 0) {
    if (!values.items.every(isScalar)) return disabled("'values' holds lists, which the single-field form does not take");
    const scalars = values.items as YScalar[];
    const plan = takesList ? wrapValuesAsOneTuple(site, values, scalars) : valuesAsTuples(site, values, scalars);
    if ('reason' in plan) return plan;
    changes.push(...plan.changes);
  } else if (values && !(values.kind === 'seq' || (values.kind === 'scalar' && values.isNull))) {
    return disabled("'values' is not a sequence");
  }
  return { changes };
}

// ---- list → single ---------------------------------------------------------------------------------------------

interface Tuple {
  readonly node: YSeq;
  /** The values the tuple's one item stands for: itself, or the items of its sequence. */
  readonly scalars: readonly YScalar[];
  readonly isList: boolean;
}

function readTuples(values: YNode | null | undefined): Tuple[] | string {
  if (!values || (values.kind === 'scalar' && values.isNull)) return [];
  if (values.kind !== 'seq') return "'values' is not a sequence";
  const tuples: Tuple[] = [];
  for (const node of values.items) {
    if (!node || node.kind !== 'seq') return 'a value is not a tuple';
    if (node.items.length !== 1) return `a tuple has ${node.items.length} items for one field`;
    const element = node.items[0]!;
    if (isScalar(element)) tuples.push({ node, scalars: [element], isList: false });
    else if (element && element.kind === 'seq' && element.items.every(isScalar)) tuples.push({ node, scalars: element.items as YScalar[], isList: true });
    else return 'a tuple holds something other than a value or a list of values';
  }
  return tuples;
}

/** The single-form comp for a list-form comp, or why there is none. */
function singleComp(context: RefactorContext, written: string | undefined, tuples: readonly Tuple[]): string | { reason: string } {
  const comp = readComp(written ?? '=');
  if (!comp.known) return { reason: `'${comp.text}' is not a supported operator` };
  if (comp.takesList) {
    if (tuples.length > 1 && comp.modifier !== null && comp.modifier !== 'anyof') return { reason: `'${comp.text}' would judge the values of every tuple together` };
    if (tuples.some((tuple) => !tuple.isList && tuple.scalars[0]!.value.startsWith('('))) return { reason: 'a value starts with a parenthesis' };
    return comp.text;
  }
  if (tuples.some((tuple) => tuple.isList)) return { reason: `'${comp.text}' cannot compare with a list of values` };
  if (comp.base === '=' || comp.base === '==') return 'in';
  if (ANYOF_OPERATORS.includes(comp.base)) {
    if (modifiersSupported(context.options)) return `${comp.base} anyof`;
    return { reason: `'${comp.base}' with several values needs '${comp.base} anyof' (Falco 0.44, engine 0.62.0); the configured engine is ${context.options.engineVersion}` };
  }
  return { reason: `'${comp.text}' compares with one value, which the single-field form cannot express` };
}

/** The new `values`, keeping each value's text. */
function mergedValues(site: ExceptionSite, values: YSeq, tuples: readonly Tuple[]): Plan {
  const { text } = site;
  if (tuples.some((tuple) => tuple.scalars.length === 0)) return disabled('a tuple holds an empty list');
  if (tuples.some((tuple) => tuple.scalars.some((scalar) => /[\r\n]/.test(source(site, scalar))))) return disabled('a value spans several lines');
  if (values.flow) {
    if (hasComment(text, values.span.start, values.span.end, values)) return disabled("a comment inside 'values' would be lost");
    const only = tuples.length === 1 && tuples[0]!.isList ? tuples[0]!.node.items[0]! : null;
    const newText = only && only.kind === 'seq' && only.flow ? source(site, only) : `[${tuples.flatMap((tuple) => tuple.scalars.map((scalar) => source(site, scalar))).join(', ')}]`;
    return { changes: [{ span: { start: values.span.start, end: values.span.end }, newText }] };
  }
  const changes: TextChange[] = [];
  for (const tuple of tuples) {
    const start = tuple.node.span.start;
    const end = contentEnd(tuple.node);
    if (hasComment(text, start, end, tuple.node)) return disabled("a comment inside 'values' would be lost");
    const dash = dashOf(text, tuple.node);
    const indent = ' '.repeat(dash - lineStartOf(text, dash));
    const newline = text.includes('\r\n') ? '\r\n' : '\n';
    const sources = tuple.scalars.map((scalar) => source(site, scalar));
    changes.push({ span: { start, end }, newText: sources.join(`${newline}${indent}- `) });
  }
  return { changes };
}

function toSingleForm(context: RefactorContext, site: ExceptionSite): Plan {
  const { text, entry } = site;
  const fieldsPair = entry.fieldsPair!;
  const field = (fieldsPair.value as YSeq).items[0] ?? null;
  if (!isScalar(field) || field.value === '') return disabled('the field is not a field name');
  if (/[\r\n]/.test(source(site, field))) return disabled('the field spans several lines');
  const tuples = readTuples(entry.valuesPair?.value);
  if (typeof tuples === 'string') return disabled(tuples);
  const compsPair = entry.compsPair;
  let written: string | undefined;
  let compNode: YScalar | undefined;
  if (compsPair) {
    const comps = compsPair.value;
    if (!comps || comps.kind !== 'seq') return disabled("'comps' is not a list like 'fields'");
    if (comps.items.length !== 1 || !isScalar(comps.items[0] ?? null)) return disabled("'comps' does not hold one operator for the one field");
    compNode = comps.items[0] as YScalar;
    written = compNode.value;
  }
  const comp = singleComp(context, written, tuples);
  if (typeof comp !== 'string') return disabled(comp.reason);
  const changes: TextChange[] = [];
  const fieldEdit = replaceValueInline(text, fieldsPair, source(site, field));
  if ('reason' in fieldEdit) return disabled(fieldEdit.reason);
  changes.push(fieldEdit.change);
  if (compsPair && compNode) {
    const compText = comp === compNode.value.trim() ? source(site, compNode) : comp;
    const compEdit = replaceValueInline(text, compsPair, compText);
    if ('reason' in compEdit) return disabled(compEdit.reason);
    changes.push(compEdit.change);
  } else if (site.mode === 'replace') {
    // `exceptions: replace` skips the defaults, so the single form's `in` must be written.
    const insert = insertPairAfter(text, entry.map, fieldsPair, 'comps: in');
    if ('reason' in insert) return disabled(insert.reason);
    pushChange(changes, insert.change);
  }
  const values = entry.valuesPair?.value;
  if (values && values.kind === 'seq' && tuples.length > 0) {
    const plan = mergedValues(site, values, tuples);
    if ('reason' in plan) return plan;
    changes.push(...plan.changes);
  }
  return { changes };
}

// ---- provider --------------------------------------------------------------------------------------------------

function refactoring(context: RefactorContext, site: ExceptionSite, to: 'list' | 'single', plan: Plan): Refactoring {
  const title = to === 'list' ? 'Convert exception to the list form' : 'Convert exception to the single-field form';
  const id = `exception-form:${to}:${site.item.index}:${site.entry.index}`;
  if ('reason' in plan) return { id, title, kind: 'refactor.rewrite', disabled: `Cannot convert: ${plan.reason}.` };
  return { id, title, kind: 'refactor.rewrite', edits: () => [{ uri: context.file.uri, changes: plan.changes }] };
}

export const convertExceptionFormProvider: RefactorProvider = (context) => {
  const site = exceptionAt(context.file, context.span);
  if (!site) return [];
  const fields = site.entry.fieldsPair?.value;
  if (site.entry.form === 'single') return [refactoring(context, site, 'list', toListForm(site))];
  if (site.entry.form === 'list' && fields && fields.kind === 'seq' && fields.items.length === 1) {
    return [refactoring(context, site, 'single', toSingleForm(context, site))];
  }
  return [];
};
