import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LoadModel } from '../../../../server/src/semantic/loadModel';
import { assertDiagnostics, diagnosticsOf } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['unknown-field', 'field-wrong-source', 'field-argument', 'unknown-filter-skipped'];

describe('unknown-field, field-wrong-source, field-argument', () => {
  test('unknown names, fields of another source and argument problems in rule conditions', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: >
            evt.type = open and <|proc.nme|> = x and <|ka.user.name|> = y and <|evt.argv[1]|> = a
            and <|evt.arg|> = 3 and proc.aname[<|x|>] = 2 and evt.arg.<|nosuch|> = 2 and proc.name[<|1|>] = b
            and tolower(<|pro.cmdline|>) = x and proc.name = val(<|user.nme|>)
          output: o
          priority: INFO
        - rule: k
          desc: d
          condition: ka.verb = get and <|proc.exepath|> = x
          output: o
          priority: INFO
          source: k8s_audit
      `),
      ['unknown-field', 'field-wrong-source', 'field-argument', 'field-argument', 'field-argument', 'field-argument', 'field-argument', 'unknown-field', 'unknown-field', 'field-wrong-source'],
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'error'));
    assert.match(found[0].message, /nonexistent field.*Did you mean `proc\.name`\?/);
    assert.match(found[1].message, /`k8s_audit` event source.*`syscall`/);
    assert.match(found[2].message, /filter syntax error/);
    assert.match(found[3].message, /needs an argument/);
    assert.match(found[4].message, /must be a number/);
    assert.match(found[5].message, /not a parameter of any event/);
    assert.match(found[6].message, /takes no argument/);
    assert.match(found[9].message, /`syscall` event source, not to this rule's source `k8s_audit`/);
  });

  test('valid fields: arguments, hidden and deprecated fields, plugin fields, generic fields in plugin sources', () => {
    assertDiagnostics(
      dedent(`
        - rule: r
          desc: d
          condition: >
            evt.type = open and proc.aname[2] = bash and evt.arg.flags contains O_RDONLY and evt.arg[0] = 1
            and proc.env[HOME] = /root and evt.rawarg.res < 0 and evt.type.is.open = 1 and jevt.value[/a/b] = x
            and container.id != host and k8s.ns.name = default and evt.dir = < and evt.latency > 1
            and evt.abspath.src = /x and evt.infra.docker.name = y and fd.types[1] in (ipv4)
          output: o
          priority: INFO
        - rule: k
          desc: d
          condition: ka.verb = get and ka.req.pod.containers.image[0] in (x) and evt.num > 3 and ka.uri.param[command] = sh
          output: o
          priority: INFO
          source: k8s_audit
      `),
      [],
      { only },
    );
  });

  test('a macro is checked against the sources of the rules that use it', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: used_by_syscall
          condition: <|ka.verb|> = get or proc.name = bash
        - macro: used_by_both
          condition: evt.num > 0 and <|proc.pid|> > 1
        - macro: unused_typo
          condition: <|proc.nmae|> = x
        - macro: unused_other_source
          condition: ka.verb = get
        - rule: r
          desc: d
          condition: evt.type = open and used_by_syscall and used_by_both
          output: o
          priority: INFO
        - rule: k
          desc: d
          condition: ka.verb = get and used_by_both
          output: o
          priority: INFO
          source: k8s_audit
      `),
      ['field-wrong-source', 'field-wrong-source', 'unknown-field'],
      { only },
    );
    assert.deepEqual(found.map((entry) => entry.severity), ['error', 'error', 'warning']);
    assert.match(found[1].message, /`k8s_audit` rules that use this macro/);
    assert.equal(found[1].diagnostic.relatedInformation?.[0]?.message, 'used by the k8s_audit rule `k`');
    assert.equal(found[0].diagnostic.relatedInformation?.[0]?.message, 'used by the syscall rule `r`');
  });

  test('fields of plugins that are not loaded are unknown to the engine, and name the plugin', () => {
    const fixture = dedent(`
      - rule: r
        desc: d
        condition: evt.type = open and <|container.id|> != host and proc.name = x
        output: o
        priority: INFO
    `);
    const found = assertDiagnostics(fixture, ['unknown-field'], { only, analysis: { plugins: [] } });
    assert.match(found[0].message, /`container` plugin, which is not loaded/);
    assertDiagnostics(fixture.replace(/<\||\|>/g, ''), [], { only, analysis: { plugins: ['container'] } });
  });

  test('rules of a source no loaded plugin provides get warnings only', () => {
    const found = assertDiagnostics(
      dedent(`
        - rule: k
          desc: d
          condition: ka.verb = get and <|ka.nosuch|> = x
          output: o
          priority: INFO
          source: k8s_audit
      `),
      ['unknown-field'],
      { only, analysis: { plugins: ['container'] } },
    );
    assert.equal(found[0].severity, 'warning');
  });

  test('an appended condition is checked with the source of the rule it extends', () => {
    assertDiagnostics(
      dedent(`
        - rule: k
          desc: d
          condition: ka.verb = get
          output: o
          priority: INFO
          source: k8s_audit
        - rule: k
          condition: and not <|proc.name|> = x and ka.user.name = y
          override:
            condition: append
      `),
      ['field-wrong-source'],
      { only },
    );
  });

  test('a macro used by an update of a k8s_audit rule gets no syscall error for its k8s_audit fields', () => {
    assertDiagnostics(
      dedent(`
        - macro: k8s_extra
          condition: ka.verb = delete and ka.user.name = x
        - rule: k
          desc: d
          condition: ka.verb = get
          output: o
          priority: INFO
          source: k8s_audit
        - rule: k
          condition: or k8s_extra
          override:
            condition: append
      `),
      [],
      { only },
    );
  });

  test('load model: an update without `source:` has the source of the rule it updates', () => {
    const { workspace } = diagnosticsOf(
      dedent(`
        - macro: k8s_extra
          condition: ka.verb = delete
        - rule: k
          desc: d
          condition: ka.verb = get
          output: o
          priority: INFO
          source: k8s_audit
        - rule: k
          condition: or k8s_extra
          override:
            condition: append
      `),
    );
    const model = new LoadModel(workspace.service.index);
    assert.deepEqual([...model.sourcesUsingMacro('k8s_extra')], ['k8s_audit']);
  });

  test('a rule whose YAML is broken may have lost its source: its fields, and its macros\' fields, get warnings', () => {
    const found = assertDiagnostics(
      dedent(`
        - macro: k8s_secret
          condition: <|ka.target.resource|> = secrets
        - rule: Secret modified
          desc: d
          condition: k8s_secret and <|ka.verb|> = update
          output: o
         priority: WARNING
          source: k8s_audit
      `),
      ['field-wrong-source', 'field-wrong-source'],
      { only },
    );
    assert.deepEqual(found.map((entry) => entry.severity), ['warning', 'warning']);
  });

  test('odd input never throws: null conditions, non-map items, unknown sources', () => {
    assertDiagnostics(
      dedent(`
        - rule: r
          condition:
        - just a scalar
        - rule: s
          desc: d
          condition: nosuch.field = 1
          output: o
          priority: INFO
          source: mysource
        - macro: m
      `),
      [],
      { only },
    );
  });
});
