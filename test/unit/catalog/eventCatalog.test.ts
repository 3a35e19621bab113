// Event catalog: accepted evt.type values and event parameter names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EventCatalog } from '../../../server/src/semantic/catalogs';

const events = new EventCatalog();

describe('event types', () => {
  test('common syscalls are known', () => {
    for (const name of ['open', 'openat', 'openat2', 'execve', 'execveat', 'connect', 'accept4', 'clone3']) {
      assert.ok(events.isKnownEventType(name), name);
    }
  });

  test('placeholders and unknown names are rejected', () => {
    assert.ok(!events.isKnownEventType('na_1'));
    assert.ok(!events.isKnownEventType('nosuchsyscall'));
    assert.ok(!events.isKnownEventType('NA'));
    assert.ok(!events.isKnownEventType('OPEN'));
  });

  test('syscall codes without an event of their own, meta-events and plugin events are known', () => {
    assert.ok(events.isKnownEventType('acct'));
    assert.ok(events.isKnownEventType('pread64'));
    assert.ok(events.isKnownEventType('container'));
    assert.ok(events.isKnownEventType('pluginevent'));
    assert.ok(events.isKnownEventType('asyncevent'));
  });

  test('eventNames lists every accepted value once, sorted', () => {
    const names = events.eventNames();
    assert.equal(names.length, 486);
    assert.deepEqual(names, [...names].sort());
    assert.equal(new Set(names).size, names.length);
    assert.ok(!names.includes('na_1'));
  });

  test('extra event types (plugin async events)', () => {
    const extended = new EventCatalog({ extraEventTypes: ['my_async_event'] });
    assert.ok(extended.isKnownEventType('my_async_event'));
    assert.deepEqual(extended.paramsOf('my_async_event'), []);
    assert.ok(!events.isKnownEventType('my_async_event'));
  });
});

describe('event parameters', () => {
  test('paramsOf gives evt.arg names', () => {
    assert.deepEqual(events.paramsOf('open'), ['dev', 'fd', 'flags', 'ino', 'mode', 'name']);
    const execve = events.paramsOf('execve') ?? [];
    for (const name of ['args', 'exe', 'filename', 'flags', 'res', 'cwd']) assert.ok(execve.includes(name), name);
    assert.equal(events.paramsOf('nosuchsyscall'), undefined);
  });

  test('syscalls reported through another event take its parameters', () => {
    assert.deepEqual(events.info('pread64')?.events, ['pread']);
    assert.deepEqual(events.paramsOf('pread64'), events.paramsOf('pread'));
    const acct = events.info('acct');
    assert.equal(acct?.generic, true);
    assert.deepEqual(acct?.params, ['ID', 'nativeID']);
  });

  test('kinds, categories and the syscall flag', () => {
    const open = events.info('open');
    assert.equal(open?.syscall, true);
    assert.deepEqual(open?.kinds, ['syscall']);
    assert.deepEqual(open?.categories, ['file']);
    assert.equal(events.info('container')?.syscall, false);
    assert.deepEqual(events.info('container')?.kinds, ['metaevent']);
    assert.equal(events.info('procexit')?.syscall, false);
    assert.equal(events.info('sched_switch')?.syscall, false);
  });

  test('parameter and event-table names for dotted field arguments', () => {
    assert.ok(events.isEventParam('flags'));
    assert.ok(events.isEventParam('res'));
    assert.ok(!events.isEventParam('nosuchparam'));
    assert.ok(events.isEventTableName('open'));
    assert.ok(!events.isEventTableName('pread64'));
    assert.ok(events.allParamNames().includes('name'));
  });
});
