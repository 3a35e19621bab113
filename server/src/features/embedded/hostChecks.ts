/**
 * Checks of a host file's own lines (a Helm values file, an operator resource) around the rules it embeds, read
 * from the text line by line so they work when the mistake has broken the YAML:
 * - `embedded-rules-indentation`: rules written at the wrong indentation after `my-rules.yaml: |-`. A block
 *   scalar's lines must be indented more than its key; a line that is not ends the block, so the rules after it
 *   are not part of the file (YAML then fails on them, or the chart installs an empty or cut rules file).
 * - `embedded-rules-not-text`: a `customRules` entry written as YAML items instead of text (no `|-`): the chart
 *   needs the file's text, and renders the items as something Falco cannot read.
 * - `embedded-rules-file-name`: a `customRules` key without `.yaml`/`.yml`: since Falco 0.41 a rules directory
 *   loads only those files, so the entry is silently skipped.
 */
import { defineCodes } from '../diagnostics/codes';
import type { FalcoDiagnostic, TextChange } from '../diagnostics/diagnostic';
import { blockRun, entriesOf, splitTextLines, type TextLine } from './hostLines';

defineCodes([
  {
    code: 'embedded-rules-indentation',
    severity: 'error',
    engineCode: null,
    summary: 'Rules embedded in a block scalar (`my-rules.yaml: |-`) are not indented more than their key, so YAML ends the block before them.',
    fix: 'Indent every line of the rules file two spaces deeper than its key (the chart reads the block from that indentation on).',
    quickFix: 'Indents the lines of the rules file by the missing number of spaces.',
    example: `#- values.yaml
customRules:
  my-rules.yaml: |-
  - rule: Shell in container
    desc: d
    condition: evt.type = execve and proc.name = bash
    output: "shell %proc.name"
    priority: NOTICE
`,
  },
  {
    code: 'embedded-rules-not-text',
    severity: 'error',
    engineCode: null,
    summary: 'A `customRules` entry holds YAML items instead of the rules file as text: the chart writes the value as text, so it needs a block scalar (`|-`).',
    fix: 'Add `|-` after the file name so the items become the text of the rules file.',
    quickFix: 'Adds ` |-` after the key (and indents the items when they are not deeper than the key).',
    example: `#- values.yaml
customRules:
  my-rules.yaml:
    - list: my_shells
      items: [bash, zsh]
`,
  },
  {
    code: 'embedded-rules-file-name',
    severity: 'warning',
    engineCode: null,
    summary: 'A `customRules` key does not end in `.yaml` or `.yml`: Falco 0.41 and later load only such files from a rules directory, so this one is skipped.',
    fix: 'Name the entry like a rules file, e.g. `my-rules.yaml`.',
    quickFix: 'Appends `.yaml` to the key.',
    example: `#- values.yaml
customRules:
  my-rules: |-
    - list: my_shells
      items: [bash, zsh]
`,
  },
]);

/** Inserts `spaces` spaces at the start of every non-blank line of the run. */
function indentChanges(run: readonly TextLine[], spaces: number): TextChange[] {
  const pad = ' '.repeat(spaces);
  return run.filter((line) => line.content.trim() !== '').map((line) => ({ span: { start: line.start, end: line.start }, newText: pad }));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function checkHostFile(text: string): FalcoDiagnostic[] {
  if (!text.includes('customRules') && !text.includes('inlineRules') && !text.includes('ConfigMap')) return [];
  if (!/^[ \t]*(?:customRules|inlineRules|data)[ \t]*:/m.test(text)) return [];
  const lines = splitTextLines(text);
  const diagnostics: FalcoDiagnostic[] = [];
  for (const entry of entriesOf(lines)) {
    const line = lines[entry.line]!;
    if (entry.section === 'customRules' && !/\.ya?ml$/.test(entry.name)) {
      const quoted = /["']$/.test(entry.keyText);
      const at = entry.keySpan.end - (quoted ? 1 : 0);
      diagnostics.push({
        code: 'embedded-rules-file-name',
        severity: 'warning',
        span: entry.keySpan,
        message: `Falco 0.41 and later load only \`.yaml\`/\`.yml\` files from a rules directory, so the chart's \`${entry.name}\` is skipped. Name it \`${entry.name}.yaml\`.`,
        fixes: [{ title: `Rename '${entry.name}' to '${entry.name}.yaml'`, changes: [{ span: { start: at, end: at }, newText: '.yaml' }], preferred: true }],
      });
    }
    const run = blockRun(lines, entry);
    if (!run) continue;
    const first = run.lines[0]!;
    if (run.kind === 'not-text') {
      const shift = Math.max(0, entry.indent + 2 - first.indent);
      diagnostics.push({
        code: 'embedded-rules-not-text',
        severity: 'error',
        span: entry.keySpan,
        message: `The chart writes each \`customRules\` value to a file as text, but \`${entry.name}\` holds YAML items. Add \`|-\` after \`${entry.name}:\` so the lines below become the rules file's text.`,
        fixes: [{
          title: `Make '${entry.name}' a block of text (|-)`,
          changes: [{ span: { start: entry.colonEnd, end: entry.colonEnd }, newText: ' |-' }, ...indentChanges(run.lines, shift)],
          preferred: true,
        }],
      });
      continue;
    }
    const shift = run.kind === 'outside' ? entry.indent + 2 - first.indent : run.bodyIndent - Math.min(...run.lines.filter((candidate) => candidate.content.trim() !== '').map((candidate) => candidate.indent));
    if (shift <= 0) continue;
    const what = run.kind === 'outside'
      ? `The rules below \`${line.content.trim()}\` are not indented more than \`${entry.name}\`, so YAML ends the block scalar before them and \`${entry.name}\` is empty.`
      : `This line is less indented than the block scalar of \`${entry.name}\` (${plural(run.bodyIndent, 'space')}), so YAML ends the block here and the rest of the rules file is cut off.`;
    diagnostics.push({
      code: 'embedded-rules-indentation',
      severity: 'error',
      span: { start: first.start + first.indent, end: first.start + first.content.length },
      message: `${what} Indent ${run.lines.length === 1 ? 'it' : `these ${run.lines.filter((candidate) => candidate.content.trim() !== '').length} lines`} by ${plural(shift, 'more space')}.`,
      fixes: [{ title: `Indent the rules of '${entry.name}' by ${plural(shift, 'space')}`, changes: indentChanges(run.lines, shift), preferred: true }],
    });
  }
  return diagnostics;
}
