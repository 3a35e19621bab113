/**
 * The plugin set comes from the workspace falco.yaml (`load_plugins`) unless a setting gives one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticsOf } from '../../helpers/diagnostics';
import { dedent } from '../../helpers/markers';

const rule = dedent(`
  #- rules/container_rules.yaml
  - rule: Shell in container
    desc: d
    condition: evt.type = execve and container.id != host
    output: "%proc.name"
    priority: INFO
`);

const codes = (falcoYaml?: string, plugins?: string[]) =>
  diagnosticsOf(rule, { falcoYaml, analysis: plugins ? { plugins } : undefined }).found.map((entry) => `${entry.severity} ${entry.code}`);

test('without falco.yaml every known plugin is loaded', () => {
  assert.deepEqual(codes(), []);
});

test("load_plugins without the container plugin: container.* fields are unknown, as Falco 0.41+ says", () => {
  assert.deepEqual(codes('load_plugins: [k8saudit, json]\n'), ['error unknown-field']);
  assert.deepEqual(codes('load_plugins: [container]\n'), []);
});

test('an explicit plugin setting wins over falco.yaml', () => {
  assert.deepEqual(codes('load_plugins: [k8saudit]\n', ['container']), []);
});
