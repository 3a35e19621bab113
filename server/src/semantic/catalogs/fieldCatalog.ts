/**
 * The field catalog: which filter fields exist for which event source, with their types, argument syntax and
 * flags. Built from the bundled generated data, optionally extended with a user's `falco --list --format json`.
 */
import data from '../../data/fields.generated.json';
import { resolveFieldTokenWith } from './fieldToken';
import type {
  ArgDomain,
  ArgForm,
  FieldInfo,
  FormerLibsinspField,
  OutputPlaceholder,
  ResolvedFieldToken,
} from './fieldTypes';
import { NO_ARGUMENT } from './fieldTypes';

export * from './fieldTypes';
export { parseFalcoFieldList, normalizeFieldType } from './falcoFieldList';

/** The wildcard source of generic fields (`evt.*`, the json plugin's): usable with every event source. */
export const ANY_SOURCE = '*';

export interface ProviderInfo {
  readonly name: string;
  readonly kind: 'builtin' | 'plugin';
  readonly version?: string;
  /** Event source the plugin produces events for, if it has that capability. */
  readonly eventSource?: string;
  /** Event sources the plugin extracts fields from (`*` = any). */
  readonly extractSources: readonly string[];
}

export interface FieldCatalogOptions {
  /** Validates `evt.arg.<name>` / `evt.rawarg.<name>`; usually EventCatalog.isEventParam. */
  readonly isEventParam?: (name: string) => boolean;
  /** Validates `evt.type.is.<name>`; usually EventCatalog.isEventTableName. */
  readonly isEventTableName?: (name: string) => boolean;
}

export interface FieldCatalogData {
  readonly fields: readonly FieldInfo[];
  /** Known event sources (without `*`). */
  readonly sources: readonly string[];
  readonly providers: readonly ProviderInfo[];
  readonly outputPlaceholders: readonly OutputPlaceholder[];
  readonly formerLibsinspFields: readonly FormerLibsinspField[];
  /** libs releases the `libsVersions` of fields refer to (oldest first). */
  readonly libsVersions: readonly string[];
  /** Falco release → libs release it ships. */
  readonly falcoLibsVersions: Readonly<Record<string, string>>;
}

const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class FieldCatalog {
  private readonly byName = new Map<string, FieldInfo[]>();
  private readonly knownSources: ReadonlySet<string>;
  private readonly perSource = new Map<string, readonly FieldInfo[]>();
  private readonly providerByName: ReadonlyMap<string, ProviderInfo>;

  constructor(
    readonly data: FieldCatalogData,
    private readonly options: FieldCatalogOptions = {},
  ) {
    for (const field of data.fields) {
      const list = this.byName.get(field.name);
      if (list) list.push(field);
      else this.byName.set(field.name, [field]);
    }
    const sources = new Set(data.sources);
    for (const field of data.fields) for (const source of field.sources) sources.add(source);
    sources.delete(ANY_SOURCE);
    this.knownSources = sources;
    this.providerByName = new Map(data.providers.map((p) => [p.name, p]));
  }

  /** The catalog built from the bundled generated data. */
  static builtin(options: FieldCatalogOptions = {}): FieldCatalog {
    return new FieldCatalog(builtinData(), options);
  }

  /** A field by exact name (no argument) usable with `source`; generic fields match every source. */
  lookup(name: string, source: string): FieldInfo | undefined {
    return this.byName.get(name)?.find((field) => appliesTo(field, source));
  }

  /** A field by exact name for any source. */
  lookupAnySource(name: string): FieldInfo | undefined {
    return this.byName.get(name)?.[0];
  }

  /**
   * Splits a token such as `proc.aname[2]`, `evt.arg.flags` or `jevt.value[/a/b]` into field and argument.
   * Without `source`, fields of every source are considered. Undefined when no field matches.
   */
  resolveFieldToken(token: string, source?: string): ResolvedFieldToken | undefined {
    return resolveFieldTokenWith(token, {
      lookup: source === undefined ? (name) => this.lookupAnySource(name) : (name) => this.lookup(name, source),
      isEventParam: this.options.isEventParam,
      isEventTableName: this.options.isEventTableName,
    });
  }

  /** All fields usable with `source` (generic ones included), sorted by name. */
  fieldsForSource(source: string): readonly FieldInfo[] {
    let fields = this.perSource.get(source);
    if (!fields) {
      fields = [...this.byName.values()]
        .flatMap((list) => list.filter((field) => appliesTo(field, source)).slice(0, 1))
        .sort((a, b) => compareNames(a.name, b.name));
      this.perSource.set(source, fields);
    }
    return fields;
  }

  allFields(): readonly FieldInfo[] {
    return this.data.fields;
  }

  /** Known event sources, sorted (never `*`). */
  sources(): readonly string[] {
    return [...this.knownSources].sort(compareNames);
  }

  isKnownSource(source: string): boolean {
    return this.knownSources.has(source);
  }

  /** Sources where a field name exists (`*` for generic fields), to say "field X belongs to source Y". */
  sourcesOfField(name: string): readonly string[] {
    const sources = new Set((this.byName.get(name) ?? []).flatMap((field) => field.sources));
    return [...sources].sort(compareNames);
  }

  provider(name: string): ProviderInfo | undefined {
    return this.providerByName.get(name);
  }

  /** `%container.info`-like output placeholders that are not fields. */
  outputPlaceholder(name: string): OutputPlaceholder | undefined {
    return this.data.outputPlaceholders.find((placeholder) => placeholder.name === name);
  }

  /** A field libsinsp no longer provides (removed or moved to a plugin), for better unknown-field messages. */
  formerLibsinspField(name: string): FormerLibsinspField | undefined {
    return this.data.formerLibsinspFields.find((field) => field.name === name);
  }

  /** Oldest Falco release known to have a field, when the field is not in every release the data covers. */
  firstFalcoVersionOf(field: FieldInfo): string | undefined {
    if (!field.libsVersions) return undefined;
    const versions = field.libsVersions;
    return Object.keys(this.data.falcoLibsVersions)
      .sort(compareVersions)
      .find((falco) => versions.includes(this.data.falcoLibsVersions[falco] ?? ''));
  }

  /**
   * A catalog with more fields (e.g. from parseFalcoFieldList). A field already known for a source keeps its
   * built-in record, which carries argument syntax a listing lacks; new names and new sources are added.
   */
  withExtraFields(fields: readonly FieldInfo[]): FieldCatalog {
    const added: FieldInfo[] = [];
    for (const field of fields) {
      const known = [...(this.byName.get(field.name) ?? []), ...added.filter((f) => f.name === field.name)];
      const newSources = field.sources.filter(
        (source) => !known.some((k) => k.sources.includes(source) || k.sources.includes(ANY_SOURCE)),
      );
      if (newSources.length > 0) added.push({ ...field, sources: newSources });
    }
    return new FieldCatalog({ ...this.data, fields: [...this.data.fields, ...added] }, this.options);
  }

  /** The same fields with other validation hooks. */
  withOptions(options: FieldCatalogOptions): FieldCatalog {
    return new FieldCatalog(this.data, options);
  }
}

function appliesTo(field: FieldInfo, source: string): boolean {
  return field.sources.includes(source) || field.sources.includes(ANY_SOURCE);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Generated data → catalog records.

interface GeneratedField {
  name: string;
  type: string;
  sources: string[];
  class: string;
  providers: string[];
  arg?: { form: string; required: boolean; domain?: string; values?: string[] };
  isList?: boolean;
  filterOnly?: boolean;
  printOnly?: boolean;
  hidden?: boolean;
  noRhs?: boolean;
  noTransformer?: boolean;
  formatSuggested?: boolean;
  deprecated?: boolean;
  deprecatedBy?: string;
  replacedByPlugin?: string;
  aliasOf?: string;
  libsVersions?: string[];
  desc?: string;
}

interface GeneratedFieldsFile {
  libsVersions: string[];
  falcoLibsVersions: Record<string, string>;
  sources: Record<string, string[]>;
  providers: Record<string, { kind: string; version?: string; eventSource?: string; extractSources: string[] }>;
  outputPlaceholders: OutputPlaceholder[];
  formerLibsinspFields: FormerLibsinspField[];
  fields: GeneratedField[];
}

function toFieldInfo(raw: GeneratedField): FieldInfo {
  const arg = raw.arg
    ? {
        form: raw.arg.form as ArgForm,
        required: raw.arg.required,
        ...(raw.arg.domain ? { domain: raw.arg.domain as ArgDomain } : {}),
        ...(raw.arg.values ? { values: raw.arg.values } : {}),
      }
    : NO_ARGUMENT;
  return {
    name: raw.name,
    type: raw.type,
    sources: raw.sources,
    class: raw.class,
    providers: raw.providers,
    arg,
    isList: raw.isList === true,
    filterOnly: raw.filterOnly === true,
    printOnly: raw.printOnly === true,
    hidden: raw.hidden === true,
    noRhs: raw.noRhs === true,
    noTransformer: raw.noTransformer === true,
    formatSuggested: raw.formatSuggested === true,
    deprecated: raw.deprecated === true,
    ...(raw.deprecatedBy ? { deprecatedBy: raw.deprecatedBy } : {}),
    ...(raw.replacedByPlugin ? { replacedByPlugin: raw.replacedByPlugin } : {}),
    ...(raw.aliasOf ? { aliasOf: raw.aliasOf } : {}),
    ...(raw.libsVersions ? { libsVersions: raw.libsVersions } : {}),
    ...(raw.desc ? { desc: raw.desc } : {}),
    origin: 'builtin',
  };
}

let builtinCache: FieldCatalogData | undefined;

function builtinData(): FieldCatalogData {
  if (!builtinCache) {
    const file = data as unknown as GeneratedFieldsFile;
    builtinCache = {
      fields: file.fields.map(toFieldInfo),
      sources: Object.keys(file.sources).filter((source) => source !== ANY_SOURCE),
      providers: Object.entries(file.providers).map(([name, p]) => ({
        name,
        kind: p.kind === 'builtin' ? 'builtin' : 'plugin',
        ...(p.version ? { version: p.version } : {}),
        ...(p.eventSource ? { eventSource: p.eventSource } : {}),
        extractSources: p.extractSources,
      })),
      outputPlaceholders: file.outputPlaceholders,
      formerLibsinspFields: file.formerLibsinspFields,
      libsVersions: file.libsVersions,
      falcoLibsVersions: file.falcoLibsVersions,
    };
  }
  return builtinCache;
}
