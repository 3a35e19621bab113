/**
 * Rename of macros, lists and rules. Fixtures mark every place the rename must change with `«old»` (becomes the
 * new name) or `«old=>written»` (becomes `written`, for quoting and escaping); nothing else may change, and the
 * renamed workspace must report the same diagnostic codes as before.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NOT_RENAMABLE, prepareRename, rename, type RenameResult } from '../../../server/src/features/rename';
import type { IndexedFile } from '../../../server/src/semantic/workspaceIndex';
import { dedent } from '../../helpers/markers';
import { openFixture, type FixtureWorkspace } from '../../helpers/service';

const marks = /«([^«»]*?)(?:=>([^«»]*))?»/g;

/** A fixture's text without the test's indentation (a bare file becomes `rules.yaml`), before or after the rename. */
function fixtureText(fixture: string, newName?: string): string {
  const text = dedent(fixture.startsWith('\n') ? fixture : `\n${fixture}`);
  const files = text.startsWith('#- ') ? text : `#- rules.yaml\n${text}`;
  return files.replace(marks, (_mark, old: string, written?: string) => (newName === undefined ? old : (written ?? newName)));
}

/** Opens a fixture at the first `<|>` cursor of the first file that has one. */
function open(fixture: string, falcoYaml?: string): { workspace: FixtureWorkspace; file: IndexedFile; offset: number } {
  const workspace = openFixture(fixtureText(fixture), falcoYaml ? { falcoYaml } : {});
  const marked = workspace.files.find((candidate) => candidate.cursors.length > 0);
  const file = marked && workspace.service.index.get(marked.uri);
  assert.ok(marked && file, 'the fixture has no <|> cursor in a rules file');
  return { workspace, file, offset: marked.cursors[0] };
}

function renameAt(fixture: string, newName: string, falcoYaml?: string): { result: RenameResult; opened: ReturnType<typeof open> } {
  const opened = open(fixture, falcoYaml);
  return { result: rename(opened.workspace.service.index, opened.file, opened.offset, newName), opened };
}

/** The texts of every file after the changes, as a fixture with `#- path` headers. */
function applyResult(workspace: FixtureWorkspace, result: RenameResult): string {
  assert.ok('changes' in result, `rename refused: ${'error' in result ? result.error : ''}`);
  return workspace.files
    .map((file) => {
      const sorted = [...(result.changes.find((entry) => entry.uri === file.uri)?.changes ?? [])].sort((a, b) => b.span.start - a.span.start);
      let text = file.text;
      for (const [position, change] of sorted.entries()) {
        assert.ok(position === 0 || change.span.end <= sorted[position - 1].span.start, 'changes overlap');
        text = text.slice(0, change.span.start) + change.newText + text.slice(change.span.end);
      }
      return `#- ${file.path.replace('/workspace/', '')}\n${text}`;
    })
    .join('');
}

function codesOf(workspace: FixtureWorkspace): string[][] {
  return workspace.files.map((file) => workspace.service.getDiagnostics(file.uri).map((diagnostic) => String(diagnostic.code)).sort());
}

/** Renames at the cursor: exactly the marked places change; diagnostic codes stay, except `fixed`, which go. */
function assertRename(fixture: string, newName: string, fixed: readonly string[] = []): void {
  const { result, opened } = renameAt(fixture, newName);
  const after = applyResult(opened.workspace, result);
  assert.equal(after, fixtureText(fixture, newName).replace(/<\|>/g, ''));
  const before = codesOf(opened.workspace);
  assert.ok(fixed.every((code) => before.flat().includes(code)), 'a fixed code was not reported before the rename');
  assert.deepEqual(codesOf(openFixture(after)), before.map((codes) => codes.filter((code) => !fixed.includes(code))));
  assert.ok('changes' in result && result.changes.every((file) => file.changes.length > 0), 'a file without changes is listed');
}

function assertRefused(fixture: string, newName: string, error: string): void {
  assert.deepEqual(renameAt(fixture, newName).result, { error });
}

function prepareAt(fixture: string): { result: ReturnType<typeof prepareRename>; text: string } {
  const opened = open(fixture);
  return { result: prepareRename(opened.workspace.service.index, opened.file, opened.offset), text: opened.file.syntax.text };
}

/** The text of the prepared range with `before` and `after` characters around it, and the placeholder. */
function preparedText(fixture: string, before: number, after: number): [string, string] {
  const { result, text } = prepareAt(fixture);
  assert.ok(result && 'span' in result, `not renamable: ${JSON.stringify(result)}`);
  return [text.slice(result.span.start - before, result.span.end + after), result.placeholder];
}

const macroWorkspace = `
  #- a.yaml
  - macro: «spawned_process»
    condition: evt.type in (execve, execveat)
  # spawned_process is used below
  - rule: Shell spawned
    desc: a shell
    condition: «spawned_process» and proc.name = bash
    output: "shell %proc.name"
    priority: WARNING
  #- b.yaml
  - macro: «spawned_process»
    condition: and proc.pid > 0
    override:
      condition: append
  - rule: Shell spawned
    condition: and not («spawned_process» and proc.name = sh)
    override:
      condition: append
  - macro: other
    condition: proc.name = b
  - macro: other
    condition: or «spawned_process»
    append: true
  - rule: Quoted
    desc: quoted condition
    condition: "not «spawned_process» or («spawned_process» and proc.name = sh)"
    output: "quoted %proc.name"
    priority: NOTICE
  - rule: Folded
    desc: folded condition
    condition: >
      «spawned<|>_process» and
      not proc.name in (bash)
    output: folded
    priority: NOTICE
  - rule: Literal
    desc: literal condition
    condition: |
      «spawned_process»
      and proc.name = zsh
    output: literal
    priority: NOTICE
`;

describe('rename a macro', () => {
  test('every definition, override and append item and use in every file, comments untouched', () => {
    assertRename(macroWorkspace, 'process_started');
  });

  test('the prepared range is the use under the cursor, with the name as placeholder', () => {
    assert.deepEqual(preparedText(macroWorkspace, 1, 4), [' spawned_process and', 'spawned_process']);
  });

  test('a macro name the engine rejects can be renamed to a valid one', () => {
    assertRename('- macro: «shell-<|>procs»\n  condition: proc.name in (bash, sh)\n', 'shell_procs', ['invalid-macro-name']);
  });

  test('a name YAML reads as null is quoted where it is a whole scalar', () => {
    assertRename(
      `
      - {macro: «m<|>1=>"null"», condition: proc.name = a}
      - rule: R
        desc: d
        condition: «m1» and evt.type = execve
        output: o
        priority: INFO
      `,
      'null',
    );
  });

  test('renaming to the same name changes nothing', () => {
    assert.deepEqual(renameAt(macroWorkspace.replace(/[«»]/g, ''), 'spawned_process').result, { changes: [] });
  });
});

describe('rename a list', () => {
  const lists = `
    #- a.yaml
    - list: «shell_binaries»
      items: [bash, sh]
    - list: all_shells
      items:
        - «shell_binaries»   # nested list
        - fish
    - list: flow_shells
      items: [zsh, «shell_binaries»]
    - macro: shell_procs
      condition: proc.name in («shell_binaries») or proc.pname in (all_shells, flow_shells)
    - rule: Shell
      desc: d
      condition: evt.type = execve and shell_procs
      output: o
      priority: INFO
      exceptions:
        - name: known
          fields: [proc.name, proc.pname]
          comps: [=, in]
          values:
            - [apt, «shell_bin<|>aries»]
            - [yum, [«shell_binaries», dnf]]
        - name: single
          fields: proc.pname
          values: [«shell_binaries»]
    #- b.yaml
    - list: «shell_binaries»
      items: ['ksh']
      override:
        items: append
    - list: "«shell_binaries»"
      items: [csh]
      append: true
  `;

  test('definitions, override and append items, list items, conditions and exception values', () => {
    assertRename(lists, 'shells');
  });

  test('the changes come file by file in load order', () => {
    const { result } = renameAt(lists, 'shells', 'rules_files:\n  - b.yaml\n  - a.yaml\n');
    assert.ok('changes' in result);
    assert.deepEqual(
      result.changes.map((file) => [file.uri, file.changes.length]),
      [['file:///workspace/b.yaml', 2], ['file:///workspace/a.yaml', 7]],
    );
  });

  test('the prepared range is the exception value', () => {
    assert.deepEqual(preparedText(lists, 6, 1), ['[apt, shell_binaries]', 'shell_binaries']);
  });

  test('a name that is not plain-safe in a flow collection is quoted there only', () => {
    assertRename(
      `
      - {list: «fo<|>o=>"a[0]"», items: [a]}
      - list: bar
        items: [«foo=>"a[0]"», b]
      - list: baz
        items:
          - «foo»
      - rule: R
        desc: d
        condition: evt.type = execve and proc.name in («foo», bar, baz)
        output: o
        priority: INFO
      `,
      'a[0]',
    );
  });

  test('a backslash is escaped inside a double-quoted condition only', () => {
    assertRename(
      `
      - list: «win_<|>dirs»
        items: [a]
      - rule: R
        desc: d
        condition: "evt.type = open and fd.name in («win_dirs=>dirs\\\\win»)"
        output: o
        priority: INFO
      `,
      'dirs\\win',
    );
  });
});

describe('rename a rule', () => {
  const rules = (written: (style: 'plain' | 'double' | 'single') => string) => `
    #- a.yaml
    - rule: «Shell in container${written('plain')}»
      desc: d
      condition: evt.type = execve
      output: o
      priority: INFO
    #- b.yaml
    - rule: "«Shell in container${written('double')}»"
      condition: and proc.name = bash
      override:
        condition: append
    - rule: '«Shell in container${written('single')}»'
      enabled: false
    - rule: «Shell in <|>container${written('plain')}»
      desc: replaced
      override:
        desc: replace
    - rule: Other
      desc: Shell in container
      condition: evt.type = open
      output: o
      priority: INFO
  `;

  test('every item of the name, each in its quoting style', () => {
    assertRename(rules(() => ''), 'Shell in a container');
  });

  test('quotes and escapes where the new name needs them', () => {
    const written = { plain: '"Shell \\"sh\\": it\'s a container"', double: 'Shell \\"sh\\": it\'s a container', single: "Shell \"sh\": it''s a container" };
    assertRename(rules((style) => `=>${written[style]}`), `Shell "sh": it's a container`);
  });

  test('the prepared range is inside the quotes', () => {
    const fixture = '- rule: "Shell <|>in container"\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: INFO\n';
    assert.deepEqual(preparedText(fixture, 1, 1), ['"Shell in container"', 'Shell in container']);
  });
});

describe('what cannot be renamed', () => {
  const rule = (condition: string, output = '"%proc.name"') =>
    `- macro: spawned_process\n  condition: evt.type in (execve, execveat)\n- list: foo\n  items: [a]\n# spawned_process in a comment\n` +
    `- rule: R\n  desc: d\n  condition: ${condition}\n  output: ${output}\n  priority: INFO\n`;
  const escaped = 'is written with an escape or a line break inside it in `rules.yaml` line 8; rewrite it there before renaming.';
  const cases: [string, string, { error: string } | null][] = [
    ['a field', rule('spawned_process and proc.na<|>me = bash'), { error: NOT_RENAMABLE }],
    ['a field of an output', rule('spawned_process', '"%proc.na<|>me"'), { error: NOT_RENAMABLE }],
    ['a value that names no list', rule('spawned_process and proc.name = ba<|>sh'), { error: `\`bash\` is a value, not the name of a list of the workspace. ${NOT_RENAMABLE}.` }],
    ['an undefined macro', rule('spawned_process and not undefined_<|>macro'), { error: 'No macro named `undefined_macro` is defined in the workspace, so there is nothing to rename.' }],
    ['a comment', rule('spawned_process').replace('# spawned', '# spaw<|>ned'), null],
    ['a key', rule('spawned_process').replace('desc', 'de<|>sc'), null],
    ['an operator', rule('spawned_process a<|>nd proc.name = bash'), null],
    ['a name with an escape inside it', rule('"spawned\\x5fprocess and proc.name = bash"').replace('macro: spawned', 'macro: spaw<|>ned'), { error: `\`spawned_process\` ${escaped}` }],
  ];
  for (const [what, fixture, expected] of cases) {
    test(`${what}: prepare ${expected ? 'explains' : 'finds nothing'}, rename refuses`, () => {
      assert.deepEqual(prepareAt(fixture).result, expected);
      assertRefused(fixture, 'renamed', expected?.error ?? NOT_RENAMABLE);
    });
  }

  test('a name written as a block scalar', () => {
    const fixture = '- rule: >-\n    Shell in container\n  desc: d\n  condition: evt.type = execve\n  output: o\n  priority: INFO\n- rule: Shell in <|>container\n  enabled: false\n';
    assertRefused(fixture, 'Shell', '`Shell in container` is written as a block scalar in `rules.yaml` line 1; write it as a plain or quoted scalar before renaming.');
  });

  test('a new name that YAML or the condition grammar would read differently', () => {
    const differently = 'would be read differently in `rules.yaml` line 9 (by YAML or by the condition grammar); choose another name or edit that place by hand.';
    assertRefused(rule('evt.type = execve and\n    proc.name = foo').replace('list: foo', 'list: f<|>oo'), '#foo', `\`#foo\` ${differently}`);
    assertRefused(rule('evt.type = execve and\n    proc.name in foo').replace('list: foo', 'list: f<|>oo'), 'x.y', `\`x.y\` ${differently}`);
  });
});

describe('names a rename refuses', () => {
  const workspace = `
    #- a.yaml
    - macro: spawned_<|>process
      condition: evt.type in (execve, execveat)
    - list: shell_binaries
      items: [bash, sh]
    - rule: Shell
      desc: d
      condition: spawned_process and proc.name in (shell_binaries) and not undefined_macro and proc.pname = zsh
      output: o
      priority: INFO
      exceptions:
        - name: e
          fields: [fd.directory]
          values: [[/tmp]]
    #- b.yaml
    - macro: container
      condition: container.id != host
    - list: other_list
      items: [x]
    - rule: Other rule
      desc: d
      condition: container and proc.name in (other_list)
      output: o
      priority: INFO
  `;
  const at = (word: string) => workspace.replace('<|>', '').replace(word, word.slice(0, 2) + '<|>' + word.slice(2));

  const reserved = (kind: string, words: string[][]) => words.map(([name, what]) => [name, `\`${name}\` is ${what} of the condition language and cannot name a ${kind}.`]);
  const invalidMacro = (name: string) => `\`${name}\` is not a valid macro name: it must start with a letter and contain only letters, digits and \`_\`.`;
  const invalidList = (name: string) => `\`${name}\` is not a valid list name: it cannot contain blanks, parentheses, quotes, \`=\` or \`,\`.`;
  const substituted = 'Falco replaces list names as text everywhere in conditions';
  const cases: Record<'macro' | 'list' | 'rule', string[][]> = {
    macro: [
      ['1abc', invalidMacro('1abc')],
      ['my-macro', invalidMacro('my-macro')],
      ['', 'A macro name cannot be empty.'],
      ...reserved('macro', [['and', 'a keyword'], ['in', 'an operator'], ['exists', 'an operator'], ['startswith', 'an operator']]),
      ...reserved('macro', [['oneof', 'a comparison modifier'], ['tolower', 'a transformer']]),
      ['container', 'A macro named `container` already exists in `b.yaml` line 1.'],
      ['shell_binaries', `A list named \`shell_binaries\` exists in \`a.yaml\` line 3; ${substituted}, so it would replace the macro's uses.`],
      ['undefined_macro', '`undefined_macro` is already used as a macro in `a.yaml` line 7, where no macro defines it; the rename would change what it refers to.'],
    ],
    list: [
      ['my list', invalidList('my list')],
      ['a,b', invalidList('a,b')],
      ...reserved('list', [['contains', 'an operator'], ['<', 'an operator'], ['val', 'a transformer']]),
      ['tab\there', 'A list name cannot contain line breaks, tabs or other control characters.'],
      ['other_list', 'A list named `other_list` already exists in `b.yaml` line 3.'],
      ['container', `A macro named \`container\` exists in \`b.yaml\` line 1; ${substituted}, so the list would replace the macro's uses.`],
      ['zsh', `\`zsh\` already appears as a value in \`a.yaml\` line 7; ${substituted}, so the rename would change it there.`],
      ['bash', `\`bash\` already appears as a value in \`a.yaml\` line 4; ${substituted}, so the rename would change it there.`],
      ['undefined_macro', `\`undefined_macro\` is used as a macro in \`a.yaml\` line 7; ${substituted}, so the list would replace it.`],
      ['proc.pname', `\`proc.pname\` is a field used in \`a.yaml\` line 7; ${substituted}, so the list would replace it.`],
      ['fd.directory', `\`fd.directory\` is a field used in \`a.yaml\` line 12; ${substituted}, so the list would replace it.`],
    ],
    rule: [
      ['', 'A rule name cannot be empty.'],
      [' Shell', 'A rule name cannot start or end with blanks: every item of the rule must repeat the name exactly.'],
      ['Shell\nin container', 'A rule name cannot contain line breaks, tabs or other control characters.'],
      ['Other rule', 'A rule named `Other rule` already exists in `b.yaml` line 5.'],
    ],
  };
  const fixtures = { macro: workspace, list: at('shell_binaries'), rule: at('Shell\n') };
  for (const kind of ['macro', 'list', 'rule'] as const) {
    for (const [name, error] of cases[kind]) test(`${kind} → ${JSON.stringify(name)}`, () => assertRefused(fixtures[kind], name, error));
  }

  test('a rule may take the name of a macro or a list', () => {
    const { result, opened } = renameAt(at('Shell\n'), 'spawned_process');
    assert.match(applyResult(opened.workspace, result), /\n- rule: spawned_process\n/);
  });
});
