import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { regexProblem } from '../../../../server/src/semantic/typecheck/regex';
import { checkConstant, isEngineInteger, isIpv4Address, isIpv6Address } from '../../../../server/src/semantic/typecheck/values';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['invalid-value', 'unknown-filter-skipped'];
const rule = (condition: string, extra = '') => dedent(`
  - rule: r
    desc: d
    condition: >
      ${condition}
    output: o
    priority: INFO
`) + extra;

describe('invalid-value', () => {
  test('numbers, booleans, addresses, networks, ports, hex strings, regex patterns', () => {
    const found = assertDiagnostics(
      rule(
        'evt.type = open and user.uid = <|ten|> and thread.tid = <|1e3x|> and proc.pid <= <|1.5|> and fd.num = <|0x10|>' +
          ' and proc.is_exe_from_memfd = <|enabled|> and fd.cip = <|999.1.1.1|> and fd.cip != <|10.0.0|>' +
          ' and fd.rnet != <|300.0.0.0/8|> and fd.snet = <|10.0.0.1|> and fd.snet = <|10.0.0.0/33|> and fd.cip = <|"::1::2"|>' +
          ' and fd.sport = <|foo_bar|> and evt.buffer bcontains <|xyz|> and proc.name regex <|"(ab"|> and proc.name regex <|\\d+|>',
      ),
      Array(15).fill('invalid-value'),
      { only },
    );
    assert.ok(found.every((entry) => entry.severity === 'error'));
    assert.match(found[0].message, /'ten' is not a valid number for `user\.uid` \(uint32\) \('not a valid number'\)/);
    assert.match(found[3].message, /hex numbers are not accepted/);
    assert.match(found[4].message, /boolean.*`true` or `false`/);
    assert.match(found[7].message, /'300\.0\.0\.0' is not a valid IPv4 address/);
    assert.match(found[8].message, /add a prefix length, e\.g\. `10\.0\.0\.1\/32`/);
    assert.match(found[13].message, /'invalid regex pattern'.*never closed/);
    assert.match(found[14].message, /POSIX mode/);
  });

  test('accepted values: out-of-range numbers, signs, IPv6, networks, service names, quoted values', () => {
    assertDiagnostics(
      rule(
        'evt.type = open and fd.sport = 99999999 and user.uid = -1 and proc.pid > +5 and fd.cip = "127.0.0.1"' +
          ' and fd.cip in (10.0.0.1, ::1, "fe80::1") and fd.snet in (10.0.0.0/8, "192.168.0.0/16", fd00::/8)' +
          ' and fd.sport in (22, ssh, https) and proc.is_exe_writable = true and evt.buffer bcontains CAFEBABE' +
          ' and proc.name regex "^(bash|sh)$" and proc.name < 5 and proc.name = notanumber and evt.rawarg.res < 0' +
          ' and len(proc.args) > 3 and fd.cip exists and fd.sport = ""',
      ),
      [],
      { only },
    );
  });

  test('event types: unknown names, typos, na_1, and an undefined list name kept as a literal', () => {
    const found = assertDiagnostics(
      rule('evt.type in (open, <|opn|>, <|finit_moule|>, <|known_net_syscalls|>, <|na_1|>) and evt.type = <|clone4|> and evt.type != connect'),
      Array(5).fill('invalid-value'),
      { only },
    );
    assert.match(found[0].message, /unknown event type opn.*Did you mean `open`\?/);
    assert.match(found[1].message, /Did you mean `finit_module`\?/);
    assert.match(found[2].message, /No list named `known_net_syscalls` is defined/);
  });

  test('lists are substituted: their items are checked, at the list name', () => {
    const found = assertDiagnostics(
      dedent(`
        - list: allowed_networks
          items: [10.0.0.0/8, "192.168.0.0/16"]
        - list: bad_networks
          items: [10.0.0.0/8, 300.0.0.0/8]
        - list: net_syscalls
          items: [connect, accept]
        - list: nested
          items: [net_syscalls, bind]
        - list: two_names
          items: [bash, sh]
        - list: one_name
          items: [bash]
        - rule: r
          desc: d
          condition: >
            evt.type in (nested) and fd.snet in (allowed_networks) and fd.snet in (<|bad_networks|>)
            and fd.snet in (<|allowe_networks|>) and proc.name = <|two_names|> and proc.name = one_name
          output: o
          priority: INFO
      `),
      ['invalid-value', 'invalid-value', 'invalid-value'],
      { only },
    );
    assert.match(found[0].message, /'300\.0\.0\.0\/8', an item of the list `bad_networks`/);
    assert.match(found[1].message, /Did you mean the list `allowed_networks`\?/);
    assert.match(found[2].message, /has 2 items.*`in \(two_names\)`/);
  });

  test('asynchronous plugin events are warnings; port names must be service names', () => {
    const found = assertDiagnostics(rule('evt.type = <|krsi_open|> and fd.sport = <|notaport|> and fd.dport in (http, ftp-data, x11-0)'), ['invalid-value', 'invalid-value'], { only });
    assert.deepEqual(found.map((entry) => entry.severity), ['warning', 'error']);
    assert.match(found[1].message, /'unrecognized protocol'/);
    const notLoaded = assertDiagnostics(rule('evt.type = <|krsi_open|>'), ['invalid-value'], { only, analysis: { plugins: ['container'] } });
    assert.equal(notLoaded[0].severity, 'error');
  });

  test('with skip-if-unknown-filter, an unknown event type only skips the rule', () => {
    const found = assertDiagnostics(
      rule('evt.type = <|nosuchsyscall|> and user.uid = <|ten|>', '  skip-if-unknown-filter: true\n'),
      ['unknown-filter-skipped', 'invalid-value'],
      { only },
    );
    assert.deepEqual(found.map((entry) => entry.severity), ['warning', 'error']);
  });

  test('value parsers', () => {
    assert.ok(isEngineInteger('-1') && isEngineInteger('+5') && isEngineInteger(' 7'));
    assert.ok(!isEngineInteger('1.5') && !isEngineInteger('0x10') && !isEngineInteger('1e3') && !isEngineInteger(''));
    assert.ok(isIpv4Address('10.0.0.1') && !isIpv4Address('10.0.0') && !isIpv4Address('01.0.0.1') && !isIpv4Address('256.0.0.1'));
    assert.ok(isIpv6Address('::1') && isIpv6Address('fe80::1:2') && isIpv6Address('::ffff:10.0.0.1') && isIpv6Address('1:2:3:4:5:6:7:8'));
    assert.ok(!isIpv6Address('1::2::3') && !isIpv6Address('1:2:3:4:5:6:7:8:9') && !isIpv6Address('12345::') && !isIpv6Address('abc'));
    const net = { type: 'ipnet', isList: false };
    assert.equal(checkConstant(net, 'fd00::/8', '='), undefined);
    assert.match(checkConstant(net, 'fd00::/0', '=')!.engine, /invalid v6 netmask/);
    assert.equal(checkConstant(net, '10.0.0.0/264', '='), undefined, 'the prefix is read as an 8-bit number');
    assert.equal(checkConstant({ type: 'double', isList: false }, '2', '='), undefined);
    assert.ok(checkConstant({ type: 'double', isList: false }, '2.5', '='));
  });

  test('regex patterns', () => {
    for (const ok of ['abc', '^a.*b$', '[[:alpha:]]+', '[]a]', 'a|b', '(a)(b)?', '\\.', 'a**', '\\x41', '']) assert.equal(regexProblem(ok), undefined, ok);
    for (const bad of ['(ab', 'ab)', '*a', 'a|+b', '(?:a)', '(?i)a', '[ab', 'a\\', '\\d', '\\w+', '\\b', '(a)\\1']) assert.ok(regexProblem(bad), bad);
  });
});
