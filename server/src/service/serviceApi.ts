/**
 * The language service's interface: documents in, LSP data types out. URIs and positions are those of the
 * documents the client knows; rules files embedded in other files (Helm values, operator resources) are reached
 * through their host file.
 */
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  LocationLink,
  Position,
  Range,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { AttackCoverage } from '../features/attackCoverage';
import type { AnalysisOptions } from '../features/diagnostics/check';
import type { SeverityOverrides } from '../features/diagnostics/collectDiagnostics';
import type { FieldInfo } from '../semantic/catalogs/fieldTypes';
import type { WorkspaceIndex } from '../semantic/workspaceIndex';
import type { CodeActionOptions } from './codeActions';
import type {
  AlertExceptionCandidatesParams,
  AlertExceptionCandidatesResult,
  AlertExceptionEditParams,
  AlertExceptionEditResult,
} from './alertExceptions';

/** Whether a document should be treated as a rules file regardless of its content. */
export type RulesFileOverride = 'auto' | 'force' | 'exclude';

export interface DocumentUpdate {
  /** The document is (now) a rules file in the index. */
  readonly isRulesFile: boolean;
  /**
   * Files whose results may have changed with this one: when its declared names changed, the files that used the
   * old names or use the new ones; and the files declaring names it started or stopped using. Empty for an edit
   * that changed neither (typing inside a condition, usually).
   */
  readonly dependents: readonly string[];
}

/** Settings that change analysis results. */
export interface ServiceOptions {
  readonly analysis: AnalysisOptions;
  readonly severities: SeverityOverrides;
  /** Fields of plugins the built-in catalog does not know (from `falco --list --format json` files). */
  readonly extraFields: readonly FieldInfo[];
  /**
   * The load order to use instead of a falco.yaml's: entries as in `rules_files` (absolute paths of files or
   * directories; embedded files have their deployed path, e.g. /etc/falco/rules.d/my-rules.yaml). Empty: none.
   */
  readonly loadOrder: readonly string[];
  /**
   * When the configuration loads an upstream rules file (falco_rules.yaml…) that is not indexed, assume the names
   * it defines instead of reporting every use as undefined (one `upstream-rules-not-found` note per file).
   */
  readonly assumeMissingUpstream: boolean;
}

export interface FalcoLanguageService {
  /** Changes analysis settings (engine version, loaded sources, severities). */
  configure(options: Partial<ServiceOptions>): void;
  /** Adds or updates a document (open in an editor or read from disk). Re-analyses only when the text changed. */
  updateDocument(uri: string, text: string, options?: { version?: number; override?: RulesFileOverride }): DocumentUpdate;
  /** Forgets a document. Returns true when it was a rules file (other files may be affected). */
  removeDocument(uri: string): boolean;
  /** Sets the falco.yaml whose `rules_files` decides the load order (null: default order). */
  setFalcoConfig(uri: string | null, text: string | null): void;
  /** The load order in effect: index files (client URI, deployed path) and the upstream files assumed loaded. */
  loadOrder(): { files: { uri: string; path: string; label: string }[]; assumedUpstream: readonly string[] };
  isRulesFile(uri: string): boolean;
  /** Rules files of the index, in load order. */
  rulesFiles(): readonly string[];
  /** Files whose results may depend on `uri` (names it declares or uses). */
  dependentsOf(uri: string): string[];
  getDiagnostics(uri: string): Diagnostic[];
  /**
   * Code actions of a range: quick fixes of the diagnostics that overlap it (and "fix all of this kind" when the
   * file has several), refactorings offered there, and `source.fixAll` when asked for. `only` filters by kind
   * prefix as LSP does.
   */
  getCodeActions(uri: string, range: Range, options?: CodeActionOptions): CodeAction[];
  /** Fills in the edit of a refactoring returned without one (`codeAction/resolve`). */
  resolveCodeAction(action: CodeAction, options?: CodeActionOptions): CodeAction;
  findDefinition(uri: string, position: Position): LocationLink[];
  /**
   * Where a rename at `position` applies and the current name (null: nothing renamable there; `error`: why the
   * name there cannot be renamed, for the client to show).
   */
  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | { error: string } | null;
  /** Renames the macro, list or rule at `position` in every file, or says why it cannot. */
  rename(uri: string, position: Position, newName: string): WorkspaceEdit | { error: string };
  findReferences(uri: string, position: Position, includeDeclaration: boolean): Location[];
  getHover(uri: string, position: Position): Hover | null;
  /**
   * Completion at a position (null when nothing applies there). Items are light: see resolveCompletion.
   * `sharedRange: false` for clients without `itemDefaults.editRange` support (each item gets its edit).
   */
  getCompletions(uri: string, position: Position, options?: { sharedRange?: boolean }): CompletionList | null;
  /** Adds documentation to a completion item returned by getCompletions. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  getDocumentSymbols(uri: string): DocumentSymbol[];
  /** Semantic tokens of a rules file (LSP relative encoding), for the whole file or a range. */
  getSemanticTokens(uri: string, range?: Range): { data: number[] };
  /** The rules named by Falco JSON alerts, with the fields and places an exception built from them can use. */
  getAlertExceptionCandidates(params: AlertExceptionCandidatesParams): AlertExceptionCandidatesResult;
  /** The edit that adds an exception built from alerts, with a plain-text preview (or why it cannot). */
  getAlertExceptionEdit(params: AlertExceptionEditParams): AlertExceptionEditResult;
  /** Which ATT&CK techniques and tactics the workspace's enabled rules tag. */
  getAttackCoverage(): AttackCoverage;
  getWorkspaceSymbols(query: string): SymbolInformation[];
  /** The index, for the CLI and tests. */
  readonly index: WorkspaceIndex;
}

