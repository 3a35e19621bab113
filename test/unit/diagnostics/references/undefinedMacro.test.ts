import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['undefined-macro'];

const rule = (name: string, condition: string, extra = '') =>
  `- rule: ${name}\n  desc: d\n  condition: ${condition}\n  output: o\n  priority: INFO\n${extra}`;

describe('undefined-macro', () => {
  test('a name defined nowhere is an error with a did-you-mean', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: spawned_process
          condition: evt.type = execve
      `) + rule('r', '<|spawned_proces|> and proc.name = bash'),
      ['undefined-macro'],
      { only },
    );
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /Undefined macro 'spawned_proces'/);
    assert.match(found[0].message, /Did you mean `spawned_process`\?/);
  });

  test('rules see macros defined later in their file; macros only see earlier ones', () => {
    const found = assertDiagnostics(
      rule('r', 'later_macro and evt.type = open') +
        dedent(`
          - macro: uses_later
            condition: <|later_macro|> and proc.name = a
          - macro: later_macro
            condition: proc.name = b
          - macro: uses_earlier
            condition: later_macro or uses_later
        `),
      ['undefined-macro'],
      { only },
    );
    assert.match(found[0].message, /defined later, at line 8/);
    assert.match(found[0].message, /only sees macros defined before it/);
    assert.equal(found[0].diagnostic.relatedInformation?.length, 1);
  });

  test('a macro cannot use its own name in a single definition', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: m
          condition: proc.name = a or <|m|>
      `) + rule('r', 'm'),
      ['undefined-macro'],
      { only },
    );
    assert.match(found[0].message, /cannot refer to itself/);
  });

  test('an append moves the point a macro sees from', () => {
    assertDiagnostics(
      dedent(`
        - macro: m
          condition: proc.name = a
        - macro: n
          condition: proc.name = b
        - macro: m
          condition: or n
          override:
            condition: append
      `) + rule('r', 'm'),
      [],
      { only },
    );
  });

  test('a rule does not see macros of files loaded after its own', () => {
    const fixture =
      '#- a_rules.yaml\n' +
      rule('uses later file', '<|from_b|> and evt.type = open') +
      rule('uses own file', 'from_a') +
      '- macro: from_a\n  condition: proc.name = a\n' +
      '#- b_rules.yaml\n' +
      '- macro: from_b\n  condition: proc.name = b\n' +
      rule('uses earlier file', 'from_a and from_b');
    const found = assertDiagnostics(fixture, ['undefined-macro'], { only, file: 'a_rules.yaml' });
    assert.match(found[0].message, /`b_rules.yaml`, which Falco loads after this file/);
    assertDiagnostics(fixture.replace('<|from_b|>', 'from_b'), [], { only, file: 'b_rules.yaml' });
  });

  test('a macro defined in a later file is not visible from a macro either', () => {
    const fixture =
      '#- falco.yaml\n' +
      '#- a.yaml\n- macro: m\n  condition: <|n|>\n' +
      '#- b.yaml\n- macro: n\n  condition: proc.name = b\n';
    const found = assertDiagnostics(fixture, ['undefined-macro'], {
      only,
      file: 'a.yaml',
      falcoYaml: 'rules_files:\n  - /workspace/a.yaml\n  - /workspace/b.yaml\n',
    });
    assert.match(found[0].message, /in `b.yaml`, which Falco loads after this file/);
  });

  test('a trailing `not` in a plain scalar reads as a macro name; in a folded block it is a syntax error', () => {
    const found = assertDiagnostics(rule('plain', 'evt.type = open and <|not|>'), ['undefined-macro'], { only });
    assert.match(found[0].message, /dangling `not`/);
    assertDiagnostics(rule('folded', '>\n    evt.type = open and not'), [], { only });
  });

  test('a list name in check position is substituted as text, not a macro', () => {
    assertDiagnostics(
      dedent(`
        - list: open_check
          items: [evt.type=open]
      `) + rule('r', 'open_check and proc.name = a'),
      [],
      { only },
    );
  });

  test('a list of a file loaded later is not substituted', () => {
    const fixture = '#- a.yaml\n' + rule('r', '<|late_list|> and proc.name = a') + '#- b.yaml\n- list: late_list\n  items: [evt.type=open]\n';
    const found = assertDiagnostics(fixture, ['undefined-macro'], { only, file: 'a.yaml' });
    assert.match(found[0].message, /is a list of `b.yaml`, which Falco loads after this file/);
  });

  test('a macro item with required_engine_version is a version item: the macro does not exist', () => {
    assertDiagnostics(
      dedent(`
        - macro: versioned
          required_engine_version: 0.10.0
          condition: proc.name = a
      `) + rule('r', '<|versioned|>'),
      ['undefined-macro'],
      { only },
    );
  });

  test('items the engine never compiles are left out; skipped rules only get a warning', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: m
          condition: gone_macro
        - macro: m
          condition: proc.name = a
        - rule: missing rule
          condition: and undefined_in_append
          override:
            condition: append
        - rule: k8s
          desc: d
          condition: <|ka_macro|>
          output: o
          priority: INFO
          source: k8s_audit
      `) + rule('r', 'm'),
      ['undefined-macro'],
      { only, analysis: { plugins: [] } },
    );
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /no loaded plugin provides its source `k8s_audit`/);
  });

  test('appended rule conditions are checked against every macro loaded so far', () => {
    assertDiagnostics(
      rule('r', 'evt.type = open') +
        dedent(`
          - rule: r
            condition: and not <|typo_macro|> and not later
            override:
              condition: append
          - macro: later
            condition: proc.name = a
        `),
      ['undefined-macro'],
      { only },
    );
  });
});
