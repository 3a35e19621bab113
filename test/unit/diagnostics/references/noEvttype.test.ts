import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['no-evttype'];

const rule = (name: string, condition: string, extra = '') =>
  `- rule: ${name}\n  desc: d\n  condition: ${condition}\n  output: o\n  priority: INFO\n${extra}`;

describe('no-evttype', () => {
  test('conditions that do not restrict evt.type warn on the condition', () => {
    const found = assertDiagnostics(
      rule('plain', '<|proc.name = bash and user.uid = 0|>') +
        rule('negated', '<|not evt.type in (open, openat) and fd.name = /etc/shadow|>') +
        rule('not equal', '<|evt.type != open and proc.name = nc|>') +
        rule('or with a neutral check', '<|evt.type = open or proc.name = nc|>'),
      ['no-evttype', 'no-evttype', 'no-evttype', 'no-evttype'],
      { only },
    );
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /'Rule matches too many evt.type values'/);
    assert.match(found[0].message, /does not restrict evt.type/);
  });

  test('restricted conditions, through macros and lists too, do not warn', () => {
    assertDiagnostics(
      dedent(`
        - list: exec_events
          items: [execve, execveat]
        - macro: spawned_process
          condition: evt.type in (exec_events) and evt.dir = <
        - macro: open_read
          condition: (evt.type in (open, openat) or evt.type = openat2) and evt.is_open_read = true
      `) +
        rule('via macro', 'spawned_process and proc.name = bash') +
        rule('via or', 'open_read or spawned_process') +
        rule('double negation', 'not evt.type != ptrace') +
        rule('negated and', 'evt.type = connect and not (proc.name = a and evt.type = accept)') +
        rule('generic syscall', 'evt.type = pread64') +
        rule('list as one value', 'evt.type = exec_events'),
      [],
      { only },
    );
  });

  test('contradictory evt.type checks warn too (the engine counts an empty set)', () => {
    const found = assertDiagnostics(
      rule('R1', '<|evt.type = open and evt.type = close|>') + rule('R2', '<|not evt.type exists and proc.name = a|>'),
      ['no-evttype', 'no-evttype'],
      { only },
    );
    assert.match(found[0].message, /can match no event type/);
  });

  test('the engine counts event codes: many events exceed the limit even when restricted', () => {
    const many = 'accept, bind, connect, listen, socket, sendto, recvfrom, sendmsg, recvmsg, shutdown, getsockopt, setsockopt, ' +
      'socketpair, accept4, open, openat, openat2, creat, close, read, write, pread, pwrite, readv, writev, preadv, pwritev, ' +
      'dup, dup2, dup3, execve, execveat, clone, clone3, fork, vfork, chmod, fchmod, fchmodat, mkdir, mkdirat';
    assertDiagnostics(rule('wide', `<|evt.type in (${many})|>`) + rule('narrow', 'evt.type in (open, openat, openat2, execve)'), ['no-evttype'], {
      only,
    });
  });

  test('warn_evttypes: false, other sources and broken conditions are left alone', () => {
    assertDiagnostics(
      rule('off', 'proc.name = bash', '  warn_evttypes: false\n') +
        rule('k8s', 'ka.verb = create', '  source: k8s_audit\n') +
        rule('undefined macro', 'no_such_macro and proc.name = a') +
        rule('later off', 'proc.name = a') +
        dedent(`
          - rule: later off
            warn_evttypes: false
            override:
              warn_evttypes: replace
        `),
      [],
      { only },
    );
  });

  test('appended text is joined as text: an appended `or` can widen a macro (surprise 10)', () => {
    assertDiagnostics(
      dedent(`
        - macro: shell_procs
          condition: evt.type = execve and proc.name = bash
        - macro: shell_procs
          condition: or proc.name = zsh
          override:
            condition: append
        - macro: precedence
          condition: proc.name = a or evt.type = open
        - macro: precedence
          condition: and evt.type = open
          override:
            condition: append
      `) +
        rule('widened', '<|shell_procs|>') +
        rule('a or (b and c)', '<|precedence|>') +
        rule('appended rule', 'evt.type = open') +
        dedent(`
          - rule: appended rule
            condition: and proc.name = a
            override:
              condition: append
        `),
      ['no-evttype', 'no-evttype'],
      { only },
    );
  });

  test('a later condition replacement counts, and the warning points at it', () => {
    const found = assertDiagnostics(
      rule('replaced', '<|evt.type = open|>') +
        dedent(`
          - rule: replaced
            condition: proc.name = a
            override:
              condition: replace
        `),
      ['no-evttype'],
      { only },
    );
    const related = found[0].diagnostic.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0].message, 'condition replaced here');
  });

  test('a rule in a file sees the final macros of the workspace', () => {
    const fixture =
      '#- falco_rules.yaml\n- macro: m\n  condition: evt.type = open\n' +
      rule('r', '<|m and proc.name = a|>') +
      '#- custom.yaml\n- macro: m\n  condition: proc.name = x\n';
    assertDiagnostics(fixture, ['no-evttype'], { only, file: 'falco_rules.yaml' });
  });
});
