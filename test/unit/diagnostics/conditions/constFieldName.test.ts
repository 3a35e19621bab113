import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['const-field-name'];

describe('const-field-name', () => {
  test('constants that are field names or look like transformer calls, also inside lists', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: names
          items: [bash, proc.pname]
        - rule: r
          desc: d
          condition: >
            evt.type = open and proc.name in (<|proc.exepath|>) and proc.exepath startswith <|user.name|>
            and fd.name contains <|"proc.exe path"|> and proc.name = <|"tolower(user.name)"|> and proc.name in (<|names|>)
          output: o
          priority: INFO
        - rule: k
          desc: d
          condition: ka.verb = <|ka.user.name|> and jevt.value = <|ka.user.name|>
          output: o
          priority: INFO
          source: k8s_audit
      `),
      Array(7).fill('const-field-name'),
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'warning'));
    assert.match(found[0].message, /write `val\(proc\.exepath\)`/);
    assert.match(found[3].message, /transformer/);
    assert.match(found[4].message, /'proc\.pname', an item of the list `names`/);
  });

  test('values that only look like dotted names, or fields of another source, are fine', () => {
    assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: >
            evt.type = open and fd.name = /etc/proc.name and proc.name = python3.8 and fd.sip.name = example.com
            and proc.name = ka.user.name and proc.name = val(user.name)
          output: o
          priority: INFO
      `),
      [],
      { only },
    );
  });
});
