/**
 * Turns a condition written where an exception belongs (`condition: proc.name = rm and fd.name = /tmp/x`) into
 * the exception's `fields`, `comps` and `values`, or says why it cannot be. An exception excludes what matches
 * `(f1 c1 v1 and f2 c2 v2) or (…)`, so the condition must be comparisons joined by `and`, or alternatives joined
 * by `or` that compare the same fields with the same operators. Values are written so that the engine rebuilds
 * the same comparison (falco-language.md §3.3): a value it would break is kept in its condition quotes.
 */
import type { CheckExpr, Expr, ValueExpr } from '../../../../syntax/condition/ast';
import { walkCondition } from '../../../../syntax/condition/ast';
import { parseCondition } from '../../../../syntax/condition/parser';
import { flowScalar, flowSequence } from './yamlText';

/** One tuple item: a value as the engine pastes it, or a list of them (written as a nested sequence). */
export type TupleItem = string | readonly string[];

export type ExceptionParts =
  | { readonly form: 'list'; readonly fields: readonly string[]; readonly comps: readonly string[]; readonly tuples: readonly (readonly TupleItem[])[] }
  | { readonly form: 'single'; readonly field: string; readonly comp: string; readonly values: readonly string[] };

export type Conversion = { readonly ok: true; readonly parts: ExceptionParts } | { readonly ok: false; readonly reason: string };

/** Says what is wrong with a field token for the rule's source, or null when the engine accepts it. */
export type FieldJudge = (token: string) => string | null;

interface Comparison {
  readonly field: string;
  readonly comp: string;
  readonly value: TupleItem;
}

const fail = (reason: string): Conversion => ({ ok: false, reason });

function ungroup(expr: Expr): Expr {
  let current = expr;
  while (current.kind === 'group') current = current.expr;
  return current;
}

/** The value as an exception value: the engine quotes values with a blank itself, other specials keep their quotes. */
function engineValue(value: ValueExpr): string {
  if (!value.quoted) return value.raw;
  const cooked = value.value;
  if (cooked === '' || /[()"',=\\]/.test(cooked) || /\s/.test(cooked.replace(/ /g, ''))) return value.raw;
  return cooked;
}

function comparison(check: CheckExpr, text: string, judge: FieldJudge): Comparison | string {
  const field = text.slice(check.left.span.start, check.left.span.end);
  let problem: string | null = null;
  walkCondition(check.left, (node) => {
    if (problem === null && node.kind === 'field') problem = judge(text.slice(node.span.start, node.span.end));
  });
  if (problem !== null) return problem;
  const comp = check.operator.text;
  const right = check.right;
  if (!right) return `'${field} ${comp}' has no value to compare with`;
  if (right.kind === 'transformer') return `'${text.slice(check.span.start, check.span.end)}' compares two fields`;
  if (right.kind === 'error') return 'it does not parse';
  if (right.kind === 'list') return { field, comp, value: right.items.map(engineValue) };
  return { field, comp, value: engineValue(right) };
}

function conjunction(expr: Expr, text: string, judge: FieldJudge, out: Comparison[]): string | null {
  const node = ungroup(expr);
  switch (node.kind) {
    case 'and':
      for (const child of node.children) {
        const problem = conjunction(child, text, judge, out);
        if (problem !== null) return problem;
      }
      return null;
    case 'check': {
      const found = comparison(node, text, judge);
      if (typeof found === 'string') return found;
      out.push(found);
      return null;
    }
    case 'or':
      return "it has an 'or' inside an 'and'";
    case 'not':
      return "it uses 'not'";
    case 'identifier':
      return `it uses the macro '${node.name}'`;
    default:
      return 'it does not parse';
  }
}

const MODIFIERS = ['oneof', 'anyof', 'allof'];

/** The comp of the single-field form that tests the same as `comp` on each value, or null. */
function singleFormComp(comp: string): string | null {
  if (comp === '=' || comp === '==' || comp === 'in') return 'in';
  if (comp === 'pmatch' || comp === 'intersects') return comp;
  const words = comp.split(/\s+/);
  return words.length === 2 && MODIFIERS.includes(words[1]!) ? comp : null;
}

/** The single-field form, when every alternative is one comparison of the same field with a list-taking comp. */
function singleForm(alternatives: readonly (readonly Comparison[])[]): ExceptionParts | null {
  const first = alternatives[0]?.[0];
  const comp = first ? singleFormComp(first.comp) : null;
  if (!first || comp === null) return null;
  const values: string[] = [];
  for (const alternative of alternatives) {
    const entry = alternative[0];
    if (alternative.length !== 1 || !entry || entry.field !== first.field || singleFormComp(entry.comp) !== comp) return null;
    if (typeof entry.value === 'string') values.push(entry.value);
    else values.push(...entry.value);
  }
  return { form: 'single', field: first.field, comp, values };
}

/** Orders the comparisons of an alternative like the reference's fields and comps; null when they differ. */
function alignTo(reference: readonly Comparison[], alternative: readonly Comparison[]): Comparison[] | null {
  if (alternative.length !== reference.length) return null;
  const left = [...alternative];
  const aligned: Comparison[] = [];
  for (const wanted of reference) {
    const index = left.findIndex((entry) => entry.field === wanted.field && entry.comp === wanted.comp);
    if (index < 0) return null;
    aligned.push(left.splice(index, 1)[0]!);
  }
  return aligned;
}

/** Converts a condition into exception parts, or the reason it cannot be. */
export function conditionToParts(condition: string, judge: FieldJudge): Conversion {
  if (condition.trim() === '') return fail('it is empty');
  const parsed = parseCondition(condition);
  if (!parsed.ast || parsed.problems.length > 0) return fail('it does not parse');
  const root = ungroup(parsed.ast);
  const branches = root.kind === 'or' ? root.children : [root];
  const alternatives: Comparison[][] = [];
  for (const branch of branches) {
    const found: Comparison[] = [];
    const problem = conjunction(branch, condition, judge, found);
    if (problem !== null) return fail(problem);
    alternatives.push(found);
  }
  const single = singleForm(alternatives);
  if (single) return { ok: true, parts: single };
  const reference = alternatives[0]!;
  const tuples: TupleItem[][] = [];
  for (const alternative of alternatives) {
    const ordered = alignTo(reference, alternative);
    if (!ordered) return fail("its 'or' alternatives do not compare the same fields with the same operators");
    tuples.push(ordered.map((entry) => entry.value));
  }
  return { ok: true, parts: { form: 'list', fields: reference.map((entry) => entry.field), comps: reference.map((entry) => entry.comp), tuples } };
}

function tupleItemText(item: TupleItem): string {
  return typeof item === 'string' ? flowScalar(item) : flowSequence(item.map(flowScalar));
}

/** The YAML texts of the three keys' values (flow style). */
export function partsText(parts: ExceptionParts): { fields: string; comps: string; values: string } {
  if (parts.form === 'single') {
    return { fields: flowScalar(parts.field), comps: flowScalar(parts.comp), values: flowSequence(parts.values.map(flowScalar)) };
  }
  return {
    fields: flowSequence(parts.fields.map(flowScalar)),
    comps: flowSequence(parts.comps.map(flowScalar)),
    values: flowSequence(parts.tuples.map((tuple) => flowSequence(tuple.map(tupleItemText)))),
  };
}

/** The fields a conversion names, in order (for a name). */
export function partsFields(parts: ExceptionParts): string[] {
  return parts.form === 'single' ? [parts.field] : [...parts.fields];
}
