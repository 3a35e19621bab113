import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDefaultCatalogs } from '../../../../server/src/semantic/catalogs';
import { EventTypeResolver, matchesTooManyEventTypes, MAX_EVENT_CODES } from '../../../../server/src/semantic/evttypes';
import { parseCondition } from '../../../../server/src/syntax/condition/parser';
import { openFixture } from '../../../helpers/service';

const catalogs = createDefaultCatalogs();

function resolverFor(fixture: string): EventTypeResolver {
  return EventTypeResolver.for(openFixture(fixture).service.index, catalogs.events);
}

function setOf(resolver: EventTypeResolver, condition: string) {
  const ast = parseCondition(condition).ast;
  assert.ok(ast);
  return resolver.ofCondition(ast);
}

describe('event types of a condition (semantic/evttypes.ts)', () => {
  const resolver = resolverFor(
    [
      '- list: exec_events',
      '  items: [execve, execveat]',
      '- list: nested',
      '  items: [exec_events, ptrace]',
      '- macro: spawned_process',
      '  condition: evt.type in (exec_events)',
      '- macro: open_or_exec',
      '  condition: evt.type = open or spawned_process',
      '- rule: r',
      '  desc: d',
      '  condition: open_or_exec and not evt.type = execveat',
      '  output: o',
      '  priority: INFO',
      '',
    ].join('\n'),
  );

  test('every event code counts: the whole set is the event table', () => {
    const all = resolver.allEvents();
    assert.equal(all.codeCount, 454);
    assert.ok(all.isAll);
    assert.ok(all.codeCount > MAX_EVENT_CODES);
  });

  test('event names, versions and the generic event', () => {
    assert.deepEqual(setOf(resolver, 'evt.type = open').set.names(), ['open']);
    assert.equal(setOf(resolver, 'evt.type = execve').set.codeCount, 16);
    assert.deepEqual(setOf(resolver, 'evt.type in (pread64, acct)').set.names(), ['syscall']);
    assert.deepEqual(setOf(resolver, 'evt.type in (nested)').set.names(), ['execve', 'execveat', 'ptrace']);
  });

  test('negation is pushed down to event-type checks only', () => {
    assert.ok(setOf(resolver, 'not proc.name = a').set.isAll);
    assert.ok(setOf(resolver, 'not (evt.type = open and proc.name = a)').set.has('close'));
    assert.deepEqual(setOf(resolver, 'not (evt.type != open or proc.name = a)').set.names(), ['open']);
    assert.ok(setOf(resolver, 'not evt.type exists').set.isEmpty);
  });

  test('macros are expanded and rules joined with their appends', () => {
    assert.deepEqual(resolver.ofMacro('open_or_exec').set.names(), ['execve', 'execveat', 'open']);
    const rule = resolver.ofRule('r');
    assert.ok(rule && rule.exact);
    assert.deepEqual(rule.set.names(), ['execve', 'open']);
    assert.equal(matchesTooManyEventTypes(rule.set), false);
  });

  test('unknown names make the result a guess', () => {
    const result = setOf(resolver, 'undefined_macro and evt.type = open');
    assert.equal(result.exact, false);
    assert.equal(setOf(resolver, 'evt.type = not_an_event').exact, false);
  });
});
