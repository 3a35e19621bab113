import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['transformer-misuse'];
const rule = (condition: string, output = 'o') => dedent(`
  - rule: r
    desc: d
    condition: >
      ${condition}
    output: ${output}
    priority: INFO
`);

describe('transformer-misuse', () => {
  test('transformers on types they do not take, on fields that refuse them, with arguments or wrong arity', () => {
    const found = assertDiagnostics(
      rule(
        'evt.type = open and <|tolower|>(proc.pid) = 1 and tolower(<|proc.aname|>) = x and <|len|>(user.uid) > 1' +
          ' and basename(proc.exepath)[<|1|>] = x and <|join|>(",") = x and join(<|(a, b)|>, <|proc.name|>) = x' +
          ' and concat(proc.name, <|proc.pid|>) = x and getopt(<|proc.args|>, "x:") intersects (x)' +
          ' and getopt(("-x", "1"), "x:")[<|xy|>] = a and <|b64|>(proc.pid) = x',
      ),
      Array(11).fill('transformer-misuse'),
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'error'));
    assert.match(found[0].message, /^'tolower\(\)' takes strings, not 'proc\.pid' \(int64\)/);
    assert.match(found[1].message, /^The field 'proc\.aname' cannot be used inside a transformer.*\.$/);
  });

  test('field-to-field comparisons: pmatch/regex, networks, fields without right-hand side use, type mismatches', () => {
    const found = assertDiagnostics(
      rule(
        'evt.type = open and proc.name pmatch <|val|>(proc.exepath) and fd.snet = <|val|>(fd.sip)' +
          ' and <|fd.ip|> = val(fd.sip) and fd.sip = val(<|fd.ip|>) and proc.pid = <|val(user.uid)|>',
      ),
      ['transformer-misuse', 'transformer-misuse', 'transformer-misuse', 'transformer-misuse', 'transformer-misuse'],
      { only },
    );
    assert.match(found[4].message, /int64 on the left, uint32 on the right/);
  });

  test('valid uses, in conditions and outputs', () => {
    assertDiagnostics(
      rule(
        'evt.type = open and tolower(basename(proc.exepath)) = bash and len(proc.args) > 3 and b64(evt.buffer) = x' +
          ' and proc.name = val(proc.pname) and proc.pid != val(proc.ppid) and toupper(proc.name) = val(user.name)' +
          ' and join(",", (proc.name, proc.pid)) = x and concat(proc.name, "-", user.name) = a' +
          ' and getopt(("-x", "1"), "x:")[x] = "1" and len(fd.types) > 1 and len(proc.name) = val(evt.buflen)',
        '"%toupper(proc.name) %concat(proc.name, user.name)"',
      ),
      [],
      { only },
    );
  });

  test('transformers in outputs', () => {
    assertDiagnostics(rule('evt.type = open', '"%<|tolower|>(proc.pid) %<|concat|>(proc.name)"'), ['transformer-misuse', 'transformer-misuse'], { only });
  });
});
