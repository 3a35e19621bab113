import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments, visit, type Scalar } from 'yaml';
import { toSourceSpan } from '../../../../server/src/syntax/embeddedText';
import { convertNode, type YNode, type YScalar } from '../../../../server/src/syntax/yaml/tree';
import { corpusFiles, paritySampleRoot, readText, sharedMissing } from '../../../helpers/shared';

/** Every scalar of `text`, converted with our cooking, next to the YAML library's value. */
function scalarsOf(text: string): { ours: YScalar; library: unknown }[] {
  const results: { ours: YScalar; library: unknown }[] = [];
  for (const document of parseAllDocuments(text, { keepSourceTokens: true })) {
    if ('errors' in document && document.errors.length > 0) continue;
    visit(document, {
      Scalar(_key, node: Scalar) {
        const converted = convertNode(node, text, 0) as YNode;
        if (converted.kind === 'scalar') results.push({ ours: converted, library: node.value });
      },
    });
  }
  return results;
}

/** Asserts that cooking matches the YAML library and that every non-blank unit maps to the same character. */
function assertExact(text: string, label: string): number {
  let count = 0;
  for (const { ours, library } of scalarsOf(text)) {
    if (typeof library !== 'string') continue;
    count++;
    assert.ok(ours.text.exact, `${label}: cooking disagrees with the YAML library for ${JSON.stringify(library.slice(0, 60))}`);
    assert.equal(ours.text.value, library);
    const value = ours.text.value;
    for (let index = 0; index < value.length; index++) {
      const unit = value[index];
      if (unit === ' ' || unit === '\n' || unit === '\t' || unit === '\r') continue;
      const start = ours.text.base + ours.text.starts[index];
      const end = ours.text.base + ours.text.ends[index];
      if (start < ours.span.start || end > ours.span.end) assert.fail(`${label}: unit ${index} maps outside its scalar`);
      if (end - start === 1 && ours.style !== 'double' && text[start] !== unit) {
        assert.fail(`${label}: unit ${index} of ${JSON.stringify(value.slice(0, 40))} maps to ${JSON.stringify(text[start])}`);
      }
    }
  }
  return count;
}

describe('scalar cooking', () => {
  const cases: Record<string, string> = {
    plainMultiline: 'a: one two\n  three\n\n  four\n',
    single: "a: 'it''s\n  folded\n\n  twice'\n",
    double: 'a: "tab\\there \\"q\\" \\x41\\u00e9\n  next \\\n  joined\\\\ end"\n',
    literal: 'a: |\n  line one\n    indented\n\n  last\n',
    literalStrip: 'a: |-\n  one\n  two\n\n\n',
    literalKeep: 'a: |+\n  one\n\n\nb: 1\n',
    folded: 'a: >\n  one\n  two\n\n  three\n    more\n  four\n',
    foldedStrip: 'a: >-\n  evt.type = open\n  and not proc.name in (a, b)\n',
    explicitIndent: 'a: |2\n     z\n    y\n',
    crlf: 'a: >\r\n  one\r\n  two\r\n\r\n  three\r\nb: "x\r\n  y"\r\n',
    endOfFileNoBreak: 'a: >\n  one\n  two',
    commentAfterHeader: 'a: > # note\n  one\n  two\n',
    hashInBlock: 'a: |\n  one # not a comment\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => {
      assert.ok(assertExact(text, name) > 0);
    });
  }

  test('a folded condition maps tokens to their exact characters', () => {
    const text = '- macro: m\n  condition: >\n    evt.type = open\n    and proc.nme = bash\n';
    const scalar = scalarsOf(text).find((entry) => String(entry.library).startsWith('evt'))!.ours;
    const local = scalar.text.value.indexOf('proc.nme');
    const span = toSourceSpan(scalar.text, { start: local, end: local + 'proc.nme'.length });
    assert.equal(text.slice(span.start, span.end), 'proc.nme');
  });

  test('a double-quoted escape maps to the whole escape sequence', () => {
    const text = 'a: "x\\ty"\n';
    const scalar = scalarsOf(text)[1].ours;
    const span = toSourceSpan(scalar.text, { start: 1, end: 2 });
    assert.equal(text.slice(span.start, span.end), '\\t');
  });

  test('every scalar of the upstream corpus and the parity sample cooks exactly', { skip: sharedMissing }, () => {
    let files = 0;
    let scalars = 0;
    const caseDirectory = join(paritySampleRoot, 'cases');
    // The restyled parity cases exercise every scalar style; the other operators only mutate tokens.
    const styled = /^(style_|crlf|bom|flow_block|multidoc|comments|indent_width|key_reorder|engine_edge)/;
    const parityFiles = readdirSync(caseDirectory)
      .filter((name) => styled.test(name))
      .map((name) => join(caseDirectory, name));
    for (const path of [...corpusFiles(), ...parityFiles]) {
      scalars += assertExact(readText(path), path);
      files++;
    }
    assert.ok(files > 50 && scalars > 10000, `checked ${files} files, ${scalars} scalars`);
  });
});

