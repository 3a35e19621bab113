/**
 * Fields of an exception must be valid left-hand sides for the rule's event source (falco-language.md §3.2): a
 * field the source knows, with a valid argument, or (Falco 0.38+) a transformer expression such as
 * `tolower(proc.name)`. Otherwise the engine stops with ''x' is not a supported filter field'
 * (`LOAD_ERR_VALIDATE`), even with `skip-if-unknown-filter`. Not checked when the rule's source is not loaded
 * (the engine skips the rule). Fields of plugins that are not loaded are unknown to the engine.
 */
import type { FieldInfo, ResolvedFieldToken } from '../../../../semantic/catalogs';
import { walkCondition, type FieldExpr } from '../../../../syntax/condition/ast';
import { parseCondition } from '../../../../syntax/condition/parser';
import { toSourceSpan } from '../../../../syntax/embeddedText';
import type { YScalar } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { didYouMean } from '../../suggest';
import { exceptionsView, isSourceLoaded, isValidatedRole, ruleSource, scalarItems } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-unknown-field',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "An exception's fields name a field the rule's source does not have, or an invalid field expression.",
    fix: 'Fix the field name, or use a field of the rule\'s source (load the plugin that provides it).',
    example: '    - name: known\n      fields: [proc.nmae]\n      values: [[my-tool]]\n',
  },
]);

function isAvailable(context: CheckContext, field: FieldInfo): boolean {
  const plugins = context.options.plugins;
  if (plugins === undefined || field.providers.length === 0 || field.providers.includes('libsinsp')) return true;
  return field.providers.some((provider) => plugins.includes(provider));
}

const ARGUMENT_PROBLEMS: Record<NonNullable<ResolvedFieldToken['problem']>, string> = {
  argumentRequired: 'needs an argument',
  argumentNotAllowed: 'takes no argument',
  wrongArgumentSyntax: 'takes its argument after a dot, not in brackets',
  invalidIndex: 'needs a number as its index',
  unknownArgument: 'does not know this argument',
  unterminatedArgument: "has an argument without its closing ']'",
};

/** The problem with one field token for a source, or null when the engine accepts it. */
function fieldProblem(context: CheckContext, token: string, source: string): string | null {
  const fields = context.catalogs.fields;
  const resolved = fields.resolveFieldToken(token, source);
  if (resolved) {
    if (resolved.problem) return `'${token}' is not a supported filter field: '${resolved.name}' ${ARGUMENT_PROBLEMS[resolved.problem]}.`;
    if (!isAvailable(context, resolved.field)) {
      const providers = resolved.field.providers.join(' or ');
      return `'${token}' is not a supported filter field here: it comes from the ${providers} plugin, which is not loaded.`;
    }
    return null;
  }
  const elsewhere = fields.resolveFieldToken(token);
  if (elsewhere) {
    const sources = fields.sourcesOfField(elsewhere.name).filter((name) => name !== '*');
    return `'${token}' is not a supported filter field for source '${source}'; it belongs to ${sources.map((name) => `'${name}'`).join(', ')}.`;
  }
  const name = token.replace(/\[.*$/, '');
  const hint = didYouMean(name, fields.fieldsForSource(source).map((field) => field.name));
  return `'${token}' is not a supported filter field.${hint}`;
}

function checkField(context: CheckContext, scalar: YScalar, source: string): void {
  const text = scalar.text.value;
  const expression = text.trim();
  if (expression === '') return;
  const offset = text.indexOf(expression);
  const parsed = parseCondition(`${expression} exists`);
  const ast = parsed.ast;
  const whole = toSourceSpan(scalar.text, { start: offset, end: offset + expression.length });
  if (parsed.problems.length > 0 || !ast || ast.kind !== 'check' || ast.left.span.end !== expression.length) {
    context.report({
      code: 'exception-unknown-field',
      message: `'${expression}' is not a supported filter field: an exception field must be a field name or a transformer of fields such as tolower(proc.name).`,
      span: whole,
      severity: 'error',
    });
    return;
  }
  const found: FieldExpr[] = [];
  walkCondition(ast.left, (node) => {
    if (node.kind === 'field') found.push(node);
  });
  for (const node of found) {
    const token = expression.slice(node.span.start, node.span.end);
    const problem = fieldProblem(context, token, source);
    if (!problem) continue;
    context.report({
      code: 'exception-unknown-field',
      message: problem,
      span: toSourceSpan(scalar.text, { start: offset + node.span.start, end: offset + node.span.end }),
      severity: 'error',
    });
  }
}

export const exceptionUnknownFieldCheck: Check = {
  name: 'exception-unknown-field',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (item.kind !== 'rule') continue;
      const view = exceptionsView(context, item);
      if (!view || !view.entries.some((entry) => entry.fieldsPair)) continue;
      const source = ruleSource(context, item);
      if (!isSourceLoaded(context, source)) continue;
      for (const entry of view.entries) {
        const role = view.roleOf(entry);
        // An append to a rule that does not exist yet has no known source; update-target-missing reports it.
        if (!entry.fieldsPair || !isValidatedRole(role) || role === 'append-orphan') continue;
        for (const scalar of scalarItems(entry.fieldsPair.value)) {
          if (!scalar.isNull) checkField(context, scalar, source);
        }
      }
    }
  },
};
