/**
 * The workspace index: every known rules file with its syntax and symbols, kept in Falco's load order, with
 * name tables (declarations and references by kind and name) kept per file and combined on demand. An edit that leaves a file's
 * declared names unchanged (typing inside a condition) reports `declarationsChanged: false`, so callers need
 * not re-check other files.
 */
import { itemsWithYamlErrors, type RulesFileSyntax } from '../syntax/rulesFile';
import { getPair, getScalar } from '../syntax/yaml/tree';
import { declarationSignature, type Declaration, type FileSymbols, type Reference, type SymbolKind } from './fileSymbols';
import { computeLoadOrder, type LoadOrderConfig } from './loadOrder';

/** How a file embedded in another one (a Helm values file's `customRules` entry) is shown to people. */
export interface FileOrigin {
  /** A short name for messages, e.g. `values.yaml › my-rules.yaml`. */
  readonly label: string;
  /** 1-based line, in the host file, of an offset of this file's text. */
  lineOf(offset: number): number;
}

export interface IndexedFile {
  readonly uri: string;
  /** Where Falco reads the file: its path, or for an embedded file the path its deployment gives it. */
  readonly path: string;
  /** Set for files embedded in another file. */
  readonly origin?: FileOrigin;
  readonly syntax: RulesFileSyntax;
  readonly symbols: FileSymbols;
  /** The declared names (see `declarationSignature`). */
  readonly signature: string;
  /** The facts other items' checks may depend on besides names (see `factsSignature`). */
  readonly facts: string;
}

/**
 * What the checks of one item may learn from other items besides their names and uses: list contents, the
 * source and flags of rules, and which items YAML could not read. Typing inside a condition leaves it unchanged.
 */
export function factsSignature(syntax: RulesFileSyntax): string {
  const damaged = itemsWithYamlErrors(syntax);
  const facts: unknown[] = [];
  for (const item of syntax.items) {
    const map = item.map;
    if (item.kind === 'list' && map) {
      const items = getPair(map, 'items')?.value;
      facts.push(['l', item.name, items && items.kind === 'seq' ? items.items.map((entry) => (entry && entry.kind === 'scalar' ? entry.value : null)) : null]);
    } else if (item.kind === 'rule' && map) {
      const flags = ['source', 'skip-if-unknown-filter', 'warn_evttypes', 'enabled'].map((key) => getScalar(map, key)?.value ?? null);
      facts.push(['r', item.name, item.legacyAppend, item.override !== null, ...flags]);
    }
    if (damaged.has(item.index)) facts.push(['d', item.index]);
  }
  return JSON.stringify(facts);
}

export interface DeclarationLocation {
  readonly file: IndexedFile;
  readonly declaration: Declaration;
  /** Position of the file in the load order. */
  readonly filePosition: number;
}

export interface ReferenceLocation {
  readonly file: IndexedFile;
  readonly reference: Reference;
  readonly filePosition: number;
}

export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

function key(kind: SymbolKind | 'macro' | 'list', name: string): string {
  return `${kind}\u0000${name}`;
}

/** A file's declarations and references grouped by kind and name. */
interface FileTables {
  readonly declarations: Map<string, Declaration[]>;
  readonly references: Map<string, Reference[]>;
}

function buildFileTables(symbols: FileSymbols): FileTables {
  const declarations = new Map<string, Declaration[]>();
  const references = new Map<string, Reference[]>();
  for (const declaration of symbols.declarations) {
    const entry = key(declaration.kind, declaration.name);
    const list = declarations.get(entry);
    if (list) list.push(declaration);
    else declarations.set(entry, [declaration]);
  }
  for (const reference of symbols.references) {
    const entry = key(reference.kind, reference.name);
    const list = references.get(entry);
    if (list) list.push(reference);
    else references.set(entry, [reference]);
  }
  return { declarations, references };
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const entry of b.keys()) if (!a.has(entry)) return false;
  return true;
}

function addTo(table: Map<string, Set<string>>, keys: Iterable<string>, uri: string): void {
  for (const entry of keys) {
    let files = table.get(entry);
    if (!files) table.set(entry, (files = new Set()));
    files.add(uri);
  }
}

function removeFrom(table: Map<string, Set<string>>, keys: Iterable<string>, uri: string): void {
  for (const entry of keys) {
    const files = table.get(entry);
    if (!files) continue;
    files.delete(uri);
    if (files.size === 0) table.delete(entry);
  }
}

/**
 * Name tables are kept per file and combined on demand: an edit re-groups the edited file's symbols and updates
 * the name → files maps for the names that appeared or disappeared, whatever the size of the workspace.
 */
export class WorkspaceIndex {
  private readonly byUri = new Map<string, IndexedFile>();
  private readonly tables = new Map<string, FileTables>();
  /** name key → files that declare it / refer to it. */
  private readonly declaringFiles = new Map<string, Set<string>>();
  private readonly referencingFiles = new Map<string, Set<string>>();
  private config: LoadOrderConfig | null = null;
  private ordered: IndexedFile[] | null = null;
  private positions: Map<string, number> | null = null;
  /** Query results, valid until the next change. */
  private declarationCache = new Map<string, DeclarationLocation[]>();
  private referenceCache = new Map<string, ReferenceLocation[]>();
  private readonly nameCache = new Map<string, string[]>();
  private nameCacheGeneration = -1;
  /** Increases whenever any declaration in the workspace changes (or the load order does). */
  private declarationGeneration = 0;
  /** Increases on every change of any file. */
  private contentGenerationCounter = 0;
  /** Increases whenever any file's facts signature changes. */
  private factsGenerationCounter = 0;

  get generation(): number {
    return this.declarationGeneration;
  }

  /** Changes whenever list contents, rule sources and flags, or YAML-damaged items change anywhere. */
  get factsGeneration(): number {
    return this.factsGenerationCounter;
  }

  /** Changes whenever any file of the index changes (references included). */
  get contentGeneration(): number {
    return this.contentGenerationCounter;
  }

  /**
   * Adds or replaces a file. `usersChanged` lists the other files whose results may change because this file
   * started or stopped referring to names they declare (their unused warnings, for one).
   */
  upsert(uri: string, syntax: RulesFileSyntax, symbols: FileSymbols, embedding?: { path: string; origin: FileOrigin }): { declarationsChanged: boolean; usersChanged: string[] } {
    const previous = this.byUri.get(uri);
    const signature = declarationSignature(symbols);
    const facts = factsSignature(syntax);
    const path = embedding?.path ?? uriToPath(uri);
    const file: IndexedFile = embedding ? { uri, path, origin: embedding.origin, syntax, symbols, signature, facts } : { uri, path, syntax, symbols, signature, facts };
    if (previous && previous.path !== path) {
      this.invalidateOrder();
      this.declarationGeneration++;
    }
    if (!previous || previous.facts !== facts) this.factsGenerationCounter++;
    const tables = buildFileTables(symbols);
    const previousTables = this.tables.get(uri);
    // Typing inside a condition keeps the same names: then the name → files maps stay as they are.
    const sameNames =
      previousTables !== undefined && sameKeys(previousTables.declarations, tables.declarations) && sameKeys(previousTables.references, tables.references);
    if (!sameNames) {
      if (previousTables) {
        removeFrom(this.declaringFiles, previousTables.declarations.keys(), uri);
        removeFrom(this.referencingFiles, previousTables.references.keys(), uri);
      }
      addTo(this.declaringFiles, tables.declarations.keys(), uri);
      addTo(this.referencingFiles, tables.references.keys(), uri);
    }
    this.byUri.set(uri, file);
    this.tables.set(uri, tables);
    this.contentGenerationCounter++;
    // Only the answers that involve this file's names can change.
    for (const source of [previousTables, tables]) {
      if (!source) continue;
      for (const entry of source.declarations.keys()) this.declarationCache.delete(entry);
      for (const entry of source.references.keys()) this.referenceCache.delete(entry);
    }
    const declarationsChanged = !previous || previous.signature !== signature;
    if (!previous) this.invalidateOrder();
    else if (this.ordered) this.ordered[this.positions!.get(uri)!] = file;
    if (declarationsChanged) this.declarationGeneration++;
    const usersChanged = new Set<string>();
    const before = previousTables?.references ?? new Map<string, Reference[]>();
    for (const entry of sameNames ? [] : new Set([...before.keys(), ...tables.references.keys()])) {
      if (before.has(entry) === tables.references.has(entry)) continue;
      for (const other of this.declaringFiles.get(entry) ?? []) if (other !== uri) usersChanged.add(other);
    }
    return { declarationsChanged, usersChanged: [...usersChanged] };
  }

  remove(uri: string): boolean {
    const previousTables = this.tables.get(uri);
    const existed = this.byUri.delete(uri);
    if (previousTables) {
      removeFrom(this.declaringFiles, previousTables.declarations.keys(), uri);
      removeFrom(this.referencingFiles, previousTables.references.keys(), uri);
      this.tables.delete(uri);
    }
    if (existed) {
      this.contentGenerationCounter++;
      this.factsGenerationCounter++;
      this.invalidateOrder();
      this.declarationGeneration++;
    }
    return existed;
  }

  setLoadOrderConfig(config: LoadOrderConfig | null): void {
    this.config = config;
    this.contentGenerationCounter++;
    this.factsGenerationCounter++;
    this.invalidateOrder();
    this.declarationGeneration++;
  }

  get(uri: string): IndexedFile | undefined {
    return this.byUri.get(uri);
  }

  get size(): number {
    return this.byUri.size;
  }

  /** Files in load order. */
  files(): readonly IndexedFile[] {
    if (!this.ordered) {
      // Several embedded files may share a deployed path (two values files with the same customRules key).
      const byPath = new Map<string, IndexedFile[]>();
      for (const file of this.byUri.values()) {
        const same = byPath.get(file.path);
        if (same) same.push(file);
        else byPath.set(file.path, [file]);
      }
      this.ordered = computeLoadOrder([...byPath.keys()], this.config).flatMap((path) => byPath.get(path)!.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)));
      this.positions = new Map(this.ordered.map((file, index) => [file.uri, index]));
    }
    return this.ordered;
  }

  /** Position of a file in the load order (-1 when unknown). */
  positionOf(uri: string): number {
    this.files();
    return this.positions?.get(uri) ?? -1;
  }

  private filesInOrder(uris: ReadonlySet<string> | undefined): string[] {
    if (!uris) return [];
    this.files();
    const positions = this.positions!;
    return [...uris].sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0));
  }

  /** Declarations of a name, in load order. */
  declarationsOf(kind: SymbolKind, name: string): readonly DeclarationLocation[] {
    const entry = key(kind, name);
    let result = this.declarationCache.get(entry);
    if (!result) {
      result = [];
      for (const uri of this.filesInOrder(this.declaringFiles.get(entry))) {
        const file = this.byUri.get(uri)!;
        const filePosition = this.positions!.get(uri)!;
        for (const declaration of this.tables.get(uri)!.declarations.get(entry) ?? []) result.push({ file, declaration, filePosition });
      }
      this.declarationCache.set(entry, result);
    }
    return result;
  }

  /** References to a name, in load order. */
  referencesOf(kind: 'macro' | 'list', name: string): readonly ReferenceLocation[] {
    const entry = key(kind, name);
    let result = this.referenceCache.get(entry);
    if (!result) {
      result = [];
      for (const uri of this.filesInOrder(this.referencingFiles.get(entry))) {
        const file = this.byUri.get(uri)!;
        const filePosition = this.positions!.get(uri)!;
        for (const reference of this.tables.get(uri)!.references.get(entry) ?? []) result.push({ file, reference, filePosition });
      }
      this.referenceCache.set(entry, result);
    }
    return result;
  }

  /** True when some file refers to the name (cheaper than `referencesOf`). */
  isReferenced(kind: 'macro' | 'list', name: string): boolean {
    return this.referencingFiles.has(key(kind, name));
  }

  /** Every name of a kind declared somewhere in the workspace, sorted (cached until declarations change). */
  declaredNames(kind: SymbolKind): readonly string[] {
    const cacheKey = `names\u0000${kind}`;
    let names = this.nameCache.get(cacheKey);
    if (!names || this.nameCacheGeneration !== this.declarationGeneration) {
      if (this.nameCacheGeneration !== this.declarationGeneration) this.nameCache.clear();
      this.nameCacheGeneration = this.declarationGeneration;
      const prefix = key(kind, '');
      names = [...this.declaringFiles.keys()].filter((entry) => entry.startsWith(prefix)).map((entry) => entry.slice(prefix.length)).sort();
      this.nameCache.set(cacheKey, names);
    }
    return names;
  }

  /** Every declaration of the workspace, in load order. */
  allDeclarations(): DeclarationLocation[] {
    const result: DeclarationLocation[] = [];
    this.files().forEach((file, filePosition) => {
      for (const declaration of file.symbols.declarations) result.push({ file, declaration, filePosition });
    });
    return result;
  }

  /** Files that refer to a name declared by `uri` (their results may depend on it). */
  dependentsOf(uri: string): string[] {
    const file = this.byUri.get(uri);
    return file ? this.dependentsOfSymbols(uri, file.symbols) : [];
  }

  /** Files whose results depend on `uri`: those using or redeclaring its names, and those declaring names it uses. */
  affectedBy(uri: string): string[] {
    const affected = new Set(this.dependentsOf(uri));
    for (const entry of this.tables.get(uri)?.references.keys() ?? []) {
      for (const other of this.declaringFiles.get(entry) ?? []) if (other !== uri) affected.add(other);
    }
    return [...affected];
  }

  /** Files other than `uri` that refer to or redeclare a name `symbols` declares. */
  dependentsOfSymbols(uri: string, symbols: FileSymbols): string[] {
    const dependents = new Set<string>();
    for (const declaration of symbols.declarations) {
      const entry = key(declaration.kind, declaration.name);
      for (const other of this.referencingFiles.get(entry) ?? []) if (other !== uri) dependents.add(other);
      for (const other of this.declaringFiles.get(entry) ?? []) if (other !== uri) dependents.add(other);
    }
    return [...dependents];
  }

  private clearQueryCaches(): void {
    if (this.declarationCache.size > 0) this.declarationCache = new Map();
    if (this.referenceCache.size > 0) this.referenceCache = new Map();
  }

  private invalidateOrder(): void {
    this.ordered = null;
    this.positions = null;
    this.clearQueryCaches();
  }
}
