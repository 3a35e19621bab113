import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dedent } from '../../helpers/markers';
import { openFixture } from '../../helpers/service';

const workspace = dedent(`
  #- rules/base.yaml
  - list: shell_binaries
    items: [bash, sh, zsh]
  - list: all_shells
    items: [shell_binaries, fish]
  - macro: spawned_process
    condition: evt.type in (execve, execveat)
  - macro: container
    condition: container.id != host
  - macro: shell_in_container
    condition: spawned_process and container and proc.name in (shell_binaries)
  - rule: Base shell
    desc: a shell
    condition: shell_in_container
    output: shell %proc.name
    priority: WARNING
  #- rules/custom.yaml
  - rule: Custom shell
    desc: custom
    condition: >
      spawned_<|>process and
      proc.name in (all_sh<|>ells)
    output: "custom %proc.name"
    priority: NOTICE
    exceptions:
      - name: known
        fields: [proc.pname]
        values: [[shell_bin<|>aries]]
  - macro: spawned_pro<|>cess
    condition: and proc.pid > 0
    override:
      condition: append
  - rule: Base sh<|>ell
    enabled: false
    override:
      enabled: replace
`);

describe('go to definition', () => {
  const fixture = openFixture(workspace, { falcoYaml: 'rules_files:\n  - rules/base.yaml\n  - rules/custom.yaml\n' });
  const definitionText = (cursor: number) =>
    fixture.service.findDefinition(fixture.file('custom.yaml').uri, fixture.cursor('custom.yaml', cursor)).map((link) => ({
      file: link.targetUri.replace('file:///workspace/', ''),
      text: fixture.textAt(link.targetUri, link.targetSelectionRange),
      line: link.targetSelectionRange.start.line,
    }));

  test('a macro in a folded condition resolves across files', () => {
    assert.deepEqual(definitionText(0), [{ file: 'rules/base.yaml', text: 'spawned_process', line: 4 }]);
  });
  test('a list inside in (…) resolves across files', () => {
    assert.deepEqual(definitionText(1), [{ file: 'rules/base.yaml', text: 'all_shells', line: 2 }]);
  });
  test('a list name in exception values resolves', () => {
    assert.deepEqual(definitionText(2), [{ file: 'rules/base.yaml', text: 'shell_binaries', line: 0 }]);
  });
  test('an override item goes to the definition it modifies', () => {
    assert.deepEqual(definitionText(3), [{ file: 'rules/base.yaml', text: 'spawned_process', line: 4 }]);
    assert.deepEqual(definitionText(4), [{ file: 'rules/base.yaml', text: 'Base shell', line: 10 }]);
  });
  test('a list item naming another list resolves', () => {
    const base = fixture.file('base.yaml');
    const offset = base.text.indexOf('shell_binaries, fish') + 2;
    const lines = fixture.service;
    const position = { line: 3, character: offset - base.text.lastIndexOf('\n', offset) - 1 };
    const links = lines.findDefinition(base.uri, position);
    assert.equal(links.length, 1);
    assert.equal(links[0].targetSelectionRange.start.line, 0);
  });
});

describe('find references', () => {
  const fixture = openFixture(workspace);
  test('a macro: uses in conditions and override items, across files', () => {
    const locations = fixture.service.findReferences(fixture.file('custom.yaml').uri, fixture.cursor('custom.yaml', 0), true);
    const found = locations.map((location) => `${location.uri.replace('file:///workspace/', '')}:${location.range.start.line}:${fixture.textAt(location.uri, location.range)}`);
    assert.deepEqual(found.sort(), [
      'rules/base.yaml:4:spawned_process',
      'rules/base.yaml:9:spawned_process',
      'rules/custom.yaml:11:spawned_process',
      'rules/custom.yaml:3:spawned_process',
    ]);
  });
  test('a list: condition, list item and exception value uses', () => {
    const locations = fixture.service.findReferences(fixture.file('custom.yaml').uri, fixture.cursor('custom.yaml', 2), false);
    const found = locations.map((location) => `${location.uri.replace('file:///workspace/', '')}:${location.range.start.line}`);
    assert.deepEqual(found.sort(), ['rules/base.yaml:3', 'rules/base.yaml:9', 'rules/custom.yaml:10']);
  });
});

describe('hover', () => {
  const fixture = openFixture(workspace);
  test('a macro shows its condition and where it is defined and modified', () => {
    const hover = fixture.service.getHover(fixture.file('custom.yaml').uri, fixture.cursor('custom.yaml', 0));
    assert.ok(hover);
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /\*\*macro\*\* `spawned_process`/);
    assert.match(value, /evt\.type in \(execve, execveat\)/);
    assert.match(value, /defined in `rules\/base\.yaml:5`/);
    assert.match(value, /append in `rules\/custom\.yaml:12`/);
    assert.equal(fixture.textAt(fixture.file('custom.yaml').uri, hover.range!), 'spawned_process');
  });
  test('a list shows its items with nested lists expanded', () => {
    const hover = fixture.service.getHover(fixture.file('custom.yaml').uri, fixture.cursor('custom.yaml', 1));
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /\*\*list\*\* `all_shells` \(4 items\)/);
    assert.match(value, /- shell_binaries \(list\):\n {2}- bash\n {2}- sh\n {2}- zsh\n- fish/);
  });
  test('a rule shows its description, priority, source and the event types its condition matches', () => {
    const base = fixture.file('base.yaml');
    const offset = base.text.indexOf('Base shell') + 2;
    const line = base.text.slice(0, offset).split('\n').length - 1;
    const character = offset - base.text.lastIndexOf('\n', offset - 1) - 1;
    const value = (fixture.service.getHover(base.uri, { line, character })!.contents as { value: string }).value;
    assert.match(value, /\*\*rule\*\* `Base shell`\n\na shell\n\npriority `WARNING` · source `syscall`\n\nmatches 2 event types: `execve`, `execveat`/);
  });

  test('a field shows its type, source and argument form', () => {
    const base = fixture.file('base.yaml');
    const offset = base.text.indexOf('proc.name in') + 3;
    const line = base.text.slice(0, offset).split('\n').length - 1;
    const character = offset - base.text.lastIndexOf('\n', offset - 1) - 1;
    const hover = fixture.service.getHover(base.uri, { line, character });
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /\*\*field\*\* `proc\.name` — `string`/);
    assert.match(value, /event sources: `syscall`/);
  });
});

describe('symbols', () => {
  const fixture = openFixture(workspace);
  test('document symbols list every item, exceptions nested', () => {
    const symbols = fixture.service.getDocumentSymbols(fixture.file('custom.yaml').uri);
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name) ?? []]),
      [
        ['Custom shell', ['known']],
        ['spawned_process', []],
        ['Base shell', []],
      ],
    );
  });
  test('workspace symbols match by subsequence', () => {
    const names = fixture.service.getWorkspaceSymbols('shbin').map((symbol) => symbol.name);
    assert.deepEqual(names, ['shell_binaries']);
  });
});
