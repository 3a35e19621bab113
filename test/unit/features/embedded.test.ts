/**
 * Rules embedded in Helm values files and operator resources, through the language service: names resolve
 * across embedded and plain files in Falco's load order, hovers on file names tell that order, edits land at the
 * block's indentation, the indentation pitfall is caught and fixed, and the upstream rules are assumed (with one
 * note per file) when the configuration loads them and they are nowhere to be found.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic, Position, WorkspaceEdit } from 'vscode-languageserver-types';
import { parse } from 'yaml';
import '../../../server/src/features/diagnostics/checks';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { createLanguageService, type FalcoLanguageService } from '../../../server/src/service/languageService';
import { LineIndex } from '../../../server/src/service/lineIndex';
import { applyEdits, editsByUri } from '../../helpers/fixes';
import { corpusFiles, readText, repoRoot, sharedMissing } from '../../helpers/shared';

const catalogs = createDefaultCatalogs();
const fixture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'embedded', name), 'utf8');
const VALUES = 'file:///w/helm/values.yaml';

function service(files: Record<string, string>, options: { assume?: boolean } = {}): FalcoLanguageService {
  const created = createLanguageService({ catalogs, displayPath: (uri) => uri.replace('file:///w/', '') });
  created.configure({ assumeMissingUpstream: options.assume ?? true });
  for (const [path, text] of Object.entries(files)) created.updateDocument(`file:///w/${path}`, text);
  return created;
}

/** Position of the `occurrence`-th `needle` in `text`, plus `delta` characters. */
function at(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let offset = -1;
  for (let count = 0; count <= occurrence; count++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `no ${needle}`);
  return new LineIndex(text).positionAt(offset + delta);
}

function covered(text: string, range: { start: Position; end: Position }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

const summary = (text: string, diagnostics: Diagnostic[]): string[] => diagnostics.map((diagnostic) => `${diagnostic.code} ${covered(text, diagnostic.range)}`);

describe('embedded rules: names across files and load order', () => {
  const values = fixture('values-allowlist.yaml');

  test('macros and lists of one customRules entry serve the other (loaded earlier by name)', () => {
    const workspace = service({ 'helm/values.yaml': values });
    const diagnostics = workspace.getDiagnostics(VALUES);
    assert.deepEqual(summary(values, diagnostics), ['upstream-rules-not-found spawned_process']);
    assert.deepEqual(workspace.loadOrder().files.map((file) => file.label), ['values.yaml › aa-allowlist-macros.yaml', 'values.yaml › zz-allowlist-rules.yaml']);
  });

  test('definition, references and hover cross the entries, in host positions', () => {
    const workspace = service({ 'helm/values.yaml': values });
    const [definition] = workspace.findDefinition(VALUES, at(values, 'allowed_images', 2));
    assert.equal(definition?.targetUri, VALUES);
    assert.deepEqual(definition?.targetSelectionRange, { start: at(values, 'allowed_images', 0, 1), end: at(values, 'allowed_images', 14, 1) });
    const references = workspace.findReferences(VALUES, at(values, 'allowed_shells', 1, 1), true);
    assert.deepEqual(references.map((reference) => covered(values, reference.range)), ['allowed_shells', 'allowed_shells']);
    assert.ok(references.every((reference) => reference.uri === VALUES));
    const hover = workspace.getHover(VALUES, at(values, 'allowed_images', 3));
    assert.match(JSON.stringify(hover?.contents), /container\.image\.repository in/);
    assert.equal(covered(values, hover!.range!), 'allowed_images');
  });

  test('messages name places by the host file\'s lines and by host and key', () => {
    const text = 'customRules:\n  a.yaml: |-\n    - macro: first\n      condition: second and proc.name = x\n    - macro: second\n      condition: proc.name = y\n    - rule: r\n      desc: d\n      condition: evt.type = execve and first\n      output: o\n      priority: INFO\n';
    const workspace = service({ 'helm/values.yaml': text });
    const problem = workspace.getDiagnostics(VALUES).find((diagnostic) => diagnostic.code === 'undefined-macro');
    assert.equal(problem && covered(text, problem.range), 'second');
    assert.match(String(problem!.message), /defined later, at line 5\b/);
    const prepared = workspace.rename(VALUES, at(text, 'second', 1), 'first');
    assert.match((prepared as { error: string }).error, /`values\.yaml › a\.yaml` line 3\b/);
  });

  test('hover on a customRules key tells where Falco loads it', () => {
    const workspace = service({ 'helm/values.yaml': values });
    const hover = workspace.getHover(VALUES, at(values, 'zz-allowlist-rules.yaml', 3));
    const text = (hover?.contents as { value: string }).value;
    assert.match(text, /Deployed as `\/etc\/falco\/rules\.d\/zz-allowlist-rules\.yaml`; Falco loads it 3rd of 3/);
    assert.match(text, /1\. falco_rules\.yaml \(upstream, not in the workspace: assumed loaded\)/);
    assert.equal(covered(values, hover!.range!), 'zz-allowlist-rules.yaml');
  });

  test('two values files: their entries merge into one rules.d, by name; falco.rules_files of a values file sets the order', () => {
    const other = 'customRules:\n  mm-middle.yaml: |-\n    - macro: middle\n      condition: proc.name = m\n';
    const workspace = service({ 'helm/values.yaml': values, 'helm/values-prod.yaml': other });
    assert.deepEqual(workspace.loadOrder().files.map((file) => file.path.replace('/etc/falco/rules.d/', '')), ['aa-allowlist-macros.yaml', 'mm-middle.yaml', 'zz-allowlist-rules.yaml']);
    const ordered = service({ 'helm/values.yaml': `falco:\n  rules_files:\n    - /etc/falco/rules.d/zz-allowlist-rules.yaml\n    - /etc/falco/rules.d\n${values}` });
    assert.deepEqual(ordered.loadOrder().files.map((file) => file.path.replace('/etc/falco/rules.d/', '')), ['zz-allowlist-rules.yaml', 'aa-allowlist-macros.yaml']);
    // No falco_rules.yaml in that order: nothing is assumed, and the lists are now used before they exist.
    assert.deepEqual(ordered.loadOrder().assumedUpstream, []);
    assert.ok(ordered.getDiagnostics(VALUES).some((diagnostic) => diagnostic.code === 'undefined-macro' && /allowed_images/.test(String(diagnostic.message))));
  });

  test('the loadOrder option overrides the configuration found', () => {
    const workspace = service({ 'helm/values.yaml': values });
    workspace.configure({ loadOrder: ['/etc/falco/rules.d/zz-allowlist-rules.yaml', '/etc/falco/rules.d/aa-allowlist-macros.yaml'] });
    assert.deepEqual(workspace.loadOrder().files.map((file) => file.label), ['values.yaml › zz-allowlist-rules.yaml', 'values.yaml › aa-allowlist-macros.yaml']);
    workspace.configure({ loadOrder: [] });
    assert.deepEqual(workspace.loadOrder().files.map((file) => file.label), ['values.yaml › aa-allowlist-macros.yaml', 'values.yaml › zz-allowlist-rules.yaml']);
  });

  test('operator Rulesfiles load by priority: a lower priority loads first, even when it uses a later file\'s list', () => {
    const operator = fixture('operator-rulesfile.yaml');
    const workspace = service({ 'deploy/rulesfile.yaml': operator });
    const diagnostics = workspace.getDiagnostics('file:///w/deploy/rulesfile.yaml');
    assert.deepEqual(workspace.loadOrder().files.map((file) => file.path), ['/etc/falco/rules.d/50-03-legacy-string-rules-inline.yaml', '/etc/falco/rules.d/60-03-team-rules-inline.yaml']);
    const undefinedList = diagnostics.find((diagnostic) => diagnostic.code === 'undefined-list');
    assert.equal(undefinedList && covered(operator, undefinedList.range), 'team_binaries');
    assert.equal(undefinedList!.range.start.line, at(operator, 'team_binaries', 0, 2).line);
  });

  test('editing one entry re-checks the other: the host reports it as a dependent of itself only once', () => {
    const workspace = service({ 'helm/values.yaml': values, 'rules/extra.yaml': '- rule: Uses allow list\n  desc: d\n  condition: evt.type = execve and proc.name in (allowed_shells)\n  output: o\n  priority: INFO\n' });
    const renamed = values.replace('- list: allowed_shells', '- list: allowed_shellz');
    const update = workspace.updateDocument(VALUES, renamed);
    assert.deepEqual(update.dependents, ['file:///w/rules/extra.yaml']);
    assert.ok(workspace.getDiagnostics(VALUES).some((diagnostic) => diagnostic.code === 'undefined-list' && covered(renamed, diagnostic.range) === 'allowed_shells'));
  });
});

describe('embedded rules: upstream files', () => {
  const values = fixture('values-allowlist.yaml');

  test('without falco_rules.yaml: one information note per file, no errors; with assumption off: the engine\'s errors', () => {
    const assumed = service({ 'helm/values.yaml': values });
    const notes = assumed.getDiagnostics(VALUES).filter((diagnostic) => diagnostic.code === 'upstream-rules-not-found');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.severity, 3);
    const strict = service({ 'helm/values.yaml': values }, { assume: false });
    assert.deepEqual(strict.getDiagnostics(VALUES).filter((diagnostic) => diagnostic.severity === 1).map((diagnostic) => covered(values, diagnostic.range)), ['spawned_process', 'container', 'open_write']);
  });

  test('adding or removing the upstream file later changes what is assumed', () => {
    const workspace = service({ 'helm/values.yaml': values });
    assert.deepEqual(workspace.loadOrder().assumedUpstream, ['falco_rules.yaml']);
    const upstream = '- macro: spawned_process\n  condition: evt.type = execve\n- macro: container\n  condition: container.id != host\n- macro: open_write\n  condition: evt.type = open\n- rule: r\n  desc: d\n  condition: spawned_process and container and open_write\n  output: o\n  priority: INFO\n';
    workspace.updateDocument('file:///w/rules/falco_rules.yaml', upstream);
    assert.deepEqual(workspace.loadOrder().assumedUpstream, []);
    assert.deepEqual(summary(values, workspace.getDiagnostics(VALUES)), []);
    workspace.removeDocument('file:///w/rules/falco_rules.yaml');
    assert.deepEqual(workspace.loadOrder().assumedUpstream, ['falco_rules.yaml']);
  });

  test('with the real falco_rules.yaml in the workspace: nothing assumed, nothing reported', { skip: sharedMissing }, () => {
    const upstream = corpusFiles().find((file) => file.includes('falco-rules-5.1.0/rules/falco_rules.yaml'))!;
    const workspace = service({ 'upstream/falco_rules.yaml': readText(upstream), 'helm/values.yaml': values });
    assert.deepEqual(workspace.loadOrder().assumedUpstream, []);
    assert.deepEqual(summary(values, workspace.getDiagnostics(VALUES)), []);
    const [definition] = workspace.findDefinition(VALUES, at(values, 'spawned_process', 2));
    assert.equal(definition?.targetUri, 'file:///w/upstream/falco_rules.yaml');
  });
});

describe('embedded rules: edits', () => {
  test('a quick fix inside a block edits the host at the exact characters', () => {
    const text = 'customRules:\n  a.yaml: |-\n    - rule: r\n      desc: d\n      condition: evt.type = execve and proc.nme = bash\n      output: o\n      priority: INFO\n';
    const workspace = service({ 'helm/values.yaml': text });
    const actions = workspace.getCodeActions(VALUES, { start: at(text, 'proc.nme'), end: at(text, 'proc.nme') });
    const fix = actions.find((action) => action.title === "Change to 'proc.name'");
    assert.ok(fix, actions.map((action) => action.title).join(' | '));
    const after = applyEdits(text, editsByUri(fix.edit as WorkspaceEdit).get(VALUES)!);
    assert.equal(after, text.replace('proc.nme', 'proc.name'));
  });

  test('a refactoring that inserts items writes them at the block\'s indentation', () => {
    const text = 'customRules:\n  a.yaml: |-\n    - rule: r\n      desc: d\n      condition: evt.type = execve and proc.name in (xmrig, minerd)\n      output: o\n      priority: INFO\n  b.yaml: |-\n    - list: b\n      items: [x]\n';
    const workspace = service({ 'helm/values.yaml': text });
    const actions = workspace.getCodeActions(VALUES, { start: at(text, 'xmrig'), end: at(text, 'xmrig') });
    const extract = actions.find((action) => action.title === 'Extract values into a new list');
    assert.ok(extract, actions.map((action) => action.title).join(' | '));
    const after = applyEdits(text, editsByUri(extract.edit as WorkspaceEdit).get(VALUES)!);
    const rules = (parse(after) as { customRules: Record<string, string> }).customRules;
    assert.match(rules['a.yaml']!, /^- list: proc_name_values\n {2}items: \[xmrig, minerd\]\n/);
    assert.match(rules['a.yaml']!, /proc\.name in \(proc_name_values\)/);
    assert.equal(rules['b.yaml'], '- list: b\n  items: [x]');
    assert.deepEqual(service({ 'helm/values.yaml': after }).getDiagnostics(VALUES).filter((diagnostic) => diagnostic.severity === 1), []);
  });

  test('rename changes the embedded and the plain files alike', () => {
    const values = fixture('values-allowlist.yaml');
    const plain = '- rule: Uses allow list\n  desc: d\n  condition: evt.type = execve and proc.name in (allowed_shells)\n  output: o\n  priority: INFO\n';
    const workspace = service({ 'helm/values.yaml': values, 'rules/extra.yaml': plain });
    const edit = workspace.rename(VALUES, at(values, 'allowed_shells', 1, 1), 'approved_shells') as WorkspaceEdit;
    const byUri = editsByUri(edit);
    assert.deepEqual([...byUri.keys()].sort(), [VALUES, 'file:///w/rules/extra.yaml']);
    assert.equal(applyEdits(values, byUri.get(VALUES)!), values.replaceAll('allowed_shells', 'approved_shells'));
  });

  test('completion inside a block, on a blank line at its end', () => {
    const text = 'customRules:\n  a.yaml: |-\n    - rule: r\n      desc: d\n      condition: evt.type = execve and proc.\n      \nother: 1\n';
    const workspace = service({ 'helm/values.yaml': text });
    const list = workspace.getCompletions(VALUES, at(text, 'proc.', 5));
    assert.ok(list?.items.some((item) => item.label === 'proc.name'));
    assert.equal(covered(text, list!.itemDefaults!.editRange as { start: Position; end: Position }), 'proc.');
    const keys = workspace.getCompletions(VALUES, { line: 5, character: 6 });
    assert.ok(keys?.items.some((item) => item.label === 'output'), JSON.stringify(keys?.items.map((item) => item.label)));
    assert.equal(workspace.getCompletions(VALUES, at(text, 'other')), null);
  });

  test('moving an exception into an embedded file names it by its host and key', () => {
    const upstream = '- rule: Shell\n  desc: d\n  condition: evt.type = execve and proc.name = bash\n  output: o\n  priority: INFO\n  exceptions:\n    - name: known\n      fields: [proc.pname]\n      values: [[cron]]\n';
    const values = 'customRules:\n  site.yaml: |-\n    - list: site\n      items: [x]\n';
    const workspace = service({ 'rules/falco_rules.yaml': upstream, 'helm/values.yaml': values });
    const uri = 'file:///w/rules/falco_rules.yaml';
    const actions = workspace.getCodeActions(uri, { start: at(upstream, 'name: known'), end: at(upstream, 'name: known') });
    const move = actions.find((action) => action.kind === 'refactor.move');
    assert.equal(move?.title, 'Move exception to an override in values.yaml › site.yaml');
    const edits = editsByUri(move!.edit as WorkspaceEdit);
    const after = applyEdits(values, edits.get(VALUES)!);
    assert.deepEqual(parse((parse(after) as { customRules: Record<string, string> }).customRules['site.yaml']!), [
      { list: 'site', items: ['x'] },
      { rule: 'Shell', exceptions: [{ name: 'known', fields: ['proc.pname'], values: [['cron']] }], override: { exceptions: 'append' } },
    ]);
  });

  test('the outline has one group per embedded file', () => {
    const values = fixture('values-allowlist.yaml');
    const symbols = service({ 'helm/values.yaml': values }).getDocumentSymbols(VALUES);
    assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.detail, (symbol.children ?? []).map((child) => child.name)]), [
      ['zz-allowlist-rules.yaml', 'Helm customRules', ['Shell in allow-listed container', 'Unexpected crontab writer']],
      ['aa-allowlist-macros.yaml', 'Helm customRules', ['allowed_shells', 'allowed_cron_writers', 'allowed_images']],
    ]);
  });
});

describe('embedded rules: the host file\'s own mistakes', () => {
  const text = fixture('values-pitfall.yaml');

  test('rules at the wrong indentation, items instead of text, a file name Falco skips', () => {
    const diagnostics = service({ 'helm/values.yaml': text }).getDiagnostics(VALUES);
    assert.deepEqual(summary(text, diagnostics.filter((diagnostic) => String(diagnostic.code).startsWith('embedded-'))), [
      'embedded-rules-indentation - rule: Shell started',
      'embedded-rules-indentation - list: package_managers',
      'embedded-rules-file-name shell-list',
      'embedded-rules-not-text shell-list',
    ]);
  });

  test('the fixes make each entry the rules file that was meant', () => {
    let current = text;
    for (let round = 0; round < 5; round++) {
      const workspace = service({ 'helm/values.yaml': current });
      const problem = workspace.getDiagnostics(VALUES).find((diagnostic) => String(diagnostic.code).startsWith('embedded-'));
      if (!problem) break;
      const fix = workspace.getCodeActions(VALUES, problem.range).find((action) => action.kind === 'quickfix' && action.diagnostics?.[0]?.code === problem.code);
      assert.ok(fix, `no fix for ${problem.code}`);
      current = applyEdits(current, editsByUri(fix.edit as WorkspaceEdit).get(VALUES)!);
    }
    const rules = (parse(current) as { customRules: Record<string, string> }).customRules;
    assert.deepEqual(Object.keys(rules), ['my-rules.yaml', 'other-rules.yaml', 'shell-list.yaml']);
    assert.deepEqual(parse(rules['my-rules.yaml']!), [{ rule: 'Shell started', desc: 'A shell was started', condition: 'spawned_process and proc.name = bash', output: 'shell %proc.name', priority: 'NOTICE' }]);
    assert.deepEqual((parse(rules['other-rules.yaml']!) as unknown[]).length, 2);
    assert.deepEqual(parse(rules['shell-list.yaml']!), [{ list: 'my_shells', items: ['bash', 'zsh'] }]);
    assert.deepEqual(summary(current, service({ 'helm/values.yaml': current }).getDiagnostics(VALUES).filter((diagnostic) => diagnostic.severity === 1)), []);
  });

  test('a values file without rules is not a host; a broken one never throws', () => {
    const workspace = service({ 'helm/plain.yaml': 'replicaCount: 2\n' });
    assert.equal(workspace.isRulesFile('file:///w/helm/plain.yaml'), false);
    for (let end = 0; end < text.length; end += 5) assert.doesNotThrow(() => service({ 'helm/values.yaml': text.slice(0, end) }).getDiagnostics(VALUES));
  });
});
