/**
 * The macros, lists and rules that the upstream rules files define (falco_rules.yaml, the incubating, sandbox and
 * deprecated rulesets, the plugin rules files), with the releases that have each one. Built from the bundled
 * generated data; lets a hover explain a name that is missing from the workspace.
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
