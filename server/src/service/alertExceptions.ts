/**
 * The "Add exception from alert" requests in LSP data types: the rules, fields and places an exception built
 * from Falco alerts can use (`falco/alertExceptionCandidates`), and the edit that adds it with a plain-text
 * preview (`falco/alertExceptionEdit`). Parameters come from the client as JSON and are checked here; neither
 * function throws.
 */
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { alertExceptionCandidates, planAlertException, type ExceptionTarget, type TargetKind } from '../features/alertException';
import type { Catalogs } from '../semantic/catalogs';
import { uriToPath, type WorkspaceIndex } from '../semantic/workspaceIndex';
import { toWorkspaceEdit, type EditContext } from './codeActionConversions';
import type { TextLines } from './lineIndex';

export interface AlertExceptionCandidatesParams {
  /** Falco alerts as JSON: one object, one object per line, or an array. */
  readonly text: string;
  /** Only this rule's alerts (the others are ignored). */
  readonly rule?: string;
}

export interface AlertExceptionField {
  /** Field name as the alerts give it (`proc.name`, `proc.aname[2]`). */
  readonly name: string;
  /** Distinct values of the rule's alerts. */
  readonly values: string[];
  /** Proposed by default (a stable identity field every alert has). */
  readonly picked: boolean;
}

export interface AlertExceptionTarget {
  readonly uri: string;
  readonly kind: TargetKind;
  /** One line for a picker (`Into the rule in rules/base_rules.yaml`). */
  readonly label: string;
  /** What choosing it does. */
  readonly detail: string;
}

export interface AlertExceptionRule {
  readonly rule: string;
  /** Where the rule is defined (its definition in effect), 0-based line of its name. */
  readonly uri: string;
  readonly line: number;
  readonly source: string;
  readonly alertCount: number;
  readonly fields: AlertExceptionField[];
  /** Into the rule's definition first, then an override in each file loaded from the definition's file on. */
  readonly targets: AlertExceptionTarget[];
}

export interface AlertExceptionCandidatesResult {
  readonly rules: AlertExceptionRule[];
  /** Lines that are not alerts, rules the workspace does not define (one sentence each). */
  readonly problems: string[];
}

export interface AlertExceptionEditParams {
  readonly text: string;
  readonly rule: string;
  /** Fields of the exception, in order (names as in AlertExceptionField). */
  readonly fields: string[];
  readonly target: { readonly uri: string; readonly kind: TargetKind };
}

export type AlertExceptionEditResult =
  | {
      readonly edit: WorkspaceEdit;
      /** `path:line`, what the edit does, then the inserted YAML. */
      readonly preview: string;
      /** Where the new exception starts after the edit (0-based line). */
      readonly uri: string;
      readonly line: number;
    }
  | { readonly error: string };

/** What the two requests need from the language service. */
export interface AlertExceptionHost {
  readonly index: WorkspaceIndex;
  readonly catalogs: Catalogs;
  /** Loaded plugins (undefined: every plugin the catalogs know). */
  readonly plugins?: readonly string[];
  /** Offsets of an index file as positions of the client's document. */
  linesOf(uri: string): TextLines | undefined;
  readonly edits: EditContext;
  /** The URI the client knows for an index URI (the host file of an embedded rules file). */
  clientUri(uri: string): string;
  displayPath?(uri: string): string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathOf(host: AlertExceptionHost, uri: string): string {
  return host.displayPath ? host.displayPath(uri) : uriToPath(uri);
}

function lineOf(host: AlertExceptionHost, uri: string, offset: number): number {
  return host.linesOf(uri)?.positionAt(offset).line ?? 0;
}

function describeTarget(host: AlertExceptionHost, rule: string, target: ExceptionTarget, definitionLine: number): AlertExceptionTarget {
  const path = pathOf(host, target.uri);
  if (target.kind === 'rule') {
    return { uri: target.uri, kind: 'rule', label: `Into the rule in ${path}`, detail: `Adds the exception to the definition of '${rule}' (line ${definitionLine + 1}).` };
  }
  if (target.existingItem) {
    const line = lineOf(host, target.uri, target.existingItem.start) + 1;
    return { uri: target.uri, kind: 'override', label: `Into the override in ${path}`, detail: `Adds it to the 'override: {exceptions: append}' item of '${rule}' at line ${line}.` };
  }
  return { uri: target.uri, kind: 'override', label: `As an override in ${path}`, detail: "Adds an 'override: {exceptions: append}' item at the end of the file." };
}

/** `falco/alertExceptionCandidates`. */
export function getAlertExceptionCandidates(host: AlertExceptionHost, params: AlertExceptionCandidatesParams): AlertExceptionCandidatesResult {
  const raw: unknown = params;
  if (!isRecord(raw) || typeof raw.text !== 'string') return { rules: [], problems: ['The request holds no alert text.'] };
  const onlyRule = typeof raw.rule === 'string' ? raw.rule : undefined;
  const found = alertExceptionCandidates({ index: host.index, catalogs: host.catalogs, plugins: host.plugins }, raw.text, onlyRule);
  const rules = found.rules.map((candidate): AlertExceptionRule => {
    const line = lineOf(host, candidate.uri, candidate.nameSpan.start);
    return {
      rule: candidate.rule,
      uri: host.clientUri(candidate.uri),
      line,
      source: candidate.source,
      alertCount: candidate.alerts.length,
      fields: candidate.fields.map((field) => ({ name: field.name, values: [...field.values], picked: field.picked })),
      targets: candidate.targets.map((target) => describeTarget(host, candidate.rule, target, line)),
    };
  });
  return { rules, problems: found.problems };
}

/** The inserted text without the indentation its first line shares with the others, for the preview. */
function previewText(newText: string, focus: number): string {
  const lines = newText.slice(focus).replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

/** `falco/alertExceptionEdit`. */
export function getAlertExceptionEdit(host: AlertExceptionHost, params: AlertExceptionEditParams): AlertExceptionEditResult {
  const raw: unknown = params;
  if (!isRecord(raw) || typeof raw.text !== 'string' || typeof raw.rule !== 'string') return { error: 'The request needs the alert text and a rule name.' };
  const fields = Array.isArray(raw.fields) ? raw.fields.filter((field): field is string => typeof field === 'string') : [];
  const target = isRecord(raw.target) ? raw.target : {};
  if (typeof target.uri !== 'string' || (target.kind !== 'rule' && target.kind !== 'override')) return { error: 'The request needs a target file and kind (rule or override).' };
  const plan = planAlertException({ index: host.index, catalogs: host.catalogs, plugins: host.plugins }, raw.text, raw.rule, fields, { uri: target.uri, kind: target.kind });
  if ('error' in plan) return plan;
  const lines = host.linesOf(plan.uri);
  if (!lines) return { error: `The file ${pathOf(host, plan.uri)} is not open in the language server.` };
  const newText = plan.change.newText;
  const line = lines.positionAt(plan.change.span.start).line + (newText.slice(0, plan.focus).match(/\n/g)?.length ?? 0);
  const header = `${pathOf(host, plan.uri)}:${line + 1}`;
  const preview = [header, plan.summary, ...plan.notes, '', previewText(newText, plan.focus)].join('\n');
  const edit = toWorkspaceEdit([{ uri: plan.uri, changes: [plan.change] }], host.edits, { snippets: false, resolve: false });
  if (!edit) return { error: 'The rule is in a folded or quoted YAML string, which cannot be edited here; use a literal block (|-).' };
  return { edit, preview, uri: host.clientUri(plan.uri), line };
}
