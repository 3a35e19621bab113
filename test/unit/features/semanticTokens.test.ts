/**
 * Semantic tokens: exact (text, type, modifiers) lists for conditions in every scalar style, outputs, exceptions
 * and declarations; the LSP encoding (deltas, per-line pieces, UTF-16 columns); and invariants over the corpus.
 */
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, test } from 'node:test';
import { getSemanticTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, TOKEN_MODIFIER, TOKEN_TYPE, type SemanticToken } from '../../../server/src/features/semanticTokens';
import { TokenSink } from '../../../server/src/features/semanticTokens/tokenSink';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { COMPARISON_MODIFIERS, CHECK_OPERATORS, TRANSFORMERS } from '../../../server/src/syntax/condition/lexer';
import { LineIndex } from '../../../server/src/service/lineIndex';
import { createLanguageService } from '../../../server/src/service/languageService';
import { encodeSemanticTokens } from '../../../server/src/service/semanticTokensEncoding';
import { dedent } from '../../helpers/markers';
import { openFixture } from '../../helpers/service';
import { corpusFiles, corpusRoot, readText, sharedMissing } from '../../helpers/shared';

const catalogs = createDefaultCatalogs();

type Row = readonly [text: string, type: string, ...modifiers: string[]];

function describeTokens(text: string, tokens: readonly SemanticToken[]): Row[] {
  const modifiers = (token: SemanticToken) => SEMANTIC_TOKEN_MODIFIERS.filter((_, bit) => token.modifiers & (1 << bit));
  return tokens.map((token) => [text.slice(token.start, token.end), SEMANTIC_TOKEN_TYPES[token.type]!, ...modifiers(token)]);
}

/** Tokens of one file of a fixture (the first when unnamed), optionally for a range given by `<|…|>`. */
function tokensOf(fixture: string, name?: string, options: { range?: boolean } = {}): Row[] {
  const workspace = openFixture(dedent(fixture));
  const fixtureFile = name ? workspace.file(name) : workspace.files[0]!;
  const file = workspace.service.index.get(fixtureFile.uri)!;
  const range = options.range ? fixtureFile.ranges[0] : undefined;
  return describeTokens(fixtureFile.text, getSemanticTokens(workspace.service.index, catalogs, file, range));
}

type Case = { readonly name: string; readonly fixture: string; readonly expected: readonly Row[] };

const macro: Row = ['m', 'macro', 'declaration'];

const cases: Case[] = [
  {
    name: 'plain scalar: fields, operators, keywords, values',
    fixture: `
      - macro: m
        condition: evt.type = open and not proc.name in (bash, "sh") or fd.num >= 3 and fd.port = 80
    `,
    expected: [
      macro, ['evt.type', 'property'], ['=', 'operator'], ['open', 'string'], ['and', 'keyword'], ['not', 'keyword'],
      ['proc.name', 'property'], ['in', 'operator'], ['bash', 'string'], ['"sh"', 'string'], ['or', 'keyword'],
      ['fd.num', 'property'], ['>=', 'operator'], ['3', 'number'], ['and', 'keyword'], ['fd.port', 'property'],
      ['=', 'operator'], ['80', 'number'],
    ],
  },
  {
    name: 'field arguments, transformers, val(), modifiers, exists, deprecated fields',
    fixture: `
      - macro: m
        condition: >-
          tolower(proc.aname[2]) startswith oneof (/usr, "/opt") and evt.arg.flags contains X
          and proc.pname = val(proc.name) and fd.name exists and evt.dir = < and not(json.value[/a/b] pmatch (x))
    `,
    expected: [
      macro, ['tolower', 'function'], ['proc.aname', 'property'], ['2', 'parameter'], ['startswith', 'operator'],
      ['oneof', 'operator'], ['/usr', 'string'], ['"/opt"', 'string'], ['and', 'keyword'], ['evt.arg', 'property'],
      ['flags', 'parameter'], ['contains', 'operator'], ['X', 'string'], ['and', 'keyword'], ['proc.pname', 'property'],
      ['=', 'operator'], ['val', 'function'], ['proc.name', 'property'], ['and', 'keyword'], ['fd.name', 'property'],
      ['exists', 'operator'], ['and', 'keyword'], ['evt.dir', 'property', 'deprecated'], ['=', 'operator'], ['<', 'string'],
      ['and', 'keyword'], ['not', 'keyword'], ['json.value', 'property'], ['/a/b', 'parameter'], ['pmatch', 'operator'],
      ['x', 'string'],
    ],
  },
  {
    name: 'double-quoted scalar: escapes stay inside their token, an escaped line break splits it',
    fixture: `
      - macro: m
        condition: "proc.name = \\"ba sh\\" and fd.na\\
          me startswith \\x2Fetc and user.name = \\U0001F600x"
    `,
    expected: [
      macro, ['proc.name', 'property'], ['=', 'operator'], ['\\"ba sh\\"', 'string'], ['and', 'keyword'],
      ['fd.na', 'property'], ['me', 'property'], ['startswith', 'operator'], ['\\x2Fetc', 'string'], ['and', 'keyword'],
      ['user.name', 'property'], ['=', 'operator'], ['\\U0001F600x', 'string'],
    ],
  },
  {
    name: "single-quoted scalar: '' is part of the string",
    fixture: `
      - macro: m
        condition: 'proc.cmdline contains ''-c'' and proc.name=sh'
    `,
    expected: [
      macro, ['proc.cmdline', 'property'], ['contains', 'operator'], ["''-c''", 'string'], ['and', 'keyword'],
      ['proc.name', 'property'], ['=', 'operator'], ['sh', 'string'],
    ],
  },
  {
    name: 'plain multi-line scalar: a string across a fold becomes one piece per line, without the indentation',
    fixture: `
      - macro: m
        condition: proc.name = "a
          b" and
          fd.num > 1
    `,
    expected: [
      macro, ['proc.name', 'property'], ['=', 'operator'], ['"a', 'string'], ['b"', 'string'], ['and', 'keyword'],
      ['fd.num', 'property'], ['>', 'operator'], ['1', 'number'],
    ],
  },
  {
    name: 'folded scalar',
    fixture: `
      - macro: m
        condition: >
          (proc.name in (a,
             b) or
          fd.name = "x
          y")
    `,
    expected: [
      macro, ['proc.name', 'property'], ['in', 'operator'], ['a', 'string'], ['b', 'string'], ['or', 'keyword'],
      ['fd.name', 'property'], ['=', 'operator'], ['"x', 'string'], ['y"', 'string'],
    ],
  },
  {
    name: 'literal scalar (CRLF line breaks)',
    fixture: '- macro: m\r\n  condition: |\r\n    proc.name = "p\r\n    q"\r\n    and not fd.num < 0x10\r\n',
    expected: [
      macro, ['proc.name', 'property'], ['=', 'operator'], ['"p', 'string'], ['q"', 'string'], ['and', 'keyword'],
      ['not', 'keyword'], ['fd.num', 'property'], ['<', 'operator'], ['0x10', 'number'],
    ],
  },
  {
    name: 'an appended condition: the leading keyword is a token, the stand-in for the previous text is not',
    fixture: `
      - macro: m
        condition: fd.num = 1
      - macro: m
        condition: or m
        override:
          condition: append
    `,
    expected: [macro, ['fd.num', 'property'], ['=', 'operator'], ['1', 'number'], macro, ['or', 'keyword'], ['m', 'macro']],
  },
  {
    name: 'macros and lists only when the workspace declares them',
    fixture: `
      - list: shells
        items: [bash]
      - macro: m
        condition: known and unknown_macro and evt.type in (shells, nolist) and proc.name in shells and proc.name in nolist
      - macro: known
        condition: fd.num = 1
    `,
    expected: [
      ['shells', 'enum', 'declaration'], macro, ['known', 'macro'], ['and', 'keyword'], ['and', 'keyword'],
      ['evt.type', 'property'], ['in', 'operator'], ['shells', 'enum'], ['nolist', 'string'], ['and', 'keyword'],
      ['proc.name', 'property'], ['in', 'operator'], ['shells', 'enum'], ['and', 'keyword'], ['proc.name', 'property'],
      ['in', 'operator'], ['known', 'macro', 'declaration'], ['fd.num', 'property'], ['=', 'operator'], ['1', 'number'],
    ],
  },
  {
    name: 'outputs: the % and width belong to the first token; arguments, transformers, placeholders',
    fixture: `
      - rule: r
        desc: d
        condition: fd.num = 1
        output: "%20proc.name %tolower(user.name) %proc.aname[1] %container.info %evt.arg.flags (%proc.name: %evt.latency) %concat(proc.name, \\"-\\", 3) %nosuch.field"
        priority: INFO
    `,
    expected: [
      ['r', 'class', 'declaration'], ['fd.num', 'property'], ['=', 'operator'], ['1', 'number'],
      ['%20proc.name', 'property'], ['%tolower', 'function'], ['user.name', 'property'], ['%proc.aname', 'property'],
      ['1', 'parameter'], ['%container.info', 'property', 'deprecated'], ['%evt.arg', 'property'], ['flags', 'parameter'],
      ['%proc.name', 'property'], ['%evt.latency', 'property', 'deprecated'], ['%concat', 'function'],
      ['proc.name', 'property'], ['\\"-\\"', 'string'], ['3', 'number'], ['%nosuch.field', 'property'],
    ],
  },
  {
    name: 'a folded output; the argument of a field that takes none is literal text, as for the engine',
    fixture: `
      - rule: r
        desc: d
        condition: fd.num = 1
        output: >
          user=%user.name
          cmd=%proc.cmdline[0]
        priority: INFO
    `,
    expected: [
      ['r', 'class', 'declaration'], ['fd.num', 'property'], ['=', 'operator'], ['1', 'number'],
      ['%user.name', 'property'], ['%proc.cmdline', 'property'],
    ],
  },
  {
    name: 'exceptions: fields, comps, values naming lists',
    fixture: `
      - list: trusted
        items: [a]
      - rule: r
        desc: d
        condition: fd.num = 1
        output: o
        priority: INFO
        exceptions:
          - name: e
            fields:
              - proc.name
              - proc.aname[1]
              - not a field
            comps: [=, in, bogus]
            values:
              - [bash, trusted]
          - name: single
            fields: fd.name
            comps: startswith
            values: [trusted, other]
    `,
    expected: [
      ['trusted', 'enum', 'declaration'], ['r', 'class', 'declaration'], ['fd.num', 'property'], ['=', 'operator'],
      ['1', 'number'], ['proc.name', 'property'], ['proc.aname', 'property'], ['1', 'parameter'], ['=', 'operator'],
      ['in', 'operator'], ['trusted', 'enum'], ['fd.name', 'property'], ['startswith', 'operator'], ['trusted', 'enum'],
    ],
  },
  {
    name: 'declarations and list items',
    fixture: `
      - list: "base list"
        items: [x]
      - list: 'quoted'
        items: [quoted, y, missing]
      - rule: >-
          Folded
          rule name
        enabled: false
      - macro: m
        condition: fd.num = 1
    `,
    expected: [
      ['base list', 'enum', 'declaration'], ['quoted', 'enum', 'declaration'], ['quoted', 'enum'],
      ['Folded', 'class', 'declaration'], ['rule name', 'class', 'declaration'], macro, ['fd.num', 'property'],
      ['=', 'operator'], ['1', 'number'],
    ],
  },
];

describe('semantic tokens', () => {
  for (const { name, fixture, expected } of cases) {
    test(name, () => assert.deepEqual(tokensOf(fixture), expected));
  }

  test('names declared in another file are known', () => {
    const fixture = `
      #- a.yaml
      - macro: spawned
        condition: evt.type = execve
      - list: shells
        items: [bash]
      #- b.yaml
      - rule: r
        desc: d
        condition: spawned and proc.name in (shells)
        output: o
        priority: INFO
    `;
    const expected: Row[] = [['r', 'class', 'declaration'], ['spawned', 'macro'], ['and', 'keyword'], ['proc.name', 'property'], ['in', 'operator'], ['shells', 'enum']];
    assert.deepEqual(tokensOf(fixture, 'b.yaml'), expected);
  });

  test('with a range, only the items overlapping it', () => {
    const fixture = `
      - macro: a
        condition: fd.num = 1
      - macro: b
        condition: fd.<|num = 2
      - macro: c
        condition: fd|>.num = 3
      - macro: d
        condition: fd.num = 4
    `;
    assert.deepEqual(tokensOf(fixture, undefined, { range: true }), [
      ['b', 'macro', 'declaration'], ['fd.num', 'property'], ['=', 'operator'], ['2', 'number'],
      ['c', 'macro', 'declaration'], ['fd.num', 'property'], ['=', 'operator'], ['3', 'number'],
    ]);
  });

  test('odd input: no error, tokens follow the recovered parse (`and` is the value of `=` here)', () => {
    const fixture = `
      - macro: m
        condition: (proc.name = and ) or
      - [not, a, map]
      - rule: r
        exceptions: [~, 3, {fields: ~}]
      - macro: n
        condition: ~
      - list: l
        items: ~
    `;
    const declarations: Row[] = [['r', 'class', 'declaration'], ['n', 'macro', 'declaration'], ['l', 'enum', 'declaration']];
    assert.deepEqual(tokensOf(fixture), [macro, ['proc.name', 'property'], ['=', 'operator'], ['and', 'string'], ['or', 'keyword'], ...declarations]);
  });
});

describe('token sink', () => {
  test('an approximate source map yields no token', () => {
    const sink = new TokenSink('abc');
    const text = { value: 'abc', base: 0, starts: Int32Array.of(0, 1, 2), ends: Int32Array.of(1, 2, 3), anchor: 0, exact: false };
    sink.addEmbedded(text, 0, 3, TOKEN_TYPE.string, 0);
    assert.deepEqual(sink.tokens(), []);
    sink.addEmbedded({ ...text, exact: true }, 0, 3, TOKEN_TYPE.string, 0);
    assert.deepEqual(sink.tokens(), [{ start: 0, end: 3, type: TOKEN_TYPE.string, modifiers: 0 }]);
  });

  test('a unit whose source is another character is never covered', () => {
    const sink = new TokenSink('aXc');
    sink.addEmbedded({ value: 'abc', base: 0, starts: Int32Array.of(0, 1, 2), ends: Int32Array.of(1, 2, 3), anchor: 0, exact: true }, 0, 3, 0, 0);
    assert.deepEqual(sink.tokens().map((token) => [token.start, token.end]), [[0, 1], [2, 3]]);
  });
});

describe('semantic token encoding', () => {
  const token = (start: number, end: number, type: number, modifiers = 0): SemanticToken => ({ start, end, type, modifiers });

  test('relative deltas on one line and across lines', () => {
    const text = 'ab cd\n  ef gh';
    const data = encodeSemanticTokens([token(0, 2, 1), token(3, 5, 2, 1), token(8, 10, 3), token(11, 13, 4, 2)], new LineIndex(text));
    assert.deepEqual(data, [0, 0, 2, 1, 0, 0, 3, 2, 2, 1, 1, 2, 2, 3, 0, 0, 3, 2, 4, 2]);
  });

  test('a token spanning line breaks becomes one piece per line, breaks excluded (LF and CRLF)', () => {
    assert.deepEqual(encodeSemanticTokens([token(1, 9, 8)], new LineIndex('a"bc\n\nde"f')), [0, 1, 3, 8, 0, 2, 0, 3, 8, 0]);
    assert.deepEqual(encodeSemanticTokens([token(1, 10, 8)], new LineIndex('a"bc\r\n\r\nd"f')), [0, 1, 3, 8, 0, 2, 0, 2, 8, 0]);
  });

  test('columns count UTF-16 units: a non-ASCII character before a token', () => {
    // é is one UTF-16 unit, 😀 two: proc.name starts at column 4.
    assert.deepEqual(encodeSemanticTokens([token(4, 13, TOKEN_TYPE.property)], new LineIndex('é😀 proc.name = x')), [0, 4, 9, TOKEN_TYPE.property, 0]);
  });

  test('end to end: tokens after a non-ASCII string of a condition', () => {
    const fixture = '- macro: m\n  condition: proc.name = "é😀" and fd.num > 1\n';
    const workspace = openFixture(fixture);
    const file = workspace.service.index.get(workspace.files[0]!.uri)!;
    const data = encodeSemanticTokens(getSemanticTokens(workspace.service.index, catalogs, file), new LineIndex(fixture));
    const { declaration } = TOKEN_MODIFIER;
    const { macro: m, property, operator, string, keyword, number } = TOKEN_TYPE;
    assert.deepEqual(data, [
      0, 9, 1, m, declaration, 1, 13, 9, property, 0, 0, 10, 1, operator, 0, 0, 2, 5, string, 0, 0, 6, 3, keyword, 0,
      0, 4, 6, property, 0, 0, 7, 1, operator, 0, 0, 2, 1, number, 0,
    ]);
  });

  test('tokens out of order are dropped rather than encoded backwards', () => {
    assert.deepEqual(encodeSemanticTokens([token(3, 5, 0), token(0, 2, 1), token(4, 6, 2)], new LineIndex('ab cd ef')), [0, 3, 2, 0, 0]);
  });
});

describe('semantic tokens over the corpus', { skip: sharedMissing }, () => {
  test('sorted, non-overlapping, on one line each, and each text is what its type says', () => {
    const service = createLanguageService({ catalogs });
    for (const path of corpusFiles()) service.updateDocument(`file://${path}`, readText(path));
    const index = service.index;
    const operators = new Set([...CHECK_OPERATORS, ...COMPARISON_MODIFIERS]);
    const functions = new Set([...TRANSFORMERS, 'val']);
    const known = (name: string) => catalogs.fields.lookupAnySource(name) !== undefined || catalogs.fields.outputPlaceholder(name) !== undefined;
    const problems: string[] = [];
    const counts = new Map<string, number>();
    for (const file of index.files()) {
      const where = (token: SemanticToken) => `${relative(corpusRoot, file.path)}@${token.start}`;
      let lastEnd = 0;
      for (const token of getSemanticTokens(index, catalogs, file)) {
        const text = file.syntax.text.slice(token.start, token.end);
        const type = SEMANTIC_TOKEN_TYPES[token.type]!;
        counts.set(type, (counts.get(type) ?? 0) + 1);
        if (token.start < lastEnd || token.end <= token.start) problems.push(`${where(token)}: out of order or empty`);
        if (/[\r\n]/.test(text)) problems.push(`${where(token)}: spans a line break`);
        lastEnd = token.end;
        const bare = text.replace(/^%\d*/, '');
        const ok =
          type === 'property' ? known(bare) :
          type === 'operator' ? operators.has(text) :
          type === 'keyword' ? ['and', 'or', 'not'].includes(text) :
          type === 'function' ? functions.has(bare) :
          type === 'macro' ? index.declarationsOf('macro', text).length > 0 :
          type === 'enum' ? index.declarationsOf('list', text).length > 0 :
          type === 'class' ? token.modifiers === TOKEN_MODIFIER.declaration :
          type === 'number' ? /^[+-]?(\d+(\.\d*)?|0[xX][0-9a-fA-F]+)$/.test(text) :
          text.trim() === text && text.length > 0;
        if (!ok) problems.push(`${where(token)}: ${JSON.stringify(text)} is not a ${type}`);
      }
    }
    assert.equal(index.files().length, 28);
    assert.deepEqual(problems, []);
    // The corpus predates transformers, so it has no `function` token.
    for (const type of SEMANTIC_TOKEN_TYPES) if (type !== 'function') assert.ok((counts.get(type) ?? 0) > 0, `no ${type} token in the corpus`);
    assert.ok((counts.get('property') ?? 0) > 5000, `only ${counts.get('property')} field tokens`);
  });
});
