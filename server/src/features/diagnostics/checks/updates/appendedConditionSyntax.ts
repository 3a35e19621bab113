/**
 * An appended condition is raw text: the engine joins the previous condition, a space and the fragment, then
 * parses the result (falco-language.md §2.2–2.3). The syntax layer parses `and …`/`or …` fragments behind a
 * placeholder; any other fragment is parsed alone. Here such a fragment is checked against the text it really
 * extends (the last definition plus earlier appends in load order): when the joined text does not parse while
 * both parts do on their own, the fragment is what breaks it (`LOAD_ERR_COMPILE_CONDITION`). The quick fixes
 * start the fragment with `and` or `or`, each offered only when the joined text then parses.
 */
import { toSourceSpan } from '../../../../syntax/embeddedText';
import { parseCondition } from '../../../../syntax/condition/parser';
import type { Check } from '../../check';
import type { DiagnosticFix } from '../../diagnostic';
import { editScalar } from '../../fixes/scalarEdits';
import { defineCodes } from '../../codes';
import { appendsCondition, previousConditionText } from './updateFacts';

const codes = defineCodes([
  {
    code: 'appended-condition-syntax',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'An appended condition does not form a valid condition once joined to the text it extends.',
    fix: 'Start the appended text with `and` or `or`, e.g. `and not proc.name = my-tool`.',
    example: '- macro: user_known_shell\n  condition: proc.name = my-tool   # joined as "<previous> proc.name = my-tool"\n  override:\n    condition: append\n',
    quickFix: 'Starts the appended text with `and` or with `or` (whichever makes the joined condition valid; neither is preferred).',
  },
]);

const startsWithKeyword = /^\s*(and|or)(?=[\s(]|$)/;

/** Local span of the first token of a fragment: a parenthesis, or a run of characters up to a blank or parenthesis. */
function firstToken(text: string): { start: number; end: number } {
  let start = 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  if (start >= text.length) return { start: 0, end: text.length };
  if (text[start] === '(' || text[start] === ')') return { start, end: start + 1 };
  let end = start;
  while (end < text.length && !/[\s()]/.test(text[end]!)) end++;
  return { start, end };
}

function tail(text: string, length = 30): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > length ? `…${trimmed.slice(trimmed.length - length)}` : trimmed;
}

export const appendedConditionSyntaxCheck: Check = {
  name: 'appended-condition-syntax',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if ((item.kind !== 'rule' && item.kind !== 'macro') || !item.condition || !appendsCondition(item)) continue;
      const fragment = item.condition.scalar.text.value;
      if (startsWithKeyword.test(fragment) || fragment.trim() === '') continue;
      if (item.condition.parsed.problems.length > 0) continue;
      const previous = previousConditionText(context, item);
      if (previous === null || previous.trim() === '') continue;
      if (parseCondition(`${previous} ${fragment}`).problems.length === 0) continue;
      if (parseCondition(previous).problems.length > 0) continue;
      const token = firstToken(fragment);
      const word = fragment.slice(token.start, token.end);
      const fixes: DiagnosticFix[] = [];
      for (const connective of ['and', 'or']) {
        const edit = { span: { start: token.start, end: token.start }, newText: `${connective} ` };
        const joined = `${previous} ${fragment.slice(0, token.start)}${edit.newText}${fragment.slice(token.start)}`;
        if (parseCondition(joined).problems.length > 0) continue;
        const changes = editScalar(context.file.syntax.text, item, item.condition.scalar, [edit]);
        if (changes) fixes.push({ title: `Start the appended condition with '${connective}'`, changes });
      }
      context.report({
        fixes,
        code: 'appended-condition-syntax',
        message:
          `This appended condition is joined to the previous condition of ${item.kind} '${item.name ?? ''}' as raw text ('${tail(previous)} ${word} …'), which is not a valid condition. ` +
          "Appended conditions usually start with 'and' or 'or' (e.g. 'and not …' to add an exclusion).",
        span: toSourceSpan(item.condition.scalar.text, token),
        severity: 'error',
      });
    }
  },
};
