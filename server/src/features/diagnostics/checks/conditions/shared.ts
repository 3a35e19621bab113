/**
 * What the condition checks share: for each rule or macro, the event sources its fields are checked against and
 * how strictly (falco-language.md §5.3: a macro is type-checked only inside the rules that use it), the field and
 * list resolvers, and the severities that follow (an engine error becomes a warning where the engine would not
 * compile the text; `skip-if-unknown-filter: true` turns unknown fields into `unknown-filter-skipped`).
 */
import type { FieldInfo } from '../../../../semantic/catalogs/fieldTypes';
import { fieldEnvironment, fieldToken, type FieldEnvironment, type FieldResolution } from '../../../../semantic/typecheck/fieldResolver';
import { listResolver, type ListResolver } from '../../../../semantic/typecheck/lists';
import { typeOperand, type TypedOperand } from '../../../../semantic/typecheck/operandTypes';
import type { CheckExpr, FieldExpr } from '../../../../syntax/condition/ast';
import { isYamlTrue, itemsWithYamlErrors, type RulesItem } from '../../../../syntax/rulesFile';
import type { IndexedFile } from '../../../../semantic/workspaceIndex';
import type { ProblemSeverity } from '../../../../syntax/problems';
import { getPair, getScalar } from '../../../../syntax/yaml/tree';
import type { CheckContext } from '../../check';
import type { RelatedPlace } from '../../diagnostic';
import { defineCodes } from '../../codes';

export const UNKNOWN_FILTER_SKIPPED = 'unknown-filter-skipped';

/** Reported by the checks of unknown fields, event types and output tokens (each lists it in its codes). */
defineCodes([
  {
    code: UNKNOWN_FILTER_SKIPPED,
    severity: 'warning',
    engineCode: 'LOAD_UNKNOWN_FILTER',
    summary: 'A rule with `skip-if-unknown-filter: true` uses an unknown field, event type or output token: Falco skips the rule instead of failing.',
    fix: 'Nothing, if skipping the rule on Falco versions without the field is intended; otherwise fix the name.',
    quickFix: 'Replaces a misspelled field or event type with one of the closest known names.',
    example: `- rule: Open by my tool
  desc: d
  condition: evt.type = open and proc.nme = my-tool   # the rule is skipped, not refused
  output: "%proc.name opened %fd.name"
  priority: INFO
  skip-if-unknown-filter: true
`,
  },
]);

export interface ItemScope {
  readonly item: RulesItem;
  readonly kind: 'rule' | 'macro';
  /** Sources the fields are checked against. */
  readonly sources: readonly string[];
  /**
   * `all`: a field must exist in every source (a rule; a macro used by rules of these sources). `any`: it must
   * exist in one of them (a macro no rule uses: the engine never type-checks it).
   */
  readonly mode: 'all' | 'any';
  /** The highest severity to report: `warning` where the engine never compiles the text. */
  readonly cap: ProblemSeverity;
  /**
   * The sources of the rules that use this macro are in doubt: one of them has a YAML error in its text and may
   * have lost its `source` key (it then counts as a syscall rule). A field found for another source then gets a
   * warning only. Computed on first use.
   */
  readonly sourcesInDoubt: boolean;
  /** Check fields as if every plugin were loaded (the rule's own source is not loaded: the engine skips it). */
  readonly allPlugins: boolean;
  /**
   * `skip-if-unknown-filter: true` on the rule; for a macro, on every rule that uses it (the engine compiles a
   * macro inside the rules that use it, with their flag). Computed on first use.
   */
  readonly skipUnknown: boolean;
  readonly env: FieldEnvironment;
  readonly lists: ListResolver;
}

function nonEmptyScalarValue(item: RulesItem, key: string): string | undefined {
  const scalar = item.map ? getScalar(item.map, key) : undefined;
  return scalar && !scalar.isNull && scalar.value !== '' ? scalar.value : undefined;
}

/** The rule's full definition item (itself when it is one), for keys that updates inherit. */
function definitionOf(context: CheckContext, item: RulesItem): RulesItem | undefined {
  if (!item.legacyAppend && !item.override) return item;
  if (!item.name) return undefined;
  const definition = context.model.firstDefinition('rule', item.name);
  return definition ? definition.file.syntax.items[definition.declaration.itemIndex] : undefined;
}

/** The event source of a rule item: its own `source`, else its definition's, else `syscall`. */
export function ruleSourceOf(context: CheckContext, item: RulesItem): string {
  const own = nonEmptyScalarValue(item, 'source');
  if (own) return own;
  const definition = definitionOf(context, item);
  return (definition && definition !== item && nonEmptyScalarValue(definition, 'source')) || 'syscall';
}

function skipsUnknown(context: CheckContext, item: RulesItem): boolean {
  const own = item.map ? getPair(item.map, 'skip-if-unknown-filter') : undefined;
  if (own) return isYamlTrue(own.value);
  const definition = definitionOf(context, item);
  const inherited = definition && definition !== item && definition.map ? getPair(definition.map, 'skip-if-unknown-filter') : undefined;
  return inherited ? isYamlTrue(inherited.value) : false;
}

/** Items whose text holds a YAML error: the keys read from them may be wrong, and the engine stops there. */
const damagedItems = itemsWithYamlErrors;

/** True when rules use the macro (directly or through other macros) and all of them skip unknown filters. */
function macroUsersSkipUnknown(context: CheckContext, name: string): boolean {
  let rules = 0;
  const someKeepsErrors = someRuleUsing(context, name, (rule) => {
    rules++;
    return !skipsUnknown(context, rule);
  });
  return rules > 0 && !someKeepsErrors;
}

/**
 * A rule of the given source that uses the macro (directly or through other macros), for `related` information:
 * the engine reports a macro's field errors on the rule it compiles.
 */
export function ruleUsingMacro(context: CheckContext, name: string, source: string): RelatedPlace | undefined {
  let found: RelatedPlace | undefined;
  someRuleUsing(context, name, (rule, file) => {
    if (!rule.nameNode || ruleSourceOf(context, rule) !== source) return false;
    found = { uri: file.uri, span: rule.nameNode.span, message: `used by the ${source} rule \`${rule.name ?? ''}\`` };
    return true;
  });
  return found;
}

/** Visits the rules that use a macro, directly or through other macros, until `visit` returns true. */
function someRuleUsing(context: CheckContext, name: string, visit: (rule: RulesItem, file: IndexedFile) => boolean): boolean {
  const seen = new Set<string>([name]);
  const queue = [name];
  while (queue.length > 0) {
    const macro = queue.pop()!;
    for (const location of context.index.referencesOf('macro', macro)) {
      const item = location.file.syntax.items[location.reference.itemIndex];
      if (!item) continue;
      if (item.kind === 'rule') {
        if (visit(item, location.file)) return true;
      } else if (item.kind === 'macro' && item.name && !seen.has(item.name)) {
        seen.add(item.name);
        queue.push(item.name);
      }
    }
  }
  return false;
}

/** A macro scope whose `skipUnknown` and `sourcesInDoubt` are computed when first read (they walk the users). */
function macroScope(context: CheckContext, name: string | null, scope: Omit<ItemScope, 'skipUnknown' | 'sourcesInDoubt'>): ItemScope {
  let skip: boolean | undefined;
  let doubt: boolean | undefined;
  const result = { ...scope } as ItemScope;
  Object.defineProperty(result, 'skipUnknown', {
    enumerable: true,
    get: () => (skip ??= name !== null && macroUsersSkipUnknown(context, name)),
  });
  Object.defineProperty(result, 'sourcesInDoubt', {
    enumerable: true,
    get: () => (doubt ??= name !== null && someRuleUsing(context, name, (rule, file) => damagedItems(file.syntax).has(rule.index))),
  });
  return result;
}

function isKnownSource(context: CheckContext, source: string): boolean {
  return source === 'syscall' || context.catalogs.fields.isKnownSource(source);
}

/** How the fields of a rule or macro are checked; null for other items and rules of sources nobody knows. */
export function itemScope(context: CheckContext, item: RulesItem): ItemScope | null {
  if (item.kind !== 'rule' && item.kind !== 'macro') return null;
  const env = fieldEnvironment(context.catalogs, context.options.plugins);
  const lists = listResolver(context.index, context.index.positionOf(context.file.uri));
  const base = { item, kind: item.kind, env, lists };
  if (item.kind === 'rule') {
    const source = ruleSourceOf(context, item);
    if (!isKnownSource(context, source)) return null;
    const loaded = env.isSourceLoaded(source);
    const damaged = damagedItems(context.file.syntax).has(item.index);
    return {
      ...base,
      sources: [source],
      mode: 'all',
      cap: loaded && !damaged ? 'error' : 'warning',
      sourcesInDoubt: false,
      allPlugins: !loaded,
      skipUnknown: skipsUnknown(context, item),
    };
  }
  const users = item.name ? [...context.model.sourcesUsingMacro(item.name)].filter((source) => isKnownSource(context, source)).sort() : [];
  const loadedUsers = users.filter((source) => env.isSourceLoaded(source));
  const cap: ProblemSeverity = damagedItems(context.file.syntax).has(item.index) ? 'warning' : 'error';
  if (loadedUsers.length > 0) return macroScope(context, item.name, { ...base, sources: loadedUsers, mode: 'all', cap, allPlugins: false });
  if (users.length > 0) return macroScope(context, item.name, { ...base, sources: users, mode: 'all', cap: 'warning', allPlugins: true });
  const all = [...new Set(['syscall', ...context.catalogs.fields.sources()])];
  return { ...base, sources: all, mode: 'any', cap: 'warning', sourcesInDoubt: false, allPlugins: false, skipUnknown: false };
}

const verifiedScopes = new WeakMap<ItemScope, ItemScope>();

/**
 * A macro scope whose sources are recomputed from the rules that really use the macro, with the source each
 * update inherits from its rule's definition (the load model counts an update without `source:` as a syscall
 * rule). Used to confirm a failure before reporting it; the walk only happens then.
 */
export function verifiedMacroScope(context: CheckContext, scope: ItemScope): ItemScope {
  if (scope.kind !== 'macro' || scope.mode !== 'all' || !scope.item.name) return scope;
  let verified = verifiedScopes.get(scope);
  if (verified) return verified;
  const sources = new Set<string>();
  someRuleUsing(context, scope.item.name, (rule) => {
    sources.add(ruleSourceOf(context, rule));
    return false;
  });
  const users = [...sources].filter((source) => isKnownSource(context, source)).sort();
  const loaded = users.filter((source) => scope.env.isSourceLoaded(source));
  const chosen = loaded.length > 0 ? loaded : users;
  if (chosen.length === 0 || (chosen.length === scope.sources.length && chosen.every((source, index) => source === scope.sources[index]))) {
    verified = scope;
  } else {
    verified = macroScope(context, scope.item.name, {
      item: scope.item,
      kind: scope.kind,
      env: scope.env,
      lists: scope.lists,
      sources: chosen,
      mode: 'all',
      cap: loaded.length > 0 ? scope.cap : 'warning',
      allPlugins: loaded.length === 0,
    });
  }
  verifiedScopes.set(scope, verified);
  return verified;
}

/** The severity to report an engine error or warning at, within a scope. */
export function scopedSeverity(scope: ItemScope, severity: ProblemSeverity): ProblemSeverity {
  return scope.cap === 'warning' && severity === 'error' ? 'warning' : severity;
}

export interface ScopedField {
  /** `ok`, or the first failure found (for the source in `source`). */
  readonly resolution: FieldResolution;
  readonly source: string;
  /** The field to type the operand with, when it resolves in some checked source. */
  readonly field?: FieldInfo;
  /** The failure is for some sources only: the field exists for others. */
  readonly partial?: boolean;
}

/** Resolves a field token in a scope: every source must have it (`all`), or one of them (`any`). */
export function resolveInScope(scope: ItemScope, token: string): ScopedField {
  let failure: ScopedField | undefined;
  let field: FieldInfo | undefined;
  for (const source of scope.sources) {
    const resolution = scope.env.resolve(token, source, scope.allPlugins);
    if (resolution.kind === 'ok') {
      field ??= resolution.field;
      if (scope.mode === 'any') return { resolution, source, field };
    } else if (!failure || (scope.mode === 'any' && rank(resolution) > rank(failure.resolution))) {
      failure = { resolution, source };
    }
  }
  if (failure) return field ? { ...failure, field, partial: true } : failure;
  return { resolution: scope.env.resolve(token, scope.sources[0]!, scope.allPlugins), source: scope.sources[0]!, field };
}

/** The severity of a field lookup failure in a scope. */
export function fieldFailureSeverity(scope: ItemScope, scoped: ScopedField): ProblemSeverity {
  if (scope.sourcesInDoubt && (scoped.partial || scoped.resolution.kind === 'wrongSource' || scoped.resolution.kind === 'unloaded')) return 'warning';
  return scopedSeverity(scope, 'error');
}

/** Which failure says most in `any` mode: a field that exists somewhere beats a plain unknown name. */
function rank(resolution: FieldResolution): number {
  switch (resolution.kind) {
    case 'argument':
    case 'syntax':
      return 3;
    case 'unloaded':
      return 2;
    case 'wrongSource':
      return 1;
    default:
      return 0;
  }
}

const leftCache = new WeakMap<CheckExpr, { scope: ItemScope; value: TypedOperand }>();

/** The type of a check's left-hand side in a scope (transformer problems are not collected here). */
export function leftOperand(scope: ItemScope, check: CheckExpr): TypedOperand {
  const cached = leftCache.get(check);
  if (cached && cached.scope === scope) return cached.value;
  const value = typeOperand(check.left, (node) => fieldOfNode(scope, node));
  leftCache.set(check, { scope, value });
  return value;
}

/** The catalog field of a field node in a scope (undefined when it does not resolve). */
export function fieldOfNode(scope: ItemScope, node: FieldExpr): FieldInfo | undefined {
  return resolveInScope(scope, fieldToken(node.name, node.arg)).field;
}
