/**
 * Operators in an exception's `comps` (falco-language.md §3.2): each must be a condition operator (`=`, `in`,
 * `startswith`, …) or, since Falco 0.44, a string operator with a modifier (`startswith oneof`); surrounding
 * blanks are ignored. Anything else stops the engine ('is not a supported comparison operator',
 * `LOAD_ERR_VALIDATE`). An unquoted `!=` is a YAML tag with an empty value, which the engine refuses as empty
 * ('Value must be non-empty', `LOAD_ERR_YAML_VALIDATE`). Single-field comps are judged by
 * exception-single-field, except for empty ones.
 */
import { CHECK_OPERATORS } from '../../../../syntax/condition/parser';
import type { YScalar } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { didYouMean } from '../../suggest';
import { exceptionsView, isValidatedRole, readComp, supportsModifiers, tagSpan } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-unknown-comp',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "An exception's comps has an operator the engine does not support, or an empty one.",
    fix: 'Use an operator of the condition language (`=`, `!=`, `in`, `startswith`, …); quote `!=` in YAML.',
    example: '    - name: known\n      fields: [proc.name, fd.name]\n      comps: [=, prefix]\n      values: [[my-tool, /tmp]]\n',
  },
]);

function report(context: CheckContext, message: string, span: { start: number; end: number }): void {
  context.report({ code: 'exception-unknown-comp', message, span, severity: 'error' });
}

/** Reports an empty comp (an unquoted `!=` tag, `""`, null); true when it was empty. */
function checkEmpty(context: CheckContext, comp: YScalar, fallback: { start: number; end: number }): boolean {
  if (!comp.isNull && comp.value.trim() !== '') return false;
  const tag = tagSpan(context.file.syntax.text, comp);
  if (tag) {
    const written = context.file.syntax.text.slice(tag.start, tag.end);
    report(context, `Unquoted '${written}' is read by YAML as a tag with an empty value, not as an operator. Quote it: "${written}".`, tag);
  } else {
    const span = comp.span.end > comp.span.start ? comp.span : fallback;
    report(context, 'An exception operator must not be empty. Use an operator such as =, in or startswith.', span);
  }
  return true;
}

function checkComp(context: CheckContext, comp: YScalar): void {
  const parsed = readComp(comp.value);
  if (parsed.known && parsed.modifier !== null && !supportsModifiers(context)) {
    report(context, `'${parsed.text}' uses a comparison modifier, which needs Falco 0.44 (engine 0.62.0); the configured engine is ${context.options.engineVersion}.`, comp.span);
    return;
  }
  if (parsed.known) return;
  let hint = didYouMean(parsed.text, CHECK_OPERATORS);
  if (parsed.modifier !== null) hint = ` A modifier such as '${parsed.modifier}' must follow a string operator (e.g. 'startswith ${parsed.modifier}').`;
  else if (/^not\s/.test(parsed.text)) hint = ` Negated operators do not exist; use the positive operator (the exception already excludes what matches).`;
  report(context, `'${parsed.text}' is not a supported comparison operator.${hint}`, comp.span);
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
        if (!comps) {
          report(context, "'comps' is empty. Remove it to use the default operators, or list one operator per field.", pair.keySpan);
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
            report(context, 'Each exception operator must be a single string such as = or startswith.', comp.span);
            continue;
          }
          if (!checkEmpty(context, comp, comps.span)) checkComp(context, comp);
        }
      }
    }
  },
};
