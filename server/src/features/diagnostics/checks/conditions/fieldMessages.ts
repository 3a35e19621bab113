/**
 * Messages for field lookups that fail, shared by the condition and output checks: an unknown name (with a
 * did-you-mean among the fields of the source), a field of another source, a field of a plugin that is not
 * loaded, and argument problems (missing, not allowed, wrong syntax, bad index, unknown event parameter); and the
 * "change to the closest field" quick fixes of an unknown name.
 */
import type { FieldArgumentProblem, FieldInfo, ResolvedFieldToken } from '../../../../semantic/catalogs/fieldTypes';
import type { FieldResolution } from '../../../../semantic/typecheck/fieldResolver';
import type { Span } from '../../../../syntax/span';
import type { CheckContext } from '../../check';
import type { DiagnosticFix } from '../../diagnostic';
import { changeToFixes } from '../../fixes/didYouMean';
import { suggest } from '../../suggest';
import type { ItemScope } from './shared';

/** How a field's argument is written, for messages, in backticks (`` `evt.arg.name` or `evt.arg[N]` ``). */
export function argumentExample(field: FieldInfo): string {
  const code = (...forms: string[]) => forms.map((form) => `\`${field.name}${form}\``).join(' or ');
  switch (field.arg.form) {
    case 'index':
      return code('[N]');
    case 'key':
      return code('[name]');
    case 'indexOrKey':
      return code('[N]', '[name]');
    case 'path':
      return code('[/json/pointer]');
    case 'dotKey':
      return code('.name');
    case 'indexOrDotKey':
      return code('.name', '[N]');
    default:
      return code('');
  }
}

export function argumentMessage(field: FieldInfo, resolved: ResolvedFieldToken, problem: FieldArgumentProblem, context: CheckContext): string {
  const argument = resolved.argument?.text ?? '';
  switch (problem) {
    case 'argumentRequired':
      return `The field \`${field.name}\` needs an argument: write ${argumentExample(field)}.`;
    case 'argumentNotAllowed':
      return `The field \`${field.name}\` takes no argument: remove \`[${argument}]\`.`;
    case 'wrongArgumentSyntax':
      return `The field \`${field.name}\` takes its argument after a dot, not in brackets: write \`${field.name}.${argument || 'name'}\`.`;
    case 'invalidIndex':
      return `The argument of \`${field.name}\` must be a number, not \`${argument}\`.`;
    case 'unterminatedArgument':
      return `The argument of \`${field.name}\` is not closed with \`]\`.`;
    case 'unknownArgument': {
      const domain = field.arg.domain;
      if (field.arg.values) {
        return `\`${argument}\` is not an argument of \`${field.name}\`: use one of ${field.arg.values.map((value) => `\`${value}\``).join(', ')}.`;
      }
      if (domain === 'eventParam') {
        const guess = suggest(argument, context.catalogs.events.allParamNames(), 1);
        return `\`${argument}\` is not a parameter of any event, so \`${field.name}.${argument}\` does not exist ('unknown event argument').${guess.length ? ` Did you mean \`${field.name}.${guess[0]}\`?` : ''}`;
      }
      if (domain === 'eventType') {
        const guess = suggest(argument, context.catalogs.events.eventNames(), 1);
        return `\`${argument}\` is not an event name, so \`${field.name}.${argument}\` does not exist.${guess.length ? ` Did you mean \`${field.name}.${guess[0]}\`?` : ''}`;
      }
      return `\`${argument}\` is not a valid argument of \`${field.name}\` (expected ${argumentExample(field)}).`;
    }
  }
}

/** The name part of a field token, for suggestions (`proc.aname[2]` → `proc.aname`). */
function tokenName(token: string): string {
  const bracket = token.indexOf('[');
  return bracket >= 0 ? token.slice(0, bracket) : token;
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const found = suggest(word, candidates, 1);
  return found.length > 0 ? ` Did you mean \`${found[0]}\`?` : '';
}

/**
 * The fields closest to an unknown field name, among the fields of `source` (of every source for a macro no rule
 * uses): the message's did-you-mean and the quick fixes of the unknown-field checks.
 */
export function fieldSuggestions(name: string, scope: ItemScope, source: string, context: CheckContext, max = 3): string[] {
  const candidates = scope.mode === 'any' ? context.catalogs.fields.allFields().map((field) => field.name) : scope.env.fieldNames(source, scope.allPlugins);
  return suggest(name, candidates, max);
}

/**
 * The quick fixes of an unknown field name written at `span` (document offsets): one per suggestion. Undefined
 * when the failure is not an unknown name (a field of another source, an argument problem).
 */
export function unknownFieldFixes(
  context: CheckContext,
  resolution: FieldResolution,
  scope: ItemScope,
  source: string,
  name: string,
  span: Span | null,
): DiagnosticFix[] | undefined {
  if (resolution.kind !== 'unknown') return undefined;
  const fixes = changeToFixes(context.file.syntax.text, span, name, fieldSuggestions(name, scope, source, context));
  return fixes.length > 0 ? fixes : undefined;
}

/** Which field catalog the checks used, for messages. */
export function catalogDescription(context: CheckContext): string {
  const extra = context.catalogs.fields.allFields().some((field) => field.origin === 'extra');
  return `the built-in catalog (Falco 0.44.1 with its plugins)${extra ? ' and the configured extra catalogs' : ''}`;
}

/** `plugin` / `plugin1` or `plugin2`. */
function pluginNames(plugins: readonly string[]): string {
  // The k8saudit variants share one field list: naming the main plugin is enough.
  const shown = plugins.includes('k8saudit') ? ['k8saudit'] : plugins;
  return shown.map((name) => `\`${name}\``).join(' or ');
}

/**
 * The message for a field that the engine would not find (`unknown`, `unloaded`, `wrongSource`, `syntax`) or
 * whose argument it refuses. `where` says which source was checked ("this rule's source `syscall`").
 */
export function fieldProblemMessage(
  token: string,
  resolution: Exclude<FieldResolution, { kind: 'ok' }>,
  scope: ItemScope,
  source: string,
  context: CheckContext,
  engineWords: string,
): string {
  const where =
    scope.kind === 'rule'
      ? `this rule's source \`${source}\``
      : scope.mode === 'all'
        ? `the \`${source}\` rules that use this macro`
        : 'any event source';
  switch (resolution.kind) {
    case 'unknown': {
      const name = tokenName(token);
      const former = context.catalogs.fields.formerLibsinspField(name);
      const history = former
        ? ` It was removed from the core libraries after libs ${former.lastLibsVersion}${former.nowProvidedBy?.length ? `; it is now provided by the ${pluginNames(former.nowProvidedBy)} plugin` : ''}.`
        : '';
      const guess = fieldSuggestions(name, scope, source, context, 1);
      const suggestion = guess.length > 0 ? ` Did you mean \`${guess[0]}\`?` : '';
      // A field class nobody knows is likely a plugin of the user's own: say which catalog was used.
      const prefix = name.split('.')[0];
      const knownClass = context.catalogs.fields.allFields().some((field) => field.name.startsWith(prefix + '.'));
      const catalog = knownClass || suggestion ? '' : ` Fields were checked against ${catalogDescription(context)}; for a plugin of your own, add its field list (\`falco --list --format json\`) with the \`falco.fieldCatalogs.extraPaths\` setting.`;
      return `Unknown field \`${name}\` (${engineWords}).${history}${suggestion}${catalog}`;
    }
    case 'unloaded':
      return `The field \`${resolution.field.name}\` comes from the ${pluginNames(resolution.plugins)} plugin, which is not loaded: Falco does not know it (${engineWords}). Load the plugin or remove the field.`;
    case 'wrongSource': {
      const sources = resolution.sources.map((s) => `\`${s}\``).join(', ');
      return `The field \`${resolution.field.name}\` belongs to the ${sources} event source, not to ${where} (${engineWords}).`;
    }
    case 'syntax': {
      const field = resolution.field;
      const name = tokenName(token);
      const candidates = scope.env.fieldNames(source, scope.allPlugins);
      return `\`${token}\` is not a field: Falco reads it as \`${field.name}\` followed by \`${token.slice(field.name.length)}\` ('filter syntax error'). Write ${argumentExample(field)}.${didYouMean(name, candidates)}`;
    }
    case 'argument':
      return argumentMessage(resolution.field, resolution.resolved, resolution.problem, context);
  }
}
