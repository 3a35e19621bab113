/**
 * The macros, lists and rules that the upstream rules files define (falco_rules.yaml, the incubating, sandbox and
 * deprecated rulesets, the plugin rules files), with the releases that have each one. Built from the bundled
 * generated data; lets a hover explain a name that is missing from the workspace, and the checks assume the names
 * of upstream files that the configuration loads but the workspace lacks.
 */
import data from '../../data/upstreamNames.generated.json';

export type UpstreamKind = 'macro' | 'list' | 'rule';

export interface UpstreamDefinition {
  /** Upstream file name, e.g. `falco_rules.yaml`. */
  readonly file: string;
  /** Release labels that define the name in this file, newest first, e.g. `falco-rules-5.1.0`. */
  readonly versions: readonly string[];
}

interface GeneratedUpstreamNames {
  sets: { file: string; versions: string[] }[];
  macros: Record<string, number[]>;
  lists: Record<string, number[]>;
  rules: Record<string, number[]>;
}

const generated = data as GeneratedUpstreamNames;
const sets: readonly UpstreamDefinition[] = generated.sets.map((set) => Object.freeze({ file: set.file, versions: Object.freeze([...set.versions]) }));
const byKind: Readonly<Record<UpstreamKind, ReadonlyMap<string, readonly UpstreamDefinition[]>>> = {
  macro: indexOf(generated.macros),
  list: indexOf(generated.lists),
  rule: indexOf(generated.rules),
};

function indexOf(names: Record<string, number[]>): ReadonlyMap<string, readonly UpstreamDefinition[]> {
  const map = new Map<string, readonly UpstreamDefinition[]>();
  for (const [name, indexes] of Object.entries(names)) {
    map.set(name, Object.freeze(indexes.flatMap((index) => (sets[index] ? [sets[index]] : []))));
  }
  return map;
}

const NONE: readonly UpstreamDefinition[] = Object.freeze([]);
const NONE_NAMES: readonly string[] = Object.freeze([]);

/** The upstream files that define a name of this kind, in the order hovers show them; empty when none does. */
export function upstreamDefinitions(kind: UpstreamKind, name: string): readonly UpstreamDefinition[] {
  if (typeof name !== 'string') return NONE;
  return byKind[kind]?.get(name) ?? NONE;
}

/** A release label for readers: `falco-rules-5.1.0` → `falco-rules 5.1.0`; labels without a version stay as they are. */
export function displayVersion(label: string): string {
  const match = /^(.+)-(\d+\.\d+\.\d+)$/.exec(label);
  return match ? `${match[1]} ${match[2]}` : label;
}

/** The base name of a configured file (`/etc/falco/falco_rules.yaml` → `falco_rules.yaml`). */
function baseName(path: string): string {
  const trimmed = typeof path === 'string' ? path.trim() : '';
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** Whether an upstream file (base name) is one of `assumed` (base names or paths). */
export function isAssumedFile(file: string, assumed: readonly string[]): boolean {
  return assumed.some((entry) => baseName(entry) === file);
}

/**
 * The first upstream definition of a name of this kind whose file is one of `assumed` (upstream files that the
 * configuration loads but the workspace lacks; base names or paths); undefined when none is.
 */
export function assumedDefinition(kind: UpstreamKind, name: string, assumed: readonly string[] | undefined): UpstreamDefinition | undefined {
  if (!assumed || assumed.length === 0) return undefined;
  return upstreamDefinitions(kind, name).find((definition) => isAssumedFile(definition.file, assumed));
}

const assumedNameCache = new Map<string, readonly string[]>();

/** Every name of a kind that one of the `assumed` upstream files defines (for did-you-mean); empty when none. */
export function assumedNames(kind: UpstreamKind, assumed: readonly string[] | undefined): readonly string[] {
  if (!assumed || assumed.length === 0) return NONE_NAMES;
  const key = `${kind}\u0000${assumed.map(baseName).sort().join('\u0000')}`;
  let names = assumedNameCache.get(key);
  if (!names) {
    names = Object.freeze([...(byKind[kind]?.entries() ?? [])].filter(([, definitions]) => definitions.some((definition) => isAssumedFile(definition.file, assumed))).map(([name]) => name));
    if (assumedNameCache.size > 32) assumedNameCache.clear();
    assumedNameCache.set(key, names);
  }
  return names;
}

const fileNames: ReadonlySet<string> = new Set(sets.map((set) => set.file));

/** The names of the upstream rules files the catalog knows. */
export function upstreamFileNames(): readonly string[] {
  return [...fileNames];
}

/** True for the name of an upstream rules file the catalog knows (`falco_rules.yaml`, `k8s_audit_rules.yaml`…). */
export function isUpstreamFileName(name: string): boolean {
  return fileNames.has(name);
}
