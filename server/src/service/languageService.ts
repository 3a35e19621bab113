/**
 * The transport-free language service: it owns the workspace index and one analysis per document version, and
 * answers feature requests in LSP data types. The node server, the CLI and tests all drive this façade; offsets
 * become LSP ranges here and nowhere else. Rules files embedded in other YAML files (Helm values `customRules`,
 * operator `inlineRules`) are indexed under internal URIs and reached through their host file (embeddedFiles.ts).
 */
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, Location, LocationLink, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { defaultAnalysisOptions, type AnalysisOptions } from '../features/diagnostics/check';
import { collectDiagnostics } from '../features/diagnostics/collectDiagnostics';
import type { FalcoDiagnostic } from '../features/diagnostics/diagnostic';
import { findDefinition } from '../features/definition';
import { getCompletions, resolveCandidate, type CandidateKind } from '../features/completion';
import { computeAttackCoverage } from '../features/attackCoverage';
import { getSemanticTokens } from '../features/semanticTokens';
import { getWorkspaceSymbols } from '../features/documentSymbols';
import { getHover } from '../features/hover';
import { findReferences } from '../features/references';
import { prepareRename, rename } from '../features/rename';
import { checkHostFile } from '../features/embedded/hostChecks';
import { LoadModel } from '../semantic/loadModel';
import { buildFileSymbols } from '../semantic/fileSymbols';
import { WorkspaceIndex, uriToPath, type IndexedFile } from '../semantic/workspaceIndex';
import { isRulesFileSyntax, mayBeRulesFile } from '../syntax/detect';
import { findEmbeddedRules, mayHoldEmbeddedRules } from '../syntax/embedded/findEmbedded';
import { createParseCache, parseRulesFile, type RulesParseCache } from '../syntax/rulesFile';
import type { Catalogs } from '../semantic/catalogs';
import type { LanguageServiceHost } from './host';
import { LineIndex, type TextLines } from './lineIndex';
import { toLspDiagnostic, toLspSymbolKind } from './lspConversions';
import { toCompletionList, withDocumentation, type CompletionItemData } from './completionConversions';
import { toWorkspaceEdit, type CodeActionClientSupport, type EditContext } from './codeActionConversions';
import { actionData, codeActionsAt, resolveAction } from './codeActions';
import { encodeSemanticTokens } from './semanticTokensEncoding';
import { getAlertExceptionCandidates, getAlertExceptionEdit } from './alertExceptions';
import { EmbeddedFiles, clientUriOf, type EmbeddedFile } from './embeddedFiles';
import { hostDocumentSymbols, hostHover, hostSemanticTokens, toDocumentSymbol } from './hostDocuments';
import { LoadConfiguration } from './loadConfiguration';
import type { DocumentUpdate, FalcoLanguageService, RulesFileOverride, ServiceOptions } from './serviceApi';

export type { CodeActionOptions } from './codeActions';
export type { DocumentUpdate, FalcoLanguageService, RulesFileOverride, ServiceOptions } from './serviceApi';

interface DocumentState {
  readonly text: string;
  readonly override: RulesFileOverride;
  readonly lines: TextLines;
  /** Kept between versions so an edit re-parses only the items it touched. */
  readonly parseCache: RulesParseCache;
}

const noClientSupport: CodeActionClientSupport = { snippets: false, resolve: false };
const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function createLanguageService(host: LanguageServiceHost): FalcoLanguageService {
  const index = new WorkspaceIndex();
  const model = new LoadModel(index);
  const documents = new Map<string, DocumentState>();
  const embedded = new EmbeddedFiles();
  const hostProblems = new Map<string, FalcoDiagnostic[]>();
  const loadConfig = new LoadConfiguration(index);
  let options: ServiceOptions = { analysis: defaultAnalysisOptions, severities: {}, extraFields: [], loadOrder: [], assumeMissingUpstream: false };
  let catalogs: Catalogs = host.catalogs;
  let analysis: AnalysisOptions = defaultAnalysisOptions;
  const updateAnalysis = (): void => {
    const plugins = options.analysis.plugins ?? loadConfig.configPlugins;
    const assumedUpstream = options.assumeMissingUpstream ? loadConfig.missingUpstream() : [];
    const next: AnalysisOptions = { ...options.analysis, ...(plugins !== undefined ? { plugins } : {}), ...(assumedUpstream.length > 0 ? { assumedUpstream } : {}) };
    if (JSON.stringify(next) !== JSON.stringify(analysis)) analysis = next;
  };
  const refreshLoadOrder = (): void => {
    loadConfig.apply(options.loadOrder, embedded.hostsList());
    updateAnalysis();
  };

  /** Offsets of an index file (or a client document) as positions of the client's document. */
  const linesOf = (uri: string): TextLines | undefined => {
    const file = embedded.file(uri);
    if (file) return file.lines;
    const state = documents.get(uri) ?? embedded.host(uri);
    if (state) return state.lines;
    const indexed = index.get(uri);
    return indexed ? new LineIndex(indexed.syntax.text) : undefined;
  };
  const toRange = (uri: string, span: { start: number; end: number }): Range => linesOf(uri)?.toRange(span) ?? EMPTY_RANGE;
  const edits: EditContext = { linesOf, toClientChanges: (files) => embedded.toClientChanges(files) };

  const describeLocation = (uri: string, span: { start: number }): string => {
    const line = (linesOf(uri)?.positionAt(span.start).line ?? -1) + 1;
    const client = clientUriOf(uri);
    const label = embedded.file(uri) ? ` › ${embedded.file(uri)!.region.name}` : '';
    return `${host.displayPath ? host.displayPath(client) : uriToPath(client)}${label}:${line}`;
  };

  /** The index file a request is about: the file itself, or the embedded file under the position of a host. */
  const target = (uri: string, position: Position | null): { file: IndexedFile; lines: TextLines; offset: number } | undefined => {
    let indexUri = uri;
    if (embedded.host(uri)) {
      const inside = position ? embedded.fileAt(uri, position) : undefined;
      if (!inside) return undefined;
      indexUri = inside.uri;
    }
    const file = index.get(indexUri);
    const lines = linesOf(indexUri);
    if (!file || !lines) return undefined;
    return { file, lines, offset: position ? lines.offsetAt(position) : 0 };
  };
  const withFile = <T>(uri: string, position: Position | null, fallback: T, compute: (file: IndexedFile, offset: number, lines: TextLines) => T): T => {
    const found = target(uri, position);
    return found ? compute(found.file, found.offset, found.lines) : fallback;
  };
  /** The index files a client document stands for: itself, or the files embedded in it. */
  const indexFilesOf = (uri: string): { file: IndexedFile; lines: TextLines; embedded?: EmbeddedFile }[] => {
    const hostDocument = embedded.host(uri);
    const entries = hostDocument ? hostDocument.files.map((file) => ({ uri: file.uri, embedded: file })) : [{ uri, embedded: undefined }];
    return entries.flatMap((entry) => {
      const file = index.get(entry.uri);
      const lines = linesOf(entry.uri);
      return file && lines ? [{ file, lines, ...(entry.embedded ? { embedded: entry.embedded } : {}) }] : [];
    });
  };

  /**
   * The last diagnostics of each file, valid while nothing they depend on changed: code actions are asked for on
   * every cursor move and reuse what the publisher computed after the last edit.
   */
  const lastDiagnostics = new WeakMap<IndexedFile, { readonly inputs: readonly unknown[]; readonly diagnostics: FalcoDiagnostic[] }>();
  const diagnosticsOf = (file: IndexedFile, lines: TextLines): FalcoDiagnostic[] => {
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

  /** Parses a rules file into the index (or removes it when it is not one); returns the files affected. */
  const indexRules = (uri: string, text: string, override: RulesFileOverride, embedding?: EmbeddedFile): DocumentUpdate => {
    const previous = documents.get(uri);
    const parseCache = previous?.parseCache ?? createParseCache();
    documents.set(uri, { text, override, lines: embedding ? embedding.lines : new LineIndex(text), parseCache });
    const candidate = override === 'force' || (override === 'auto' && mayBeRulesFile(text));
    const syntax = candidate ? parseRulesFile(text, parseCache) : null;
    if (!syntax || (override !== 'force' && !isRulesFileSyntax(syntax))) {
      const dependents = index.get(uri) ? index.affectedBy(uri) : [];
      index.remove(uri);
      return { isRulesFile: false, dependents };
    }
    const before = index.get(uri);
    const origin = embedding
      ? { path: embedding.region.loadPath, origin: { label: `${uriToPath(embedding.hostUri).replace(/^.*\//, '')} › ${embedding.region.name}`, lineOf: (offset: number) => embedding.lines.positionAt(offset).line + 1 } }
      : undefined;
    const { declarationsChanged, usersChanged } = index.upsert(uri, syntax, buildFileSymbols(syntax), origin);
    const dependents = new Set(usersChanged);
    if (declarationsChanged) {
      for (const other of before ? index.dependentsOfSymbols(uri, before.symbols) : []) dependents.add(other);
      for (const other of index.dependentsOf(uri)) dependents.add(other);
    }
    return { isRulesFile: true, dependents: [...dependents] };
  };

  const forget = (uri: string): boolean => {
    documents.delete(uri);
    return index.remove(uri);
  };

  /** Client URIs of index URIs, without `except` and without repeats. */
  const clientUris = (uris: Iterable<string>, except?: string): string[] => [...new Set([...uris].map(clientUriOf))].filter((uri) => uri !== except);

  const service: FalcoLanguageService = {
    index,

    configure(changes) {
      if (changes.extraFields && changes.extraFields !== options.extraFields) {
        catalogs = changes.extraFields.length > 0 ? { ...host.catalogs, fields: host.catalogs.fields.withExtraFields(changes.extraFields) } : host.catalogs;
      }
      options = { ...options, ...changes };
      refreshLoadOrder();
    },

    updateDocument(uri, text, updateOptions = {}) {
      const override = updateOptions.override ?? 'auto';
      if (override === 'auto' && embedded.host(uri)?.text === text) return { isRulesFile: true, dependents: [] };
      // One cheap test keeps plain rules files (the usual case, on every keystroke) away from the host readers.
      const mayBeHost = override === 'auto' && mayHoldEmbeddedRules(text);
      const facts = mayBeHost ? findEmbeddedRules(text) : { regions: [] };
      const problems = mayBeHost ? checkHostFile(text) : [];
      const wasHost = embedded.host(uri) !== undefined;
      if (facts.regions.length === 0 && problems.length === 0 && !wasHost) {
        const previous = documents.get(uri);
        if (previous && previous.text === text && previous.override === override) return { isRulesFile: index.get(uri) !== undefined, dependents: [] };
        const wasIndexed = index.get(uri) !== undefined;
        const update = indexRules(uri, text, override);
        // Which upstream files are missing depends on the files indexed.
        if (update.isRulesFile !== wasIndexed) refreshLoadOrder();
        return { isRulesFile: update.isRulesFile, dependents: clientUris(update.dependents, uri) };
      }
      const dependents = new Set<string>();
      if (index.get(uri)) for (const other of index.affectedBy(uri)) dependents.add(other);
      forget(uri);
      if (facts.regions.length === 0 && problems.length === 0) {
        for (const removed of embedded.removeHost(uri)) {
          for (const other of index.affectedBy(removed)) dependents.add(other);
          forget(removed);
        }
        hostProblems.delete(uri);
        refreshLoadOrder();
        return { isRulesFile: false, dependents: clientUris(dependents, uri) };
      }
      const hadRulesFiles = JSON.stringify(embedded.host(uri)?.facts.rulesFiles ?? null);
      const { files, removed } = embedded.setHost(uri, text, facts);
      hostProblems.set(uri, problems);
      for (const gone of removed) {
        for (const other of index.affectedBy(gone)) dependents.add(other);
        forget(gone);
      }
      for (const file of files) {
        const previous = documents.get(file.uri);
        if (previous && previous.text === file.region.map.text && index.get(file.uri)?.path === file.region.loadPath) {
          // Same text; its positions in the host may have moved, which the new lines carry.
          documents.set(file.uri, { ...previous, lines: file.lines });
          continue;
        }
        for (const other of indexRules(file.uri, file.region.map.text, 'force', file).dependents) dependents.add(other);
      }
      if (removed.length > 0 || JSON.stringify(facts.rulesFiles ?? null) !== hadRulesFiles || !wasHost) refreshLoadOrder();
      return { isRulesFile: true, dependents: clientUris(dependents, uri) };
    },

    removeDocument(uri) {
      const removed = embedded.removeHost(uri);
      hostProblems.delete(uri);
      let wasRulesFile = removed.length > 0;
      for (const file of removed) forget(file);
      if (forget(uri)) wasRulesFile = true;
      if (wasRulesFile) refreshLoadOrder();
      return wasRulesFile;
    },

    setFalcoConfig(uri, text) {
      loadConfig.setFalcoConfig(uri, text);
      refreshLoadOrder();
    },

    loadOrder() {
      return {
        files: index.files().map((file) => ({ uri: clientUriOf(file.uri), path: file.path, label: file.origin?.label ?? file.path.replace(/^.*\//, '') })),
        assumedUpstream: analysis.assumedUpstream ?? [],
      };
    },

    isRulesFile: (uri) => index.get(uri) !== undefined || embedded.host(uri) !== undefined,
    rulesFiles: () => clientUris([...index.files().map((file) => file.uri), ...embedded.hostsList().map((document) => document.uri)]),
    dependentsOf: (uri) => {
      const files = embedded.host(uri) ? embedded.host(uri)!.files.map((file) => file.uri) : [uri];
      return clientUris(files.flatMap((file) => index.affectedBy(file)), uri);
    },

    getDiagnostics(uri) {
      const result: Diagnostic[] = [];
      const hostDocument = embedded.host(uri);
      if (hostDocument) for (const problem of hostProblems.get(uri) ?? []) result.push(toLspDiagnostic(problem, hostDocument.lines, toRange, clientUriOf));
      for (const { file, lines } of indexFilesOf(uri)) {
        for (const diagnostic of diagnosticsOf(file, lines)) result.push(toLspDiagnostic(diagnostic, lines, toRange, clientUriOf));
      }
      return result;
    },

    getCodeActions(uri, range, actionOptions = {}) {
      const hostDocument = embedded.host(uri);
      const found = target(uri, range.start);
      const actions: CodeAction[] = [];
      if (hostDocument) {
        const problems = hostProblems.get(uri) ?? [];
        actions.push(...codeActionsAt({ uri, lines: hostDocument.lines, diagnostics: problems, refactor: null, edits, toRange, clientUri: clientUriOf, log: host.log }, range, actionOptions));
      }
      if (!found) return actions;
      const { file, lines } = found;
      const refactor = { index, model, catalogs, options: analysis, file };
      actions.push(...codeActionsAt({ uri: file.uri, lines, diagnostics: diagnosticsOf(file, lines), refactor, edits, toRange, clientUri: clientUriOf, log: host.log }, range, actionOptions));
      return actions;
    },

    resolveCodeAction(action, actionOptions = {}) {
      const data = actionData(action);
      if (!data) return action;
      const file = index.get(data.uri);
      const lines = linesOf(data.uri);
      if (!file || !lines) return action;
      return resolveAction({ lines, refactor: { index, model, catalogs, options: analysis, file }, edits }, action, data, actionOptions);
    },

    findDefinition(uri, position) {
      return withFile(uri, position, [] as LocationLink[], (file, offset) =>
        findDefinition(index, file, offset).map((found) => ({
          targetUri: clientUriOf(found.uri),
          targetRange: toRange(found.uri, found.itemSpan ?? found.span),
          targetSelectionRange: toRange(found.uri, found.span),
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
        return toWorkspaceEdit(result.changes, edits, noClientSupport) ?? { error: 'The name also appears in a folded or quoted YAML string, which cannot be edited here; use a literal block (|-).' };
      });
    },

    findReferences(uri, position, includeDeclaration) {
      return withFile(uri, position, [] as Location[], (file, offset) =>
        findReferences(index, file, offset, includeDeclaration).map((found) => ({ uri: clientUriOf(found.uri), range: toRange(found.uri, found.span) })),
      );
    },

    getHover(uri, position) {
      const hostDocument = embedded.host(uri);
      if (hostDocument) {
        const onHost = hostHover(hostDocument, position, service.loadOrder());
        if (onHost) return onHost;
      }
      const onConfig = loadConfig.hover(uri, position, service.loadOrder());
      if (onConfig) return onConfig;
      return withFile(uri, position, null as Hover | null, (file, offset, lines) => {
        const hover = getHover(index, catalogs, file, offset, describeLocation);
        return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: lines.toRange(hover.span) } : null;
      });
    },

    getCompletions(uri, position, completionOptions = {}) {
      const found = target(uri, position);
      if (embedded.host(uri) && !found) return null;
      const lines = found?.lines ?? linesOf(uri);
      if (!lines) return null;
      const file = found?.file;
      const text = (file && documents.get(file.uri)?.text) ?? documents.get(uri)?.text ?? file?.syntax.text ?? '';
      // A YAML file that is not (yet) a rules file: only an empty file named like one gets the item snippets.
      if (!file && (!/^[\s-]*$/.test(text) || !/rules[^/]*\.ya?ml$/i.test(uri))) return null;
      const result = getCompletions({ index, model, catalogs, plugins: analysis.plugins }, text, file, lines.offsetAt(position));
      return result ? toCompletionList(result, lines, completionOptions.sharedRange ?? true) : null;
    },

    resolveCompletion(item) {
      const data = item.data as CompletionItemData | undefined;
      if (!data || typeof data.k !== 'string') return item;
      const resolved = resolveCandidate({ kind: data.k as CandidateKind, name: item.label }, index, catalogs);
      return withDocumentation(item, resolved.markdown);
    },

    getSemanticTokens(uri, range) {
      const hostDocument = embedded.host(uri);
      if (hostDocument) return { data: hostSemanticTokens(hostDocument, range, (indexUri) => index.get(indexUri), (file, span) => getSemanticTokens(index, catalogs, file, span)) };
      return withFile(uri, null, { data: [] as number[] }, (file, _offset, lines) => {
        const span = range ? { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) } : undefined;
        return { data: encodeSemanticTokens(getSemanticTokens(index, catalogs, file, span), lines) };
      });
    },

    getAttackCoverage: () => computeAttackCoverage(index, catalogs.attack),

    getAlertExceptionCandidates: (params) =>
      getAlertExceptionCandidates({ index, catalogs, plugins: analysis.plugins, linesOf, edits, clientUri: clientUriOf, displayPath: host.displayPath }, params),
    getAlertExceptionEdit: (params) =>
      getAlertExceptionEdit({ index, catalogs, plugins: analysis.plugins, linesOf, edits, clientUri: clientUriOf, displayPath: host.displayPath }, params),

    getDocumentSymbols(uri) {
      const hostDocument = embedded.host(uri);
      if (hostDocument) return hostDocumentSymbols(hostDocument, (indexUri) => index.get(indexUri));
      return withFile(uri, null, [] as DocumentSymbol[], (file, _offset, lines) => toDocumentSymbol(file, lines));
    },

    getWorkspaceSymbols(query) {
      return getWorkspaceSymbols(index, query).map((entry) => ({
        name: entry.name,
        kind: toLspSymbolKind(entry.kind),
        containerName: entry.detail,
        location: { uri: clientUriOf(entry.uri), range: toRange(entry.uri, entry.span) },
      }));
    },
  };
  return service;
}
