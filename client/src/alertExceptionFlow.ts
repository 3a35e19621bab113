/**
 * The steps of "Falco: Add Exception from Alert…", free of the VS Code API so they can be tested with a fake UI:
 * get the alerts (clipboard, pasted JSON or a file), ask the server which rules, fields and places apply, let the
 * user choose, show the preview, apply the edit and open the file where the exception went.
 */
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { parseAlerts, type FalcoAlert } from '../../server/src/features/alertException/alerts';
import {
  alertExceptionCandidatesRequest,
  alertExceptionEditRequest,
  type AlertExceptionCandidatesResult,
  type AlertExceptionEditResult,
  type AlertExceptionRule,
  type AlertExceptionTarget,
} from '../../server/src/lsp/protocol';

export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** Initially selected in a multi-select pick. */
  readonly picked?: boolean;
  readonly value: T;
}

export interface PickOptions {
  readonly title: string;
  readonly placeholder: string;
}

/** What the flow needs from the editor. Every prompt resolves to undefined when the user cancels. */
export interface AlertExceptionUi {
  pickOne<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T | undefined>;
  pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T[] | undefined>;
  /** A one-line input; `validate` returns a message while the text is not acceptable. */
  inputText(options: { title: string; prompt: string; placeholder: string; validate(text: string): string | undefined }): Promise<string | undefined>;
  readClipboard(): Promise<string>;
  /** The text of a JSON file the user picks. */
  readJsonFile(): Promise<string | undefined>;
  /** A modal confirmation with `detail` under `message`; true when `action` was chosen. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  showError(message: string): void;
  showWarning(message: string): void;
  request(method: string, params: unknown): Promise<unknown>;
  applyEdit(edit: WorkspaceEdit): Promise<boolean>;
  openAt(uri: string, line: number): Promise<void>;
}

/** The arguments of the command when a code action on a rule runs it. */
export interface AlertExceptionArgs {
  readonly uri?: string;
  readonly rule?: string;
}

const TITLE = 'Add Exception from Alert';

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Reads the arguments of a command invocation (anything else is ignored). */
export function toArgs(value: unknown): AlertExceptionArgs {
  if (typeof value !== 'object' || value === null) return {};
  const { uri, rule } = value as { uri?: unknown; rule?: unknown };
  return { ...(typeof uri === 'string' ? { uri } : {}), ...(typeof rule === 'string' ? { rule } : {}) };
}

type Source = 'clipboard' | 'paste' | 'file';

/**
 * How long the clipboard may take before the flow goes on without it. In a browser (code-server, vscode.dev) the
 * read waits on a permission prompt or a "Retry" notification that may never be answered.
 */
export const CLIPBOARD_TIMEOUT_MS = 1500;

/** The clipboard's text, or '' when it cannot be read within `timeoutMs`. */
function readClipboardBounded(ui: AlertExceptionUi, timeoutMs: number): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(''), timeoutMs);
  });
  return Promise.race([ui.readClipboard().catch(() => ''), giveUp]).finally(() => clearTimeout(timer));
}

/** The alert text to send: from the clipboard, pasted, or the alerts chosen in a file. */
async function alertText(ui: AlertExceptionUi, args: AlertExceptionArgs, clipboardTimeoutMs: number): Promise<string | undefined> {
  const clipboard = await readClipboardBounded(ui, clipboardTimeoutMs);
  const clipped = clipboard.trim() === '' ? [] : parseAlerts(clipboard).alerts;
  const sources: PickItem<Source>[] = [];
  if (clipped.length > 0) {
    const rules = [...new Set(clipped.map((alert) => alert.rule))];
    sources.push({ label: 'Use the alerts in the clipboard', description: plural(clipped.length, 'alert'), detail: shorten(rules.join(', '), 120), value: 'clipboard' });
  }
  sources.push({ label: 'Paste alert JSON…', description: 'one alert from Falco with json_output: true', value: 'paste' });
  sources.push({ label: 'Pick from a file…', description: 'a file of JSON alerts, one per line or an array', value: 'file' });
  const source = await ui.pickOne(sources, { title: TITLE, placeholder: args.rule ? `Alerts of rule '${args.rule}'` : 'Where are the alerts?' });
  if (source === 'clipboard') return clipboard;
  if (source === 'paste') {
    return ui.inputText({
      title: TITLE,
      prompt: 'A Falco alert as JSON (one line)',
      placeholder: '{"output": "…", "output_fields": {…}, "rule": "…", …}',
      validate: (text) => (parseAlerts(text).alerts.length > 0 ? undefined : 'This is not a Falco JSON alert (an object with "rule" and "output_fields").'),
    });
  }
  if (source !== 'file') return undefined;
  const text = await ui.readJsonFile();
  if (text === undefined) return undefined;
  const alerts = parseAlerts(text).alerts;
  if (alerts.length === 0) {
    ui.showError('Falco: the file holds no Falco JSON alert.');
    return undefined;
  }
  const relevant = args.rule && alerts.some((alert) => alert.rule === args.rule) ? alerts.filter((alert) => alert.rule === args.rule) : alerts;
  if (relevant.length === 1) return relevant[0]!.text;
  // Alerts of one rule are all proposed; with several rules the user says which alerts matter.
  const oneRule = new Set(relevant.map((alert) => alert.rule)).size === 1;
  const chosen = await ui.pickMany(
    relevant.map((alert): PickItem<FalcoAlert> => ({
      label: alert.rule,
      description: alert.time ?? `line ${alert.line}`,
      detail: shorten(alert.output ?? '', 200),
      picked: oneRule,
      value: alert,
    })),
    { title: TITLE, placeholder: 'Choose the alerts the exception must cover' },
  );
  if (!chosen || chosen.length === 0) return undefined;
  return chosen.map((alert) => alert.text).join('\n');
}

function isCandidates(value: unknown): value is AlertExceptionCandidatesResult {
  const result = value as AlertExceptionCandidatesResult | null;
  return typeof result === 'object' && result !== null && Array.isArray(result.rules) && Array.isArray(result.problems);
}

function isEditResult(value: unknown): value is AlertExceptionEditResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as Record<string, unknown>;
  return typeof result.error === 'string' || (typeof result.edit === 'object' && typeof result.preview === 'string' && typeof result.uri === 'string' && typeof result.line === 'number');
}

async function chooseRule(ui: AlertExceptionUi, rules: readonly AlertExceptionRule[]): Promise<AlertExceptionRule | undefined> {
  if (rules.length === 1) return rules[0];
  return ui.pickOne(
    rules.map((rule) => ({ label: rule.rule, description: plural(rule.alertCount, 'alert'), detail: `source ${rule.source}`, value: rule })),
    { title: TITLE, placeholder: 'The alerts come from several rules: which rule gets the exception?' },
  );
}

function orderTargets(targets: readonly AlertExceptionTarget[], uri: string | undefined): AlertExceptionTarget[] {
  if (!uri) return [...targets];
  return [...targets.filter((target) => target.uri === uri), ...targets.filter((target) => target.uri !== uri)];
}

/** Runs the whole flow. Resolves when it is done, cancelled or failed (failures are shown, never thrown). */
export async function runAddExceptionFromAlert(ui: AlertExceptionUi, rawArgs?: unknown, options: { clipboardTimeoutMs?: number } = {}): Promise<void> {
  const args = toArgs(rawArgs);
  try {
    const text = await alertText(ui, args, options.clipboardTimeoutMs ?? CLIPBOARD_TIMEOUT_MS);
    if (text === undefined || text.trim() === '') return;
    const candidates = await ui.request(alertExceptionCandidatesRequest, args.rule ? { text, rule: args.rule } : { text });
    if (!isCandidates(candidates)) throw new Error('the language server sent no answer about the alerts');
    if (candidates.rules.length === 0) {
      ui.showError(`Falco: no exception can be made from these alerts. ${candidates.problems.join(' ')}`.trim());
      return;
    }
    if (candidates.problems.length > 0) ui.showWarning(`Falco: some of the text was left out. ${candidates.problems.join(' ')}`);
    const rule = await chooseRule(ui, candidates.rules);
    if (!rule) return;
    if (rule.fields.length === 0) {
      ui.showError(`Falco: the alerts of '${rule.rule}' have no field an exception of a ${rule.source} rule can compare.`);
      return;
    }
    const fields = await ui.pickMany(
      rule.fields.map((field) => ({ label: field.name, description: shorten(field.values.join(', '), 120), picked: field.picked, value: field.name })),
      { title: TITLE, placeholder: `Fields the exception of '${rule.rule}' compares (each with the alerts' values)` },
    );
    if (!fields) return;
    if (fields.length === 0) {
      ui.showError('Falco: choose at least one field for the exception.');
      return;
    }
    const target = await ui.pickOne(
      orderTargets(rule.targets, args.uri).map((entry) => ({ label: entry.label, detail: entry.detail, value: entry })),
      { title: TITLE, placeholder: 'Where should the exception go?' },
    );
    if (!target) return;
    const result = await ui.request(alertExceptionEditRequest, { text, rule: rule.rule, fields, target: { uri: target.uri, kind: target.kind } });
    if (!isEditResult(result)) throw new Error('the language server sent no edit');
    if ('error' in result) {
      ui.showError(`Falco: ${result.error}`);
      return;
    }
    if (!(await ui.confirm(`Add this exception to '${rule.rule}'?`, result.preview, 'Apply'))) return;
    if (!(await ui.applyEdit(result.edit))) {
      ui.showError('Falco: the edit could not be applied (the file may have changed); run the command again.');
      return;
    }
    await ui.openAt(result.uri, result.line);
  } catch (error) {
    ui.showError(`Falco: cannot add an exception from the alert: ${error instanceof Error ? error.message : String(error)}`);
  }
}
