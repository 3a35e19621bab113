/**
 * The 28 upstream rules files, each loaded with what it needs before it, get no error-severity diagnostic,
 * except the three engine test fixtures that are invalid on purpose (or need a base file that is not in the
 * corpus). Every warning and information is listed here, per file and code, so that any change is noticed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDefaultCatalogs } from '../../server/src/semantic/catalogs';
import { createLanguageService } from '../../server/src/service/languageService';
import { corpusWorkspaces } from '../helpers/corpusPlan';
import { corpusFiles, corpusRoot, readText, sharedMissing } from '../helpers/shared';

const expected: Record<string, Record<string, number>> = {
  'falcosecurity-rules@falco-incubating-rules-6.0.1/rules/falco-incubating_rules.yaml': { 'information shadowed-definition': 32 },
  'falcosecurity-rules@falco-sandbox-rules-6.1.0/rules/falco-sandbox_rules.yaml': { 'information shadowed-definition': 50 },
  'falcosecurity-rules@main-c72713e/archive/falco-deprecated_rules.yaml': { 'information shadowed-definition': 5, 'warning deprecated-field': 3 },
  // An archive of macros no rule uses any more.
  'falcosecurity-rules@main-c72713e/archive/application_rules.yaml': { 'warning unused-macro': 12 },
  'falcosecurity-rules@falco-rules-1.0.1/rules/falco_rules.yaml': { 'warning deprecated-field': 44 },
  'falcosecurity-rules@falco-master-2021-03-24-f7f2b64/rules/falco_rules.yaml': {
    'warning deprecated-field': 34,
    'warning no-evttype': 6,
    // `ops:` instead of `comps:` in an exception: the engine ignores it silently.
    'warning exception-unknown-key': 1,
    'warning unused-list': 1,
  },
  'falcosecurity-falco@falco-0.31.1/rules/falco_rules.yaml': { 'warning deprecated-field': 37, 'warning undefined-list': 1 },
  'falcosecurity-falco@falco-0.31.1/rules/k8s_audit_rules.yaml': { 'warning undefined-list': 2 },
  'falcosecurity-falco@falco-0.32.0/test/rules/rule_append.yaml': { 'warning deprecated-append': 1 },
  'falcosecurity-falco@falco-0.32.0/test/rules/macro_append.yaml': { 'warning deprecated-append': 1 },
  'falcosecurity-falco@falco-0.32.0/test/rules/list_append.yaml': { 'warning deprecated-append': 1 },
  'falcosecurity-falco@falco-0.32.0/test/rules/exceptions/rule_exception_append_multiple.yaml': { 'warning deprecated-append': 2 },
  // Appends to a rule defined in another test file that is not part of the corpus.
  'falcosecurity-falco@falco-0.32.0/test/rules/append_single_rule.yaml': { 'error update-target-missing': 1, 'warning deprecated-append': 1 },
  // Invalid on purpose: an append to a rule and to a macro that do not exist.
  'falcosecurity-falco@falco-0.32.0/test/rules/invalid_append_rule.yaml': { 'error update-target-missing': 1, 'warning deprecated-append': 1 },
  'falcosecurity-falco@falco-0.32.0/test/rules/invalid_append_macro_dangling.yaml': {
    'warning invalid-macro-name': 1,
    'error update-target-missing': 1,
    'warning deprecated-append': 1,
  },
  // krsi_* event types come from the krsi plugin, whose events the catalog does not list.
  'falcosecurity-plugins@krsi-0.2.0/plugins/krsi/example_rules.yaml': { 'warning invalid-value': 8 },
};

const severities = ['', 'error', 'warning', 'information', 'hint'];

test('the upstream corpus: no error, and exactly the expected warnings', { skip: sharedMissing }, () => {
  const planned = corpusWorkspaces.flat();
  assert.equal(new Set(planned).size, 28);
  assert.equal(planned.length, corpusFiles().length, 'every corpus file is in the load plan');
  const catalogs = createDefaultCatalogs();
  const actual: Record<string, Record<string, number>> = {};
  for (const files of corpusWorkspaces) {
    const service = createLanguageService({ catalogs });
    for (const file of files) service.updateDocument(`file:///corpus/${file}`, readText(join(corpusRoot, file)), { override: 'force' });
    for (const file of files) {
      for (const diagnostic of service.getDiagnostics(`file:///corpus/${file}`)) {
        const key = `${severities[diagnostic.severity ?? 1]} ${String(diagnostic.code)}`;
        (actual[file] ??= {})[key] = (actual[file][key] ?? 0) + 1;
      }
    }
  }
  assert.deepEqual(actual, expected);
});
