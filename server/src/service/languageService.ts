/**
 * The transport-free language service: it owns the workspace index and one analysis per document version, and
 * answers feature requests in LSP data types. The node server, the CLI and tests all drive this façade; offsets
 * become LSP ranges here and nowhere else.
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
import { defaultAnalysisOptions, type AnalysisOptions } from '../features/diagnostics/check';
import { collectDiagnostics, type SeverityOverrides } from '../features/diagnostics/collectDiagnostics';
import type { FalcoDiagnostic } from '../features/diagnostics/diagnostic';
import { findDefinition } from '../features/definition';
import { getCompletions, resolveCandidate, type CandidateKind } from '../features/completion';
import { computeAttackCoverage, type AttackCoverage } from '../features/attackCoverage';
import { getSemanticTokens } from '../features/semanticTokens';
import { getDocumentSymbols, getWorkspaceSymbols } from '../features/documentSymbols';
import { getHover } from '../features/hover';
import { findReferences } from '../features/references';
import { prepareRename, rename } from '../features/rename';
import { parseFalcoConfig } from '../semantic/falcoConfig';
import { LoadModel } from '../semantic/loadModel';
import { buildFileSymbols } from '../semantic/fileSymbols';
import { WorkspaceIndex, uriToPath, type IndexedFile } from '../semantic/workspaceIndex';
import { isRulesFileSyntax, mayBeRulesFile } from '../syntax/detect';
import { createParseCache, parseRulesFile, type RulesParseCache } from '../syntax/rulesFile';
import type { Catalogs } from '../semantic/catalogs';
import type { FieldInfo } from '../semantic/catalogs/fieldTypes';
import type { LanguageServiceHost } from './host';
import { LineIndex } from './lineIndex';
import { toLspDiagnostic, toLspSymbolKind } from './lspConversions';
import { toCompletionList, withDocumentation, type CompletionItemData } from './completionConversions';
import { toWorkspaceEdit, type CodeActionClientSupport } from './codeActionConversions';
import { actionData, codeActionsAt, resolveAction, type CodeActionOptions } from './codeActions';

export type { CodeActionOptions } from './codeActions';
import { encodeSemanticTokens } from './semanticTokensEncoding';
import {
  getAlertExceptionCandidates,
  getAlertExceptionEdit,
  type AlertExceptionCandidatesParams,
  type AlertExceptionCandidatesResult,
  type AlertExceptionEditParams,
  type AlertExceptionEditResult,
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

interface DocumentState {
  readonly uri: string;
  readonly text: string;
  readonly version: number | null;
  readonly override: RulesFileOverride;
  readonly lines: LineIndex;
  /** Kept between versions so an edit re-parses only the items it touched. */
  readonly parseCache: RulesParseCache;
}

/** Settings that change analysis results. */
export interface ServiceOptions {
  readonly analysis: AnalysisOptions;
  readonly severities: SeverityOverrides;
  /** Fields of plugins the built-in catalog does not know (from `falco --list --format json` files). */
  readonly extraFields: readonly FieldInfo[];
}

const noClientSupport: CodeActionClientSupport = { snippets: false, resolve: false };

export interface FalcoLanguageService {
  /** Changes analysis settings (engine version, loaded sources, severities). */
  configure(options: Partial<ServiceOptions>): void;
  /** Adds or updates a document (open in an editor or read from disk). Re-analyses only when the text changed. */
  updateDocument(uri: string, text: string, options?: { version?: number; override?: RulesFileOverride }): DocumentUpdate;
  /** Forgets a document. Returns true when it was a rules file (other files may be affected). */
  removeDocument(uri: string): boolean;
  /** Sets the falco.yaml whose `rules_files` decides the load order (null: default order). */
  setFalcoConfig(uri: string | null, text: string | null): void;
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

export function createLanguageService(host: LanguageServiceHost): FalcoLanguageService {
  const index = new WorkspaceIndex();
  const model = new LoadModel(index);
  const documents = new Map<string, DocumentState>();
  let options: ServiceOptions = { analysis: defaultAnalysisOptions, severities: {}, extraFields: [] };
  let catalogs: Catalogs = host.catalogs;
  /** `load_plugins` of the workspace's falco.yaml, used when no plugin set is configured. */
  let configPlugins: readonly string[] | undefined;
  let analysis: AnalysisOptions = defaultAnalysisOptions;
  const updateAnalysis = (): void => {
    analysis = options.analysis.plugins === undefined && configPlugins !== undefined ? { ...options.analysis, plugins: configPlugins } : options.analysis;
  };

  const linesOf = (uri: string): LineIndex | undefined => {
    const state = documents.get(uri);
    if (state) return state.lines;
    const file = index.get(uri);
    return file ? new LineIndex(file.syntax.text) : undefined;
  };

  const describeLocation = (uri: string, span: { start: number }): string => {
    const lines = linesOf(uri);
    const line = lines ? lines.positionAt(span.start).line + 1 : 0;
    return `${host.displayPath ? host.displayPath(uri) : uriToPath(uri)}:${line}`;
  };

  const withFile = <T>(uri: string, position: Position | null, fallback: T, compute: (file: IndexedFile, offset: number, lines: LineIndex) => T): T => {
    const file = index.get(uri);
    const lines = linesOf(uri);
    if (!file || !lines) return fallback;
    return compute(file, position ? lines.offsetAt(position) : 0, lines);
  };

  /**
   * The last diagnostics of each file, valid while nothing they depend on changed: code actions are asked for on
   * every cursor move and reuse what the publisher computed after the last edit.
   */
  const lastDiagnostics = new WeakMap<IndexedFile, { readonly inputs: readonly unknown[]; readonly diagnostics: FalcoDiagnostic[] }>();
  const diagnosticsOf = (file: IndexedFile, lines: LineIndex): FalcoDiagnostic[] => {
    const inputs = [index.contentGeneration, index.generation, index.factsGeneration, model.usageVersion, analysis, options.severities, catalogs];
    const cached = lastDiagnostics.get(file);
    if (cached && cached.inputs.every((value, position) => value === inputs[position])) return cached.diagnostics;
    const diagnostics = collectDiagnostics(
      { file, index, model, catalogs, options: analysis },
      {
        severities: options.severities,
        lineOf: (offset) => lines.positionAt(offset).line,
        onCheckError: (check, error) => host.log?.(`check ${check} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      },
    );
    lastDiagnostics.set(file, { inputs, diagnostics });
    return diagnostics;
  };

  const toRange = (uri: string, span: { start: number; end: number }) => {
    const lines = linesOf(uri);
    return lines ? lines.toRange(span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  };

  return {
    index,

    configure(changes) {
      if (changes.extraFields && changes.extraFields !== options.extraFields) {
        catalogs = changes.extraFields.length > 0 ? { ...host.catalogs, fields: host.catalogs.fields.withExtraFields(changes.extraFields) } : host.catalogs;
      }
      options = { ...options, ...changes };
      updateAnalysis();
    },

    updateDocument(uri, text, options = {}) {
      const override = options.override ?? 'auto';
      const previous = documents.get(uri);
      if (previous && previous.text === text && previous.override === override) {
        return { isRulesFile: index.get(uri) !== undefined, dependents: [] };
      }
      const parseCache = previous?.parseCache ?? createParseCache();
      documents.set(uri, { uri, text, version: options.version ?? null, override, lines: new LineIndex(text), parseCache });
      const candidate = override === 'force' || (override === 'auto' && mayBeRulesFile(text));
      const syntax = candidate ? parseRulesFile(text, parseCache) : null;
      if (!syntax || (override !== 'force' && !isRulesFileSyntax(syntax))) {
        const dependents = index.get(uri) ? index.affectedBy(uri) : [];
        index.remove(uri);
        return { isRulesFile: false, dependents };
      }
      const before = index.get(uri);
      const { declarationsChanged, usersChanged } = index.upsert(uri, syntax, buildFileSymbols(syntax));
      // When names changed: files that used the old names and files that use the new ones; and always the files
      // declaring names this file started or stopped using.
      const dependents = new Set(usersChanged);
      if (declarationsChanged) {
        for (const other of before ? index.dependentsOfSymbols(uri, before.symbols) : []) dependents.add(other);
        for (const other of index.dependentsOf(uri)) dependents.add(other);
      }
      return { isRulesFile: true, dependents: [...dependents] };
    },

    removeDocument(uri) {
      documents.delete(uri);
      return index.remove(uri);
    },

    setFalcoConfig(uri, text) {
      const config = uri && text !== null ? parseFalcoConfig(text) : null;
      configPlugins = config?.loadPlugins;
      updateAnalysis();
      if (!uri || !config) {
        index.setLoadOrderConfig(null);
        return;
      }
      const path = uriToPath(uri);
      index.setLoadOrderConfig({ baseDirectory: path.slice(0, path.lastIndexOf('/')) || '/', rulesFiles: config.rulesFiles });
    },

    isRulesFile: (uri) => index.get(uri) !== undefined,
    rulesFiles: () => index.files().map((file) => file.uri),
    dependentsOf: (uri) => index.affectedBy(uri),

    getDiagnostics(uri) {
      return withFile(uri, null, [] as Diagnostic[], (file, _offset, lines) =>
        diagnosticsOf(file, lines).map((diagnostic) => toLspDiagnostic(diagnostic, lines, (relatedUri, span) => toRange(relatedUri, span))),
      );
    },

    getCodeActions(uri, range, actionOptions = {}) {
      return withFile(uri, null, [] as CodeAction[], (file, _offset, lines) =>
        codeActionsAt(
          { uri, lines, diagnostics: diagnosticsOf(file, lines), refactor: { index, model, catalogs, options: analysis, file }, linesOf, toRange, log: host.log },
          range,
          actionOptions,
        ),
      );
    },

    resolveCodeAction(action, actionOptions = {}) {
      const data = actionData(action);
      if (!data) return action;
      return withFile(data.uri, null, action, (file, _offset, lines) => resolveAction({ lines, refactor: { index, model, catalogs, options: analysis, file }, linesOf }, action, data, actionOptions));
    },

    findDefinition(uri, position) {
      return withFile(uri, position, [] as LocationLink[], (file, offset) =>
        findDefinition(index, file, offset).map((target) => ({
          targetUri: target.uri,
          targetRange: toRange(target.uri, target.itemSpan ?? target.span),
          targetSelectionRange: toRange(target.uri, target.span),
        })),
      );
    },

    prepareRename(uri, position) {
      return withFile(uri, position, null as { range: Range; placeholder: string } | { error: string } | null, (file, offset, lines) => {
        const found = prepareRename(index, file, offset, { displayPath: host.displayPath });
        if (!found || 'error' in found) return found;
        return { range: lines.toRange(found.span), placeholder: found.placeholder };
      });
    },

    rename(uri, position, newName) {
      return withFile(uri, position, { error: 'Not a Falco rules file' } as WorkspaceEdit | { error: string }, (file, offset) => {
        const result = rename(index, file, offset, newName, { displayPath: host.displayPath });
        if ('error' in result) return result;
        return toWorkspaceEdit(result.changes, linesOf, noClientSupport);
      });
    },

    findReferences(uri, position, includeDeclaration) {
      return withFile(uri, position, [] as Location[], (file, offset) =>
        findReferences(index, file, offset, includeDeclaration).map((target) => ({ uri: target.uri, range: toRange(target.uri, target.span) })),
      );
    },

    getHover(uri, position) {
      return withFile(uri, position, null as Hover | null, (file, offset, lines) => {
        const hover = getHover(index, catalogs, file, offset, describeLocation);
        return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: lines.toRange(hover.span) } : null;
      });
    },

    getCompletions(uri, position, completionOptions = {}) {
      const state = documents.get(uri);
      const file = index.get(uri);
      const lines = linesOf(uri);
      if (!lines) return null;
      const text = state?.text ?? file?.syntax.text ?? '';
      // A YAML file that is not (yet) a rules file: only an empty file named like one gets the item snippets.
      if (!file && (!/^[\s-]*$/.test(text) || !/rules[^/]*\.ya?ml$/i.test(uri))) return null;
      const found = getCompletions({ index, model, catalogs, plugins: analysis.plugins }, text, file, lines.offsetAt(position));
      return found ? toCompletionList(found, lines, completionOptions.sharedRange ?? true) : null;
    },

    resolveCompletion(item) {
      const data = item.data as CompletionItemData | undefined;
      if (!data || typeof data.k !== 'string') return item;
      const resolved = resolveCandidate({ kind: data.k as CandidateKind, name: item.label }, index, catalogs);
      return withDocumentation(item, resolved.markdown);
    },

    getSemanticTokens(uri, range) {
      return withFile(uri, null, { data: [] as number[] }, (file, _offset, lines) => {
        const span = range ? { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) } : undefined;
        return { data: encodeSemanticTokens(getSemanticTokens(index, catalogs, file, span), lines) };
      });
    },

    getAttackCoverage: () => computeAttackCoverage(index, catalogs.attack),

    getAlertExceptionCandidates: (params) => getAlertExceptionCandidates({ index, catalogs, plugins: analysis.plugins, linesOf, displayPath: host.displayPath }, params),
    getAlertExceptionEdit: (params) => getAlertExceptionEdit({ index, catalogs, plugins: analysis.plugins, linesOf, displayPath: host.displayPath }, params),

    getDocumentSymbols(uri) {
      return withFile(uri, null, [] as DocumentSymbol[], (file, _offset, lines) => {
        const convert = (symbol: ReturnType<typeof getDocumentSymbols>[number]): DocumentSymbol => ({
          name: symbol.name,
          detail: symbol.detail,
          kind: toLspSymbolKind(symbol.kind),
          range: lines.toRange(symbol.span),
          selectionRange: lines.toRange(symbol.selectionSpan),
          children: symbol.children.map(convert),
        });
        return getDocumentSymbols(file).map(convert);
      });
    },

    getWorkspaceSymbols(query) {
      return getWorkspaceSymbols(index, query).map((entry) => ({
        name: entry.name,
        kind: toLspSymbolKind(entry.kind),
        containerName: entry.detail,
        location: { uri: entry.uri, range: toRange(entry.uri, entry.span) },
      }));
    },
  };
}
