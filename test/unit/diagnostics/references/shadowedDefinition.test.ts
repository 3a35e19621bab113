import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['shadowed-definition'];

describe('shadowed-definition', () => {
  test('a full definition replacing one of an earlier file is an information with the earlier place', () => {
    const fixture =
      '#- falco_rules.yaml\n' +
      dedent(`
        - macro: container
          condition: container.id != host
        - list: shell_binaries
          items: [bash]
        - rule: Terminal shell
          desc: d
          condition: evt.type = execve and container
          output: o
          priority: INFO
      `) +
      '#- custom.yaml\n' +
      dedent(`
        - macro: <|container|>
          condition: container.id != host and container.id != ""
        - list: shell_binaries
          items: [zsh]
          override:
            items: append
        - list: <|shell_binaries|>
          items: [sh]
        - rule: Terminal shell
          enabled: false
        - rule: <|Terminal shell|>
          desc: d
          condition: evt.type = execve
          output: o
          priority: INFO
        - macro: local_only
          condition: proc.name = a
        - macro: local_only
          condition: proc.name = b
      `);
    const found = assertDiagnostics(fixture, ['shadowed-definition', 'shadowed-definition', 'shadowed-definition'], { only });
    assert.equal(found[0].severity, 'information');
    assert.match(found[0].message, /replaces the macro 'container' of `falco_rules.yaml`/);
    const related = found[0].diagnostic.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0].location.uri, 'file:///workspace/falco_rules.yaml');
    assert.deepEqual(related[0].location.range.start, { line: 0, character: 9 });
    assertDiagnostics(fixture, [], { only, file: 'falco_rules.yaml' });
  });
});
