/**
 * The TextMate injection grammar for rules files carried inside other YAML files (Helm values `customRules:`,
 * a falco-operator `inlineRules:` string, ConfigMap `data:` entries): exact tokens on the stand-in and the real
 * YAML grammar, lines outside those regions tokenized exactly as without it, and a large values file done quickly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  EMBEDDED_SCOPE, INJECTION_SCOPE, embeddedGrammarPath, injectionGrammarPath, loadYamlWithInjections, ownTokens,
  realYamlMissing, tokenizeLines, type BaseGrammar, type Token,
} from '../../helpers/textmate';

const BOTH = [INJECTION_SCOPE, EMBEDDED_SCOPE];
const MAP = 'meta.rules-files.falco';
const ENTRY = 'meta.embedded.rules.falco';
const BODY = 'meta.embedded.block.falco';

// Short names for scopes; an unknown one shows in full, so it fails visibly.
const SHORT: Record<string, string> = {
  'entity.name.tag.yaml': 'key', 'punctuation.separator.map.value.yaml': 'colon',
  'punctuation.definition.block.sequence.item.yaml': 'dash',
  'keyword.control.flow.block-scalar.yaml': 'block', 'storage.modifier.chomping-indicator.yaml': 'indicators',
  'string.quoted.double.yaml punctuation.definition.string.begin.yaml': 'y"(',
  'string.quoted.double.yaml entity.name.tag.yaml': 'y"key',
  'string.quoted.double.yaml punctuation.definition.string.end.yaml': 'y")',
  'entity.name.type.rule.falco': 'rule', 'entity.name.function.macro.falco': 'macro',
  'entity.name.variable.list.falco': 'listname', 'variable.other.property.field.falco': 'field',
  'keyword.operator.logical.falco keyword.operator.wordlike.falco': 'logic',
  'keyword.operator.comparison.falco keyword.operator.wordlike.falco': 'op', 'keyword.operator.comparison.falco': 'sym',
  'string.unquoted.falco': 'bare', 'variable.other.falco': 'word',
  'punctuation.section.parens.begin.falco': '(', 'punctuation.section.parens.end.falco': ')',
  'punctuation.separator.comma.falco': ',',
  'constant.other.placeholder.falco punctuation.definition.placeholder.falco': '%',
  'constant.other.placeholder.falco variable.other.property.field.falco': '%field',
  'meta.list.falco punctuation.section.parens.begin.falco': 'L(', 'meta.list.falco punctuation.section.parens.end.falco': 'L)',
  'meta.list.falco variable.other.falco': 'Lword', 'meta.list.falco punctuation.separator.comma.falco': 'L,',
};

/**
 * One line as `region: text{scope} …`. Regions: `M` inside a customRules:/data: map, `H` the header line of an
 * embedded rules file, `B` its body, `BC`/`BO` a condition/output in the body, `-` elsewhere. The base grammar's
 * own tokens read `{y}` (the stand-in and the real grammar scope them differently); comments are left out.
 */
function render(tokens: readonly Token[]): string {
  const words: string[] = [];
  let current = '';
  for (const token of tokens) {
    const region = token.scopes.includes(BODY) ? 'B' : token.scopes.includes(ENTRY) ? 'H' : token.scopes.includes(MAP) ? 'M' : '-';
    const mine = token.scopes.filter((scope) => scope !== MAP && scope !== ENTRY && scope !== BODY);
    const [own] = ownTokens([{ ...token, scopes: mine }]);
    if (!own) continue;
    const falco = mine.some((scope) => scope.endsWith('.falco'));
    const full = region + (own.region === '-' ? '' : own.region);
    if (full !== current) words.push(`${(current = full)}:`);
    const header = token.scopes.slice(token.scopes.indexOf(ENTRY) + 1).join(' ');
    const scope = region === 'H' ? header : falco ? own.scopes.join(' ') || 'text' : 'y';
    words.push(`${own.text}{${SHORT[scope] ?? scope}}`);
  }
  return words.join(' ');
}

/** Each fixture line with what it must look like: 'yaml' when it is tokenized exactly as without this grammar. */
type Case = readonly (readonly [line: string, expected: string])[];

async function actualLines(base: BaseGrammar, text: string): Promise<string[]> {
  const withIt = tokenizeLines(await loadYamlWithInjections(base, BOTH), text);
  const without = tokenizeLines(await loadYamlWithInjections(base, [INJECTION_SCOPE]), text);
  return text.split('\n').map((line, i) =>
    line.trim() !== '' && JSON.stringify(withIt[i]) === JSON.stringify(without[i]) ? 'yaml' : render(withIt[i]!));
}

const cases: Record<string, Case> = {
  'Helm values: two customRules entries, |- and |': [
    ['customRules:', '-: customRules{y} M: :{y}'],
    ['  my-rules.yaml: |-', 'H: my-rules.yaml{key} :{colon} |{block} -{indicators}'],
    ['    - list: shells', 'B: -{y} list{y} :{y} shells{listname}'],
    ['      items:', 'B: items{y} :{y}'],
    ['        - bash', 'B: -{y} bash{y}'],
    ['    # a comment in the rules file', ''],
    ['    - rule: Shell in container', 'B: -{y} rule{y} :{y} Shell in container{rule}'],
    ['      condition: spawned_process and proc.name in (shells)',
      'BC: condition{key} :{colon} spawned_process{macro} and{logic} proc.name{field} in{op} ({L(} shells{Lword} ){L)}'],
    ['        and container.id != host', 'BC: and{logic} container.id{field} !={sym} host{bare}'],
    ['      output: shell %proc.name in %container.id',
      'BO: output{key} :{colon} shell{text} %{%} proc.name{%field} in{text} %{%} container.id{%field}'],
    ['      priority: WARNING', 'B: priority{y} :{y} WARNING{y}'],
    ['  more.yaml: |', 'H: more.yaml{key} :{colon} |{block}'],
    ['    - macro: m', 'B: -{y} macro{y} :{y} m{macro}'],
    ['      condition: >', 'BC: condition{key} :{colon} >{block}'],
    ['        evt.type = open', 'BC: evt.type{field} ={sym} open{bare}'],
    ['', ''],
    ['        or evt.type = close', 'BC: or{logic} evt.type{field} ={sym} close{bare}'],
    ['config: |', 'yaml'],
    ['  condition: not rules', 'yaml'],
    ['driver:', 'yaml'],
    ['  kind: modern_ebpf', 'yaml'],
  ],
  'Helm umbrella chart: falco: customRules: with a quoted key, >- and an indentation indicator': [
    ['falco:', 'yaml'],
    ['  image: {tag: x}', 'yaml'],
    ['  customRules:   # rules', '-: customRules{y} M: :{y}'],
    ['    "rules.yaml": |2-', 'H: "{y"(} rules.yaml{y"key} "{y")} :{colon} |{block} 2-{indicators}'],
    ['      - rule: r', 'B: -{y} rule{y} :{y} r{rule}'],
    ['        condition: a', 'BC: condition{key} :{colon} a{macro}'],
    ['    folded.yaml: >-', 'H: folded.yaml{key} :{colon} >{block} -{indicators}'],
    ['      - macro: n', 'B: -{y} macro{y} :{y} n{macro}'],
    ['  resources: {}', 'yaml'],
    ['tolerations: []', 'yaml'],
  ],
  'falco-operator Rulesfile with inlineRules as a string': [
    ['apiVersion: artifact.falcosecurity.dev/v1alpha1', 'yaml'],
    ['kind: Rulesfile', 'yaml'],
    ['spec:', 'yaml'],
    ['  inlineRules: |', 'H: inlineRules{key} :{colon} |{block}'],
    ['    - rule: Inline', 'B: -{y} rule{y} :{y} Inline{rule}'],
    ['      condition: evt.type = execve', 'BC: condition{key} :{colon} evt.type{field} ={sym} execve{bare}'],
    ['      output: "%proc.name"', 'BO: output{key} :{colon} "{y"(} %{%} proc.name{%field} "{y")}'],
    ['  priority: 1', 'yaml'],
  ],
  'ConfigMap data: only *.yaml and *.yml entries are rules files': [
    ['kind: ConfigMap', 'yaml'],
    ['data:', '-: data{y} M: :{y}'],
    ['  extra.conf: |', 'M: extra.conf{y} :{y} |{y}'],
    ['    condition: not a rule', 'M: condition: not a rule{y}'],
    ['  falco_rules.local.yml: |', 'H: falco_rules.local.yml{key} :{colon} |{block}'],
    ['    - rule: cm', 'B: -{y} rule{y} :{y} cm{rule}'],
    ['      condition: proc.name=x', 'BC: condition{key} :{colon} proc.name{field} ={sym} x{bare}'],
    ['metadata:', 'yaml'],
    ['  name: rules', 'yaml'],
  ],
  'ConfigMap data: other block entries stay plain strings, whatever their style or content': [
    ['items:', 'yaml'],
    ['  - kind: ConfigMap', 'yaml'],
    ['    data:', '-: data{y} M: :{y}'],
    ['      "notes.txt": >-', 'M: "{y} notes.txt{y} "{y} :{y} >{y} -{y}'],
    ['        - rule: not a rule', 'M: - rule: not a rule{y}'],
    ['', ''],
    ['        # not a comment', 'M: # not a comment{y}'],
    ['        output: "%proc.name"', 'M: output: "%proc.name"{y}'],
    ["      'falco.conf': |2", "M: '{y} falco.conf{y} '{y} :{y} |{y} 2{y}"],
    ['         condition: evt.type = open', 'M: condition: evt.type = open{y}'],
    ['      plain.txt: condition', 'M: plain.txt{y} :{y} condition{y}'],
    ['      rules.yaml: |-', 'H: rules.yaml{key} :{colon} |{block} -{indicators}'],
    ['        - macro: m', 'B: -{y} macro{y} :{y} m{macro}'],
    ['          condition: a', 'BC: condition{key} :{colon} a{macro}'],
    ['    metadata: {}', 'yaml'],
  ],
  'a block scalar nested under a non-block entry is a plain string': [
    ['customRules:', '-: customRules{y} M: :{y}'],
    ['  odd:', 'M: odd{y} :{y}'],
    ['    sub: |', 'M: sub{y} :{y} |{y}'],
    ['      condition: a and b', 'M: condition: a and b{y}'],
    ['    list:', 'M: list{y} :{y}'],
    ['      - seq: >', 'M: -{y} seq{y} :{y} >{y}'],
    ['          output: x', 'M: output: x{y}'],
    ['  a.yaml: |', 'H: a.yaml{key} :{colon} |{block}'],
    ['    - macro: m', 'B: -{y} macro{y} :{y} m{macro}'],
    ['data:', '-: data{y} M: :{y}'],
    ['  settings:', 'M: settings{y} :{y}'],
    ['    falco.yaml: |', 'M: falco.yaml{y} :{y} |{y}'],
    ['      condition: a', 'M: condition: a{y}'],
  ],
  'customRules: every block entry is a rules file, whatever its name': [
    ['customRules:', '-: customRules{y} M: :{y}'],
    ['  notes.txt: |', 'H: notes.txt{key} :{colon} |{block}'],
    ['    - rule: r', 'B: -{y} rule{y} :{y} r{rule}'],
    ['      condition: a', 'BC: condition{key} :{colon} a{macro}'],
  ],
  'a customRules key that is not a map, and other block scalars': [
    ['customRules: {}', 'yaml'],
    ['customRules: []', 'yaml'],
    ['extra: |', 'yaml'],
    ['  - rule: not rules', 'yaml'],
    ['  condition: plain text', 'yaml'],
    ['notes: >-', 'yaml'],
    ['  customRules:', 'yaml'],
    ['    a.yaml: |', 'yaml'],
    ['inlineRules: plain', 'yaml'],
  ],
  'the block ends at a line indented at or left of its key': [
    ['customRules:', '-: customRules{y} M: :{y}'],
    ['  a.yaml: |-', 'H: a.yaml{key} :{colon} |{block} -{indicators}'],
    ['    - list: l', 'B: -{y} list{y} :{y} l{listname}'],
    ['  b.txt: plain', 'M: b.txt{y} :{y} plain{y}'],
    ['  c.yaml: |', 'H: c.yaml{key} :{colon} |{block}'],
    ['   - macro: m', 'B: -{y} macro{y} :{y} m{macro}'],
    ['tolerations:', 'yaml'],
    ['  - key: rule', 'yaml'],
    ['    desc: |', 'yaml'],
    ['      - rule: outside', 'yaml'],
  ],
};

const bases: readonly BaseGrammar[] = ['stand-in', 'real'];

for (const base of bases) {
  describe(`embedded rules grammar on the ${base} YAML grammar`, { skip: base === 'real' && realYamlMissing }, () => {
    for (const [name, lines] of Object.entries(cases)) {
      test(name, async () => {
        const text = lines.map(([line]) => line).join('\n');
        assert.deepEqual(await actualLines(base, text), lines.map(([, expected]) => expected));
      });
    }

    test('the body of a block entry that is not a rules file is a plain block string', async () => {
      const grammar = await loadYamlWithInjections(base, BOTH);
      const bodies = Object.values(cases).flatMap((lines) => {
        const tokens = tokenizeLines(grammar, lines.map(([line]) => line).join('\n'));
        return lines.flatMap(([line, expected], i) => (expected === `M: ${line.trim()}{y}` ? [tokens[i]!] : []));
      });
      assert.equal(bodies.length, 8);
      const scoped = bodies.map((tokens) => tokens.filter((token) => token.text.trim() !== '')
        .map((token) => `${token.text}: ${token.scopes.slice(token.scopes.indexOf(MAP)).join(' ')}`));
      const expected = bodies.map((tokens) => tokens.filter((token) => token.text.trim() !== '')
        .map((token) => `${token.text}: ${MAP} string.unquoted.block.yaml`));
      assert.deepEqual(scoped, expected);
    });

    test('structured inlineRules (a sequence of items) is coloured by the condition/output injection alone', async () => {
      const text = 'spec:\n  inlineRules:\n    - rule: r\n      condition: a and b\n      output: "%proc.name"';
      const expected = [
        'yaml', 'yaml', '-: -{y} rule{y} :{y} r{rule}', '-C: condition{key} :{colon} a{macro} and{logic} b{macro}',
        '-O: output{key} :{colon} "{y"(} %{%} proc.name{%field} "{y")}',
      ];
      const withInjection = tokenizeLines(await loadYamlWithInjections(base, [INJECTION_SCOPE]), text);
      assert.deepEqual(['yaml', 'yaml', ...withInjection.slice(2).map(render)], expected);
      assert.deepEqual(await actualLines(base, text), ['yaml', 'yaml', 'yaml', 'yaml', 'yaml']);
    });

    test('a 3,000-line values file tokenizes in under 2 s', async () => {
      const grammar = await loadYamlWithInjections(base, BOTH);
      const text = valuesFile(3000);
      tokenizeLines(grammar, text.slice(0, 2000));
      const started = performance.now();
      const tokens = tokenizeLines(grammar, text, 1000);
      const elapsed = performance.now() - started;
      assert.equal(tokens.length, 3000);
      assert.ok(elapsed < 2000, `${Math.round(elapsed)} ms`);
      const conditions = tokens.filter((line) => line.some((token) => token.scopes.includes('meta.condition.falco'))).length;
      assert.ok(conditions > 500, `${conditions} condition lines`);
    });
  });
}

/** A Helm values file of `lines` lines: customRules entries with many rules, and other keys between them. */
function valuesFile(lines: number): string {
  const out = ['falco:', '  customRules:'];
  for (let entry = 0; out.length < lines; entry++) {
    out.push(`    rules-${entry}.yaml: |-`);
    for (let rule = 0; rule < 20 && out.length < lines; rule++) {
      out.push(
        `      - rule: Rule ${entry} ${rule} "x" # not a comment`,
        '        condition: (evt.type in (open, openat) and fd.name startswith "/etc/" and not proc.name in (a, b, c)',
        '          and tolower(proc.cmdline) contains "x:y" or k8s.pod.label[app.kubernetes.io/name] = x)',
        '        output: file %fd.name opened by %proc.name[2] %user.name (%container.id) 100% done',
        '        priority: WARNING',
        "        tags: [a, 'b', \"c\"]",
      );
    }
    out.push(`    other-${entry}.txt: ${'a: b '.repeat(40)}`);
  }
  return out.slice(0, lines).join('\n');
}

describe('embedded rules grammar on the real YAML grammar only', { skip: realYamlMissing }, () => {
  test('no invalid scopes anywhere in the fixtures', async () => {
    const grammar = await loadYamlWithInjections('real', BOTH);
    const text = Object.values(cases).map((lines) => lines.map(([line]) => line).join('\n')).join('\n---\n');
    const invalid = tokenizeLines(grammar, text).flatMap((tokens, line) =>
      tokens.filter((token) => token.scopes.some((scope) => scope.startsWith('invalid.'))).map((token) => `${line + 1}: ${token.text}`));
    assert.deepEqual(invalid, []);
  });
});

test('the grammar file: scope name, selector, and every include defined', () => {
  type Grammar = { scopeName: string; injectionSelector: string; patterns: unknown[]; repository: Record<string, unknown> };
  const grammar = JSON.parse(readFileSync(embeddedGrammarPath, 'utf8')) as Grammar;
  const injection = JSON.parse(readFileSync(injectionGrammarPath, 'utf8')) as Grammar;
  assert.equal(grammar.scopeName, EMBEDDED_SCOPE);
  assert.match(grammar.injectionSelector, /^L:source\.yaml -comment -string\b/);
  const rules = JSON.stringify([grammar.patterns, grammar.repository]);
  const includes = [...rules.matchAll(/"include":"([^"]+)"/g)].map((match) => match[1]!);
  assert.deepEqual(includes.filter((name) => name.startsWith('#') && !(name.slice(1) in grammar.repository)), []);
  const external = includes.filter((name) => name.startsWith(`${INJECTION_SCOPE}#`));
  assert.deepEqual(external, ['item-names', 'condition-value', 'output-value'].map((name) => `${INJECTION_SCOPE}#${name}`));
  assert.deepEqual(external.filter((name) => !(name.split('#')[1]! in injection.repository)), []);
  assert.deepEqual(includes.filter((name) => !name.startsWith('#') && !name.startsWith(`${INJECTION_SCOPE}#`)), ['source.yaml', 'source.yaml']);
  const scopes = [...rules.matchAll(/"(?:name|contentName)":"([^"]+)"/g)].flatMap((match) => match[1]!.split(' '));
  assert.deepEqual(scopes.filter((scope) => !/\.(?:falco|yaml)$/.test(scope)), []);
});
