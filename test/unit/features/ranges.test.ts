/**
 * Exact ranges in every scalar style: the hover range of a field and of a macro reference covers exactly the
 * token, whether the condition is plain (one or several lines), single- or double-quoted (with escapes), folded
 * or literal (with chomping and indentation indicators), with LF or CRLF line breaks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../../server/src/service/lineIndex';
import { openFixture } from '../../helpers/service';

const macro = '- macro: shell_procs\n  condition: proc.name in (bash, sh)\n';

const styles: Record<string, string> = {
  plain: '  condition: evt.type = execve and shell_procs and proc.pname = "x"\n',
  plainMultiline: '  condition: evt.type = execve\n    and shell_procs\n    and proc.pname = x\n',
  singleQuoted: "  condition: 'evt.type = execve and\n    shell_procs and proc.pname = ''it''''s'' and proc.pname != x'\n",
  doubleQuoted: '  condition: "evt.type = execve and \\"q\\" != proc.cmdline and\n    shell_procs and \\\n    proc.pname = x"\n',
  folded: '  condition: >\n    evt.type = execve\n\n    and shell_procs\n      and proc.pname = x\n',
  foldedStrip: '  condition: >-\n    evt.type = execve and shell_procs\n    and proc.pname = x\n',
  literal: '  condition: |\n    evt.type = execve\n    and shell_procs\n    and proc.pname = x\n',
  literalIndicator: '  condition: |2-\n      evt.type = execve\n      and shell_procs and proc.pname = x\n',
};

function rangeText(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function positionOf(text: string, token: string, occurrence: number): { line: number; character: number } {
  let offset = -1;
  for (let count = 0; count <= occurrence; count++) offset = text.indexOf(token, offset + 1);
  return new LineIndex(text).positionAt(offset + 1);
}

describe('hover ranges are exact in every scalar style', () => {
  for (const [style, condition] of Object.entries(styles)) {
    for (const lineBreak of ['\n', '\r\n']) {
      test(`${style} (${lineBreak === '\n' ? 'LF' : 'CRLF'})`, () => {
        const rule = `- rule: r\n  desc: d\n${condition}  output: "%proc.name %proc.pname"\n  priority: INFO\n`;
        const text = (macro + rule).replace(/\n/g, lineBreak);
        const fixture = openFixture(`#- rules.yaml\n${text}`);
        const uri = fixture.files[0].uri;
        const body = fixture.files[0].text;
        const ruleStart = body.indexOf('- rule: r');
        const occurrenceAfter = (token: string): number => body.slice(0, ruleStart).split(token).length - 1;
        for (const token of ['shell_procs', 'proc.pname', 'evt.type']) {
          const hover = fixture.service.getHover(uri, positionOf(body, token, occurrenceAfter(token)));
          assert.ok(hover?.range, `no hover on ${token}`);
          assert.equal(rangeText(body, hover.range), token);
        }
      });
    }
  }
});
