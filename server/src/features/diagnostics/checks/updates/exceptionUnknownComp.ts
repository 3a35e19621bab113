/**
 * Operators in an exception's `comps` (falco-language.md §3.2): each must be a condition operator (`=`, `in`,
 * `startswith`, …) or, since Falco 0.44, a string operator with a modifier (`startswith oneof`); surrounding
 * blanks are ignored. Anything else stops the engine ('is not a supported comparison operator',
 * `LOAD_ERR_VALIDATE`). An unquoted `!=` is a YAML tag with an empty value, which the engine refuses as empty
 * ('Value must be non-empty', `LOAD_ERR_YAML_VALIDATE`). Single-field comps are judged by
 * exception-single-field, except for empty ones. An empty `comps:` (null, or `[]`) makes the engine use the
 * default operators (a warning), except after `exceptions: replace`, which applies no defaults. Fixes: quote the tag, the nearest operators (did you mean), `=`
 * for an empty one, flatten a nested one, or remove an empty `comps:`.
 */
import { COMPARISON_MODIFIERS, STRING_OPERATORS } from '../../../../syntax/condition/lexer';
import { CHECK_OPERATORS } from '../../../../syntax/condition/parser';
import type { YPair, YScalar } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix, TextChange } from '../../diagnostic';
import { setPairValue } from '../../fixes/exceptions/entryEdits';
import { nodeEnd, removePair } from '../../fixes/exceptions/mapEdits';
import { unwrapSingle } from '../../fixes/exceptions/seqEdits';
import { flowScalar, scalarLike } from '../../fixes/exceptions/yamlText';
import { suggest } from '../../suggest';
import { contentSpan, exceptionsView, isValidatedRole, readComp, supportsModifiers, tagSpan, valueOrKeySpan, type ExceptionEntry } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-unknown-comp',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "An exception's comps has an operator the engine does not support, or an empty one.",
    fix: 'Use an operator of the condition language (`=`, `!=`, `in`, `startswith`, …); quote `!=` in YAML.',
    example: '    - name: known\n      fields: [proc.name, fd.name]\n      comps: [=, prefix]\n      values: [[my-tool, /tmp]]\n',
    quickFix: 'Changes the operator to the nearest supported ones (`startwith` → `startswith`), quotes an unquoted `!=`, or writes `=` for an empty one.',
  },
]);

/** Words people write for operators. */
const ALIASES: Readonly<Record<string, string>> = {
  prefix: 'startswith',
  suffix: 'endswith',
  equals: '=',
  eq: '=',
  ne: '!=',
  neq: '!=',
  matches: 'regex',
};

function report(context: CheckContext, message: string, span: { start: number; end: number }, fixes: readonly DiagnosticFix[] = []): void {
  context.report({ code: 'exception-unknown-comp', message, span, severity: 'error', fixes });
}

/** Replaces an operator, keeping the quotes it is written with. */
function replaceComp(text: string, comp: YScalar, operator: string): TextChange {
  if (comp.style === 'single' || comp.style === 'double') return { span: contentSpan(comp), newText: operator };
  return { span: { start: comp.span.start, end: nodeEnd(text, comp) }, newText: comp.style === 'plain' ? flowScalar(operator) : scalarLike(comp, operator) };
}

/** Reports an empty comp (an unquoted `!=` tag, `""`, null); true when it was empty. */
function checkEmpty(context: CheckContext, comp: YScalar, fallback: { start: number; end: number }): boolean {
  if (!comp.isNull && comp.value.trim() !== '') return false;
  const text = context.file.syntax.text;
  const tag = tagSpan(text, comp);
  if (tag) {
    const written = text.slice(tag.start, tag.end);
    const quote = { span: { start: tag.start, end: Math.max(tag.end, nodeEnd(text, comp)) }, newText: `"${written}"` };
    report(context, `Unquoted '${written}' is read by YAML as a tag with an empty value, not as an operator. Quote it: "${written}".`, tag, [{ title: `Quote '${written}'`, changes: [quote], preferred: true }]);
  } else {
    const span = comp.span.end > comp.span.start ? comp.span : fallback;
    const fixes = comp.span.end > comp.span.start ? [{ title: "Use '='", changes: [{ span: { start: comp.span.start, end: nodeEnd(text, comp) }, newText: '=' }] }] : [];
    report(context, 'An exception operator must not be empty. Use an operator such as =, in or startswith.', span, fixes);
  }
  return true;
}

function operatorCandidates(context: CheckContext): string[] {
  const modifiers = supportsModifiers(context) ? STRING_OPERATORS.flatMap((op) => COMPARISON_MODIFIERS.map((modifier) => `${op} ${modifier}`)) : [];
  return [...CHECK_OPERATORS, ...modifiers];
}

function checkComp(context: CheckContext, comp: YScalar): void {
  const parsed = readComp(comp.value);
  if (parsed.known && parsed.modifier !== null && !supportsModifiers(context)) {
    report(context, `'${parsed.text}' uses a comparison modifier, which needs Falco 0.44 (engine 0.62.0); the configured engine is ${context.options.engineVersion}.`, comp.span);
    return;
  }
  if (parsed.known) return;
  const alias = ALIASES[parsed.text.toLowerCase()];
  const nearest = alias ? [alias] : suggest(parsed.text, operatorCandidates(context), 3);
  let hint = nearest.length > 0 ? ` Did you mean \`${nearest[0]}\`?` : '';
  if (parsed.modifier !== null && nearest.length === 0) hint = ` A modifier such as '${parsed.modifier}' must follow a string operator (e.g. 'startswith ${parsed.modifier}').`;
  else if (/^not\s/.test(parsed.text)) hint = ` Negated operators do not exist; use the positive operator (the exception already excludes what matches).`;
  const text = context.file.syntax.text;
  const fixes = nearest.map((candidate) => ({ title: `Change to '${candidate}'`, changes: [replaceComp(text, comp, candidate)], preferred: nearest.length === 1 }));
  report(context, `'${parsed.text}' is not a supported comparison operator.${hint}`, comp.span, fixes);
}

/**
 * `comps:` with nothing, or `comps: []`: the engine then uses the default operators, except after
 * `exceptions: replace`, which applies no defaults (the generated condition has no operator).
 */
function reportEmptyComps(context: CheckContext, entry: ExceptionEntry, pair: YPair, replaced: boolean): void {
  const text = context.file.syntax.text;
  const fields = entry.fieldsPair?.value;
  if (!replaced) {
    const removal = entry.map ? removePair(text, entry.map, pair) : undefined;
    context.report({
      code: 'exception-unknown-comp',
      message: "'comps' is empty, so the engine uses the default operators ('=' for each listed field, 'in' for a single field). Remove it, or list one operator per field.",
      span: valueOrKeySpan(pair),
      severity: 'warning',
      fixes: removal ? [{ title: "Remove the empty 'comps'", changes: [removal], preferred: true }] : [],
    });
    return;
  }
  const defaults = fields?.kind === 'seq' ? `[${fields.items.map(() => '=').join(', ')}]` : 'in';
  const change = fields && (fields.kind === 'seq' || fields.kind === 'scalar') ? setPairValue(text, pair, defaults) : undefined;
  report(context, `'comps' is empty, and 'exceptions: replace' applies no default operators. Give one operator per field (e.g. ${defaults}).`, valueOrKeySpan(pair), change ? [{ title: `Write comps as ${defaults}`, changes: [change], preferred: true }] : []);
}

export const exceptionUnknownCompCheck: Check = {
  name: 'exception-unknown-comp',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view) continue;
      for (const entry of view.entries) {
        const pair = entry.compsPair;
        if (!pair || !isValidatedRole(view.roleOf(entry))) continue;
        const comps = pair.value;
        const role = view.roleOf(entry);
        if (!comps || (comps.kind === 'scalar' && comps.isNull && !comps.tag) || (comps.kind === 'seq' && comps.items.length === 0)) {
          reportEmptyComps(context, entry, pair, role === 'replace');
          continue;
        }
        if (comps.kind === 'scalar') {
          if (checkEmpty(context, comps, pair.keySpan)) continue;
          if (entry.form === 'list') checkComp(context, comps);
          continue;
        }
        if (comps.kind !== 'seq') continue;
        for (const comp of comps.items) {
          if (!comp) continue;
          if (comp.kind !== 'scalar') {
            const unwrap = comp.kind === 'seq' ? unwrapSingle(context.file.syntax.text, comp) : undefined;
            report(context, 'Each exception operator must be a single string such as = or startswith.', comp.span, unwrap ? [{ title: 'Write the operator without brackets', changes: [unwrap], preferred: true }] : []);
            continue;
          }
          if (!checkEmpty(context, comp, comps.span)) checkComp(context, comp);
        }
      }
    }
  },
};
