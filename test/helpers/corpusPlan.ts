/**
 * How the upstream corpus is loaded for whole-file checks: each workspace lists its files in load order, the way
 * Falco would load them (the stable ruleset before incubating, sandbox and deprecated; an add-on after the file
 * it extends; everything else alone).
 */
export const corpusWorkspaces: readonly (readonly string[])[] = [
  [
    'falcosecurity-rules@falco-rules-5.1.0/rules/falco_rules.yaml',
    'falcosecurity-rules@falco-incubating-rules-6.0.1/rules/falco-incubating_rules.yaml',
    'falcosecurity-rules@falco-sandbox-rules-6.1.0/rules/falco-sandbox_rules.yaml',
    'falcosecurity-rules@main-c72713e/archive/falco-deprecated_rules.yaml',
    'falcosecurity-rules@main-c72713e/archive/application_rules.yaml',
  ],
  ['falcosecurity-rules@falco-rules-1.0.1/rules/falco_rules.yaml'],
  ['falcosecurity-rules@falco-master-2021-03-24-f7f2b64/rules/falco_rules.yaml'],
  ['falcosecurity-falco@falco-0.31.1/rules/falco_rules.yaml'],
  ['falcosecurity-falco@falco-0.31.1/rules/k8s_audit_rules.yaml'],
  ['falcosecurity-falco@falco-0.32.0/test/rules/rule_append.yaml'],
  ['falcosecurity-falco@falco-0.32.0/test/rules/macro_append.yaml'],
  ['falcosecurity-falco@falco-0.32.0/test/rules/list_append.yaml'],
  ['falcosecurity-falco@falco-0.32.0/test/rules/exceptions/rule_exception_append_multiple.yaml'],
  // An append-only file: it needs a base rule `open_from_cat`, which the engine's test suite loads first.
  ['falcosecurity-falco@falco-0.32.0/test/rules/append_single_rule.yaml'],
  ['falcosecurity-falco@falco-0.32.0/test/rules/invalid_append_rule.yaml'],
  ['falcosecurity-falco@falco-0.32.0/test/rules/invalid_append_macro_dangling.yaml'],
  ['falcosecurity-plugins@cloudtrail-0.17.1/plugins/cloudtrail/rules/aws_cloudtrail_rules.yaml'],
  ['falcosecurity-plugins@dummy-0.11.5/plugins/dummy/dummy_rules.yaml'],
  ['falcosecurity-plugins@dummy_c-0.3.0/plugins/dummy_c/dummy_c_rules.yaml'],
  ['falcosecurity-plugins@dummy_rs-0.1.2/plugins/dummy_rs/dummy_rs_rules.yaml'],
  ['falcosecurity-plugins@gcpaudit-0.8.1/plugins/gcpaudit/rules/gcp_auditlog_rules.yaml'],
  ['falcosecurity-plugins@github-0.10.1/plugins/github/rules/github.yaml'],
  [
    'falcosecurity-plugins@k8saudit-0.18.0/plugins/k8saudit/rules/k8s_audit_rules.yaml',
    'falcosecurity-plugins@k8saudit-gke-0.9.0/plugins/k8saudit-gke/rules/k8s_audit_rules_gke.yaml',
  ],
  ['falcosecurity-plugins@k8saudit-gke-0.9.0/plugins/k8saudit-gke/hack/rules.yaml'],
  ['falcosecurity-plugins@k8smeta-0.4.1/plugins/k8smeta/test/rules/example_rule.yaml'],
  ['falcosecurity-plugins@krsi-0.2.0/plugins/krsi/example_rules.yaml'],
  ['falcosecurity-plugins@okta-0.12.0/plugins/okta/rules/okta_rules.yaml'],
];
