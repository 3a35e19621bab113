/**
 * What the engine knows at each point of the load: the workspace's items in Falco's load order, which names are
 * defined before a given item, which macros and lists are used (for unused warnings), and which event sources
 * the rules that use a macro have. Built lazily from the index and cached per index generation
 * (falco-language.md §1.11, §2, §5).
 */
import type { Declaration, Reference, SymbolKind } from './fileSymbols';
import type { RulesItem } from '../syntax/rulesFile';
import type { DeclarationLocation, IndexedFile, WorkspaceIndex } from './workspaceIndex';
import { getScalar } from '../syntax/yaml/tree';

/** A point in the load: file position in the load order, then item index in the file. */
export interface LoadPoint {
  readonly filePosition: number;
  readonly itemIndex: number;
}

export function compareLoadPoints(a: LoadPoint, b: LoadPoint): number {
  return a.filePosition - b.filePosition || a.itemIndex - b.itemIndex;
}

function pointOf(location: DeclarationLocation): LoadPoint {
  return { filePosition: location.filePosition, itemIndex: location.declaration.itemIndex };
}

interface UsageTables {
  /** macro name → names of macros its conditions refer to (all its declarations). */
  readonly macroEdges: Map<string, Set<string>>;
  /** macro name → sources of the rules that use it, directly or through other macros. */
  readonly macroSources: Map<string, Set<string>>;
  readonly usedMacros: Set<string>;
  readonly usedLists: Set<string>;
  /** Names of the macros defined somewhere in the workspace. */
  readonly declaredMacros: Set<string>;
}

/** What one file contributes to the usage tables, with a signature to tell whether it changed. */
interface UsageContribution {
  readonly signature: string;
  readonly macroEdges: readonly [string, string][];
  /** Macros used by each rule item; `source` is null for an update item without `source:` (it has its rule's). */
  readonly ruleMacros: readonly { rule: string | null; source: string | null; macros: Set<string> }[];
  /** Sources of the rules this file fully defines, in file order. */
  readonly ruleSources: readonly [string, string][];
  readonly listReferences: readonly { name: string; owner: { kind: string; name: string | null } }[];
  readonly listNames: readonly string[];
  readonly macroNames: readonly string[];
}

export class LoadModel {
  private usage: UsageTables | null = null;
  private usageGeneration = -1;
  private usageSignatures: readonly string[] = [];
  private usageVersionCounter = 0;
  private usageDigest = '';
  private readonly contributions = new WeakMap<IndexedFile['symbols'], UsageContribution>();

  constructor(private readonly index: WorkspaceIndex) {}

  /** Changes whenever who-uses-what changes anywhere in the workspace (the usage tables were rebuilt). */
  get usageVersion(): number {
    this.tables();
    return this.usageVersionCounter;
  }

  /** The load point of an item of a file (filePosition -1 when the file is not indexed). */
  pointOf(uri: string, itemIndex: number): LoadPoint {
    return { filePosition: this.index.positionOf(uri), itemIndex };
  }

  /** Declarations of a name strictly before a point, in load order. */
  declarationsBefore(kind: SymbolKind, name: string, point: LoadPoint): DeclarationLocation[] {
    return this.index.declarationsOf(kind, name).filter((location) => compareLoadPoints(pointOf(location), point) < 0);
  }

  /** True when a full definition (or, for lists and macros, a `replace` that acts as one) precedes the point. */
  isDefinedBefore(kind: SymbolKind, name: string, point: LoadPoint): boolean {
    return this.declarationsBefore(kind, name, point).some((location) => definesName(location.declaration));
  }

  /** The first defining declaration of a name in load order. */
  firstDefinition(kind: SymbolKind, name: string): DeclarationLocation | undefined {
    return this.index.declarationsOf(kind, name).find((location) => definesName(location.declaration));
  }

  /**
   * Whether a macro name is visible from a condition: rules see every macro of the files loaded so far
   * (including later items of their own file); macros only see macros first defined before them.
   */
  isMacroVisible(name: string, from: LoadPoint, fromKind: 'rule' | 'macro'): boolean {
    const first = this.firstDefinition('macro', name);
    if (!first) return false;
    if (fromKind === 'rule') return first.filePosition <= from.filePosition;
    return compareLoadPoints(pointOf(first), from) < 0;
  }

  /** Sources (`syscall`, `k8s_audit`, …) of the rules that use a macro, directly or through other macros. */
  sourcesUsingMacro(name: string): ReadonlySet<string> {
    return this.tables().macroSources.get(name) ?? new Set();
  }

  /** Names of macros a macro refers to. */
  macroReferences(name: string): ReadonlySet<string> {
    return this.tables().macroEdges.get(name) ?? new Set();
  }

  isMacroUsed(name: string): boolean {
    return this.tables().usedMacros.has(name);
  }

  isListUsed(name: string): boolean {
    return this.tables().usedLists.has(name);
  }

  private tables(): UsageTables {
    if (this.usage && this.usageGeneration === this.index.contentGeneration) return this.usage;
    // Typing inside a condition rarely changes who uses what: rebuild only when a file's contribution changed.
    const contributions = this.index.files().map((file) => this.contributionOf(file));
    const signatures = contributions.map((contribution) => contribution.signature);
    const same = this.usage !== null && signatures.length === this.usageSignatures.length && signatures.every((signature, index) => signature === this.usageSignatures[index]);
    if (!same) {
      const usage = buildUsageTables(contributions);
      // Typing a word in a condition changes the words used, rarely what is used: the version (and with it the
      // per-item caches of the checks) only moves when the tables' content does.
      const digest = digestOf(usage);
      if (digest !== this.usageDigest) this.usageVersionCounter++;
      this.usage = usage;
      this.usageDigest = digest;
      this.usageSignatures = signatures;
    }
    this.usageGeneration = this.index.contentGeneration;
    return this.usage!;
  }

  private contributionOf(file: IndexedFile): UsageContribution {
    let contribution = this.contributions.get(file.symbols);
    if (!contribution) {
      contribution = fileContribution(file);
      this.contributions.set(file.symbols, contribution);
    }
    return contribution;
  }
}

/** Lists and macros are (re)defined by a plain definition or by `override: replace`; rules only by a definition. */
export function definesName(declaration: Declaration): boolean {
  if (declaration.mode === 'define') return true;
  return declaration.mode === 'replace' && declaration.kind !== 'rule';
}

/** The explicit source of a rule item; a full definition defaults to syscall, an update to its rule's source. */
function ruleSource(file: IndexedFile, itemIndex: number): string | null {
  const item = file.syntax.items[itemIndex];
  const source = item?.map ? getScalar(item.map, 'source') : undefined;
  if (source && !source.isNull && source.value !== '') return source.value;
  return item && (item.legacyAppend || item.override) ? null : 'syscall';
}

interface ItemContribution {
  readonly signature: string;
  readonly macroEdges: readonly [string, string][];
  readonly ruleMacros: { rule: string | null; source: string | null; macros: Set<string> } | null;
  readonly ruleSource: [string, string] | null;
  readonly listReferences: readonly { name: string; owner: { kind: string; name: string | null } }[];
  readonly listName: string | null;
}

/** Per item, cached by item identity: an edit recomputes only the items it touched. */
const itemContributions = new WeakMap<RulesItem, ItemContribution>();

function itemContribution(file: IndexedFile, item: RulesItem, references: readonly Reference[], declarations: readonly Declaration[]): ItemContribution {
  const cached = itemContributions.get(item);
  if (cached) return cached;
  const owner = { kind: item.kind, name: item.name };
  const macroEdges: [string, string][] = [];
  const macros = new Set<string>();
  const listReferences: { name: string; owner: { kind: string; name: string | null } }[] = [];
  for (const reference of references) {
    if (reference.kind === 'list') listReferences.push({ name: reference.name, owner });
    else if (item.kind === 'macro' && item.name) macroEdges.push([item.name, reference.name]);
    else if (item.kind === 'rule') macros.add(reference.name);
  }
  const ruleMacros = item.kind === 'rule' && macros.size > 0 ? { rule: item.name, source: ruleSource(file, item.index), macros } : null;
  const definition = declarations.find((declaration) => declaration.kind === 'rule' && declaration.mode === 'define');
  const ruleSourceEntry: [string, string] | null = definition ? [definition.name, ruleSource(file, item.index) ?? 'syscall'] : null;
  const listName = declarations.find((declaration) => declaration.kind === 'list')?.name ?? null;
  const signature = JSON.stringify([
    macroEdges,
    ruleMacros ? [ruleMacros.rule, ruleMacros.source, [...ruleMacros.macros]] : null,
    ruleSourceEntry,
    listReferences.map((reference) => reference.name),
    item.kind,
    item.name,
    listName,
  ]);
  const contribution = { signature, macroEdges, ruleMacros, ruleSource: ruleSourceEntry, listReferences, listName };
  itemContributions.set(item, contribution);
  return contribution;
}

function fileContribution(file: IndexedFile): UsageContribution {
  const parts = file.syntax.items.map((item, position) => {
    const symbols = file.symbols.byItem[position];
    return itemContribution(file, item, symbols?.references ?? [], symbols?.declarations ?? []);
  });
  return {
    signature: parts.map((part) => part.signature).join('\n'),
    macroEdges: parts.flatMap((part) => part.macroEdges),
    ruleMacros: parts.flatMap((part) => (part.ruleMacros ? [part.ruleMacros] : [])),
    ruleSources: parts.flatMap((part) => (part.ruleSource ? [part.ruleSource] : [])),
    listReferences: parts.flatMap((part) => part.listReferences),
    listNames: parts.flatMap((part) => (part.listName !== null ? [part.listName] : [])),
    macroNames: file.syntax.items.flatMap((item) => (item.kind === 'macro' && item.name !== null ? [item.name] : [])),
  };
}

/**
 * What other items can learn from the usage tables: which defined macros and lists are used, by which sources,
 * and the edges between defined macros. Names nobody defines (a word being typed) do not count.
 */
function digestOf(usage: UsageTables): string {
  const defined = usage.declaredMacros;
  const sorted = (values: Iterable<string>) => [...values].filter((name) => defined.has(name)).sort().join(',');
  const edges = [...usage.macroEdges]
    .filter(([name]) => defined.has(name))
    .map(([name, targets]) => `${name}>${sorted(targets)}`)
    .sort()
    .join(';');
  const sources = [...usage.macroSources]
    .filter(([name]) => defined.has(name))
    .map(([name, values]) => `${name}@${[...values].sort().join(',')}`)
    .sort()
    .join(';');
  return `${sorted(usage.usedMacros)}|${[...usage.usedLists].sort().join(',')}|${edges}|${sources}`;
}

function buildUsageTables(contributions: readonly UsageContribution[]): UsageTables {
  const macroEdges = new Map<string, Set<string>>();
  const listNames = new Set<string>();
  const usedLists = new Set<string>();
  for (const contribution of contributions) for (const name of contribution.listNames) listNames.add(name);
  for (const contribution of contributions) {
    for (const { name, owner } of contribution.listReferences) {
      // Any macro or rule text counts for a list, used or not (falco-language.md §5.4); a list's own name in
      // its items does not.
      if (listNames.has(name) && !(owner.kind === 'list' && owner.name === name)) usedLists.add(name);
    }
    for (const [from, to] of contribution.macroEdges) {
      let edges = macroEdges.get(from);
      if (!edges) macroEdges.set(from, (edges = new Set()));
      edges.add(to);
    }
  }
  const definedSources = new Map<string, string>();
  for (const contribution of contributions) {
    for (const [rule, source] of contribution.ruleSources) if (!definedSources.has(rule)) definedSources.set(rule, source);
  }
  const macroSources = new Map<string, Set<string>>();
  const usedMacros = new Set<string>();
  for (const contribution of contributions) {
    for (const { rule, source: explicitSource, macros } of contribution.ruleMacros) {
      const source = explicitSource ?? (rule !== null ? definedSources.get(rule) : undefined) ?? 'syscall';
      const stack = [...macros];
      const seen = new Set<string>();
      while (stack.length > 0) {
        const name = stack.pop()!;
        if (seen.has(name)) continue;
        seen.add(name);
        usedMacros.add(name);
        let sources = macroSources.get(name);
        if (!sources) macroSources.set(name, (sources = new Set()));
        sources.add(source);
        for (const next of macroEdges.get(name) ?? []) stack.push(next);
      }
    }
  }
  // A macro used only by unused macros still counts as used (the engine resolves every macro's references).
  for (const edges of macroEdges.values()) for (const name of edges) usedMacros.add(name);
  const declaredMacros = new Set<string>();
  for (const contribution of contributions) for (const name of contribution.macroNames) declaredMacros.add(name);
  return { macroEdges, macroSources, usedMacros, usedLists, declaredMacros };
}
