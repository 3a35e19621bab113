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
import type { DiagnosticFix } from '../../diagnostic';
import { replaceSpan } from '../../fixes/sequenceEdits';
import { suggest } from '../../suggest';
import { exceptionsView, isSourceLoaded, isValidatedRole, ruleSource, scalarItems } from './updateFacts';

const codes = defineCodes([
  {
    code: 'exception-unknown-field',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "An exception's fields name a field the rule's source does not have, or an invalid field expression.",
    fix: 'Fix the field name, or use a field of the rule\'s source (load the plugin that provides it).',
    example: '    - name: known\n      fields: [proc.nmae]\n      values: [[my-tool]]\n',
    quickFix: "Replaces a misspelled field by the nearest fields of the rule's source.",
  },
]);

/** What judging a field needs: the catalogs and the configured plugins. */
export type FieldEnvironment = Pick<CheckContext, 'catalogs' | 'options'>;

function isAvailable(context: FieldEnvironment, field: FieldInfo): boolean {
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

interface FieldProblem {
  readonly message: string;
  /** Fields of the source the token may be a misspelling of, closest first. */
  readonly suggestions: readonly string[];
}

/** The problem with one field token for a source, or null when the engine accepts it. */
function fieldProblem(context: FieldEnvironment, token: string, source: string): FieldProblem | null {
  const fields = context.catalogs.fields;
  const resolved = fields.resolveFieldToken(token, source);
  if (resolved) {
    if (resolved.problem) return { message: `'${token}' is not a supported filter field: '${resolved.name}' ${ARGUMENT_PROBLEMS[resolved.problem]}.`, suggestions: [] };
    if (!isAvailable(context, resolved.field)) {
      const providers = resolved.field.providers.join(' or ');
      return { message: `'${token}' is not a supported filter field here: it comes from the ${providers} plugin, which is not loaded.`, suggestions: [] };
    }
    return null;
  }
  const elsewhere = fields.resolveFieldToken(token);
  if (elsewhere) {
    const sources = fields.sourcesOfField(elsewhere.name).filter((name) => name !== '*');
    return { message: `'${token}' is not a supported filter field for source '${source}'; it belongs to ${sources.map((name) => `'${name}'`).join(', ')}.`, suggestions: [] };
  }
  const name = token.replace(/\[.*$/, '');
  const suggestions = suggest(name, fields.fieldsForSource(source).map((field) => field.name), 3);
  const hint = suggestions.length > 0 ? ` Did you mean \`${suggestions[0]}\`?` : '';
  return { message: `'${token}' is not a supported filter field.${hint}`, suggestions };
}

/**
 * Judges field tokens of exceptions for a rule's source, as the engine does (null: accepted), for other features
 * such as the condition conversion. Every field is accepted when the source is not loaded (the engine skips it).
 */
export function exceptionFieldJudge(context: CheckContext, source: string): (token: string) => string | null {
  if (!isSourceLoaded(context, source)) return () => null;
  return (token) => (fieldProblem(context, token, source) ? `'${token}' is not a supported filter field for source '${source}'` : null);
}

function replacements(span: { start: number; end: number }, suggestions: readonly string[]): DiagnosticFix[] {
  return suggestions.map((candidate) => ({ title: `Change to '${candidate}'`, changes: [replaceSpan(span, candidate)], preferred: suggestions.length === 1 }));
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
    const candidates = context.catalogs.fields.fieldsForSource(source).map((field) => field.name);
    context.report({
      code: 'exception-unknown-field',
      message: `'${expression}' is not a supported filter field: an exception field must be a field name or a transformer of fields such as tolower(proc.name).`,
      span: whole,
      severity: 'error',
      fixes: replacements(whole, suggest(expression, candidates, 3)),
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
    const span = toSourceSpan(scalar.text, { start: offset + node.span.start, end: offset + node.span.end });
    // The suggestions replace the name; an argument written after it (`[…]`) stays.
    const nameSpan = toSourceSpan(scalar.text, { start: offset + node.nameSpan.start, end: offset + node.nameSpan.end });
    context.report({ code: 'exception-unknown-field', message: problem.message, span, severity: 'error', fixes: replacements(nameSpan, problem.suggestions) });
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
