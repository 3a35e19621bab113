// Completion in every context: each case is a fixture with one `<|>` cursor, the text the items replace, the
// first labels in rank order, and labels that must (not) be offered.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-types';
import { dedent } from '../../../helpers/markers';
import { openFixture } from '../../../helpers/service';

const BASE = `
  #- base.yaml
  - list: shell_binaries
    items: [bash, sh, zsh]
  - list: shell_and_more
    items: [shell_binaries, fish]
  - macro: spawned_process
    condition: evt.type in (execve, execveat) and evt.dir=<
  - macro: container
    condition: container.id != host
  - rule: Base rule
    desc: d
    condition: spawned_process and proc.name in (shell_binaries)
    output: "%proc.name %proc.cmdline"
    priority: NOTICE
    tags: [maturity_stable, mitre_execution, T1059]
`;

interface Case {
  readonly name: string;
  readonly fixture: string;
  /** Text of the edit range (the word being replaced). */
  readonly replaces?: string;
  /** The first labels, in rank order. */
  readonly first?: readonly string[];
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
  /** No completion at all. */
  readonly none?: boolean;
  readonly incomplete?: boolean;
  /** Inserted text of one label. */
  readonly inserts?: { readonly label: string; readonly text: string };
}

const cases: Case[] = [
  {
    name: 'top level: item snippets after a dash',
    fixture: `- list: l\n  items: []\n- <|>`,
    first: ['rule', 'macro', 'list', 'rule override', 'macro override', 'list override', 'disable rule'],
  },
  {
    name: 'rule keys: only the missing ones, `append` last',
    fixture: `- rule: R\n  desc: d\n  pri<|>\n  condition: x`,
    replaces: 'pri',
    includes: ['priority', 'output', 'tags', 'exceptions', 'source', 'enabled', 'override'],
    excludes: ['desc', 'condition', 'rule', 'items'],
    inserts: { label: 'priority', text: 'priority: ${1|WARNING,NOTICE,INFORMATIONAL,ERROR,CRITICAL,ALERT,EMERGENCY,DEBUG|}' },
  },
  {
    name: 'list keys',
    fixture: `- list: l\n  <|>`,
    first: ['items', 'override', 'append'],
  },
  {
    name: 'override keys of a rule, with their operations',
    fixture: `- rule: Base rule\n  condition: and not proc.name = x\n  override:\n    <|>`,
    includes: ['condition', 'output', 'desc', 'tags', 'exceptions', 'priority', 'enabled'],
    inserts: { label: 'priority', text: 'priority: replace' },
  },
  {
    name: 'override operations allowed for the key',
    fixture: `- rule: R\n  enabled: false\n  override:\n    enabled: <|>`,
    first: ['replace'],
  },
  {
    name: 'override operations: append and replace for a condition',
    fixture: `- macro: m\n  condition: or x\n  override:\n    condition: <|>`,
    first: ['append', 'replace'],
  },
  { name: 'priorities', fixture: `- rule: R\n  priority: <|>`, first: ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG'] },
  { name: 'priority being typed', fixture: `- rule: R\n  priority: WA<|>`, replaces: 'WA', includes: ['WARNING'] },
  { name: 'sources from the catalogs', fixture: `- rule: R\n  source: <|>`, includes: ['syscall', 'k8s_audit', 'aws_cloudtrail', 'okta', 'github', 'gcp_auditlog'] },
  { name: 'booleans for enabled, false first', fixture: `- rule: R\n  enabled: <|>`, first: ['false', 'true'] },
  {
    name: 'condition: fields used by the workspace first, macros, not',
    fixture: BASE + `\n  #- rules.yaml\n  - rule: R\n    desc: d\n    condition: spawned_process and <|>`,
    // proc.name is used twice; evt.dir, though used, is deprecated and ranks last.
    first: ['proc.name', 'container.id', 'evt.type', 'proc.cmdline'],
    includes: ['proc.pname', 'spawned_process', 'container', 'not', 'tolower', 'evt.dir'],
    excludes: ['ka.verb', 'ct.name', 'shell_binaries'],
  },
  {
    name: 'condition: the word being typed is replaced, dots included',
    fixture: BASE + `\n  #- rules.yaml\n  - rule: R\n    desc: d\n    condition: spawned_process and proc.pn<|>`,
    replaces: 'proc.pn',
    includes: ['proc.pname'],
  },
  {
    name: 'condition: fields of the rule source only (k8s_audit)',
    fixture: `- rule: K\n  desc: d\n  source: k8s_audit\n  condition: ka.<|>\n  output: x\n  priority: INFO`,
    replaces: 'ka.',
    includes: ['ka.verb', 'ka.target.resource', 'evt.time'],
    excludes: ['proc.name', 'fd.name'],
  },
  {
    name: 'condition: argument snippet for a field whose argument is required',
    fixture: `- rule: R\n  condition: proc.env<|>`,
    inserts: { label: 'evt.arg', text: 'evt.arg.${1:name}' },
    includes: ['proc.env'],
  },
  {
    name: 'condition: operators valid for a string field',
    fixture: `- rule: R\n  condition: proc.name <|>`,
    includes: ['=', '!=', 'in', 'startswith', 'contains', 'glob', 'pmatch', 'exists', 'regex'],
    excludes: ['bcontains', 'bstartswith'],
    inserts: { label: 'in', text: 'in (${1})' },
  },
  {
    name: 'condition: operators for a numeric field',
    fixture: `- rule: R\n  condition: proc.pid <|>`,
    includes: ['=', '<', '>=', 'in', 'exists'],
    excludes: ['startswith', 'contains', 'glob', 'pmatch'],
  },
  {
    name: 'condition: operators for a list field',
    fixture: `- rule: R\n  source: k8s_audit\n  condition: ka.req.pod.containers.image <|>`,
    includes: ['in', 'intersects', 'exists'],
    excludes: ['=', 'startswith'],
  },
  {
    name: 'condition: event names after evt.type =',
    fixture: `- rule: R\n  condition: evt.type = exe<|>`,
    replaces: 'exe',
    includes: ['execve', 'execveat', 'open', 'connect'],
    excludes: ['shell_binaries'],
  },
  {
    name: 'condition: event names inside evt.type in (…), without those written',
    fixture: `- rule: R\n  condition: evt.type in (execve, <|>)`,
    includes: ['execveat', 'open'],
    excludes: ['execve'],
  },
  {
    name: 'condition: list names inside in (…)',
    fixture: BASE + `\n  #- rules.yaml\n  - rule: R\n    condition: proc.name in (<|>`,
    first: ['shell_and_more', 'shell_binaries'],
  },
  {
    name: 'condition: parameters of the event types the condition restricts to',
    fixture: `- rule: R\n  condition: evt.type = connect and evt.arg.<|>`,
    replaces: 'evt.arg.',
    first: ['evt.arg.addr', 'evt.arg.fd', 'evt.arg.res', 'evt.arg.tuple'],
  },
  {
    name: 'condition: and/or after a complete check',
    fixture: `- rule: R\n  condition: proc.name = bash <|>`,
    first: ['and', 'or', 'and not', 'or not'],
  },
  {
    name: 'condition: a field inside a transformer',
    fixture: `- rule: R\n  condition: tolower(proc.na<|>`,
    replaces: 'proc.na',
    includes: ['proc.name'],
    excludes: ['not', 'spawned_process'],
  },
  {
    name: 'condition in a folded block: the word maps to its source characters',
    fixture: `- rule: R\n  condition: >\n    evt.type = execve and\n    proc.na<|>\n  output: x`,
    replaces: 'proc.na',
    includes: ['proc.name'],
  },
  {
    name: 'condition in a double-quoted scalar after an escape',
    fixture: `- rule: R\n  condition: "proc.name = \\"a\\" and fd.na<|>"`,
    replaces: 'fd.na',
    includes: ['fd.name'],
  },
  {
    name: 'macro condition: fields of the sources of the rules that use it',
    fixture: `- macro: k8s_write\n  condition: ka.<|>\n- rule: K\n  desc: d\n  source: k8s_audit\n  condition: k8s_write\n  output: x\n  priority: INFO`,
    includes: ['ka.verb'],
    excludes: ['proc.name'],
  },
  {
    name: 'output: fields after %',
    fixture: `- rule: R\n  condition: x\n  output: "shell (user=%user.na<|>)"`,
    replaces: 'user.na',
    includes: ['user.name', 'user.uid'],
  },
  { name: 'output: free text gets nothing', fixture: `- rule: R\n  output: "shell by<|>"`, none: true },
  {
    name: 'exceptions: entry keys',
    fixture: `- rule: R\n  exceptions:\n    - name: e\n      <|>`,
    first: ['fields', 'comps', 'values'],
  },
  {
    name: 'exceptions: fields of the rule source',
    fixture: `- rule: R\n  source: k8s_audit\n  exceptions:\n    - name: e\n      fields: [ka.verb, <|>]`,
    includes: ['ka.target.namespace'],
    excludes: ['proc.name', 'ka.verb'.replace('ka.verb', 'fd.name')],
  },
  {
    name: 'exceptions: comps',
    fixture: `- rule: R\n  exceptions:\n    - name: e\n      fields: [proc.name, fd.name]\n      comps: [=, <|>]`,
    first: ['=', 'in', 'startswith', 'pmatch'],
  },
  {
    name: 'exceptions: list names in values',
    fixture: BASE + `\n  #- rules.yaml\n  - rule: R\n    exceptions:\n      - name: e\n        fields: proc.name\n        values: [<|>]`,
    first: ['shell_and_more', 'shell_binaries'],
  },
  {
    name: 'tags: a technique by name (shutdown → T1529)',
    fixture: `- rule: R\n  tags: [mitre_impact, shutdown<|>]`,
    replaces: 'shutdown',
    first: ['T1529'],
    incomplete: true,
  },
  {
    name: 'tags: tactic tags, minus the ones present',
    fixture: `- rule: R\n  tags: [mitre_execution, mitre_<|>]`,
    replaces: 'mitre_',
    includes: ['mitre_impact', 'mitre_discovery', 'mitre_persistence'],
    excludes: ['mitre_execution'],
  },
  {
    name: 'tags: technique IDs by prefix, those of the rule tactics first',
    fixture: `- rule: R\n  tags:\n    - mitre_execution\n    - T105<|>`,
    replaces: 'T105',
    first: ['T1053', 'T1053.002'],
    includes: ['T1059', 'T1059.004'],
    excludes: ['T1086'],
  },
  {
    name: 'tags: conventional tags',
    fixture: `- rule: R\n  tags: [<|>]`,
    includes: ['maturity_stable', 'maturity_incubating', 'container', 'host', 'mitre_execution'],
  },
  {
    name: 'list items: list names',
    fixture: BASE + `\n  #- rules.yaml\n  - list: more\n    items: [shell_<|>]`,
    replaces: 'shell_',
    first: ['shell_and_more', 'shell_binaries'],
  },
  { name: 'an empty file named like a rules file: item snippets', fixture: `<|>`, first: ['rule', 'macro', 'list'], inserts: { label: 'list', text: '- list: ${1:list_name}\n  items: [${2:item}]' } },
  { name: 'desc text: nothing', fixture: `- rule: R\n  desc: a shell <|>`, none: true },
];

function complete(fixture: string) {
  const workspace = openFixture(dedent(fixture.startsWith('\n') ? fixture : `\n#- rules.yaml\n${fixture}`));
  const file = workspace.files[workspace.files.length - 1];
  const position = workspace.cursor(file.path.split('/').pop()!, 0);
  const list = workspace.service.getCompletions(file.uri, position);
  return { workspace, file, list };
}

const ranked = (items: readonly CompletionItem[]) => [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0)).map((item) => item.label);

describe('completion contexts', () => {
  for (const entry of cases) {
    test(entry.name, () => {
      const { workspace, file, list } = complete(entry.fixture);
      if (entry.none) {
        assert.ok(list === null || list.items.length === 0, `expected nothing, got ${list?.items.map((item) => item.label).slice(0, 5)}`);
        return;
      }
      assert.ok(list, 'no completion');
      const labels = ranked(list.items);
      if (entry.replaces !== undefined) assert.equal(workspace.textAt(file.uri, list.itemDefaults!.editRange as never), entry.replaces);
      if (entry.first) assert.deepEqual(labels.slice(0, entry.first.length), entry.first);
      for (const label of entry.includes ?? []) assert.ok(labels.includes(label), `missing ${label}`);
      for (const label of entry.excludes ?? []) assert.ok(!labels.includes(label), `unexpected ${label}`);
      if (entry.incomplete !== undefined) assert.equal(list.isIncomplete, entry.incomplete);
      if (entry.inserts) {
        const item = list.items.find((candidate) => candidate.label === entry.inserts!.label);
        assert.ok(item, `no ${entry.inserts.label}`);
        assert.equal(item.textEditText ?? item.label, entry.inserts.text);
      }
    });
  }
});

describe('completion for clients without a shared edit range', () => {
  test('every item carries its own edit of the typed word', () => {
    const workspace = openFixture(dedent(`\n#- rules.yaml\n- rule: R\n  condition: proc.na<|>`));
    const file = workspace.files[0];
    const list = workspace.service.getCompletions(file.uri, workspace.cursor('rules.yaml'), { sharedRange: false })!;
    assert.equal(list.itemDefaults, undefined);
    const name = list.items.find((item) => item.label === 'proc.name')!;
    assert.deepEqual(name.textEdit, { range: { start: { line: 1, character: 13 }, end: { line: 1, character: 20 } }, newText: 'proc.name' });
    const operatorIn = workspace.service.getCompletions(file.uri, workspace.cursor('rules.yaml'), { sharedRange: false })!.items.find((item) => item.label === 'not')!;
    assert.equal((operatorIn.textEdit as { newText: string }).newText, 'not ');
    assert.ok(list.items.every((item) => item.textEditText === undefined));
  });
});

describe('completion resolve', () => {
  const resolve = (fixture: string, label: string) => {
    const { workspace, list } = complete(fixture);
    const item = list!.items.find((candidate) => candidate.label === label)!;
    assert.ok(item.data, `${label} is not resolvable`);
    assert.equal(item.documentation, undefined, 'documentation is resolved lazily');
    return (workspace.service.resolveCompletion(item).documentation as { value: string }).value;
  };
  test('a field: the field hover (description, type, source, argument)', () => {
    const doc = resolve(`- rule: R\n  condition: proc.an<|>`, 'proc.aname');
    assert.match(doc, /^\*\*field\*\* `proc\.aname` — `string`\n\n[A-Z].+\n\n- event sources: `syscall`\n- provided by: built in \(libsinsp\)\n- argument: `proc\.aname\[N\]` \(N a number\), optional$/);
  });
  test('an operator: its meaning and the types it accepts', () => {
    assert.equal(resolve(`- rule: R\n  condition: proc.name <|>`, 'startswith'), '**operator** `startswith` — starts with\n\nAccepted for: strings and byte buffers.');
  });
  test('a macro: its condition', () => {
    assert.equal(resolve(BASE + `\n  #- rules.yaml\n  - rule: R\n    condition: spawn<|>`, 'spawned_process'), '```\nevt.type in (execve, execveat) and evt.dir=<\n```');
  });
  test('a list: its items', () => {
    assert.equal(resolve(BASE + `\n  #- rules.yaml\n  - rule: R\n    condition: proc.name in (<|>`, 'shell_binaries'), '3 items: ```\nbash, sh, zsh\n```');
  });
  test('a technique: the ATT&CK tag hover (name, tactics, link)', () => {
    assert.equal(
      resolve(`- rule: R\n  tags: [shutdown<|>]`, 'T1529'),
      '**ATT&CK technique** T1529 — System Shutdown/Reboot\n\nTactics: `mitre_impact` (Impact)\n\n[https://attack.mitre.org/techniques/T1529](https://attack.mitre.org/techniques/T1529) · ATT&CK Enterprise 18.1',
    );
  });
});
