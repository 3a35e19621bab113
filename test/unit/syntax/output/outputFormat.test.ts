// Output-format tokenizer: data-driven token and problem expectations, plus shrinkToKnownField.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseOutputFormat, shrinkToKnownField, type OutputPlaceholder, type OutputToken,
} from '../../../../server/src/syntax/output/outputFormat';
import { assertOutputValid } from '../condition/dump';

/** One line per token: `text "…"`, `field name[arg] w=N "%…"`, `transformer name "%…"`; then problems. */
function summarize(text: string): string[] {
  const parsed = parseOutputFormat(text);
  assertOutputValid(text, parsed);
  const show = (token: OutputToken) => JSON.stringify(text.slice(token.span.start, token.span.end));
  const lines = parsed.tokens.map((token) => {
    if (token.kind === 'text') return `text ${show(token)}`;
    const arg = token.arg ? `[${token.arg.value}]` : '';
    const width = token.width !== undefined ? ` w=${token.width}` : '';
    return `${token.kind} ${token.name}${arg}${width} ${show(token)}`;
  });
  for (const p of parsed.problems) lines.push(`problem ${JSON.stringify(text.slice(p.span.start, p.span.end))} ${p.code}`);
  return lines;
}

const cases: [string, string[]][] = [
  ['plain text only', ['text "plain text only"']],
  ['', []],
  ['user=%user.name', ['text "user="', 'field user.name "%user.name"']],
  ['%proc.name:%fd.name', ['field proc.name "%proc.name"', 'text ":"', 'field fd.name "%fd.name"']],
  ['(%fd.name)', ['text "("', 'field fd.name "%fd.name"', 'text ")"']],
  ['%20proc.name|', ['field proc.name w=20 "%20proc.name"', 'text "|"']],
  ['%proc.aname[2] x', ['field proc.aname[2] "%proc.aname[2]"', 'text " x"']],
  ['%evt.arg.flags', ['field evt.arg.flags "%evt.arg.flags"']],
  ['%evt.arg[1]', ['field evt.arg[1] "%evt.arg[1]"']],
  ['%jevt.value[/a/b]', ['field jevt.value[/a/b] "%jevt.value[/a/b]"']],
  ['%jevt.value["/a b"]', ['field jevt.value[/a b] "%jevt.value[\\"/a b\\"]"']],
  ['%k8s.pod.label[app.kubernetes.io/name]', ['field k8s.pod.label[app.kubernetes.io/name] "%k8s.pod.label[app.kubernetes.io/name]"']],
  ['%proc.name.', ['field proc.name "%proc.name"', 'text "."']],
  ['%evt.arg.0x', ['field evt.arg.0x "%evt.arg.0x"']],
  ['%user', ['field user "%user"']],
  ['%tolower.x', ['field tolower.x "%tolower.x"']],
  ['%toupper (x)', ['field toupper "%toupper"', 'text " (x)"']],
  ['%proc.name[abc', ['field proc.name "%proc.name"', 'text "[abc"']],
  ['%proc.name[] x', ['field proc.name "%proc.name"', 'text "[] x"']],
  ['%jevt.value["\\q"]', ['field jevt.value "%jevt.value"', 'text "[\\"\\\\q\\"]"']],
  ['%toupper(user.name) x', ['transformer toupper "%toupper(user.name)"', 'text " x"']],
  ['%tolower(basename(proc.exepath))', ['transformer tolower "%tolower(basename(proc.exepath))"']],
  ['%concat(proc.name, "-", user.name)!', ['transformer concat "%concat(proc.name, \\"-\\", user.name)"', 'text "!"']],
  ['%getopt(proc.args, "f:")[f]', ['transformer getopt[f] "%getopt(proc.args, \\"f:\\")[f]"']],
  ['%5toupper(user.name)', ['transformer toupper w=5 "%5toupper(user.name)"']],
  ['line one\nline %proc.name two', ['text "line one\\nline "', 'field proc.name "%proc.name"', 'text " two"']],
  ['café %proc.name 😀', ['text "café "', 'field proc.name "%proc.name"', 'text " 😀"']],
  // Problems.
  ['ends with %', ['text "ends with %"', 'problem "%" output-syntax']],
  ['width at the end %20', ['text "width at the end %20"', 'problem "%20" output-syntax']],
  ['50% off', ['text "50% off"', 'problem "% " output-syntax']],
  ['100%% sure', ['text "100%% sure"', 'problem "%%" output-syntax']],
  ['%(x) %proc.name', ['text "%(x) "', 'field proc.name "%proc.name"', 'problem "%(" output-syntax']],
  ['%20 x', ['text "%20 x"', 'problem "%20 " output-syntax']],
  ['%😀', ['text "%😀"', 'problem "%😀" output-syntax']],
  ['%toupper(user.name', ['transformer toupper "%toupper(user.name"', 'problem "toupper(" output-syntax']],
  ['%concat(proc.name, x) y', ['transformer concat "%concat(proc.name, x)"', 'text " y"', 'problem "x" output-syntax']],
  ['%toupper() %proc.name', ['transformer toupper "%toupper()"', 'text " "', 'field proc.name "%proc.name"', 'problem "toupper(" output-syntax']],
];

for (const [input, expected] of cases) {
  test(`output: ${JSON.stringify(input)}`, () => {
    assert.deepEqual(summarize(input), expected);
  });
}

test('output problems carry code, severity and a message', () => {
  const { problems } = parseOutputFormat('x %');
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, 'output-syntax');
  assert.equal(problems[0]!.severity, 'error');
  assert.match(problems[0]!.message, /cannot end with a %/);
  assert.match(parseOutputFormat('%20').problems[0]!.message, /cannot end with a number/);
  assert.match(parseOutputFormat('%toupper(user.name').problems[0]!.message, /expected a '\)' token closing the transformer 'toupper'/);
});

test('placeholder details: spans of name, width and argument', () => {
  const text = 'a %12proc.aname[3] b';
  const token = parseOutputFormat(text).tokens[1] as OutputPlaceholder;
  assert.equal(token.kind, 'field');
  assert.deepEqual(token.span, { start: 2, end: 18 });
  assert.deepEqual(token.nameSpan, { start: 5, end: 15 });
  assert.deepEqual(token.widthSpan, { start: 3, end: 5 });
  assert.equal(token.width, 12);
  assert.deepEqual(token.arg, { value: '3', raw: '3', span: { start: 16, end: 17 }, quoted: false });
});

test('a transformer placeholder exposes the condition-language transformer tree', () => {
  const token = parseOutputFormat('%concat(proc.name, "-", tolower(user.name))').tokens[0] as OutputPlaceholder;
  assert.equal(token.kind, 'transformer');
  if (token.kind !== 'transformer' || token.expr.kind !== 'transformer') return;
  assert.deepEqual(token.expr.args.map((arg) => arg.kind), ['field', 'value', 'transformer']);
  assert.deepEqual(token.nameSpan, { start: 1, end: 7 });
});

const known = new Map<string, 'arg' | 'plain'>([
  ['proc.name', 'plain'],
  ['proc.aname', 'arg'],
  ['evt.arg', 'arg'],
  ['user.name', 'plain'],
]);
const isKnown = (name: string, arg?: string) => {
  const kind = known.get(name);
  return kind !== undefined && (arg === undefined || kind === 'arg');
};

function shrink(text: string): string | null {
  const token = parseOutputFormat(text).tokens.find((t) => t.kind !== 'text') as OutputPlaceholder;
  const result = shrinkToKnownField(token, isKnown);
  if (!result) return null;
  return `${result.name}${result.arg ? `[${result.arg.value}]` : ''} ${JSON.stringify(text.slice(result.span.start, result.span.end))}`;
}

test('shrinkToKnownField keeps the longest known prefix, as the engine does', () => {
  assert.equal(shrink('%proc.name'), 'proc.name "%proc.name"');
  assert.equal(shrink('%proc.namex'), 'proc.name "%proc.name"');
  assert.equal(shrink('%proc.name.suffix'), 'proc.name "%proc.name"');
  assert.equal(shrink('%20user.name_'), 'user.name "%20user.name"');
  assert.equal(shrink('%proc.aname[2]'), 'proc.aname[2] "%proc.aname[2]"');
  assert.equal(shrink('%proc.name[1]'), 'proc.name "%proc.name"');
  assert.equal(shrink('%proc.anamex[2]'), 'proc.aname "%proc.aname"');
  assert.equal(shrink('%user'), null);
  assert.equal(shrink('%evt.arg.0'), 'evt.arg "%evt.arg"');
});

test('shrinkToKnownField returns transformer placeholders unchanged', () => {
  const token = parseOutputFormat('%toupper(nope.field)').tokens[0] as OutputPlaceholder;
  assert.equal(shrinkToKnownField(token, () => false), token);
});
