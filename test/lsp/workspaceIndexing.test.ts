import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient, TempWorkspace, type PublishDiagnosticsParams } from '../helpers/lspClient';
import { dedent } from '../helpers/markers';

const files = {
  'falco.yaml': dedent(`
    rules_files:
      - rules/mid.yaml
      - rules/alpha_rules.yaml
      - rules/zeta_rules.yaml
    json_output: false
  `),
  'rules/alpha_rules.yaml': dedent(`
    - macro: alpha_macro
      condition: evt.type = open
  `),
  'rules/mid.yaml': dedent(`
    - list: mid_list
      items: [a, b]
  `),
  'rules/zeta_rules.yaml': dedent(`
    - rule: Zeta rule
      desc: zeta
      condition: alpha_macro and proc.name in (mid_list)
      output: "zeta %proc.name"
      priority: INFO
  `),
  // A Kubernetes manifest: YAML, but not a rules file (its `rules:` key is RBAC, not Falco).
  'deploy/clusterrole.yaml': dedent(`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: falco
    rules:
      - apiGroups: [""]
        resources: ["pods", "nodes"]
        verbs: ["get", "list", "watch"]
  `),
};

let client: LspClient;
let workspace: TempWorkspace;

before(() => {
  workspace = new TempWorkspace(files);
  client = LspClient.start();
});

after(async () => {
  await client.shutdown();
  workspace.dispose();
});

test('the workspace scan indexes exactly the 3 rules files, in falco.yaml load order, and publishes nothing for other YAML', async () => {
  const start = client.mark();
  await client.initialize([workspace.root]);
  const done = await client.waitForNotification('falco/indexStatus', (params: { indexing: boolean }) => !params.indexing, { since: start });
  assert.deepEqual(done, { rulesFiles: 3, indexing: false });
  // Every status sent while scanning says `indexing: true`, and the count only grows up to 3.
  const statuses = client.received<{ rulesFiles: number; indexing: boolean }>('falco/indexStatus', start);
  assert.deepEqual(statuses.at(-1), { rulesFiles: 3, indexing: false });
  assert.ok(statuses.slice(0, -1).every((status) => status.indexing && status.rulesFiles <= 3), JSON.stringify(statuses));

  // Each rules file is published (no problems in them) …
  const rulesUris = ['rules/alpha_rules.yaml', 'rules/mid.yaml', 'rules/zeta_rules.yaml'].map((name) => workspace.uri(name));
  for (const uri of rulesUris) assert.deepEqual(await client.waitForDiagnostics(uri, undefined, { since: start }), []);

  // … the load order comes from falco.yaml (mid, alpha, zeta), not from the alphabet …
  const symbols = await client.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: '' });
  assert.deepEqual(
    symbols.map((symbol) => [symbol.name, symbol.location.uri]),
    [
      ['mid_list', workspace.uri('rules/mid.yaml')],
      ['alpha_macro', workspace.uri('rules/alpha_rules.yaml')],
      ['Zeta rule', workspace.uri('rules/zeta_rules.yaml')],
    ],
  );

  // … and the request above was answered after every diagnostics push of the scan, so nothing else was published.
  const published = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics', start).map((params) => params.uri);
  assert.deepEqual([...new Set(published)].sort(), [...rulesUris].sort());
  assert.deepEqual(client.diagnosticsFor(workspace.uri('deploy/clusterrole.yaml')), []);
  assert.deepEqual(client.diagnosticsFor(workspace.uri('falco.yaml')), []);

  // Opening the manifest in an editor does not make it a rules file either.
  const manifest = workspace.uri('deploy/clusterrole.yaml');
  await client.open(manifest, files['deploy/clusterrole.yaml']);
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: manifest } }), []);
  assert.deepEqual(client.diagnosticsFor(manifest), []);
  assert.deepEqual(client.received('falco/indexStatus').at(-1), { rulesFiles: 3, indexing: false });
});
