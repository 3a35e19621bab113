/**
 * Fixture helpers. A fixture is one string holding one or more files, each introduced by a `#- path` header
 * line (a YAML comment, so fixtures stay valid YAML). `<|>` marks a cursor and `<|` … `|>` a range; the markers
 * are removed from the text and their offsets reported. (`|` alone is YAML's literal block indicator, so the
 * markers always carry angle brackets.)
 */

export interface FixtureFile {
  readonly path: string;
  readonly uri: string;
  readonly text: string;
  /** Offsets of `<|>` markers, in order. */
  readonly cursors: number[];
  /** Ranges marked with `<|` … `|>`, in order of their start. */
  readonly ranges: { start: number; end: number }[];
}

export function stripMarkers(marked: string): { text: string; cursors: number[]; ranges: { start: number; end: number }[] } {
  const cursors: number[] = [];
  const ranges: { start: number; end: number }[] = [];
  const openStack: number[] = [];
  let text = '';
  let index = 0;
  while (index < marked.length) {
    if (marked.startsWith('<|>', index)) {
      cursors.push(text.length);
      index += 3;
    } else if (marked.startsWith('<|', index)) {
      openStack.push(text.length);
      index += 2;
    } else if (marked.startsWith('|>', index) && openStack.length > 0) {
      ranges.push({ start: openStack.pop()!, end: text.length });
      index += 2;
    } else {
      text += marked[index];
      index++;
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursors, ranges };
}

export function parseFixture(fixture: string, root = '/workspace'): FixtureFile[] {
  const files: FixtureFile[] = [];
  const parts = fixture.split(/^#- (.+)\n/m);
  // parts: [before, path1, body1, path2, body2, …]
  if (parts.length === 1) parts.unshift('', 'rules.yaml');
  for (let index = 1; index < parts.length; index += 2) {
    const path = `${root}/${parts[index].trim()}`;
    const { text, cursors, ranges } = stripMarkers(parts[index + 1] ?? '');
    files.push({ path, uri: `file://${path}`, text, cursors, ranges });
  }
  return files;
}

/** Removes the common leading indentation of a template literal, so fixtures can be indented in test code. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => line.match(/^ */)![0].length);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(indent)).join('\n');
}
