// Quick fixes of `invalid-override` (the operation a key accepts, a misspelled key) and of unknown fields in
// outputs: before/after fixtures, each re-checked for the diagnostic gone and nothing new.
import { describe, test } from 'node:test';
import { assertFix } from '../../../helpers/fixes';

const base = `- rule: Shell
  desc: d
  condition: evt.type = execve
  output: "shell %proc.name"
  priority: NOTICE
`;

describe('override and output quick fixes', () => {
  test('a key that can only be replaced: write replace', () => {
    assertFix(`${base}- rule: Shell\n  priority: ERROR\n  override:\n    <|>priority: append   # keep\n`, "Change to 'replace'", `${base}- rule: Shell\n  priority: ERROR\n  override:\n    priority: replace   # keep\n`);
  });
  test('a misspelled operation', () => {
    assertFix(`${base}- rule: Shell\n  condition: and proc.pid > 0\n  override:\n    condition: <|>appnd\n`, "Change to 'append'", `${base}- rule: Shell\n  condition: and proc.pid > 0\n  override:\n    condition: append\n`);
  });
  test('a misspelled key of the override', () => {
    assertFix(`- macro: m\n  condition: evt.type = execve\n- rule: r\n  desc: d\n  condition: m\n  output: o\n  priority: NOTICE\n- macro: m\n  condition: and proc.pid > 0\n  override:\n    <|>conditon: append\n`, "Rename key 'conditon' to 'condition'", `- macro: m\n  condition: evt.type = execve\n- rule: r\n  desc: d\n  condition: m\n  output: o\n  priority: NOTICE\n- macro: m\n  condition: and proc.pid > 0\n  override:\n    condition: append\n`);
  });
  test('an unknown field in an output', () => {
    assertFix(`- rule: Shell\n  desc: d\n  condition: evt.type = execve\n  output: "shell %<|>proc.nmae and more"\n  priority: NOTICE\n`, "Change to 'proc.name'", `- rule: Shell\n  desc: d\n  condition: evt.type = execve\n  output: "shell %proc.name and more"\n  priority: NOTICE\n`);
  });
});
