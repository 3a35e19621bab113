/**
 * Hover on what the catalogs know: fields (type, sources, provider, argument form, flags, versions, description,
 * event parameters), event types, operators, priorities and ATT&CK tags. Hover on workspace names is in
 * hover.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { dedent } from '../../helpers/markers';
import { openFixture } from '../../helpers/service';

const catalogs = createDefaultCatalogs();

const fixture = openFixture(
  dedent(`
    #- rules.yaml
    - rule: Reboot
      desc: d
      condition: evt.type in (<|>reboot, execve) and proc.name <|>startswith "sh" and fd.name <|>pmatch (/etc)
      output: "%proc.name"
      priority: <|>NOTICE
      tags: [<|>mitre_impact, <|>T1529, <|>T1086, mitre_<|>nosuch]
  `),
);

function hoverAt(index: number): { text: string; markdown: string } | undefined {
  const file = fixture.files[0];
  const hover = fixture.service.getHover(file.uri, fixture.cursor('rules.yaml', index));
  if (!hover) return undefined;
  return { text: fixture.textAt(file.uri, hover.range!), markdown: (hover.contents as { value: string }).value };
}

describe('hover on tags, priorities, operators and event types', () => {
  test('an event type shows its parameters', () => {
    const hover = hoverAt(0)!;
    assert.equal(hover.text, 'reboot');
    assert.match(hover.markdown, /^\*\*event type\*\* `reboot` \(system call\)\n\nParameters \(`evt\.arg\.<name>`\): /);
  });
  test('an operator says what it means and which types it accepts', () => {
    assert.deepEqual(hoverAt(1), { text: 'startswith', markdown: '**operator** `startswith` — starts with\n\nAccepted for: strings and byte buffers.' });
    assert.equal(hoverAt(2)?.text, 'pmatch');
  });
  test('a priority shows its place in the order', () => {
    const hover = hoverAt(3)!;
    assert.equal(hover.text, 'NOTICE');
    assert.match(hover.markdown, /^\*\*priority\*\* `NOTICE` — normal but significant/);
  });
  test('ATT&CK tags: tactic, technique with its tactics and link, revoked technique with its replacement', () => {
    const tactic = hoverAt(4)!;
    assert.equal(tactic.text, 'mitre_impact');
    assert.match(tactic.markdown, /^\*\*ATT&CK tactic\*\* TA0040 — Impact/);
    const technique = hoverAt(5)!;
    assert.match(technique.markdown, /^\*\*ATT&CK technique\*\* T1529 — System Shutdown\/Reboot\n\nTactics: `mitre_impact` \(Impact\)/);
    assert.match(technique.markdown, /\[https:\/\/attack\.mitre\.org\/techniques\/T1529\]/);
    assert.match(hoverAt(6)!.markdown, /^\*\*ATT&CK technique\*\* T1086 — .*\n\nTactics: .*\n\nRevoked: use T1059\.001 — PowerShell/);
    assert.equal(hoverAt(7), undefined);
  });
});

describe('hover on operators added after Falco 0.31', () => {
  const recent = openFixture(
    dedent(`
      - macro: m
        condition: proc.name <|>regex "a.*" and proc.name <|>iglob "A*" and evt.buffer <|>bcontains 414243 and proc.name <|>in (a)
    `),
  );
  const markdownAt = (index: number): string | undefined => {
    const hover = recent.service.getHover(recent.files[0].uri, recent.cursor('rules.yaml', index));
    return hover ? (hover.contents as { value: string }).value : undefined;
  };
  test('the first Falco release with the operator is named', () => {
    assert.equal(markdownAt(0), '**operator** `regex` — fully matches the regular expression (RE2)\n\nAccepted for: strings. Since Falco 0.39.');
    assert.equal(markdownAt(1), '**operator** `iglob` — matches the glob pattern, ignoring case\n\nAccepted for: strings. Since Falco 0.38.');
    assert.equal(markdownAt(2), '**operator** `bcontains` — the bytes contain the hex string\n\nAccepted for: byte buffers. Since Falco 0.32.');
    assert.equal(markdownAt(3), '**operator** `in` — is one of the list\n\nAccepted for: every type, list fields included.');
  });
});

describe('hover on fields', () => {
  const fields = openFixture(
    dedent(`
      - macro: opened
        condition: evt.type in (open, openat) and evt.arg.f<|>lags contains O_CREAT
      - rule: Files
        desc: d
        condition: >
          (opened or evt.type = execve) and evt.ar<|>g.fd > 0 and proc.an<|>ame[2] = y and proc.aa<|>rgs = z and fd.n<|>et = "10.0.0.0/8"
          and container.liveness_p<|>robe = x and evt.arg.nos<|>uch = 1
        output: "%evt.outputt<|>ime %json.val<|>ue[/user/name] %evt.rawar<|>g.res"
        priority: INFO
      - rule: K8s
        desc: d
        condition: ka.user.na<|>me = admin and ka.req.container.im<|>age = x
        output: x
        priority: INFO
        source: k8s_audit
      - rule: Open only
        desc: d
        condition: evt.type = open and evt.ar<|>g[2] = x and evt.arg.f<|>d = 1
        output: x
        priority: INFO
    `),
  );
  const hoverAt = (index: number): { text: string; markdown: string } | undefined => {
    const file = fields.files[0];
    const hover = fields.service.getHover(file.uri, fields.cursor('rules.yaml', index));
    return hover ? { text: fields.textAt(file.uri, hover.range!), markdown: (hover.contents as { value: string }).value } : undefined;
  };
  /** The expected markdown, with the catalog's description line when the field has one. */
  const field = (name: string, type: string, facts: readonly string[], usage?: string): string => {
    const desc = catalogs.fields.lookupAnySource(name)?.desc;
    return [`**field** \`${name}\` — \`${type}\``, ...(desc ? [desc] : []), facts.join('\n'), ...(usage ? [usage] : [])].join('\n\n');
  };
  const libsinsp = '- provided by: built in (libsinsp)';
  const evtArg = ['- event sources: `syscall`', libsinsp, '- argument: `evt.arg[N]` or `evt.arg.<name>`, required — e.g. `evt.arg.fd`'];
  const reads = (name: string, rest: string): string => `\`evt.arg.${name}\` reads the event parameter \`${name}\`, formatted as text. ${rest}`;

  test('the description line is the catalog description', () => {
    const desc = catalogs.fields.lookupAnySource('proc.aname')?.desc;
    const second = hoverAt(2)!.markdown.split('\n\n')[1];
    if (desc) assert.equal(second, desc);
    else assert.match(second, /^- event sources/);
  });

  test('evt.arg.<name>: the parameter, and which of the matched event types have it', () => {
    assert.deepEqual(hoverAt(0), { text: 'evt.arg.flags', markdown: field('evt.arg', 'string', evtArg, reads('flags', 'Every event type the condition matches has it: `open`, `openat`.')) });
    const fd = reads('fd', 'Of the event types the condition matches, `open`, `openat` have it and `execve` does not.');
    assert.equal(hoverAt(1)?.markdown, field('evt.arg', 'string', evtArg, fd));
    assert.equal(hoverAt(6)?.markdown, field('evt.arg', 'string', evtArg, reads('nosuch', 'No event type has a parameter of that name.')));
    assert.equal(hoverAt(13)?.markdown, field('evt.arg', 'string', evtArg, reads('fd', 'Every event type the condition matches has it: `open`.')));
    assert.equal(
      hoverAt(9)?.markdown,
      field(
        'evt.rawarg',
        'dynamic',
        ['- event sources: `syscall`', libsinsp, '- argument: `evt.rawarg.<name>`, required — e.g. `evt.rawarg.fd`'],
        '`evt.rawarg.res` reads the event parameter `res`, as its raw value. Of the event types the condition matches, `execve` has it and `open`, `openat` do not.',
      ),
    );
  });

  test('evt.arg[N]: what a position means, with the parameter names of the matched event types', () => {
    const params = catalogs.events.paramsOf('open') ?? [];
    const shown = params.slice(0, 12).map((name) => `\`${name}\``).join(', ') + (params.length > 12 ? `, … (${params.length} in all)` : '');
    const usage = [
      "`evt.arg[2]` reads the event's parameter number `2` (counting from 0); which parameter that is depends on the event type and on its direction (enter or exit), so `evt.arg.<name>` is clearer.",
      'Parameter names of the event types the condition matches (both directions):',
      `- \`open\`: ${shown}`,
    ].join('\n\n');
    assert.deepEqual(hoverAt(12), { text: 'evt.arg', markdown: field('evt.arg', 'string', evtArg, usage) });
  });

  test('argument forms, versions, flags and providers', () => {
    const syscall = '- event sources: `syscall`';
    assert.equal(hoverAt(2)?.markdown, field('proc.aname', 'string', [syscall, libsinsp, '- argument: `proc.aname[N]` (N a number), optional']));
    assert.equal(
      hoverAt(3)?.markdown,
      field('proc.aargs', 'string', [syscall, libsinsp, '- argument: `proc.aargs[N]` (N a number), optional', '- available in Falco 0.41.0 and later (libs 0.21.0 and later)']),
    );
    assert.equal(hoverAt(4)?.markdown, field('fd.net', 'ipnet', [syscall, libsinsp, '- takes no argument', '- conditions only (not in outputs)']));
    assert.equal(
      hoverAt(5)?.markdown,
      field('container.liveness_probe', 'string', [syscall, '- provided by: plugin `container`', '- takes no argument', '- deprecated; the `k8smeta` plugin provides this data now']),
    );
    assert.equal(hoverAt(7)?.markdown, field('evt.outputtime', 'string', [syscall, libsinsp, '- takes no argument', '- outputs only (not in conditions)']));
    assert.deepEqual(hoverAt(8), {
      text: 'json.value',
      markdown: field('json.value', 'string', ['- event sources: any', '- provided by: plugin `json`', '- argument: `json.value[/pointer]` (a JSON pointer), required — e.g. `json.value[/user/name]`']),
    });
    const k8saudit = ['- event sources: `k8s_audit`', '- provided by: plugins `k8saudit`, `k8saudit-aks`, `k8saudit-eks`, `k8saudit-gke`, `k8saudit-ovh`', '- takes no argument'];
    assert.equal(hoverAt(10)?.markdown, field('ka.user.name', 'string', k8saudit));
    assert.equal(hoverAt(11)?.markdown, field('ka.req.container.image', 'string', [...k8saudit, '- deprecated, use `ka.req.pod.containers.image`']));
  });
});
