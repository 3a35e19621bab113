/**
 * The TextMate injection grammar that colours conditions and outputs inside YAML before the language server
 * starts: exact tokens for every YAML scalar style, on a stand-in YAML grammar (always) and on VS Code's real one
 * (when the e2e setup installed it), plain YAML left alone, and the upstream corpus tokenized quickly and fully.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { walkConditionTree } from '../../../server/src/semantic/conditionWalk';
import { toSourceSpan } from '../../../server/src/syntax/embeddedText';
import { parseRulesFile } from '../../../server/src/syntax/rulesFile';
import { getPair } from '../../../server/src/syntax/yaml/tree';
import { corpusFiles, corpusRoot, readText, sharedMissing } from '../../helpers/shared';
import {
  INJECTION_SCOPE, injectionGrammarPath, loadYamlWithInjection, ownTokens, realYamlMissing, tokenizeLines, untouched,
  type BaseGrammar, type OwnToken, type Token,
} from '../../helpers/textmate';

// Short names for the scopes in the expectations below; an unknown scope shows in full, so it fails visibly.
const WRAPPERS: Record<string, string> = { 'meta.list.falco': 'L.', 'meta.transformer.falco': 'T.', 'constant.other.placeholder.falco': 'P.' };
const LEAVES: Record<string, string> = {
  'entity.name.tag.yaml': 'key', 'punctuation.separator.map.value.yaml': 'colon',
  'punctuation.definition.block.sequence.item.yaml': 'dash',
  'punctuation.definition.string.begin.yaml': 'q(', 'punctuation.definition.string.end.yaml': 'q)',
  'string.quoted.double.yaml punctuation.definition.string.begin.yaml': 'y"(',
  'string.quoted.double.yaml punctuation.definition.string.end.yaml': 'y")',
  "string.quoted.single.yaml punctuation.definition.string.begin.yaml": "y'(",
  "string.quoted.single.yaml punctuation.definition.string.end.yaml": "y')",
  'constant.character.escape.yaml': 'yesc', 'constant.character.escape.single-quote.yaml': 'yesc',
  'keyword.control.flow.block-scalar.yaml': 'block', 'storage.modifier.chomping-indicator.yaml': 'indicators',
  'comment.line.number-sign.yaml': 'comment', 'comment.line.number-sign.yaml punctuation.definition.comment.yaml': 'comment#',
  'keyword.operator.logical.falco keyword.operator.wordlike.falco': 'logic',
  'keyword.operator.comparison.falco keyword.operator.wordlike.falco': 'op', 'keyword.operator.comparison.falco': 'sym',
  'keyword.operator.modifier.falco keyword.operator.wordlike.falco': 'mod',
  'variable.other.property.field.falco': 'field', 'support.function.transformer.falco': 'fn',
  'punctuation.section.brackets.begin.falco': '[', 'punctuation.section.brackets.end.falco': ']',
  'constant.numeric.integer.falco': 'int', 'string.unquoted.field-argument.falco': 'arg',
  'constant.numeric.falco': 'num', 'string.unquoted.falco': 'bare', 'variable.other.falco': 'word',
  'variable.other.list.falco': 'list', 'entity.name.function.macro.falco': 'macro', 'entity.name.type.rule.falco': 'rule',
  'entity.name.variable.list.falco': 'listname',
  'punctuation.section.parens.begin.falco': '(', 'punctuation.section.parens.end.falco': ')',
  'punctuation.separator.comma.falco': ',',
  'string.quoted.double.falco punctuation.definition.string.begin.falco': '"(', 'string.quoted.double.falco': '"',
  'string.quoted.double.falco punctuation.definition.string.end.falco': '")',
  "string.quoted.single.falco punctuation.definition.string.begin.falco": "'(", 'string.quoted.single.falco': "'",
  "string.quoted.single.falco punctuation.definition.string.end.falco": "')",
  'punctuation.definition.placeholder.falco': '%', 'constant.numeric.width.falco': 'width',
};

function abbreviate(scopes: readonly string[]): string {
  let prefix = '';
  let rest = scopes;
  while (rest.length > 0 && WRAPPERS[rest[0]!] !== undefined) {
    prefix += WRAPPERS[rest[0]!];
    rest = rest.slice(1);
  }
  const leaf = rest.join(' ');
  return prefix + (leaf === '' ? 'text' : (LEAVES[leaf] ?? leaf));
}

/** `C: condition{key} :{colon} proc.name{field}`: the region when it changes, then each token as text{scope}. */
function render(tokens: readonly OwnToken[]): string {
  const words: string[] = [];
  let region = '';
  for (const token of tokens) {
    if (token.region !== region) words.push(`${(region = token.region)}:`);
    words.push(`${token.text}{${abbreviate(token.scopes)}}`);
  }
  return words.join(' ');
}

/** Each fixture line with what it must look like: 'yaml' when the injection leaves it alone. */
type Case = readonly (readonly [line: string, expected: 'yaml' | string | readonly string[]])[];

function actualLines(tokens: readonly Token[][], lines: readonly string[]): string[] {
  return lines.map((line, i) => (line.trim() !== '' && untouched([tokens[i]!]) ? 'yaml' : render(ownTokens(tokens[i]!))));
}

const NAME_RULE = (name: string) => `-: -{dash} rule{key} :{colon} ${name}{rule}`;
const cases: Record<string, Case> = {
  'plain scalar on one line': [
    ['- macro: open_write', '-: -{dash} macro{key} :{colon} open_write{macro}'],
    ["  condition: (evt.type in (open, openat) and evt.is_open_write=true and fd.typechar='f' and fd.num>=0)", [
      'C: condition{key} :{colon} ({(} evt.type{field} in{op} ({L.(} open{L.word} ,{L.,} openat{L.word} ){L.)}',
      "and{logic} evt.is_open_write{field} ={sym} true{bare} and{logic} fd.typechar{field} ={sym} '{'(} f{'} '{')}",
      'and{logic} fd.num{field} >={sym} 0{num} ){)}',
    ]],
  ],
  'plain scalar over several lines, with a trailing comment': [
    ['- rule: Plain over lines', NAME_RULE('Plain over lines')],
    ['  condition: spawned_process and proc.name = bash',
      'C: condition{key} :{colon} spawned_process{macro} and{logic} proc.name{field} ={sym} bash{bare}'],
    ['    and not proc.pname in (sshd, "a b")   # why', [
      'C: and{logic} not{logic} proc.pname{field} in{op} ({L.(} sshd{L.word} ,{L.,} "{L."(} a b{L."} "{L.")} ){L.)}',
      '#{comment#} why{comment}',
    ]],
    ['    or tolower(proc.name) startswith anyof (x, y)', [
      'C: or{logic} tolower{T.fn} ({T.(} proc.name{T.field} ){T.)} startswith{op} anyof{mod}',
      '({L.(} x{L.word} ,{L.,} y{L.word} ){L.)}',
    ]],
    ['  output: x', 'O: output{key} :{colon} x{text}'],
  ],
  'plain scalar starting on the line after the key': [
    ['- macro: m', '-: -{dash} macro{key} :{colon} m{macro}'],
    ['  condition:', 'C: condition{key} :{colon}'],
    ['    proc.aname[2] exists and ka.req.pod.containers.image[0] icontains nginx', [
      'C: proc.aname{field} [{[} 2{int} ]{]} exists{op} and{logic}',
      'ka.req.pod.containers.image{field} [{[} 0{int} ]{]} icontains{op} nginx{bare}',
    ]],
    ['  priority: INFO', 'yaml'],
  ],
  'double-quoted scalars': [
    ['- rule: Double quoted', NAME_RULE('Double quoted')],
    ['  condition: "evt.type = open and proc.name != \\"bash\\" and', [
      'C: condition{key} :{colon} "{y"(} evt.type{field} ={sym} open{bare} and{logic} proc.name{field} !={sym}',
      '\\"{"(} bash{"} \\"{")} and{logic}',
    ]],
    ['    fd.name glob \'/etc/*\'"   # trailing',
      "C: fd.name{field} glob{op} '{'(} /etc/*{'} '{')} \"{y\")} #{comment#} trailing{comment}"],
    ['  output: "user=%user.name cmd=%proc.cmdline \\"quoted\\""', [
      'O: output{key} :{colon} "{y"(} user={text} %{P.%} user.name{P.field} cmd={text} %{P.%} proc.cmdline{P.field}',
      '\\"{yesc} quoted{text} \\"{yesc} "{y")}',
    ]],
  ],
  'single-quoted scalars': [
    ['- rule: Single quoted', NAME_RULE('Single quoted')],
    ["  condition: 'proc.name = ''a b'' or",
      "C: condition{key} :{colon} '{y'(} proc.name{field} ={sym} ''{'(} a b{'} ''{')} or{logic}"],
    ["    evt.num < 10'", "C: evt.num{field} <{sym} 10{num} '{y')}"],
    ["  output: 'file=%fd.name ''x'''",
      "O: output{key} :{colon} '{y'(} file={text} %{P.%} fd.name{P.field} ''{yesc} x{text} ''{yesc} '{y')}"],
  ],
  'folded block scalar with a chomping indicator and a header comment': [
    ['- rule: Folded', NAME_RULE('Folded')],
    ['  condition: >-   # header comment',
      'C: condition{key} :{colon} >{block} -{indicators} # header comment{comment}'],
    ['    json.value[/a/b] bcontains 0x41 and',
      'C: json.value{field} [{[} /a/b{arg} ]{]} bcontains{op} 0x41{num} and{logic}'],
    ['      val(proc.pname) = proc.name or evt.rawres regex "[0-9]+"', [
      'C: val{T.fn} ({T.(} proc.pname{T.field} ){T.)} ={sym} proc.name{bare} or{logic}',
      'evt.rawres{field} regex{op} "{"(} [0-9]+{"} "{")}',
    ]],
    ['', ''],
    ['    and not my_macro # part of the value',
      'C: and{logic} not{logic} my_macro{macro} #{text} part{macro} of{macro} the{macro} value{macro}'],
    ['  output: >', 'O: output{key} :{colon} >{block}'],
    ['    %20proc.name %proc.aname[2] %toupper(user.name) %concat(proc.name, "-", user.name) 100% done', [
      'O: %{P.%} 20{P.width} proc.name{P.field} %{P.%} proc.aname{P.field} [{P.[} 2{P.int} ]{P.]}',
      '%{P.T.%} toupper{P.T.fn} ({P.T.(} user.name{P.T.field} ){P.T.)}',
      '%{P.T.%} concat{P.T.fn} ({P.T.(} proc.name{P.T.field} ,{P.T.,} "{P.T."(} -{P.T."} "{P.T.")} ,{P.T.,}',
      'user.name{P.T.field} ){P.T.)} 100% done{text}',
    ]],
    ['  priority: WARNING', 'yaml'],
  ],
  'literal block scalar with indentation and chomping indicators': [
    ['- rule: Literal with indicators', NAME_RULE('Literal with indicators')],
    ['  condition: |2+', 'C: condition{key} :{colon} |{block} 2+{indicators}'],
    ['      evt.type intersects (a, b) and proc.pid > -1 and fd.sport in (80, 443) and x pmatch my_list', [
      'C: evt.type{field} intersects{op} ({L.(} a{L.word} ,{L.,} b{L.word} ){L.)} and{logic}',
      'proc.pid{field} >{sym} -1{num} and{logic} fd.sport{field} in{op} ({L.(} 80{L.num} ,{L.,} 443{L.num} ){L.)}',
      'and{logic} x{macro} pmatch{op} my_list{list}',
    ]],
    ['  enabled: true', 'yaml'],
  ],
  'a condition key right after the dash': [
    ['- condition: evt.type = execve',
      '-: -{dash} C: condition{key} :{colon} evt.type{field} ={sym} execve{bare}'],
    ['    and proc.name contains sh', 'C: and{logic} proc.name{field} contains{op} sh{bare}'],
    ['  desc: not a condition', 'yaml'],
  ],
  'items nested under a key': [
    ['items:', 'yaml'],
    ['  - rule: nested', NAME_RULE('nested')],
    ['    condition: >', 'C: condition{key} :{colon} >{block}'],
    ['      a and b', 'C: a{macro} and{logic} b{macro}'],
    ['    output: "%evt.time"', 'O: output{key} :{colon} "{y"(} %{P.%} evt.time{P.field} "{y")}'],
    ['  - rule: next', NAME_RULE('next')],
  ],
  'a list over several lines, and a column-0 comment ending a block scalar': [
    ['- macro: m', '-: -{dash} macro{key} :{colon} m{macro}'],
    ['  condition: >', 'C: condition{key} :{colon} >{block}'],
    ['    proc.name in (a,', 'C: proc.name{field} in{op} ({L.(} a{L.word} ,{L.,}'],
    ['      "b", c) and k8s.pod.label[app.kubernetes.io/name] = x', [
      'C: "{L."(} b{L."} "{L.")} ,{L.,} c{L.word} ){L.)} and{logic}',
      'k8s.pod.label{field} [{[} app.kubernetes.io/name{arg} ]{]} ={sym} x{bare}',
    ]],
    ['# a comment', 'yaml'],
    ['- list: l', '-: -{dash} list{key} :{colon} l{listname}'],
  ],
  'YAML outside conditions and outputs is left alone': [
    ['- rule: Left alone', NAME_RULE('Left alone')],
    ['  desc: a desc and proc.name = bash', 'yaml'],
    ['  # condition: and proc.name', 'yaml'],
    ['  conditions: a and b', 'yaml'],
    ['  my_condition: a and b', 'yaml'],
    ['  desc2: "output: %proc.name"', 'yaml'],
    ['  desc3: "two lines', 'yaml'],
    ['    condition: still the description"', 'yaml'],
    ['  override:', 'yaml'],
    ['    condition: append', 'yaml'],
    ['    output: replace', 'yaml'],
  ],
  'names of rules, macros and lists': [
    ['- list: shell_binaries', '-: -{dash} list{key} :{colon} shell_binaries{listname}'],
    ['  items: [bash, sh]', 'yaml'],
    ['- rule: "Quoted name"', '-: -{dash} rule{key} :{colon} "{q(} Quoted name{rule} "{q)}'],
    ["- macro: 'single quoted'  # comment", "-: -{dash} macro{key} :{colon} '{q(} single quoted{macro} '{q)}"],
    ['- rule: Name with # comment', NAME_RULE('Name with')],
    ['- rule: C#-like name', NAME_RULE('C#-like name')],
  ],
};

const bases: readonly BaseGrammar[] = ['stand-in', 'real'];

for (const base of bases) {
  describe(`injection grammar on the ${base} YAML grammar`, { skip: base === 'real' && realYamlMissing }, () => {
    for (const [name, lines] of Object.entries(cases)) {
      test(name, async () => {
        const grammar = await loadYamlWithInjection(base);
        const text = lines.map(([line]) => line).join('\n');
        const actual = actualLines(tokenizeLines(grammar, text), text.split('\n'));
        const expected = lines.map(([, lineExpected]) => (Array.isArray(lineExpected) ? lineExpected.join(' ') : lineExpected));
        assert.deepEqual(actual, expected);
      });
    }
  });
}

describe('injection grammar on the real YAML grammar only', { skip: realYamlMissing }, () => {
  test('a condition: line inside a description block scalar stays part of the description', async () => {
    const grammar = await loadYamlWithInjection('real');
    const text = '- rule: r\n  desc: >\n    condition: proc.name = x\n    output: %proc.name\n  condition: a';
    const tokens = tokenizeLines(grammar, text);
    assert.deepEqual(actualLines(tokens, text.split('\n')).slice(1), ['yaml', 'yaml', 'yaml', 'C: condition{key} :{colon} a{macro}']);
  });

  test('keys after a condition or output keep the YAML grammar\'s own scopes', async () => {
    const grammar = await loadYamlWithInjection('real');
    const text = Object.values(cases).map((lines) => lines.map(([line]) => line).join('\n')).join('\n---\n');
    const invalid = tokenizeLines(grammar, text).flatMap((tokens, line) =>
      tokens.filter((token) => token.scopes.some((scope) => scope.startsWith('invalid.'))).map((token) => `${line + 1}: ${token.text}`));
    assert.deepEqual(invalid, []);
  });
});

test('the grammar file: scope name, selector, and every include defined', () => {
  const grammar = JSON.parse(readFileSync(injectionGrammarPath, 'utf8')) as {
    scopeName: string; injectionSelector: string; patterns: unknown[]; repository: Record<string, unknown>;
  };
  assert.equal(grammar.scopeName, INJECTION_SCOPE);
  assert.match(grammar.injectionSelector, /^L:source\.yaml -comment\b/);
  const includes = [...JSON.stringify(grammar.repository).matchAll(/"include":"#([^"]+)"/g)].map((match) => match[1]!);
  assert.ok(includes.length > 10);
  assert.deepEqual(includes.filter((name) => !(name in grammar.repository)), []);
  const rules = JSON.stringify([grammar.patterns, grammar.repository]);
  const scopes = [...rules.matchAll(/"(?:name|contentName)":"([^"]+)"/g)].flatMap((match) => match[1]!.split(' '));
  assert.deepEqual(scopes.filter((scope) => !/\.(?:falco|yaml)$/.test(scope)), []);
});

const STABLE = 'falcosecurity-rules@falco-rules-5.1.0/rules/falco_rules.yaml';

/** What the corpus check found wrong in one file, as readable lines, and how many names it checked. */
function checkCorpusFile(path: string, tokens: readonly Token[][], text: string): { problems: string[]; names: number } {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number) => {
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > offset) line--;
    return { line, column: offset - lineStarts[line]! };
  };
  const tokenAt = (offset: number) => {
    const { line, column } = position(offset);
    return tokens[line]?.find((token) => token.start <= column && column < token.start + token.text.length);
  };
  const where = (offset: number) => `${relative(corpusRoot, path)}:${position(offset).line + 1}`;
  const problems: string[] = [];
  let names = 0;
  const valueLines = new Map<number, 'meta.condition.falco' | 'meta.output.falco'>();
  for (const item of parseRulesFile(text).items) {
    for (const [key, region] of [['condition', 'meta.condition.falco'], ['output', 'meta.output.falco']] as const) {
      const pair = item.map ? getPair(item.map, key) : undefined;
      const scalar = pair?.value?.kind === 'scalar' ? pair.value : undefined;
      if (!pair || !scalar || (item.kind !== 'rule' && item.kind !== 'macro')) continue;
      for (let line = position(pair.keySpan.start).line; line <= position(scalar.span.end - 1).line; line++) valueLines.set(line, region);
      for (let offset = scalar.span.start; offset < scalar.span.end; offset++) {
        if (/\s/.test(text[offset]!) || tokenAt(offset)?.scopes.includes(region)) continue;
        problems.push(`${where(offset)}: ${JSON.stringify(text[offset])} of a ${key} is not in ${region}`);
        break;
      }
    }
    const condition = item.condition;
    if (!condition?.parsed.ast) continue;
    walkConditionTree(condition.parsed.ast, (visit) => {
      if (visit.role === 'list-candidate' || visit.span.end <= condition.prefixLength) return;
      const local = { start: visit.span.start - condition.prefixLength, end: visit.span.end - condition.prefixLength };
      const span = toSourceSpan(condition.scalar.text, local);
      const token = tokenAt(span.start);
      names++;
      const scope = visit.role === 'field' ? 'variable.other.property.field.falco' : 'entity.name.function.macro.falco';
      if (token?.text !== visit.name || !token.scopes.includes(scope)) {
        problems.push(`${where(span.start)}: ${visit.role} ${visit.name} is ${JSON.stringify(token?.text)} ${token?.scopes.slice(-1)[0]}`);
      }
    });
  }
  tokens.forEach((lineTokens, line) => {
    for (const token of lineTokens) {
      const region = token.scopes.find((scope) => scope === 'meta.condition.falco' || scope === 'meta.output.falco');
      if (!region || token.text.trim() === '' || token.scopes.some((scope) => scope.startsWith('comment.'))) continue;
      if (valueLines.get(line) !== region) problems.push(`${relative(corpusRoot, path)}:${line + 1}: ${JSON.stringify(token.text)} is in ${region}`);
    }
  });
  return { problems, names };
}

for (const base of bases) {
  const skip = sharedMissing || (base === 'real' && realYamlMissing);
  describe(`upstream corpus on the ${base} YAML grammar`, { skip }, () => {
    test(`${STABLE} tokenizes in under 2 s`, async () => {
      const grammar = await loadYamlWithInjection(base);
      const text = readText(`${corpusRoot}/${STABLE}`);
      tokenizeLines(grammar, text.slice(0, 2000));
      const started = performance.now();
      tokenizeLines(grammar, text, 1000);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 2000, `${Math.round(elapsed)} ms`);
    });

    test('every condition and output is covered, fields and macros are coloured as such, nothing runs away', async () => {
      const grammar = await loadYamlWithInjection(base);
      const problems: string[] = [];
      let names = 0;
      for (const path of corpusFiles()) {
        const text = readText(path);
        const checked = checkCorpusFile(path, tokenizeLines(grammar, text, 1000), text);
        problems.push(...checked.problems);
        names += checked.names;
      }
      assert.deepEqual(problems, []);
      assert.ok(names > 5000, `only ${names} fields and macro references checked`);
    });
  });
}
