/**
 * Hover on rules, macros and lists: the exact markdown of effective definitions across a multi-file load order
 * (appends, overrides, replacements, rejected items), nested macros with a reference loop, Markdown escaping of
 * user text, and the bounds that keep a hover small. Field hovers are in hoverFacts.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { createLanguageService } from '../../../server/src/service/languageService';
import { LineIndex } from '../../../server/src/service/lineIndex';
import { dedent } from '../../helpers/markers';
import { openFixture, type FixtureWorkspace } from '../../helpers/service';
import { corpusRoot, readText, sharedMissing } from '../../helpers/shared';

function hoverAt(fixture: FixtureWorkspace, name: string, index: number): { text: string; markdown: string } | undefined {
  const file = fixture.file(name);
  const hover = fixture.service.getHover(file.uri, fixture.cursor(name, index));
  return hover ? { text: fixture.textAt(file.uri, hover.range!), markdown: (hover.contents as { value: string }).value } : undefined;
}

/** Markdown paragraphs, a fenced block, a list of lines, the load-order section. */
const paras = (...parts: string[]): string => parts.join('\n\n');
const block = (text: string, fence = '```'): string => `${fence}\n${text}\n${fence}`;
const lines = (...entries: string[]): string => entries.join('\n');
const loadOrder = (...entries: string[]): string => `In load order:\n\n${entries.join('\n')}`;

describe('hover on macros, lists and rules across a load order', () => {
  const fixture = openFixture(
    dedent(`
      #- rules/a.yaml
      - macro: late
        condition: or proc.pid = 2
        override: {condition: append}
      - list: shells
        items: [bash, sh]
      - list: all_<|>shells
        items: [shells, fish]
      - macro: spawned_process
        condition: evt.type in (execve, execveat)
      - macro: container
        condition: container.id != host
      - macro: shell_in_container
        condition: spawned_process and container and proc.name in (all_shells)
      - macro: loop_a
        condition: loop_b or proc.pid = 1
      - macro: loop_b
        condition: loop_a and not missing_macro
      - rule: Shell in container
        desc: a shell runs in a container
        condition: shell_in_container
        output: "shell %proc.name"
        priority: WARNING
        tags: [container, shell]
      #- rules/b.yaml
      - list: shells
        items: [zsh]
        override: {items: append}
      - macro: spawned_process
        condition: and evt.dir = <
        override: {condition: append}
      - macro: container
        condition: container.id != host and container.id != ""
        override: {condition: replace}
      - macro: late
        condition: proc.pid = 1
      - rule: Shell in container
        condition: and not proc.pname in (shells)
        output: "parent=%proc.pname"
        desc: (custom)
        tags: [custom, shell]
        exceptions:
          - name: known_users
            fields: [user.name]
            values: [[root]]
        priority: ERROR
        override: {condition: append, output: append, desc: append, tags: append, exceptions: append, priority: replace}
      #- rules/c.yaml
      - macro: spawned_<|>process
        append: true
        condition: and proc.pid > 0
      - rule: Shell in container
        append: true
        condition: and user.uid != 0
      - rule: Shell in <|>container
        enabled: false
      - rule: Shell in container
        priority: INFO
        override: {priority: append}
      - list: sh<|>ells
        items: [ash]
        override: {items: replace}
      - rule: Lo<|>op user
        desc: uses the loop
        condition: lo<|>op_a and sh<|>ell_in_container and la<|>te and cont<|>ainer
        output: x
        priority: INFO
    `),
    { falcoYaml: 'rules_files:\n  - rules/a.yaml\n  - rules/b.yaml\n  - rules/c.yaml\n' },
  );
  const spawned = 'evt.type in (execve, execveat) and evt.dir = < and proc.pid > 0';

  test('a macro: the effective condition, then every append in load order with its text', () => {
    assert.deepEqual(hoverAt(fixture, 'c.yaml', 0), {
      text: 'spawned_process',
      markdown: paras(
        '**macro** `spawned_process`',
        block(spawned),
        loadOrder('- defined in `rules/a.yaml:8`', '- append in `rules/b.yaml:4`: `and evt.dir = <`', '- append in `rules/c.yaml:1` (`append: true`): `and proc.pid > 0`'),
      ),
    });
  });

  test('a macro using macros: each one with its own effective condition', () => {
    assert.deepEqual(hoverAt(fixture, 'c.yaml', 5), {
      text: 'shell_in_container',
      markdown: paras(
        '**macro** `shell_in_container`',
        block('spawned_process and container and proc.name in (all_shells)'),
        'where:',
        lines(`- \`spawned_process\` = \`${spawned}\``, '- `container` = `container.id != host and container.id != ""`'),
        loadOrder('- defined in `rules/a.yaml:12`'),
      ),
    });
  });

  test('a macro in a reference loop: the loop is named and not expanded; an undefined macro is said so', () => {
    assert.deepEqual(hoverAt(fixture, 'c.yaml', 4), {
      text: 'loop_a',
      markdown: paras(
        '**macro** `loop_a`',
        block('loop_b or proc.pid = 1'),
        'where:',
        lines(
          '- `loop_b` = `loop_a and not missing_macro`',
          '  - `loop_a`: reference loop (`loop_a` → `loop_b` → `loop_a`), not expanded',
          '  - `missing_macro`: not defined in the indexed rules files',
        ),
        loadOrder('- defined in `rules/a.yaml:14`'),
      ),
    });
  });

  test('a definition that a replacement superseded keeps its text; an append before any definition is rejected', () => {
    const container = 'container.id != host and container.id != ""';
    assert.equal(
      hoverAt(fixture, 'c.yaml', 7)?.markdown,
      paras('**macro** `container`', block(container), loadOrder('- defined in `rules/a.yaml:10`: `container.id != host`', `- replace in \`rules/b.yaml:7\`: \`${container}\``)),
    );
    const rejected = '- append in `rules/a.yaml:1`: `or proc.pid = 2` — rejected by Falco: nothing is defined yet to append to';
    assert.equal(hoverAt(fixture, 'c.yaml', 6)?.markdown, paras('**macro** `late`', block('proc.pid = 1'), loadOrder(rejected, '- defined in `rules/b.yaml:10`')));
  });

  test('a list: its items after an append and a replacement, and each item that changed it', () => {
    assert.deepEqual(hoverAt(fixture, 'c.yaml', 2), {
      text: 'shells',
      markdown: paras(
        '**list** `shells` (1 item)',
        block('- ash'),
        loadOrder('- defined in `rules/a.yaml:4`: `bash`, `sh`', '- append in `rules/b.yaml:1`: `zsh`', '- replace in `rules/c.yaml:12`: `ash`'),
      ),
    });
  });

  test('a list naming a list: the nested list is expanded with its effective items', () => {
    assert.equal(
      hoverAt(fixture, 'a.yaml', 0)?.markdown,
      paras('**list** `all_shells` (2 items)', block(lines('- shells (list):', '  - ash', '- fish')), loadOrder('- defined in `rules/a.yaml:6`')),
    );
  });

  test('a rule: the effective definition after overrides, legacy appends and the enabled-only item', () => {
    assert.deepEqual(hoverAt(fixture, 'c.yaml', 1), {
      text: 'Shell in container',
      markdown: paras(
        '**rule** `Shell in container`',
        'a shell runs in a container (custom)',
        'priority `ERROR` · source `syscall`',
        'matches 2 event types: `execve`, `execveat`',
        lines('- enabled: `false` (loaded and checked, but never triggers)', '- tags: `container`, `shell`, `custom`', '- exceptions: `known_users`'),
        `condition:\n\n${block('shell_in_container and not proc.pname in (shells) and user.uid != 0')}`,
        `output:\n\n${block('shell %proc.name parent=%proc.pname')}`,
        loadOrder(
          '- defined in `rules/a.yaml:18`',
          '- override in `rules/b.yaml:12`',
          '  - `condition` append: `and not proc.pname in (shells)`',
          '  - `output` append: `parent=%proc.pname`',
          '  - `desc` append: `(custom)`',
          '  - `tags` append: `custom`, `shell`',
          '  - `exceptions` append: `known_users`',
          '  - `priority` replace: `ERROR`',
          '- append in `rules/c.yaml:4` (`append: true`)',
          '  - `condition` append: `and user.uid != 0`',
          '- `enabled: false` in `rules/c.yaml:7` (enabled-only item)',
          '- override in `rules/c.yaml:9` — rejected by Falco: `priority` cannot be appended to',
        ),
      ),
    });
  });

  test('a rule whose condition reaches a reference loop: the event types are an estimate', () => {
    const condition = `condition:\n\n${block('loop_a and shell_in_container and late and container')}`;
    assert.equal(
      hoverAt(fixture, 'c.yaml', 3)?.markdown,
      paras('**rule** `Loop user`', 'uses the loop', 'priority `INFO` · source `syscall`', 'matches about 2 event types: `execve`, `execveat`', '- enabled: `true`', condition, `output:\n\n${block('x')}`, loadOrder('- defined in `rules/c.yaml:15`')),
    );
  });
});

describe('hover on rules: redefinitions, replacements, rejected items', () => {
  test('a later full definition starts over; replacements overwrite; tags are a set; set flags are listed', () => {
    const fixture = openFixture(
      dedent(`
        - rule: Au<|>dit
          desc: first
          condition: ka.verb = create
          output: first
          priority: INFO
          source: k8s_audit
        - rule: Audit
          desc: second
          condition: ka.verb = delete
          output: "%ka.user.name"
          priority: NOTICE
          source: k8s_audit
          tags: [k8s, k8s]
          warn_evttypes: false
        - rule: Audit
          desc: replaced
          condition: ka.verb = get
          enabled: false
          override: {desc: replace, condition: replace, enabled: replace}
        - rule: Audit
          enabled: true
          override: {enabled: replace}
      `),
    );
    assert.equal(
      hoverAt(fixture, 'rules.yaml', 0)?.markdown,
      paras(
        '**rule** `Audit`',
        'replaced',
        'priority `NOTICE` · source `k8s_audit`',
        lines('- enabled: `true`', '- tags: `k8s`', '- `warn_evttypes`: `false`'),
        `condition:\n\n${block('ka.verb = get')}`,
        `output:\n\n${block('%ka.user.name')}`,
        loadOrder(
          '- defined in `rules.yaml:1` (replaced by a later definition)',
          '- redefined in `rules.yaml:7`',
          '- override in `rules.yaml:15`',
          '  - `desc` replace: `replaced`',
          '  - `condition` replace: `ka.verb = get`',
          '  - `enabled` replace: `false`',
          '- override in `rules.yaml:20`',
          '  - `enabled` replace: `true`',
        ),
      ),
    );
  });

  test('rejected updates: a key set but not listed, listed but not set, or nothing defined yet; an undeclared name', () => {
    const fixture = openFixture(
      dedent(`
        - rule: R
          desc: d
          condition: proc.name = a
          output: o
          priority: INFO
        - rule: <|>R
          desc: more
          condition: and proc.pid = 1
          override: {condition: append}
        - rule: R
          override: {output: append}
        - rule: Gh<|>ost
          enabled: false
          override: {enabled: replace}
        - macro: m
          condition: undefined_<|>macro and proc.name = x
      `),
    );
    const markdown = hoverAt(fixture, 'rules.yaml', 0)?.markdown ?? '';
    assert.match(markdown, /```\nproc\.name = a\n```/);
    assert.equal(
      markdown.slice(markdown.indexOf('In load order:')),
      loadOrder(
        '- defined in `rules.yaml:1`',
        '- override in `rules.yaml:6` — rejected by Falco: `desc` is set but not listed under `override`',
        '  - `condition` append: `and proc.pid = 1`',
        '- override in `rules.yaml:10` — rejected by Falco: `output` is listed under `override` but not set',
      ),
    );
    assert.equal(
      hoverAt(fixture, 'rules.yaml', 1)?.markdown,
      paras(
        '**rule** `Ghost`',
        'No full definition comes before the items that change it.',
        loadOrder('- override in `rules.yaml:12` — rejected by Falco: no rule by that name is defined yet', '  - `enabled` replace: `false`'),
      ),
    );
    assert.equal(hoverAt(fixture, 'rules.yaml', 2)?.markdown, '**macro** `undefined_macro`\n\nNot defined in the indexed rules files.');
  });
});

describe('hover keeps user text literal and bounded', () => {
  test('backticks get a longer fence; Markdown in a description or a name is escaped', () => {
    const fixture = openFixture(
      dedent(`
        - macro: ticks
          condition: proc.cmdline contains "\`\`\`" and proc.name = "a\`b"
        - rule: Odd \`name\` *<|>here*
          desc: "# Not a heading <b>bold</b> [link](x) & more_"
          condition: ti<|>cks
          output: "%proc.name \`\`\` x"
          priority: INFO
      `),
    );
    assert.equal(
      hoverAt(fixture, 'rules.yaml', 1)?.markdown,
      paras('**macro** `ticks`', block('proc.cmdline contains "```" and proc.name = "a`b"', '````'), loadOrder('- defined in `rules.yaml:1`')),
    );
    const rule = hoverAt(fixture, 'rules.yaml', 0)!;
    assert.equal(rule.text, 'Odd `name` *here*');
    assert.deepEqual(rule.markdown.split('\n\n').slice(0, 5), [
      '**rule** ``Odd `name` *here*``',
      '\\# Not a heading \\<b\\>bold\\</b\\> \\[link\\](x) \\& more\\_',
      'priority `INFO` · source `syscall`',
      'matches every event type (no `evt.type` restriction)',
      '- enabled: `true`',
    ]);
    assert.match(rule.markdown, /\noutput:\n\n````\n%proc\.name ``` x\n````\n/);
  });

  test('a long condition is cut in the block and in the nested list; a long list shows its first lines', () => {
    const items = Array.from({ length: 300 }, (_, index) => `binary_number_${index}`);
    const condition = `proc.name in (${items.join(', ')})`;
    const fixture = openFixture(
      dedent(`
        - macro: long_one
          condition: ${condition}
        - macro: user
          condition: lo<|>ng_one and proc.pid = 1
        - list: many
          items: [${items.join(', ')}]
        - macro: m
          condition: proc.name in (ma<|>ny) and u<|>ser
      `),
    );
    const long = hoverAt(fixture, 'rules.yaml', 0)!.markdown.split('\n\n')[1];
    assert.equal(long, block(lines(`${condition.slice(0, 1500)}…`, `(${condition.length - 1500} more characters)`)));
    const list = hoverAt(fixture, 'rules.yaml', 1)!.markdown.split('\n\n');
    assert.equal(list[0], '**list** `many` (300 items)');
    assert.deepEqual(list[1].split('\n').slice(-3), ['- binary_number_59', '… 240 more lines', '```']);
    assert.equal(hoverAt(fixture, 'rules.yaml', 2)!.markdown.split('\n\n')[3], `- \`long_one\` = \`${condition.slice(0, 160)}…\``);
  });

  test('nested macros stop at three levels and show a macro used twice once', () => {
    const fixture = openFixture(
      dedent(`
        - macro: m4
          condition: proc.pid = 4
        - macro: m3
          condition: m4 and proc.pid = 3
        - macro: m2
          condition: m3 and m4
        - macro: m1
          condition: m2 and m4
        - macro: m<|>0
          condition: m1
      `),
    );
    assert.equal(
      hoverAt(fixture, 'rules.yaml', 0)?.markdown.split('\n\n')[3],
      lines('- `m1` = `m2 and m4`', '  - `m2` = `m3 and m4`', '    - `m3` = `m4 and proc.pid = 3`', '      - uses `m4`', '    - `m4` = `proc.pid = 4`', '  - `m4`: shown above'),
    );
  });
});

describe('hover over the upstream rules files', { skip: sharedMissing }, () => {
  test('every declared name of falco_rules.yaml and the incubating rules loaded after it has a hover of bounded size', () => {
    const service = createLanguageService({ catalogs: createDefaultCatalogs() });
    const files = [
      ['falco_rules.yaml', 'falcosecurity-rules@falco-rules-5.1.0/rules/falco_rules.yaml'],
      ['falco-incubating_rules.yaml', 'falcosecurity-rules@falco-incubating-rules-6.0.1/rules/falco-incubating_rules.yaml'],
    ].map(([name, path]) => ({ uri: `file:///workspace/${name}`, text: readText(`${corpusRoot}/${path}`) }))
      .map((file) => ({ ...file, lines: new LineIndex(file.text) }));
    for (const file of files) service.updateDocument(file.uri, file.text);
    service.setFalcoConfig('file:///workspace/falco.yaml', 'rules_files:\n  - falco_rules.yaml\n  - falco-incubating_rules.yaml\n');
    const declarations = files.flatMap((file) => service.index.get(file.uri)!.symbols.declarations.map((declaration) => ({ file, declaration })));
    assert.ok(declarations.length > 250, `${declarations.length} declarations`);
    for (const { file, declaration } of declarations) {
      const hover = service.getHover(file.uri, file.lines.positionAt(declaration.nameSpan.start));
      const markdown = (hover?.contents as { value: string } | undefined)?.value ?? '';
      assert.ok(markdown.startsWith(`**${declaration.kind}** `) && markdown.length < 6000, `${declaration.name}: ${markdown.length} characters`);
    }
  });
});
