import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['yaml-syntax'];

describe('YAML errors point at their root cause', () => {
  test('a plain output containing ": " (the AI-written case)', () => {
    const fixture = dedent(`
      - rule: Off hours login
        desc: login
        condition: evt.type = execve
        output: <|Login during off-hours:|> user=%user.name
        priority: INFO
    `);
    assertDiagnostics(fixture, ['yaml-syntax'], { only });
  });

  test('a key indented one column too far continues the plain scalar above', () => {
    const fixture = dedent(`
      - rule: r
        desc: d
        condition: evt.type = open and
          fd.name = x
         <|output:|> opened %fd.name
        priority: INFO
    `);
    assertDiagnostics(fixture, ['yaml-syntax'], { only });
  });

  test('a key indented one column too little', () => {
    const fixture = dedent(`
      - list: a
       <|items|>: [x, y]
      - list: b
        items: [z]
    `);
    assertDiagnostics(fixture, ['yaml-syntax'], { only });
  });

  test('a tab in the indentation', () => {
    const fixture = '- rule: r\n <|\t|>condition: evt.type = open\n  desc: d\n';
    assertDiagnostics(fixture, ['yaml-syntax'], { only });
  });

  test('an unclosed flow sequence is reported at its bracket, and the next item is still read', () => {
    const fixture = dedent(`
      - list: names
        items: <|[|>xmrig, minerd

      - list: other
        items: [a, "b"
    `);
    // Each item is parsed on its own, so the second item's own mistake is reported too.
    assertDiagnostics(fixture.replace('[a, "b"', '<|[|>a, "b"'), ['yaml-syntax', 'yaml-syntax'], { only });
  });

  test('an unclosed quote is reported at the opening quote', () => {
    const fixture = dedent(`
      - rule: r
        desc: d
        condition: evt.type = open
        output: <|"|>opened %fd.name
        priority: NOTICE
      - macro: m
        condition: evt.type = close
    `);
    assertDiagnostics(fixture, ['yaml-syntax'], { only });
  });
});
