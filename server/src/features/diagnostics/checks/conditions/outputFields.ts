/**
 * `%field` placeholders of rule outputs that the engine cannot compile (falco-language.md §7, engine-verified.md):
 * the placeholder ends at the longest prefix that is a field of the rule's source (`%proc.name:` is fine), so
 * only a token none of whose prefixes is a field is an error, `unknown filter`. A field of another source (`%ka.*` in
 * a syscall rule) is reported as such. Fields inside `%transformer(…)` placeholders are checked too. Filter-only
 * fields are accepted in outputs, as the engine does. `%container.info` is left to `deprecated-field`.
 */
import { fieldToken, type FieldResolution } from '../../../../semantic/typecheck/fieldResolver';
import { toSourceSpan } from '../../../../syntax/embeddedText';
import type { ConditionNode } from '../../../../syntax/condition/ast';
import { shrinkToKnownField, type OutputPlaceholder } from '../../../../syntax/output/outputFormat';
import type { Span } from '../../../../syntax/span';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { fieldProblemMessage, unknownFieldFixes } from './fieldMessages';
import { type ItemScope, resolveInScope, scopedSeverity, UNKNOWN_FILTER_SKIPPED } from './shared';
import { forEachField, outputTargets } from './targets';

const codes = defineCodes([
  {
    code: 'output-unknown-field',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_OUTPUT',
    summary: 'An output `%placeholder` starts with no known field (`unknown filter`), or a field in it is unknown or malformed.',
    fix: 'Correct the field name after `%` (the message suggests the closest field).',
    quickFix: 'Replaces the misspelled name with one of the closest fields of the rule\'s source.',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve
  output: "shell %proc.nmae"   # %proc.name
  priority: INFO
`,
  },
  {
    code: 'output-field-wrong-source',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_OUTPUT',
    summary: 'An output `%placeholder` is a field of another event source (e.g. `%ka.user.name` in a syscall rule).',
    fix: "Use a field of the rule's own source in the output.",
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve
  output: "shell by %ka.user.name"   # %user.name
  priority: INFO
`,
  },
]);

const CONTAINER_INFO = '%container.info';
const ENGINE_WORDS = "'unknown filter'";

function report(context: CheckContext, scope: ItemScope, span: Span, token: string, resolution: Exclude<FieldResolution, { kind: 'ok' }>, source: string): void {
  const skipped = scope.skipUnknown;
  let message = fieldProblemMessage(token, resolution, scope, source, context, ENGINE_WORDS);
  if (skipped) message += ' With `skip-if-unknown-filter: true`, Falco skips this rule instead of failing.';
  const code = skipped ? UNKNOWN_FILTER_SKIPPED : resolution.kind === 'wrongSource' ? 'output-field-wrong-source' : 'output-unknown-field';
  const fixes = unknownFieldFixes(context, resolution, scope, source, token, span);
  context.report({ code, severity: skipped ? 'warning' : scopedSeverity(scope, 'error'), span, message, ...(fixes ? { fixes } : {}) });
}

/** Why no prefix of a placeholder is a field: the full token's own problem, or a prefix that exists elsewhere. */
function explain(scope: ItemScope, placeholder: OutputPlaceholder): { token: string; resolution: Exclude<FieldResolution, { kind: 'ok' }>; source: string } {
  const full = fieldToken(placeholder.name, placeholder.arg);
  const scoped = resolveInScope(scope, full);
  if (scoped.resolution.kind !== 'ok' && scoped.resolution.kind !== 'unknown') {
    return { token: full, resolution: scoped.resolution, source: scoped.source };
  }
  // A prefix that is a field of another source or of a plugin that is not loaded (`%ka.user.name:`).
  let found: { token: string; resolution: Exclude<FieldResolution, { kind: 'ok' }>; source: string } | undefined;
  shrinkToKnownField(placeholder, (name, arg) => {
    const token = fieldToken(name, arg !== undefined ? { value: arg } : undefined);
    const { resolution, source } = resolveInScope(scope, token);
    if (resolution.kind === 'wrongSource' || resolution.kind === 'unloaded') {
      found = { token, resolution, source };
      return true;
    }
    return false;
  });
  if (found) return found;
  return { token: full, resolution: { kind: 'unknown' }, source: scope.sources[0]! };
}

function checkTransformerFields(context: CheckContext, scope: ItemScope, root: ConditionNode, toSource: (span: Span) => Span): void {
  forEachField(root, (node) => {
    const token = fieldToken(node.name, node.arg);
    const { resolution, source } = resolveInScope(scope, token);
    if (resolution.kind === 'ok') return;
    report(context, scope, toSource(node.nameSpan), token, resolution, source);
  });
}

export const outputFieldsCheck: Check = {
  name: 'output-fields',
  codes: [...codes, UNKNOWN_FILTER_SKIPPED],
  itemLocal: true,
  run(context) {
    for (const { output, scope } of outputTargets(context)) {
      const text = output.scalar.text;
      const toSource = (span: Span) => toSourceSpan(text, span);
      for (const token of output.parsed.tokens) {
        if (token.kind === 'text') continue;
        if (token.kind === 'transformer') {
          checkTransformerFields(context, scope, token.expr, toSource);
          continue;
        }
        if (text.value.startsWith(CONTAINER_INFO, token.span.start)) continue;
        const known = shrinkToKnownField(token, (name, arg) =>
          resolveInScope(scope, fieldToken(name, arg !== undefined ? { value: arg } : undefined)).resolution.kind === 'ok',
        );
        if (known) continue;
        const { token: shown, resolution, source } = explain(scope, token);
        report(context, scope, toSource({ start: token.nameSpan.start, end: token.span.end }), shown, resolution, source);
      }
    }
  },
};
