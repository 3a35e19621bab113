/**
 * Field lookup as the engine does it for one event source and one set of loaded plugins: a field whose providers
 * are all unloaded plugins does not exist for the engine (`nonexistent field`), a field of another source does not
 * either, and a token that starts like an argument-taking libsinsp field but continues with other characters is a
 * syntax error of that field (`evt.argv[1]`). Results are cached per catalog and plugin set.
 */
import type { Catalogs } from '../catalogs';
import { ANY_SOURCE } from '../catalogs/fieldCatalog';
import { resolveFieldTokenWith } from '../catalogs/fieldToken';
import type { FieldArgumentProblem, FieldInfo, ResolvedFieldToken } from '../catalogs/fieldTypes';

export type FieldResolution =
  /** The field exists for the source and its argument is fine. */
  | { readonly kind: 'ok'; readonly field: FieldInfo; readonly resolved: ResolvedFieldToken }
  /** The field exists but its argument is missing, not allowed or malformed. */
  | { readonly kind: 'argument'; readonly field: FieldInfo; readonly resolved: ResolvedFieldToken; readonly problem: FieldArgumentProblem }
  /** The token starts with an argument-taking field and continues with something that is no argument. */
  | { readonly kind: 'syntax'; readonly field: FieldInfo }
  /** The field exists for the source, but only in plugins that are not loaded. */
  | { readonly kind: 'unloaded'; readonly field: FieldInfo; readonly plugins: readonly string[] }
  /** The field exists, for other sources only. */
  | { readonly kind: 'wrongSource'; readonly field: FieldInfo; readonly sources: readonly string[] }
  | { readonly kind: 'unknown'; readonly suggestion?: string };

/** The text the engine looks up for a field node: the name, plus `[arg]` when there is one. */
export function fieldToken(name: string, arg?: { readonly value: string }): string {
  return arg ? `${name}[${arg.value}]` : name;
}

function appliesTo(field: FieldInfo, source: string): boolean {
  return field.sources.includes(source) || field.sources.includes(ANY_SOURCE);
}

export class FieldEnvironment {
  private readonly byName = new Map<string, FieldInfo[]>();
  private readonly cache = new Map<string, FieldResolution>();
  private readonly namesBySource = new Map<string, readonly string[]>();
  private readonly plugins: ReadonlySet<string> | undefined;
  /** libsinsp fields that parse their argument themselves, longest first (for the `evt.argv[1]` syntax error). */
  private readonly argumentFields: readonly FieldInfo[];

  constructor(
    private readonly catalogs: Catalogs,
    plugins: readonly string[] | undefined,
  ) {
    this.plugins = plugins ? new Set(plugins) : undefined;
    for (const field of catalogs.fields.allFields()) {
      const list = this.byName.get(field.name);
      if (list) list.push(field);
      else this.byName.set(field.name, [field]);
    }
    this.argumentFields = catalogs.fields
      .allFields()
      .filter((field) => field.providers.includes('libsinsp') && field.arg.form !== 'none')
      .sort((a, b) => b.name.length - a.name.length);
  }

  /** Whether the engine has the field: it comes from libsinsp or a loaded plugin (fields of unknown origin count). */
  isLoaded(field: FieldInfo): boolean {
    if (!this.plugins || field.providers.length === 0) return true;
    return field.providers.some((provider) => provider === 'libsinsp' || this.plugins!.has(provider));
  }

  /** Whether the events of a source reach the engine: `syscall` always, others when a loaded plugin produces them. */
  isSourceLoaded(source: string): boolean {
    if (source === 'syscall') return true;
    const fields = this.catalogs.fields;
    if (!this.plugins) return fields.isKnownSource(source);
    return [...this.plugins].some((name) => fields.provider(name)?.eventSource === source);
  }

  /** Plugins (of the catalogs) that provide a field, without libsinsp. */
  pluginsOf(field: FieldInfo): string[] {
    return field.providers.filter((provider) => provider !== 'libsinsp');
  }

  private lookup(name: string, source: string | undefined, loadedOnly: boolean): FieldInfo | undefined {
    const candidates = this.byName.get(name);
    if (!candidates) return undefined;
    return candidates.find((field) => (source === undefined || appliesTo(field, source)) && (!loadedOnly || this.isLoaded(field)));
  }

  private resolveWith(token: string, source: string | undefined, loadedOnly: boolean): ResolvedFieldToken | undefined {
    const events = this.catalogs.events;
    return resolveFieldTokenWith(token, {
      lookup: (name) => this.lookup(name, source, loadedOnly),
      isEventParam: (name) => events.isEventParam(name),
      isEventTableName: (name) => events.isEventTableName(name),
    });
  }

  /**
   * Resolves a field token (`proc.name`, `proc.aname[2]`, `evt.arg.flags`) for a source. With `allPlugins`, every
   * plugin of the catalogs counts as loaded.
   */
  resolve(token: string, source: string, allPlugins = false): FieldResolution {
    const key = `${allPlugins ? '*' : ''}${source}\u0000${token}`;
    let result = this.cache.get(key);
    if (!result) {
      result = this.compute(token, source, allPlugins);
      this.cache.set(key, result);
    }
    return result;
  }

  private compute(token: string, source: string, allPlugins: boolean): FieldResolution {
    const loadedOnly = !allPlugins;
    const resolved = this.resolveWith(token, source, loadedOnly);
    if (resolved) {
      return resolved.problem
        ? { kind: 'argument', field: resolved.field, resolved, problem: resolved.problem }
        : { kind: 'ok', field: resolved.field, resolved };
    }
    if (loadedOnly) {
      const unloaded = this.resolveWith(token, source, false);
      if (unloaded) return { kind: 'unloaded', field: unloaded.field, plugins: this.pluginsOf(unloaded.field) };
    }
    const prefixed = this.argumentFields.find(
      (field) => token.length > field.name.length && token.startsWith(field.name) && appliesTo(field, source) && !/[.[]/.test(token[field.name.length]!),
    );
    if (prefixed) return { kind: 'syntax', field: prefixed };
    const elsewhere = this.resolveWith(token, undefined, false);
    if (elsewhere) {
      const sources = new Set<string>();
      for (const field of this.byName.get(elsewhere.field.name) ?? []) for (const s of field.sources) if (s !== ANY_SOURCE) sources.add(s);
      return { kind: 'wrongSource', field: elsewhere.field, sources: [...sources].sort() };
    }
    return { kind: 'unknown' };
  }

  /** Names of the fields the engine has for a source (loaded plugins only unless `allPlugins`), for suggestions. */
  fieldNames(source: string, allPlugins = false): readonly string[] {
    const key = `${allPlugins ? '*' : ''}${source}`;
    let names = this.namesBySource.get(key);
    if (!names) {
      names = this.catalogs.fields
        .fieldsForSource(source)
        .filter((field) => allPlugins || this.isLoaded(field))
        .map((field) => field.name);
      this.namesBySource.set(key, names);
    }
    return names;
  }
}

const environments = new WeakMap<Catalogs, Map<string, FieldEnvironment>>();

/** The (cached) field environment of a catalog set and a plugin list (undefined: every plugin). */
export function fieldEnvironment(catalogs: Catalogs, plugins: readonly string[] | undefined): FieldEnvironment {
  let byPlugins = environments.get(catalogs);
  if (!byPlugins) environments.set(catalogs, (byPlugins = new Map()));
  const key = plugins ? [...plugins].sort().join(',') : '*';
  let environment = byPlugins.get(key);
  if (!environment) byPlugins.set(key, (environment = new FieldEnvironment(catalogs, plugins)));
  return environment;
}
