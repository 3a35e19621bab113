// Golden tests of the condition parser: every case of test/fixtures/conditions/<name>.txt is parsed and its tree
// and problems are compared with <name>.ast.txt (UPDATE_GOLDEN=1 rewrites the expectations).
import { test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCondition } from '../../../../server/src/syntax/condition/parser';
import { expectGolden, splitCases } from '../../../helpers/golden';
import { assertSpansValid, dumpProblems, dumpTree } from './dump';

const fixtures = resolve(__dirname, '../../../fixtures/conditions');
const inputs = readdirSync(fixtures).filter((name) => name.endsWith('.txt') && !name.endsWith('.ast.txt')).sort();

for (const name of inputs) {
  test(`golden: conditions/${name}`, () => {
    const cases = splitCases(readFileSync(join(fixtures, name), 'utf8'));
    const sections = cases.map(({ title, input }) => {
      const { ast, problems } = parseCondition(input);
      assertSpansValid(input, ast, problems);
      return [`=== ${title}`, `input: ${JSON.stringify(input)}`, dumpTree(ast), dumpProblems(input, problems)].join('\n');
    });
    expectGolden(join(fixtures, name.replace(/\.txt$/, '.ast.txt')), sections.join('\n\n') + '\n');
  });
}
