/**
 * Deprecated fields (falco-language.md §6.4, engine-verified.md, LOAD_DEPRECATED_ITEM):
 * - `evt.dir`: since enter events are dropped, `evt.dir = <` is always true and `evt.dir = >` always false;
 * - `evt.latency`, `.s`, `.ns`, `.human` and `evt.wait_latency`: no value any more. In outputs the engine looks for
 *   the names as text, so `%evt.latency.quantized` is flagged there too, but not in conditions;
 * - `%container.info` in an output: removed from the text, to be dropped by Falco 1.0.
 * Plugin fields their plugin documents as deprecated get a hint only: the engine does not warn about them.
 * Quick fixes remove a constant `evt.dir` comparison where that keeps the meaning, and `%container.info`.
 */
import type { FieldInfo } from '../../../../semantic/catalogs/fieldTypes';
import { fieldToken } from '../../../../semantic/typecheck/fieldResolver';
import { toSourceSpan } from '../../../../syntax/embeddedText';
import type { CheckExpr, ConditionNode } from '../../../../syntax/condition/ast';
import { walkCondition } from '../../../../syntax/condition/ast';
import type { Span } from '../../../../syntax/span';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { constantDirectionCheck, removeConstantCheck } from '../../fixes/conditionEdits';
import { removeOutputText } from '../../fixes/outputEdits';
import { type ItemScope, resolveInScope, scopedSeverity } from './shared';
import { conditionTargets, outputTargets, sourceSpan, type ConditionTarget } from './targets';

const codes = defineCodes([
  {
    code: 'deprecated-field',
    severity: 'warning',
    engineCode: 'LOAD_DEPRECATED_ITEM',
    summary: 'A deprecated field (`evt.dir`, `evt.latency*`, `evt.wait_latency`) or the `%container.info` output placeholder.',
    fix: 'Remove the check on `evt.dir` (it is constant) and the latency fields; replace `%container.info` by explicit container fields or drop it.',
    quickFix:
      'Removes an `evt.dir = <` (or `>`, `!=`) comparison with its `and`/`or` and any parentheses left redundant, when that keeps what the condition matches; removes `%container.info` and one space next to it from an output.',
    example: `- macro: exit_event
  condition: evt.dir = <   # always true since Falco 0.42
`,
  },
  {
    code: 'deprecated-plugin-field',
    severity: 'hint',
    engineCode: null,
    summary: 'A plugin field its plugin documents as deprecated; Falco still accepts it without a warning.',
    fix: 'Use the field the plugin recommends instead, when the message names one.',
    example: `- rule: Pod from a given image
  desc: d
  condition: ka.verb = create and ka.req.container.image = nginx
  output: "pod by %ka.user.name"
  priority: INFO
  source: k8s_audit
`,
  },
]);

/** Fields the engine warns about in conditions (exact names). */
const CONDITION_DEPRECATED = new Set(['evt.dir', 'evt.latency', 'evt.latency.s', 'evt.latency.ns', 'evt.latency.human', 'evt.wait_latency']);

/** Whether the engine's textual search of an output finds a deprecated name in this placeholder. */
function deprecatedInOutput(name: string): boolean {
  return name.startsWith('evt.dir') || name.startsWith('evt.latency') || name.startsWith('evt.wait_latency');
}

const LATENCY = 'has no value since Falco stopped receiving enter events, so the check or output is meaningless: remove it';

function evtDirMessage(check: CheckExpr | undefined): string {
  const right = check?.right;
  const value = right && right.kind === 'value' ? right.value : undefined;
  if (check && (check.operator.name === '=' || check.operator.name === '==') && (value === '<' || value === '>')) {
    const always = value === '<' ? 'true' : 'false';
    return `\`evt.dir\` is deprecated: since Falco no longer receives enter events, \`evt.dir ${check.operator.name} ${value}\` always evaluates to ${always} ('LOAD_DEPRECATED_ITEM'). Remove the condition on \`evt.dir\`.`;
  }
  return "`evt.dir` is deprecated: since Falco no longer receives enter events, `evt.dir = <` always evaluates to true and `evt.dir = >` to false ('LOAD_DEPRECATED_ITEM'). Remove the condition on `evt.dir`.";
}

function pluginHint(field: FieldInfo): string {
  const instead = field.deprecatedBy ? ` Use \`${field.deprecatedBy}\` instead.` : field.replacedByPlugin ? ` The \`${field.replacedByPlugin}\` plugin now provides this data.` : '';
  return `The field \`${field.name}\` is documented as deprecated by its plugin (Falco still accepts it).${instead}`;
}

function reportPluginField(context: CheckContext, scope: ItemScope, token: string, span: Span | null): void {
  if (!span) return;
  const { field } = resolveInScope(scope, token);
  if (!field || !field.deprecated || field.providers.includes('libsinsp')) return;
  context.report({ code: 'deprecated-plugin-field', severity: 'hint', span, message: pluginHint(field), tags: ['deprecated'] });
}

function evtDirFixes(context: CheckContext, target: ConditionTarget, check: CheckExpr | undefined): DiagnosticFix[] {
  const value = check ? constantDirectionCheck(check) : undefined;
  if (!check || value === undefined) return [];
  const fix = removeConstantCheck(context.file.syntax.text, target.item, target.condition, check, value);
  return fix ? [fix] : [];
}

function checkConditions(context: CheckContext): void {
  for (const target of conditionTargets(context)) {
    const { condition, scope } = target;
    walkCondition(condition.parsed.ast!, (node: ConditionNode, parent: ConditionNode | undefined) => {
      if (node.kind !== 'field') return;
      const span = sourceSpan(condition, node.nameSpan);
      if (CONDITION_DEPRECATED.has(node.name) && !node.arg) {
        if (!span) return;
        const check = parent && parent.kind === 'check' && parent.left === node ? parent : undefined;
        context.report({
          code: 'deprecated-field',
          severity: scopedSeverity(scope, 'warning'),
          span,
          message: node.name === 'evt.dir' ? evtDirMessage(check) : `\`${node.name}\` is deprecated: it ${LATENCY} ('LOAD_DEPRECATED_ITEM').`,
          tags: ['deprecated'],
          fixes: node.name === 'evt.dir' ? evtDirFixes(context, target, check) : [],
        });
        return;
      }
      reportPluginField(context, scope, fieldToken(node.name, node.arg), span);
    });
  }
}

const CONTAINER_INFO = '%container.info';

function checkOutputs(context: CheckContext): void {
  for (const { item, output, scope } of outputTargets(context)) {
    const text = output.scalar.text;
    for (let at = text.value.indexOf(CONTAINER_INFO); at >= 0; at = text.value.indexOf(CONTAINER_INFO, at + CONTAINER_INFO.length)) {
      const fix = removeOutputText(context.file.syntax.text, item, output, { start: at, end: at + CONTAINER_INFO.length });
      context.report({
        fixes: fix ? [fix] : [],
        code: 'deprecated-field',
        severity: scopedSeverity(scope, 'warning'),
        span: toSourceSpan(text, { start: at, end: at + CONTAINER_INFO.length }),
        message:
          "`%container.info` is deprecated and will be dropped by Falco 1.0: Falco removes it from the output, and the container plugin adds the container fields by itself ('LOAD_DEPRECATED_ITEM'). Remove it, or write the container fields you want (e.g. `%container.id %container.name`).",
        tags: ['deprecated'],
      });
    }
    for (const token of output.parsed.tokens) {
      if (token.kind !== 'field') continue;
      const span = toSourceSpan(text, token.nameSpan);
      if (deprecatedInOutput(token.name)) {
        const base = token.name.startsWith('evt.dir') ? 'evt.dir' : token.name;
        context.report({
          code: 'deprecated-field',
          severity: scopedSeverity(scope, 'warning'),
          span,
          message:
            base === 'evt.dir'
              ? "`evt.dir` is deprecated: Falco no longer receives enter events, so the event direction carries no information ('LOAD_DEPRECATED_ITEM'). Remove it from the output."
              : `\`${token.name}\` is deprecated: it ${LATENCY} ('LOAD_DEPRECATED_ITEM').`,
          tags: ['deprecated'],
        });
        continue;
      }
      reportPluginField(context, scope, fieldToken(token.name, token.arg), span);
    }
  }
}

export const deprecatedFieldCheck: Check = {
  name: 'deprecated-field',
  codes,
  itemLocal: true,
  run(context) {
    checkConditions(context);
    checkOutputs(context);
  },
};
