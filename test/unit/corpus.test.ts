/**
 * The upstream corpus as a regression net: no syntax problem on any file, every reference of the stable
 * ruleset resolves, every item appears in the outline, and every field token maps to its exact characters.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { walkConditionTree } from '../../server/src/semantic/conditionWalk';
import { toSourceSpan } from '../../server/src/syntax/embeddedText';
import { parseRulesFile } from '../../server/src/syntax/rulesFile';
import { openFixture } from '../helpers/service';
import { corpusFiles, corpusRoot, readText, sharedMissing } from '../helpers/shared';

const stable = 'falcosecurity-rules@falco-rules-5.1.0/rules/falco_rules.yaml';

describe('upstream corpus', { skip: sharedMissing }, () => {
  const files = corpusFiles();

  test('has the 28 files of the manifest', () => {
    assert.equal(files.length, 28);
  });

  test('no syntax problem on any file', () => {
    const report: string[] = [];
    for (const path of files) {
      for (const problem of parseRulesFile(readText(path)).problems) {
        report.push(`${relative(corpusRoot, path)}@${problem.span.start}: ${problem.code} ${problem.message}`);
      }
    }
    assert.deepEqual(report, []);
  });

  test('every field token of every condition and output maps to its exact characters', () => {
    let fields = 0;
    for (const path of files) {
      const text = readText(path);
      for (const item of parseRulesFile(text).items) {
        const condition = item.condition;
        if (condition?.parsed.ast) {
          walkConditionTree(condition.parsed.ast, (visit) => {
            if (visit.role !== 'field' || visit.span.end <= condition.prefixLength) return;
            const span = toSourceSpan(condition.scalar.text, { start: visit.span.start - condition.prefixLength, end: visit.span.end - condition.prefixLength });
            assert.equal(text.slice(span.start, span.end), visit.name, `${relative(corpusRoot, path)} at ${span.start}`);
            fields++;
          });
        }
        for (const token of (item.output?.parsed.tokens ?? []) as readonly { name?: string; nameSpan?: { start: number; end: number } }[]) {
          if (!token.name || !token.nameSpan) continue;
          const span = toSourceSpan(item.output!.scalar.text, token.nameSpan);
          assert.equal(text.slice(span.start, span.end), token.name, `${relative(corpusRoot, path)} output at ${span.start}`);
          fields++;
        }
      }
    }
    assert.ok(fields > 5000, `only ${fields} field tokens checked`);
  });

  test(`${stable}: every macro reference resolves and every list the file defines is found where used`, (context) => {
    const text = readText(`${corpusRoot}/${stable}`);
    const fixture = openFixture(`#- falco_rules.yaml\n${text}`);
    const file = fixture.service.index.get(fixture.files[0].uri)!;
    const macros = file.symbols.references.filter((reference) => reference.kind === 'macro');
    const unresolved = macros.filter((reference) => fixture.service.index.declarationsOf('macro', reference.name).length === 0);
    assert.deepEqual(unresolved.map((reference) => reference.name), []);
    const listNames = new Set(file.symbols.declarations.filter((declaration) => declaration.kind === 'list').map((declaration) => declaration.name));
    const lists = file.symbols.references.filter((reference) => reference.kind === 'list' && listNames.has(reference.name));
    // Each list the file defines is used somewhere (upstream has no unused list in the stable file).
    const usedLists = new Set(lists.map((reference) => reference.name));
    assert.equal(usedLists.size, listNames.size, `unused lists: ${[...listNames].filter((name) => !usedLists.has(name)).join(', ')}`);
    // Go to definition works from every one of those references.
    let resolved = 0;
    for (const reference of [...macros, ...lists]) {
      const lines = text.slice(0, reference.span.start).split('\n');
      const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
      const links = fixture.service.findDefinition(fixture.files[0].uri, position);
      assert.ok(links.length > 0, `no definition for ${reference.kind} ${reference.name} at ${reference.span.start}`);
      resolved++;
    }
    context.diagnostic(`${macros.length} macro references and ${lists.length} list references resolved (${resolved} definitions followed)`);
    assert.ok(macros.length >= 130 && lists.length >= 60, `${macros.length} macro and ${lists.length} list references`);
  });

  test(`${stable}: document symbols list every item`, () => {
    const text = readText(`${corpusRoot}/${stable}`);
    const fixture = openFixture(`#- falco_rules.yaml\n${text}`);
    const symbols = fixture.service.getDocumentSymbols(fixture.files[0].uri);
    const items = text.match(/^- (rule|macro|list|required_engine_version|required_plugin_versions):/gm) ?? [];
    assert.equal(symbols.length, items.length);
    assert.equal(symbols.filter((symbol) => symbol.detail !== undefined).length, items.length);
  });
});
