// The condition checks never throw, whatever the input, and leave the upstream corpus without errors.
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { conditionChecks } from '../../../../server/src/features/diagnostics/checks/conditions';
import type { FalcoDiagnostic } from '../../../../server/src/features/diagnostics/diagnostic';
import { createDefaultCatalogs } from '../../../../server/src/semantic/catalogs';
import { LoadModel } from '../../../../server/src/semantic/loadModel';
import { createLanguageService } from '../../../../server/src/service/languageService';
import { dedent } from '../../../helpers/markers';
import { corpusFiles, corpusRoot, readText, sharedMissing } from '../../../helpers/shared';

const catalogs = createDefaultCatalogs();

/** Runs the condition checks directly (a throw fails the test instead of being logged). */
function runChecks(files: { uri: string; text: string }[], plugins?: string[]): Map<string, FalcoDiagnostic[]> {
  const service = createLanguageService({ catalogs });
  for (const file of files) service.updateDocument(file.uri, file.text, { override: 'force' });
  const model = new LoadModel(service.index);
  const result = new Map<string, FalcoDiagnostic[]>();
  for (const { uri } of files) {
    const file = service.index.get(uri);
    if (!file) continue;
    const found: FalcoDiagnostic[] = [];
    for (const check of conditionChecks) {
      check.run({ file, items: file.syntax.items, index: service.index, model, catalogs, options: { engineVersion: '0.62.0', plugins }, report: (d) => found.push(d) });
    }
    result.set(uri, found);
  }
  return result;
}

describe('condition checks: robustness', () => {
  test('odd shapes: null and non-scalar values, broken conditions and outputs, unknown sources', () => {
    const text = dedent(`
      - rule: a
        condition:
        output:
      - rule: b
        desc: d
        condition: [evt.type = open]
        output: {a: b}
        priority: INFO
      - rule: c
        desc: d
        condition: (proc.name = and tolower(
        output: "%% %20 %proc.name[ %tolower( %concat(a,"
        priority: INFO
        source: 42
      - macro:
        condition: proc.name in (
      - list: l
        items: x
      - rule: d
        desc: d
        condition: evt.type in (l, "", ) and fd.sport = val( and proc.name regex "[" and fd.snet in ()
        output: x
        priority: INFO
      - 42
      - [a, b]
      - rule: e
        condition: or evt.type = open
        override: {condition: append}
      - rule: f
        desc: d
        condition: getopt() = x and join() = y and concat() = z and val(proc.name) = x and len(()) > 1
        output: "%getopt(proc.args)[ab] %join(, ) %len()"
        priority: INFO
    `);
    for (const plugins of [undefined, [], ['container']]) {
      assert.doesNotThrow(() => runChecks([{ uri: 'file:///w/odd.yaml', text }], plugins));
      for (let cut = 0; cut < text.length; cut += 7) {
        assert.doesNotThrow(() => runChecks([{ uri: 'file:///w/odd.yaml', text: text.slice(0, cut) }], plugins), `cut at ${cut}`);
      }
    }
  });

  test('the upstream corpus gets no error from these checks', { skip: sharedMissing }, () => {
    const files = corpusFiles();
    const stable = files.find((path) => path.endsWith('falco-rules-5.1.0/rules/falco_rules.yaml'))!;
    const errors: string[] = [];
    for (const path of files) {
      const inputs = [{ uri: `file:///w/2/${relative(corpusRoot, path)}`, text: readText(path) }];
      // Rule sets that build on the stable ruleset's macros are loaded after it.
      if (/incubating|sandbox|deprecated_rules|application_rules/.test(path)) inputs.unshift({ uri: 'file:///w/1/falco_rules.yaml', text: readText(stable) });
      const found = runChecks(inputs).get(inputs[inputs.length - 1]!.uri) ?? [];
      for (const diagnostic of found) {
        if (diagnostic.severity === 'error') errors.push(`${relative(corpusRoot, path)}@${diagnostic.span.start}: ${diagnostic.code} ${diagnostic.message}`);
      }
    }
    assert.deepEqual(errors, []);
  });
});
