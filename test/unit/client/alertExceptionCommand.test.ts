// The "Add Exception from Alert…" command flow (client/src/alertExceptionFlow.ts) with a scripted fake UI in place
// of VS Code, and the server's real answers (the service functions over a fixture workspace).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { runAddExceptionFromAlert, toArgs, type AlertExceptionUi, type PickItem } from '../../../client/src/alertExceptionFlow';
import { alertExceptionCandidatesRequest, alertExceptionEditRequest } from '../../../server/src/lsp/protocol';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { getAlertExceptionCandidates, getAlertExceptionEdit, type AlertExceptionCandidatesParams, type AlertExceptionEditParams } from '../../../server/src/service/alertExceptions';
import { LineIndex } from '../../../server/src/service/lineIndex';
import type { FileChanges } from '../../../server/src/features/codeActions';
import { applyEdits, editsByUri } from '../../helpers/fixes';
import { openFixture } from '../../helpers/service';

const catalogs = createDefaultCatalogs();

const rules = `#- falco_rules.yaml
- rule: Shell in container
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "%proc.name %user.name"
  priority: WARNING
- rule: Netcat started
  desc: d
  condition: evt.type = execve and proc.name = nc
  output: "%proc.name"
  priority: WARNING
#- local.yaml
- list: x
  items: [a]
`;

const shell = (name: string, user: string) => JSON.stringify({ output: `shell ${name}`, output_fields: { 'proc.name': name, 'user.name': user, 'evt.time': 1 }, rule: 'Shell in container', time: `t-${name}` });
const netcat = JSON.stringify({ output: 'nc', output_fields: { 'proc.name': 'nc' }, rule: 'Netcat started', time: 't-nc' });

type Step =
  | { readonly kind: 'pickOne'; readonly answer: (items: readonly PickItem<unknown>[]) => unknown }
  | { readonly kind: 'pickMany'; readonly answer: (items: readonly PickItem<unknown>[]) => unknown }
  | { readonly kind: 'inputText'; readonly answer: (validate: (text: string) => string | undefined) => string | undefined }
  | { readonly kind: 'readJsonFile'; readonly answer: string | undefined }
  | { readonly kind: 'confirm'; readonly answer: boolean };

/** A UI that answers prompts from a script, in order, and records what it was shown. */
class ScriptedUi implements AlertExceptionUi {
  readonly shown: string[] = [];
  readonly requests: { method: string; params: unknown }[] = [];
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  applied: WorkspaceEdit | undefined;
  opened: [string, number] | undefined;
  applyResult = true;
  private readonly workspace = openFixture(rules);

  constructor(
    private readonly steps: Step[],
    private readonly clipboard = '',
  ) {}

  /** Steps of the script not used yet. */
  get remaining(): number {
    return this.steps.length;
  }

  private next<K extends Step['kind']>(kind: K): Extract<Step, { kind: K }> {
    const step = this.steps.shift();
    assert.equal(step?.kind, kind, `expected the script to answer ${kind}`);
    return step as Extract<Step, { kind: K }>;
  }

  text(file: string): string {
    const uri = `file:///workspace/${file}`;
    const before = this.workspace.files.find((entry) => entry.uri === uri)!.text;
    const edits = editsByUri(this.applied).get(uri);
    return edits ? applyEdits(before, edits) : before;
  }

  async pickOne<T>(items: readonly PickItem<T>[]): Promise<T | undefined> {
    this.shown.push(`one: ${items.map((item) => item.label).join(' | ')}`);
    return this.next('pickOne').answer(items) as T | undefined;
  }
  async pickMany<T>(items: readonly PickItem<T>[]): Promise<T[] | undefined> {
    this.shown.push(`many: ${items.map((item) => `${item.picked ? '*' : ''}${item.label}`).join(' | ')}`);
    return this.next('pickMany').answer(items) as T[] | undefined;
  }
  async inputText(options: { validate(text: string): string | undefined }): Promise<string | undefined> {
    return this.next('inputText').answer(options.validate);
  }
  async readClipboard(): Promise<string> {
    return this.clipboard;
  }
  async readJsonFile(): Promise<string | undefined> {
    return this.next('readJsonFile').answer;
  }
  async confirm(message: string, detail: string): Promise<boolean> {
    this.shown.push(`confirm: ${message}\n${detail}`);
    return this.next('confirm').answer;
  }
  showError(message: string): void {
    this.errors.push(message);
  }
  showWarning(message: string): void {
    this.warnings.push(message);
  }
  async request(method: string, params: unknown): Promise<unknown> {
    this.requests.push({ method, params });
    const linesOf = (uri: string) => {
      const file = this.workspace.files.find((entry) => entry.uri === uri);
      return file ? new LineIndex(file.text) : undefined;
    };
    const host = {
      index: this.workspace.service.index,
      catalogs,
      linesOf,
      edits: { linesOf, toClientChanges: (files: readonly FileChanges[]) => [...files] },
      clientUri: (uri: string) => uri,
      displayPath: (uri: string) => uri.replace('file:///workspace/', ''),
    };
    if (method === alertExceptionCandidatesRequest) return getAlertExceptionCandidates(host, params as AlertExceptionCandidatesParams);
    if (method === alertExceptionEditRequest) return getAlertExceptionEdit(host, params as AlertExceptionEditParams);
    throw new Error(`unexpected request ${method}`);
  }
  async applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    this.applied = edit;
    return this.applyResult;
  }
  async openAt(uri: string, line: number): Promise<void> {
    this.opened = [uri, line];
  }
}

const first = (items: readonly PickItem<unknown>[]) => items[0]!.value;
const pickedOnes = (items: readonly PickItem<unknown>[]) => items.filter((item) => item.picked).map((item) => item.value);
const labelled = (label: string) => (items: readonly PickItem<unknown>[]) => items.find((item) => item.label === label)!.value;

describe('Add Exception from Alert: the command flow', () => {
  test('alerts in the clipboard: fields as proposed, into the rule, preview confirmed, edit applied and file opened', async () => {
    const ui = new ScriptedUi(
      [
        { kind: 'pickOne', answer: first },
        { kind: 'pickMany', answer: pickedOnes },
        { kind: 'pickOne', answer: first },
        { kind: 'confirm', answer: true },
      ],
      `${shell('bash', 'root')}\n${shell('zsh', 'root')}`,
    );
    await runAddExceptionFromAlert(ui);
    assert.deepEqual(ui.errors, []);
    assert.deepEqual(ui.shown.slice(0, 3), [
      'one: Use the alerts in the clipboard | Paste alert JSON… | Pick from a file…',
      'many: *proc.name | *user.name | evt.time',
      'one: Into the rule in falco_rules.yaml | As an override in falco_rules.yaml | As an override in local.yaml',
    ]);
    assert.equal(ui.shown[3], "confirm: Add this exception to 'Shell in container'?\nfalco_rules.yaml:7\nAdd exception 'proc_name_user_name' to rule 'Shell in container'.\n\n- name: proc_name_user_name\n  fields: [proc.name, user.name]\n  comps: [=, =]\n  values:\n    - [bash, root]\n    - [zsh, root]");
    assert.match(ui.text('falco_rules.yaml'), /\n {2}priority: WARNING\n {2}exceptions:\n {4}- name: proc_name_user_name\n[^]* {4}- \[zsh, root\]\n- rule: Netcat started\n/);
    assert.deepEqual(ui.opened, ['file:///workspace/falco_rules.yaml', 6]);
    assert.equal(ui.remaining, 0);
  });
  test('from the code action: the rule is given, only its alerts of the file are offered (all picked), its file first', async () => {
    const ui = new ScriptedUi([
      { kind: 'pickOne', answer: labelled('Pick from a file…') },
      { kind: 'readJsonFile', answer: [shell('bash', 'root'), netcat, shell('sh', 'ops')].join('\n') },
      { kind: 'pickMany', answer: pickedOnes },
      { kind: 'pickMany', answer: () => ['proc.name'] },
      { kind: 'pickOne', answer: first },
      { kind: 'confirm', answer: true },
    ]);
    await runAddExceptionFromAlert(ui, { uri: 'file:///workspace/local.yaml', rule: 'Shell in container' });
    assert.deepEqual(ui.errors, []);
    assert.deepEqual(ui.shown.slice(0, 3), [
      'one: Paste alert JSON… | Pick from a file…',
      'many: *Shell in container | *Shell in container',
      'many: *proc.name | *user.name | evt.time',
    ]);
    assert.deepEqual((ui.requests[0]!.params as { rule: string }).rule, 'Shell in container');
    assert.equal(ui.shown[3], 'one: As an override in local.yaml | Into the rule in falco_rules.yaml | As an override in falco_rules.yaml');
    assert.equal(ui.text('local.yaml'), '- list: x\n  items: [a]\n\n- rule: Shell in container\n  exceptions:\n    - name: proc_name\n      fields: [proc.name]\n      comps: [=]\n      values:\n        - [bash]\n        - [sh]\n  override:\n    exceptions: append\n');
    assert.deepEqual(ui.opened, ['file:///workspace/local.yaml', 3]);
    assert.equal(ui.remaining, 0);
  });
  test('a file with alerts of several rules: none proposed; only the chosen alerts reach the server', async () => {
    const ui = new ScriptedUi([
      { kind: 'pickOne', answer: labelled('Pick from a file…') },
      { kind: 'readJsonFile', answer: `[${shell('bash', 'root')},\n${netcat}]` },
      { kind: 'pickMany', answer: (items) => [items[1]!.value] },
      { kind: 'pickMany', answer: () => undefined },
    ]);
    await runAddExceptionFromAlert(ui);
    assert.equal(ui.shown[1], 'many: Shell in container | Netcat started');
    assert.deepEqual(ui.requests.map((entry) => entry.params), [{ text: netcat }]);
    assert.deepEqual([ui.errors, ui.remaining], [[], 0]);
  });
  test('pasted JSON is checked while typing; alerts of several rules ask for the rule', async () => {
    let message: string | undefined;
    const ui = new ScriptedUi([
      { kind: 'pickOne', answer: labelled('Paste alert JSON…') },
      {
        kind: 'inputText',
        answer: (validate) => {
          message = validate('{"output": "no rule"}');
          assert.equal(validate(netcat), undefined);
          return `[${netcat}, ${shell('bash', 'root')}]`;
        },
      },
      { kind: 'pickOne', answer: labelled('Netcat started') },
      { kind: 'pickMany', answer: pickedOnes },
      { kind: 'pickOne', answer: labelled('As an override in local.yaml') },
      { kind: 'confirm', answer: false },
    ]);
    await runAddExceptionFromAlert(ui);
    assert.equal(message, 'This is not a Falco JSON alert (an object with "rule" and "output_fields").');
    assert.equal(ui.shown[1], 'one: Netcat started | Shell in container');
    assert.equal(ui.applied, undefined, 'declined in the preview: nothing applied');
    assert.deepEqual([ui.errors, ui.remaining], [[], 0]);
  });
  test('a clipboard that never answers (a browser waiting on a permission) does not stop the flow', async () => {
    const ui = new ScriptedUi([{ kind: 'pickOne', answer: () => undefined }]);
    ui.readClipboard = () => new Promise<string>(() => {});
    await runAddExceptionFromAlert(ui, undefined, { clipboardTimeoutMs: 5 });
    assert.equal(ui.shown[0], 'one: Paste alert JSON… | Pick from a file…');
    assert.deepEqual([ui.errors, ui.remaining], [[], 0]);
  });
  test('cancelling any prompt ends the flow quietly', async () => {
    const cancelAt = async (steps: Step[], expectedRequests: number) => {
      const ui = new ScriptedUi(steps, shell('bash', 'root'));
      await runAddExceptionFromAlert(ui);
      assert.deepEqual([ui.requests.length, ui.errors, ui.applied, ui.remaining], [expectedRequests, [], undefined, 0]);
    };
    await cancelAt([{ kind: 'pickOne', answer: () => undefined }], 0);
    await cancelAt([{ kind: 'pickOne', answer: labelled('Pick from a file…') }, { kind: 'readJsonFile', answer: undefined }], 0);
    await cancelAt([{ kind: 'pickOne', answer: labelled('Paste alert JSON…') }, { kind: 'inputText', answer: () => undefined }], 0);
    await cancelAt([{ kind: 'pickOne', answer: first }, { kind: 'pickMany', answer: () => undefined }], 1);
    await cancelAt([{ kind: 'pickOne', answer: first }, { kind: 'pickMany', answer: pickedOnes }, { kind: 'pickOne', answer: () => undefined }], 1);
  });
  test('problems are shown: no usable alert, no field chosen, lines left out, a refused edit, a failing server', async () => {
    const noRule = new ScriptedUi([{ kind: 'pickOne', answer: first }], JSON.stringify({ rule: 'Elsewhere', output_fields: {} }));
    await runAddExceptionFromAlert(noRule);
    assert.match(noRule.errors[0]!, /^Falco: no exception can be made from these alerts\. Rule 'Elsewhere' is not defined/);

    const noField = new ScriptedUi([{ kind: 'pickOne', answer: first }, { kind: 'pickMany', answer: () => [] }], shell('bash', 'root'));
    await runAddExceptionFromAlert(noField);
    assert.deepEqual(noField.errors, ['Falco: choose at least one field for the exception.']);

    const fileUi = new ScriptedUi([
      { kind: 'pickOne', answer: labelled('Pick from a file…') },
      { kind: 'readJsonFile', answer: `${shell('bash', 'root')}\nnot json\n` },
      { kind: 'pickMany', answer: pickedOnes },
      { kind: 'pickOne', answer: first },
      { kind: 'confirm', answer: true },
    ]);
    fileUi.applyResult = false;
    await runAddExceptionFromAlert(fileUi);
    assert.deepEqual(fileUi.errors, ['Falco: the edit could not be applied (the file may have changed); run the command again.']);
    assert.equal(fileUi.opened, undefined);

    const emptyFile = new ScriptedUi([{ kind: 'pickOne', answer: labelled('Pick from a file…') }, { kind: 'readJsonFile', answer: 'nothing here' }]);
    await runAddExceptionFromAlert(emptyFile);
    assert.deepEqual(emptyFile.errors, ['Falco: the file holds no Falco JSON alert.']);

    const warned = new ScriptedUi([{ kind: 'pickOne', answer: first }, { kind: 'pickMany', answer: () => undefined }], `${shell('bash', 'root')}\n{"rule": "Gone"}`);
    await runAddExceptionFromAlert(warned);
    assert.match(warned.warnings[0]!, /^Falco: some of the text was left out\. Rule 'Gone' is not defined/);

    const failing = new ScriptedUi([{ kind: 'pickOne', answer: first }], shell('bash', 'root'));
    failing.request = () => Promise.reject(new Error('connection closed'));
    await runAddExceptionFromAlert(failing);
    assert.deepEqual(failing.errors, ['Falco: cannot add an exception from the alert: connection closed']);
  });
  test('command arguments other than {uri, rule} are ignored', () => {
    assert.deepEqual(toArgs(undefined), {});
    assert.deepEqual(toArgs('file:///x'), {});
    assert.deepEqual(toArgs({ uri: 3, rule: 'r' }), { rule: 'r' });
  });
});
