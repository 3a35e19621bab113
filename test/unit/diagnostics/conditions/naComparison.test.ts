import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['na-comparison'];

describe('na-comparison', () => {
  test('ka.* and jevt.* fields compared with <NA> using an equality operator', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: na_values
          items: ["<NA>"]
        - macro: node
          condition: ka.target.resource=nodes and not <|ka.target.subresource = <NA>|>
        - rule: k
          desc: d
          condition: >
            node and <|jevt.value[/user/username] != "<NA>"|> and <|ka.user.name in (x, <NA>)|>
            and <|ka.verb in (na_values)|> and ka.user.name startswith <NA> and ka.verb exists
          output: o
          priority: INFO
          source: k8s_audit
      `),
      ['na-comparison', 'na-comparison', 'na-comparison', 'na-comparison'],
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'warning'));
    assert.match(found[1].message, /Test presence with `jevt\.value\[\/user\/username\] exists` instead/);
    assert.match(found[0].message, /with `not ka\.target\.subresource exists`/);
  });

  test('other fields may be compared with <NA>', () => {
    assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: evt.type = open and k8s.ns.name != "<NA>" and container.id = <NA>
          output: o
          priority: INFO
      `),
      [],
      { only },
    );
  });
});
