import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

describe('update-target-missing', () => {
  test('appends, rule replaces and enabled-only items need an earlier definition', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: suspicious_names
          items: [nc]
        - macro: opened_for_write
          condition: evt.is_open_write = true
        - rule: Read shadow
          desc: d
          condition: evt.type = open and opened_for_write
          output: o %proc.name %fd.name
          priority: WARNING
        - list: <|suspicious_nammes|>
          items: [backup-agent]
          override:
            items: append
        - macro: <|opened_for_writee|>
          condition: or proc.name = backup-agent
          override:
            condition: append
        - rule: <|Raed shadow|>
          condition: and not proc.name = backup-agent
          append: true
        - rule: <|Shell In Container (local)|>
          enabled: false
          override:
            enabled: replace
        - rule: <|Local rule|>
          enabled: false
      `),
      ['update-target-missing', 'update-target-missing', 'update-target-missing', 'update-target-missing', 'update-target-missing'],
      { only: ['update-target-missing'] },
    );
    assert.match(found[0].message, /no list 'suspicious_nammes' is defined before it.*Did you mean `suspicious_names`\?/);
    assert.match(found[1].message, /Did you mean `opened_for_write`\?/);
    assert.match(found[2].message, /'append: true'.*Did you mean `Read shadow`\?/);
    assert.match(found[3].message, /replaces keys with 'override'/);
    assert.match(found[4].message, /sets only 'enabled'/);
    assert.equal(found[0].severity, 'error');
  });

  test('list and macro replace define the name; later definitions are named in the message', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: fresh_list
          items: [a]
          override:
            items: replace
        - macro: fresh_macro
          condition: proc.name = a
          override:
            condition: replace
        - list: fresh_list
          items: [b]
          override:
            items: append
        - macro: <|later_macro|>
          condition: or proc.name = b
          override:
            condition: append
        - macro: later_macro
          condition: proc.name = c
      `),
      ['update-target-missing'],
      { only: ['update-target-missing'] },
    );
    assert.match(found[0].message, /defined further down this file/);
  });

  test('definitions in files loaded earlier count; files loaded later do not', () => {
    const fixture = dedent(`
      #- rules/falco_rules.yaml
      - rule: Base
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
      #- rules/zz_late.yaml
      - list: late_list
        items: [a]
      #- rules/local.yaml
      - rule: Base
        condition: and not proc.name = x
        override:
          condition: append
      - list: <|late_list|>
        items: [b]
        override:
          items: append
    `);
    const found = assertDiagnostics(fixture, ['update-target-missing'], { only: ['update-target-missing'], file: 'local.yaml' });
    assert.match(found[0].message, /zz_late\.yaml, which is loaded after this file/);
  });
});

describe('empty-rule-update', () => {
  test('a legacy rule append needs a condition or exceptions', () => {
    assertDiagnostics(
      dedent(`
        - rule: Base
          desc: d
          condition: evt.type = open
          output: o %proc.name
          priority: WARNING
        - rule: <|Base|>
          output: more
          append: true
        - rule: Base
          condition: and proc.name = x
          append: true
      `),
      ['empty-rule-update'],
      { only: ['empty-rule-update'] },
    );
  });
});
