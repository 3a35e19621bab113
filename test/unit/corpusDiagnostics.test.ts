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
  // The tag checks (ATT&CK 18.1): `attack-tactic-mismatch` is a technique tag none of whose tactics the rule's
  // tactic tags name (e.g. T1565 Data Manipulation, an Impact technique, tagged with mitre_discovery), and
  // `attack-tactic-without-technique` a hint for a rule with a tactic tag and no technique ID.
  'falcosecurity-rules@falco-rules-5.1.0/rules/falco_rules.yaml': { 'warning attack-tactic-mismatch': 1, 'hint attack-tactic-without-technique': 2 },
  'falcosecurity-rules@falco-incubating-rules-6.0.1/rules/falco-incubating_rules.yaml': {
    'information shadowed-definition': 32,
    // T1190 with mitre_execution, T1565 with mitre_discovery, T1556 with mitre_initial_access.
    'warning attack-tactic-mismatch': 3,
    'hint attack-tactic-without-technique': 5,
  },
  'falcosecurity-rules@falco-sandbox-rules-6.1.0/rules/falco-sandbox_rules.yaml': {
    'information shadowed-definition': 50,
    // T1546.004 with mitre_discovery, T1072 and T1222.002 with mitre_persistence, T1610 with mitre_lateral_movement,
    // T1611 with mitre_initial_access, T1195.002 with mitre_execution.
    'warning attack-tactic-mismatch': 6,
    'hint attack-tactic-without-technique': 7,
  },
  'falcosecurity-rules@main-c72713e/archive/falco-deprecated_rules.yaml': {
    'information shadowed-definition': 5,
    'warning deprecated-field': 3,
    'hint attack-tactic-without-technique': 3,
  },
  // An archive of macros no rule uses any more.
  'falcosecurity-rules@main-c72713e/archive/application_rules.yaml': { 'warning unused-macro': 12 },
  'falcosecurity-rules@falco-rules-1.0.1/rules/falco_rules.yaml': {
    'warning deprecated-field': 44,
    // Older tagging, later corrected upstream: T1565 with mitre_discovery, T1610/T1611 with mitre_lateral_movement,
    // T1222.002 with mitre_persistence, T1595 with mitre_discovery, T1496 with mitre_execution, and the like.
    'warning attack-tactic-mismatch': 32,
    'hint attack-tactic-without-technique': 13,
  },
  'falcosecurity-rules@falco-master-2021-03-24-f7f2b64/rules/falco_rules.yaml': {
    'warning deprecated-field': 34,
    'warning no-evttype': 6,
    // `ops:` instead of `comps:` in an exception: the engine ignores it silently.
    'warning exception-unknown-key': 1,
    'warning unused-list': 1,
    // mitre_remote_service, mitre_remote_access_tools and mitre_port_knocking: topic tags, no ATT&CK tactics.
    'information unknown-attack-tactic': 3,
    'hint attack-tactic-without-technique': 51,
  },
  'falcosecurity-falco@falco-0.31.1/rules/falco_rules.yaml': {
    'warning deprecated-field': 37,
    'warning undefined-list': 1,
    // mitre_remote_service, mitre_remote_access_tools and mitre_port_knocking: topic tags, no ATT&CK tactics.
    'information unknown-attack-tactic': 3,
    'hint attack-tactic-without-technique': 55,
  },
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
  'falcosecurity-plugins@gcpaudit-0.8.1/plugins/gcpaudit/rules/gcp_auditlog_rules.yaml': {
    // IDs with the name appended (`T1562-impair-defenses`, `TA0005-defense-evasion`, `T1498-DOS`): Falco tags the bare ID.
    'warning attack-tag-convention': 28,
    // mitre_data_destruction: a topic tag, no ATT&CK tactic.
    'information unknown-attack-tactic': 1,
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
