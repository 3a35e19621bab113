// Fuzz smoke test: random mutations of corpus conditions and outputs (fixed seed, bounded in time) never make
// the condition parser or the output tokenizer throw, and every span stays inside the text.
import { test } from 'node:test';
import { parseCondition } from '../../../../server/src/syntax/condition/parser';
import { parseOutputFormat } from '../../../../server/src/syntax/output/outputFormat';
import { sharedMissing } from '../../../helpers/shared';
import { corpusEntries } from './corpusEntries';
import { assertOutputValid, assertSpansValid } from './dump';

/** mulberry32: small deterministic PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = 'aAz09_.()[]"\'\\,=!<>%- \t\n\r\b\v\f#:/*x';
const TOKENS = [
  'and', 'or', 'not', 'not(', 'and(', '(', ')', ' in ', 'in(', ' intersects ', ' pmatch ', ' exists', ' = ', '==', '!=',
  '<=', '>', ' contains ', ' startswith ', ' oneof ', ' anyof (', 'allof', 'tolower(', 'val(', 'concat(', 'getopt(',
  'join(', 'len(', '"', "'", '\\', '\\"', '[', ']', '[0]', ',', '0x', '0x1F', '1e+5', '-1', 'proc.name', '%',
  '%proc.name', '%20', '%toupper(', 'évt', '😀', '\u0000',
];
const SEEDS = ['proc.name = bash and fd.num >= 0', 'tolower(proc.name) startswith oneof (a, "b")', 'user=%user.name cmd=%proc.cmdline'];

function mutate(text: string, rnd: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const steps = 1 + Math.floor(rnd() * 4);
  for (let step = 0; step < steps; step++) {
    const at = Math.floor(rnd() * (text.length + 1));
    const op = rnd();
    if (op < 0.25) text = text.slice(0, at) + pick(CHARS.split('')) + text.slice(at);
    else if (op < 0.5) text = text.slice(0, at) + pick(TOKENS) + text.slice(at);
    else if (op < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 6));
    else if (op < 0.85) text = text.slice(0, at) + pick(CHARS.split('')) + text.slice(at + 1);
    else text = text.slice(0, at) + text.slice(Math.floor(rnd() * text.length), at) + text.slice(at);
  }
  return text;
}

test('fuzz: mutated conditions and outputs never throw and keep spans in bounds', (t) => {
  const rnd = random(0xfa1c0);
  const entries = sharedMissing ? [] : corpusEntries();
  const conditions = [...SEEDS.slice(0, 2), ...entries.filter((e) => e.key === 'condition').map((e) => e.text)];
  const outputs = [SEEDS[2]!, ...entries.filter((e) => e.key === 'output').map((e) => e.text)];
  const deadline = Date.now() + 3500;
  let iterations = 0;
  for (; iterations < 6000 && Date.now() < deadline; iterations++) {
    const condition = mutate(conditions[Math.floor(rnd() * conditions.length)]!, rnd);
    let parsed;
    try {
      parsed = parseCondition(condition);
    } catch (error) {
      throw new Error(`parseCondition threw on ${JSON.stringify(condition)}: ${String(error)}`);
    }
    assertSpansValid(condition, parsed.ast, parsed.problems);
    const output = mutate(outputs[Math.floor(rnd() * outputs.length)]!, rnd);
    let tokens;
    try {
      tokens = parseOutputFormat(output);
    } catch (error) {
      throw new Error(`parseOutputFormat threw on ${JSON.stringify(output)}: ${String(error)}`);
    }
    assertOutputValid(output, tokens);
  }
  t.diagnostic(`${iterations} iterations (condition + output each)`);
  if (iterations < 1000) throw new Error(`only ${iterations} iterations ran within the time budget`);
});
