import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dedent } from '../../helpers/markers';
import { openFixture } from '../../helpers/service';

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
