/**
 * The LSP glue: capabilities, the request table, document sync, workspace scanning and diagnostics publishing.
 * Handlers are a few lines each and delegate to the language service façade.
 */
import {
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { upstreamFileNames } from '../semantic/catalogs/upstreamNames';
import { isFalcoConfigName } from '../semantic/falcoConfig';
import { uriToPath } from '../semantic/workspaceIndex';
import { parseFalcoFieldList, type Catalogs } from '../semantic/catalogs';
import { createLanguageService, type RulesFileOverride } from '../service/languageService';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { pathToUri, type FileSystem } from './fileSystem';
import { matchesAnyGlob } from './glob';
import { alertExceptionCandidatesRequest, alertExceptionEditRequest, attackCoverageRequest, indexStatusNotification, type AlertExceptionEditResult, type IndexStatusParams } from './protocol';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../features/semanticTokens';
import { runSafe } from './requestRunner';
import { defaultSettings, toSettings, type FalcoSettings } from './settings';
import { maxFileBytes, scanFolders } from './workspaceScanner';

export interface ServerRuntime {
  readonly fs: FileSystem;
  readonly catalogs: Catalogs;
}

export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const log = (message: string): void => connection.console.log(message);
  const documents = new TextDocuments(TextDocument);
  let settings: FalcoSettings = defaultSettings;
  let workspaceRoots: string[] = [];
  let supportsConfiguration = false;
  /** The client takes one edit range for a whole completion list (`itemDefaults.editRange`). */
  let sharedEditRange = false;
  /** Snippet edits and lazily resolved edits in code actions. */
  let codeActionSupport = { snippets: false, resolve: false };
  let falcoConfigPath: string | undefined;
  let indexing = false;
  let lastStatus = '';

  const displayPath = (uri: string): string => {
    const path = uriToPath(uri);
    const root = workspaceRoots.find((candidate) => path.startsWith(candidate + '/'));
    return root ? path.slice(root.length + 1) : path;
  };
  const service = createLanguageService({ catalogs: runtime.catalogs, displayPath, log });
  /** Diagnostics are shown for open documents and workspace files, not for rules files read from elsewhere. */
  const shown = (uri: string): boolean => documents.get(uri) !== undefined || workspaceRoots.length === 0 || workspaceRoots.some((root) => uriToPath(uri).startsWith(root + '/'));
  const publisher = new DiagnosticsPublisher(connection, service, log, (uri) => documents.get(uri)?.version, shown);

  let loadedCatalogs = '';
  const absolute = (path: string): string => (path.startsWith('/') ? path : `${workspaceRoots[0] ?? ''}/${path}`);
  const applySettings = (): void => {
    service.configure({
      analysis: { engineVersion: settings.engineVersion, plugins: settings.plugins },
      severities: settings.severities,
      loadOrder: settings.loadOrder.map(absolute),
      assumeMissingUpstream: settings.assumeUpstream,
    });
  };

  /** Reads the extra field catalogs named in the settings (only when the list changed). */
  const loadFieldCatalogs = async (): Promise<void> => {
    const key = JSON.stringify(settings.fieldCatalogs);
    if (key === loadedCatalogs) return;
    loadedCatalogs = key;
    const fields = [];
    for (const entry of settings.fieldCatalogs) {
      const path = entry.startsWith('/') ? entry : `${workspaceRoots[0] ?? ''}/${entry}`;
      const text = await runtime.fs.readFile(path, maxFileBytes);
      if (text === undefined) {
        log(`Field catalog ${path} cannot be read (falco.fieldCatalogs.extraPaths).`);
        continue;
      }
      try {
        const added = parseFalcoFieldList(JSON.parse(text));
        fields.push(...added);
        log(`Field catalog ${path}: ${added.length} fields.`);
      } catch (error) {
        log(`Field catalog ${path} is not a 'falco --list --format json' listing: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    service.configure({ extraFields: fields });
    publisher.scheduleAll();
  };

  const overrideFor = (uri: string): RulesFileOverride => {
    const path = uriToPath(uri);
    if (matchesAnyGlob(path, settings.filesInclude)) return 'force';
    if (matchesAnyGlob(path, settings.filesExclude)) return 'exclude';
    return 'auto';
  };

  const sendStatus = (): void => {
    // Rules files as Falco counts them: each file embedded in a Helm values file counts once.
    const params: IndexStatusParams = { rulesFiles: service.loadOrder().files.length, indexing };
    const status = JSON.stringify(params);
    if (status === lastStatus) return;
    lastStatus = status;
    void connection.sendNotification(indexStatusNotification, params);
  };

  /** Applies a new text for a file and schedules the diagnostics it can affect. */
  const applyText = (uri: string, text: string, version?: number): void => {
    const wasRulesFile = service.isRulesFile(uri);
    const update = service.updateDocument(uri, text, { version, override: overrideFor(uri) });
    // During the initial scan everything is published once, at the end.
    if (!indexing || documents.get(uri)) {
      if (update.isRulesFile || wasRulesFile) publisher.schedule([uri]);
      publisher.schedule(update.dependents);
    }
    if (update.isRulesFile !== wasRulesFile) sendStatus();
  };

  const forgetFile = (uri: string): void => {
    const dependents = service.dependentsOf(uri);
    if (service.removeDocument(uri)) {
      publisher.clear(uri);
      publisher.schedule(dependents);
      sendStatus();
    }
  };

  const readFromDisk = async (path: string): Promise<void> => {
    const uri = pathToUri(path);
    if (documents.get(uri)) return;
    const text = await runtime.fs.readFile(path, maxFileBytes);
    if (text === undefined) forgetFile(uri);
    else applyText(uri, text);
  };

  /**
   * Rules files from outside the workspace: the extra paths of the settings (files, or directories of .yaml
   * files), then the upstream rules files the workspace lacks, where Falco installs them.
   */
  const outsideRulesFiles = async (workspaceFiles: readonly string[]): Promise<string[]> => {
    const found: string[] = [];
    for (const entry of settings.extraRulesFiles.map(absolute)) {
      try {
        const entries = await runtime.fs.readDirectory(entry);
        found.push(...entries.filter((item) => item.isFile && /\.ya?ml$/.test(item.name)).map((item) => `${entry}/${item.name}`).sort());
      } catch {
        found.push(entry);
      }
    }
    const have = new Set([...workspaceFiles, ...found].map((path) => path.slice(path.lastIndexOf('/') + 1)));
    for (const directory of settings.upstreamSearchPaths.map(absolute)) {
      for (const name of [...upstreamFileNames(), 'falco_rules.local.yaml']) {
        if (have.has(name)) continue;
        const path = `${directory.replace(/\/$/, '')}/${name}`;
        if ((await runtime.fs.readFile(path, maxFileBytes)) === undefined) continue;
        found.push(path);
        have.add(name);
        log(`Found ${path} (falco.rulesFiles.upstreamSearchPaths).`);
      }
    }
    return found;
  };

  const loadFalcoConfig = async (): Promise<void> => {
    const text = falcoConfigPath ? await runtime.fs.readFile(falcoConfigPath, maxFileBytes) : undefined;
    service.setFalcoConfig(falcoConfigPath && text !== undefined ? pathToUri(falcoConfigPath) : null, text ?? null);
    publisher.scheduleAll();
  };

  const indexWorkspace = async (): Promise<void> => {
    indexing = true;
    sendStatus();
    const scan = await scanFolders(runtime.fs, workspaceRoots, settings.filesExclude, settings.maxIndexedFiles, () => false);
    if (scan.truncated) log(`Workspace scan stopped at ${settings.maxIndexedFiles} YAML files (falco.index.maxFiles).`);
    for (const path of scan.yamlFiles) await readFromDisk(path);
    for (const path of await outsideRulesFiles(scan.yamlFiles)) await readFromDisk(path);
    falcoConfigPath = scan.falcoConfig;
    await loadFalcoConfig();
    indexing = false;
    publisher.scheduleAll();
    sendStatus();
    log(`Indexed ${service.rulesFiles().length} Falco rules files${falcoConfigPath ? ` (load order from ${falcoConfigPath})` : ''}.`);
  };

  const refreshSettings = async (): Promise<void> => {
    if (!supportsConfiguration) return;
    try {
      settings = toSettings(await connection.workspace.getConfiguration('falco'));
      applySettings();
    } catch (error) {
      log(`Could not read settings: ${String(error)}`);
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    supportsConfiguration = Boolean(params.capabilities.workspace?.configuration);
    sharedEditRange = params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') ?? false;
    codeActionSupport = {
      snippets: Boolean(params.capabilities.workspace?.workspaceEdit?.snippetEditSupport && params.capabilities.workspace.workspaceEdit.documentChanges),
      resolve: params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') ?? false,
    };
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    workspaceRoots = folders.map((folder) => uriToPath(folder.uri).replace(/\/$/, ''));
    const initialSettings = params.initializationOptions?.settings;
    if (initialSettings) settings = toSettings(initialSettings);
    applySettings();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] }, full: true, range: true },
        codeActionProvider: {
          codeActionKinds: ['quickfix', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'refactor.move', 'source.fixAll.falco'],
          resolveProvider: true,
        },
        completionProvider: { triggerCharacters: ['.', '%', ' ', '(', ',', '[', '-'], resolveProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
      },
      serverInfo: { name: 'falco-rules-language-server' },
    };
  });

  connection.onInitialized(async () => {
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    await refreshSettings();
    await loadFieldCatalogs();
    await indexWorkspace();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (supportsConfiguration) await refreshSettings();
    else {
      settings = toSettings((change.settings as { falco?: unknown } | undefined)?.falco);
      applySettings();
    }
    await loadFieldCatalogs();
    for (const document of documents.all()) applyText(document.uri, document.getText(), document.version);
    publisher.scheduleAll();
  });

  documents.onDidChangeContent((event) => applyText(event.document.uri, event.document.getText(), event.document.version));
  documents.onDidClose(async (event) => {
    const path = uriToPath(event.document.uri);
    if (event.document.uri.startsWith('file:')) await readFromDisk(path);
    else forgetFile(event.document.uri);
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (isFalcoConfigName(path)) {
        if (change.type === FileChangeType.Deleted && path === falcoConfigPath) falcoConfigPath = undefined;
        else if (change.type !== FileChangeType.Deleted && (!falcoConfigPath || path.split('/').length <= falcoConfigPath.split('/').length)) falcoConfigPath = path;
        await loadFalcoConfig();
      }
      if (change.type === FileChangeType.Deleted) forgetFile(change.uri);
      else await readFromDisk(path);
    }
  });

  connection.onDefinition((params, token) =>
    runSafe(log, token, 'definition', [], () => service.findDefinition(params.textDocument.uri, params.position)),
  );
  connection.onReferences((params, token) =>
    runSafe(log, token, 'references', [], () => service.findReferences(params.textDocument.uri, params.position, params.context.includeDeclaration)),
  );
  connection.onPrepareRename((params, token) =>
    runSafe(log, token, 'prepareRename', null, () => {
      const found = service.prepareRename(params.textDocument.uri, params.position);
      return found && 'error' in found ? new ResponseError(ErrorCodes.InvalidRequest, found.error) : found;
    }),
  );
  connection.onRenameRequest((params, token) =>
    runSafe(log, token, 'rename', null, () => {
      const result = service.rename(params.textDocument.uri, params.position, params.newName);
      return 'error' in result ? new ResponseError(ErrorCodes.InvalidRequest, result.error) : result;
    }),
  );
  connection.onHover((params, token) => runSafe(log, token, 'hover', null, () => service.getHover(params.textDocument.uri, params.position)));
  connection.languages.semanticTokens.on((params, token) => runSafe(log, token, 'semanticTokens', { data: [] }, () => service.getSemanticTokens(params.textDocument.uri)));
  connection.languages.semanticTokens.onRange((params, token) => runSafe(log, token, 'semanticTokensRange', { data: [] }, () => service.getSemanticTokens(params.textDocument.uri, params.range)));
  connection.onRequest(alertExceptionCandidatesRequest, (params, token) =>
    runSafe(log, token, 'alertExceptionCandidates', { rules: [], problems: ['The language server could not read the alerts.'] }, () => service.getAlertExceptionCandidates(params as never)),
  );
  connection.onRequest<AlertExceptionEditResult, void>(alertExceptionEditRequest, (params, token) =>
    runSafe<AlertExceptionEditResult>(log, token, 'alertExceptionEdit', { error: 'The language server could not build the exception.' }, () => service.getAlertExceptionEdit(params as never)),
  );
  connection.onRequest(attackCoverageRequest, (_params, token) => runSafe(log, token, 'attackCoverage', null, () => service.getAttackCoverage()));
  connection.onCodeAction((params, token) =>
    runSafe(log, token, 'codeAction', [], () => service.getCodeActions(params.textDocument.uri, params.range, { only: params.context.only, support: codeActionSupport })),
  );
  connection.onCodeActionResolve((action, token) => runSafe(log, token, 'codeActionResolve', action, () => service.resolveCodeAction(action, { support: codeActionSupport })));
  connection.onCompletion((params, token) => runSafe(log, token, 'completion', null, () => service.getCompletions(params.textDocument.uri, params.position, { sharedRange: sharedEditRange })));
  connection.onCompletionResolve((item, token) => runSafe(log, token, 'completionResolve', item, () => service.resolveCompletion(item)));
  connection.onDocumentSymbol((params, token) =>
    runSafe(log, token, 'documentSymbol', [], () => service.getDocumentSymbols(params.textDocument.uri)),
  );
  connection.onWorkspaceSymbol((params, token) => runSafe(log, token, 'workspaceSymbol', [], () => service.getWorkspaceSymbols(params.query)));

  documents.listen(connection);
  connection.listen();
}
