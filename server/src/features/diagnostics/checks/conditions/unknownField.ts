/**
 * Fields in conditions that the engine cannot compile: names no loaded field class knows (`filter_check called
 * with nonexistent field`), fields of another event source (`ka.*` in a syscall rule), fields of plugins that are
 * not loaded, and argument problems (`evt.argv[1]` is a 'filter syntax error', `evt.arg` needs an argument). A
 * macro is checked against the sources of the rules that use it; in a macro no rule uses, only a name unknown to
 * every source is reported, as a warning (falco-language.md §5.3, §6.3).
 */
import { fieldToken } from '../../../../semantic/typecheck/fieldResolver';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { fieldProblemMessage, unknownFieldFixes } from './fieldMessages';
import { fieldFailureSeverity, resolveInScope, ruleUsingMacro, UNKNOWN_FILTER_SKIPPED, verifiedMacroScope } from './shared';
import { conditionTargets, forEachField, sourceSpan } from './targets';

const codes = defineCodes([
  {
    code: 'unknown-field',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'A condition uses a field that does not exist, or that only a plugin Falco does not load provides.',
    fix: 'Correct the name (the message suggests the closest field), or load the plugin that provides the field.',
    quickFix: 'Changes the name to each of the closest fields of the event source (up to three).',
    example: `- rule: Shell spawned
  desc: A shell was started
  condition: evt.type = execve and proc.nme = bash   # proc.name
  output: "shell (%proc.name)"
  priority: WARNING
`,
  },
  {
    code: 'field-wrong-source',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'A condition uses a field of another event source (e.g. `ka.*` in a syscall rule).',
    fix: "Use a field of the rule's source, or move the check to a rule (or macro used by rules) of the field's source.",
    example: `- rule: Secret read
  desc: d
  condition: evt.type = open and ka.verb = get   # ka.* is k8s_audit
  output: o
  priority: INFO
`,
  },
  {
    code: 'field-argument',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'A field argument is missing, not allowed, malformed or unknown (e.g. `evt.argv[1]`, `proc.aname[x]`).',
    fix: 'Write the argument the way the field takes it, e.g. `evt.arg.name`, `evt.arg[1]` or `proc.aname[2]`.',
    example: `- macro: first_arg_is_dash
  condition: evt.argv[1] startswith -   # evt.arg[1]
`,
  },
]);

export const unknownFieldCheck: Check = {
  name: 'unknown-field',
  codes: [...codes, UNKNOWN_FILTER_SKIPPED],
  itemLocal: true,
  run(context) {
    for (const target of conditionTargets(context)) {
      const condition = target.condition;
      forEachField(condition.parsed.ast!, (node) => {
        const token = fieldToken(node.name, node.arg);
        let scope = target.scope;
        let scoped = resolveInScope(scope, token);
        if (scoped.resolution.kind === 'ok') return;
        // Confirm a macro's failure with the sources of the rules that really use it.
        const verified = verifiedMacroScope(context, scope);
        if (verified !== scope) {
          scope = verified;
          scoped = resolveInScope(scope, token);
        }
        const { resolution, source } = scoped;
        if (resolution.kind === 'ok') return;
        let span = node.nameSpan;
        let code: string;
        switch (resolution.kind) {
          case 'argument': {
            code = 'field-argument';
            const argument = resolution.resolved.argument;
            if (resolution.problem !== 'argumentRequired' && argument) {
              span = argument.syntax === 'bracket' && node.arg ? node.arg.span : { start: node.nameSpan.start + argument.start, end: node.nameSpan.start + argument.end };
            }
            break;
          }
          case 'syntax':
            code = 'field-argument';
            span = node.span;
            break;
          case 'wrongSource':
            code = 'field-wrong-source';
            break;
          default:
            code = 'unknown-field';
        }
        const documentSpan = sourceSpan(condition, span);
        if (!documentSpan) return;
        const skipped = scope.skipUnknown && code !== 'field-argument';
        const engineWords = "'nonexistent field'";
        let message = fieldProblemMessage(token, resolution, scope, source, context, engineWords);
        if (skipped) message += ' With `skip-if-unknown-filter: true`, Falco skips this rule instead of failing.';
        const related = scope.kind === 'macro' && scope.mode === 'all' && scope.item.name ? ruleUsingMacro(context, scope.item.name, source) : undefined;
        const fixes = unknownFieldFixes(context, resolution, scope, source, node.name, sourceSpan(condition, node.nameSpan));
        context.report({
          code: skipped ? UNKNOWN_FILTER_SKIPPED : code,
          severity: skipped ? 'warning' : fieldFailureSeverity(scope, scoped),
          span: documentSpan,
          message,
          ...(related ? { related: [related] } : {}),
          ...(fixes ? { fixes } : {}),
        });
      });
    }
  },
};
