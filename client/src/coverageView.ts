/**
 * The ATT&CK coverage commands: a webview panel with the coverage matrix of the workspace's rules, and the export
 * of an ATT&CK Navigator layer. The server computes the coverage (request `falco/attackCoverage`); the layer is
 * built here from it.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { AttackCoverage } from '../../server/src/features/attackCoverage';
import { toNavigatorLayer } from '../../server/src/features/navigatorLayer';
import { attackCoverageRequest } from '../../server/src/lsp/protocol';
import { renderCoverageHtml, type CoverageViewMessage } from './coverageHtml';

export const SHOW_ATTACK_COVERAGE_COMMAND = 'falco.showAttackCoverage';
export const EXPORT_NAVIGATOR_LAYER_COMMAND = 'falco.exportNavigatorLayer';
export const COVERAGE_PANEL_TITLE = 'Falco ATT&CK Coverage';
const PANEL_TYPE = 'falco.attackCoverage';
/** Workspace state key: where the last layer was exported, offered again by the next export. */
const LAST_LAYER_KEY = 'falco.lastNavigatorLayer';

export type CoverageRequest = (method: string, params: unknown) => Promise<unknown>;

function isCoverage(value: unknown): value is AttackCoverage {
  const candidate = value as AttackCoverage | null;
  return typeof candidate === 'object' && candidate !== null && Array.isArray(candidate.tactics) && Array.isArray(candidate.techniques) && typeof candidate.totals === 'object';
}

async function fetchCoverage(request: CoverageRequest): Promise<AttackCoverage> {
  const result = await request(attackCoverageRequest, {});
  if (!isCoverage(result)) throw new Error('the language server sent no ATT&CK coverage');
  return result;
}

function isMessage(value: unknown): value is CoverageViewMessage {
  const message = value as { type?: unknown; uri?: unknown; offset?: unknown } | null;
  if (typeof message !== 'object' || message === null) return false;
  if (message.type === 'openRule') return typeof message.uri === 'string' && typeof message.offset === 'number' && Number.isFinite(message.offset);
  return message.type === 'exportLayer' || message.type === 'refresh';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function layerName(): string {
  const workspace = vscode.workspace.name;
  return workspace ? `Falco rules (${workspace})` : 'Falco rules';
}

function defaultLayerUri(context: vscode.ExtensionContext): vscode.Uri | undefined {
  const last = context.workspaceState.get<string>(LAST_LAYER_KEY);
  if (last) return vscode.Uri.parse(last);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, 'falco-attack-layer.json') : undefined;
}

/** Opens a rules file at a tag, next to the coverage panel so the matrix stays in view. */
async function openRule(uri: string, offset: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const position = document.positionAt(offset);
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(position, position) });
}

/** Registers the two commands. The caller owns the returned disposables (they also close the panel). */
export function registerCoverageView(context: vscode.ExtensionContext, request: CoverageRequest): vscode.Disposable[] {
  let panel: vscode.WebviewPanel | undefined;

  const render = async (target: vscode.WebviewPanel): Promise<void> => {
    const coverage = await fetchCoverage(request);
    if (panel !== target) return;
    target.webview.html = renderCoverageHtml(coverage, { nonce: randomBytes(16).toString('base64'), cspSource: target.webview.cspSource });
  };

  const refresh = async (target: vscode.WebviewPanel): Promise<void> => {
    try {
      await render(target);
    } catch (error) {
      void vscode.window.showErrorMessage(`Falco: cannot compute the ATT&CK coverage: ${errorText(error)}`);
    }
  };

  const showCoverage = async (): Promise<void> => {
    if (panel) {
      panel.reveal();
      await refresh(panel);
      return;
    }
    const created = vscode.window.createWebviewPanel(PANEL_TYPE, COVERAGE_PANEL_TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel = created;
    created.onDidDispose(() => {
      if (panel === created) panel = undefined;
    });
    created.webview.onDidReceiveMessage(async (message: unknown) => {
      if (!isMessage(message)) return;
      try {
        if (message.type === 'openRule') await openRule(message.uri, message.offset);
        else if (message.type === 'exportLayer') await vscode.commands.executeCommand(EXPORT_NAVIGATOR_LAYER_COMMAND);
        else await refresh(created);
      } catch (error) {
        void vscode.window.showErrorMessage(`Falco: ${errorText(error)}`);
      }
    });
    await refresh(created);
  };

  const exportLayer = async (): Promise<void> => {
    let coverage: AttackCoverage;
    try {
      coverage = await fetchCoverage(request);
    } catch (error) {
      void vscode.window.showErrorMessage(`Falco: cannot compute the ATT&CK coverage: ${errorText(error)}`);
      return;
    }
    const target = await vscode.window.showSaveDialog({
      defaultUri: defaultLayerUri(context),
      filters: { 'ATT&CK Navigator layer': ['json'] },
      saveLabel: 'Export Layer',
      title: 'Export ATT&CK Navigator layer',
    });
    if (!target) return;
    const layer = toNavigatorLayer(coverage, { name: layerName() });
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(layer, null, 2) + '\n'));
    } catch (error) {
      void vscode.window.showErrorMessage(`Falco: cannot write ${target.fsPath}: ${errorText(error)}`);
      return;
    }
    void context.workspaceState.update(LAST_LAYER_KEY, target.toString());
    const techniques = new Set(layer.techniques.filter((technique) => technique.score !== undefined).map((technique) => technique.techniqueID)).size;
    void vscode.window.showInformationMessage(
      `Falco: exported an ATT&CK Navigator layer with ${techniques} ${techniques === 1 ? 'technique' : 'techniques'} to ${vscode.workspace.asRelativePath(target)}.`,
    );
  };

  return [
    vscode.commands.registerCommand(SHOW_ATTACK_COVERAGE_COMMAND, showCoverage),
    vscode.commands.registerCommand(EXPORT_NAVIGATOR_LAYER_COMMAND, exportLayer),
    { dispose: () => panel?.dispose() },
  ];
}
