/**
 * The workspace index: every known rules file with its syntax and symbols, kept in Falco's load order, with
 * name tables (declarations and references by kind and name) rebuilt lazily. An edit that leaves a file's
 * declared names unchanged (typing inside a condition) reports `declarationsChanged: false`, so callers need
 * not re-check other files.
 */
import type { RulesFileSyntax } from '../syntax/rulesFile';
import { declarationSignature, type Declaration, type FileSymbols, type Reference, type SymbolKind } from './fileSymbols';
import { computeLoadOrder, type LoadOrderConfig } from './loadOrder';

export interface IndexedFile {
  readonly uri: string;
  readonly path: string;
  readonly syntax: RulesFileSyntax;
  readonly symbols: FileSymbols;
  readonly signature: string;
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

export class WorkspaceIndex {
  private readonly byUri = new Map<string, IndexedFile>();
  private config: LoadOrderConfig | null = null;
  private ordered: IndexedFile[] | null = null;
  private positions: Map<string, number> | null = null;
  private declarationTable: Map<string, DeclarationLocation[]> | null = null;
  private referenceTable: Map<string, ReferenceLocation[]> | null = null;
  /** Increases whenever any declaration in the workspace changes (or the load order does). */
  private declarationGeneration = 0;
  /** Increases on every change of any file. */
  private contentGenerationCounter = 0;

  get generation(): number {
    return this.declarationGeneration;
  }

  /** Changes whenever any file of the index changes (references included). */
  get contentGeneration(): number {
    return this.contentGenerationCounter;
  }

  /** Adds or replaces a file. */
  upsert(uri: string, syntax: RulesFileSyntax, symbols: FileSymbols): { declarationsChanged: boolean } {
    const previous = this.byUri.get(uri);
    const signature = declarationSignature(symbols);
    const file: IndexedFile = { uri, path: uriToPath(uri), syntax, symbols, signature };
    this.byUri.set(uri, file);
    this.referenceTable = null;
    this.contentGenerationCounter++;
    const declarationsChanged = !previous || previous.signature !== signature;
    if (!previous) this.invalidateOrder();
    else this.ordered = this.ordered ? this.ordered.map((entry) => (entry.uri === uri ? file : entry)) : null;
    // Spans of declarations move with every edit, so the table is rebuilt; the generation only moves when names do.
    this.declarationTable = null;
    if (declarationsChanged) this.declarationGeneration++;
    return { declarationsChanged };
  }

  remove(uri: string): boolean {
    const existed = this.byUri.delete(uri);
    if (existed) {
      this.contentGenerationCounter++;
      this.invalidateOrder();
      this.declarationGeneration++;
    }
    return existed;
  }

  setLoadOrderConfig(config: LoadOrderConfig | null): void {
    this.config = config;
    this.contentGenerationCounter++;
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
      const byPath = new Map<string, IndexedFile>();
      for (const file of this.byUri.values()) byPath.set(file.path, file);
      this.ordered = computeLoadOrder([...byPath.keys()], this.config).map((path) => byPath.get(path)!);
      this.positions = new Map(this.ordered.map((file, index) => [file.uri, index]));
    }
    return this.ordered;
  }

  /** Position of a file in the load order (-1 when unknown). */
  positionOf(uri: string): number {
    this.files();
    return this.positions?.get(uri) ?? -1;
  }

  /** Declarations of a name, in load order. */
  declarationsOf(kind: SymbolKind, name: string): readonly DeclarationLocation[] {
    return this.declarations().get(key(kind, name)) ?? [];
  }

  /** References to a name, in load order. */
  referencesOf(kind: 'macro' | 'list', name: string): readonly ReferenceLocation[] {
    return this.references().get(key(kind, name)) ?? [];
  }

  /** Every declaration of the workspace, in load order. */
  allDeclarations(): DeclarationLocation[] {
    return [...this.declarations().values()].flat().sort((a, b) => a.filePosition - b.filePosition || a.declaration.itemIndex - b.declaration.itemIndex);
  }

  /** Files that refer to a name declared by `uri` (their results may depend on it). */
  dependentsOf(uri: string): string[] {
    const file = this.byUri.get(uri);
    return file ? this.dependentsOfSymbols(uri, file.symbols) : [];
  }

  /** Files other than `uri` that refer to or redeclare a name `symbols` declares. */
  dependentsOfSymbols(uri: string, symbols: FileSymbols): string[] {
    const names = new Set(symbols.declarations.map((declaration) => key(declaration.kind, declaration.name)));
    const dependents = new Set<string>();
    for (const other of this.byUri.values()) {
      if (other.uri === uri) continue;
      const uses =
        other.symbols.references.some((reference) => names.has(key(reference.kind, reference.name))) ||
        other.symbols.declarations.some((declaration) => names.has(key(declaration.kind, declaration.name)));
      if (uses) dependents.add(other.uri);
    }
    return [...dependents];
  }

  private invalidateOrder(): void {
    this.ordered = null;
    this.positions = null;
    this.declarationTable = null;
    this.referenceTable = null;
  }

  private declarations(): Map<string, DeclarationLocation[]> {
    if (!this.declarationTable) {
      const table = new Map<string, DeclarationLocation[]>();
      this.files().forEach((file, filePosition) => {
        for (const declaration of file.symbols.declarations) {
          const entry = key(declaration.kind, declaration.name);
          const list = table.get(entry);
          const location = { file, declaration, filePosition };
          if (list) list.push(location);
          else table.set(entry, [location]);
        }
      });
      this.declarationTable = table;
    }
    return this.declarationTable;
  }

  private references(): Map<string, ReferenceLocation[]> {
    if (!this.referenceTable) {
      const table = new Map<string, ReferenceLocation[]>();
      this.files().forEach((file, filePosition) => {
        for (const reference of file.symbols.references) {
          const entry = key(reference.kind, reference.name);
          const list = table.get(entry);
          const location = { file, reference, filePosition };
          if (list) list.push(location);
          else table.set(entry, [location]);
        }
      });
      this.referenceTable = table;
    }
    return this.referenceTable;
  }
}
