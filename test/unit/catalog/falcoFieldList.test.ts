// Parsing `falco --list --format json` output and adding its fields to the catalog at run time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDefaultCatalogs, normalizeFieldType, parseFalcoFieldList } from '../../../server/src/semantic/catalogs';

const listing = {
  fieldclasses: [
    {
      name: 'myplugin',
      desc: 'Fields of a made-up plugin.',
      event_sources: ['my_source'],
      fields: [
        { name: 'my.user', type: 'CHARBUF', desc: 'A user name.', is_list: false, argument: null },
        { name: 'my.count', type: 'UINT64', desc: 'A counter.', is_list: false, argument: null },
        { name: 'my.ips', type: 'IPADDR', desc: 'Addresses.', is_list: true, argument: null },
        {
          name: 'my.header',
          type: 'CHARBUF',
          desc: 'A header by name.',
          is_list: false,
          argument: { required: true, type: ['KEY'] },
        },
        {
          name: 'my.item',
          type: 'CHARBUF',
          desc: 'An item by position or name.',
          is_list: false,
          argument: { required: false, type: ['INDEX', 'KEY'] },
        },
        { name: 'my.old', type: 'BOOL', desc: 'Old.', is_list: false, is_deprecated: true, argument: null },
        { type: 'CHARBUF', desc: 'no name: skipped' },
      ],
    },
    {
      name: 'evt',
      desc: 'Generic event fields.',
      event_sources: ['my_source', 'syscall'],
      fields: [{ name: 'evt.time', type: 'CHARBUF', desc: 'Time.', is_list: false, argument: null }],
    },
    {
      name: 'process',
      event_sources: ['syscall', 'my_source'],
      fields: [
        {
          name: 'proc.aname',
          type: 'CHARBUF',
          desc: 'Ancestor name.',
          is_list: false,
          argument: { required: false, type: [] },
        },
      ],
    },
    { name: 'nosources', fields: [{ name: 'any.thing', type: 'DYNAMIC', is_list: false, argument: null }] },
    'not a class',
  ],
};

describe('parseFalcoFieldList', () => {
  const parsed = parseFalcoFieldList(listing);
  const byName = (name: string) => parsed.find((f) => f.name === name);

  test('reads every well-formed field', () => {
    assert.deepEqual(
      parsed.map((f) => f.name),
      ['my.user', 'my.count', 'my.ips', 'my.header', 'my.item', 'my.old', 'evt.time', 'proc.aname', 'any.thing'],
    );
  });

  test('types, sources, list flag, description, deprecation', () => {
    const user = byName('my.user');
    assert.equal(user?.type, 'string');
    assert.deepEqual(user?.sources, ['my_source']);
    assert.equal(user?.class, 'myplugin');
    assert.equal(user?.desc, 'A user name.');
    assert.equal(user?.origin, 'extra');
    assert.equal(byName('my.count')?.type, 'uint64');
    assert.equal(byName('my.ips')?.isList, true);
    assert.equal(byName('my.old')?.deprecated, true);
    assert.equal(byName('any.thing')?.type, 'dynamic');
    assert.deepEqual(byName('any.thing')?.sources, ['*']);
    assert.deepEqual(byName('evt.time')?.sources, ['my_source', 'syscall']);
  });

  test('argument forms', () => {
    assert.deepEqual(byName('my.user')?.arg, { form: 'none', required: false });
    assert.deepEqual(byName('my.header')?.arg, { form: 'key', required: true });
    assert.deepEqual(byName('my.item')?.arg, { form: 'indexOrKey', required: false });
  });

  test('type names', () => {
    assert.equal(normalizeFieldType('CHARBUF'), 'string');
    assert.equal(normalizeFieldType('IPNET'), 'ipnet');
    assert.equal(normalizeFieldType('RELTIME'), 'reltime');
    assert.equal(normalizeFieldType('DYNAMIC'), 'dynamic');
  });

  test('bad input gives no fields instead of throwing', () => {
    assert.deepEqual(parseFalcoFieldList(null), []);
    assert.deepEqual(parseFalcoFieldList('text'), []);
    assert.deepEqual(parseFalcoFieldList({ fieldclasses: 3 }), []);
    assert.equal(parseFalcoFieldList(listing.fieldclasses).length, parsed.length);
  });
});

describe('catalog with extra fields', () => {
  const { fields } = createDefaultCatalogs({ extraFields: parseFalcoFieldList(listing) });

  test('a new source and its fields become known', () => {
    assert.ok(fields.isKnownSource('my_source'));
    assert.ok(fields.sources().includes('my_source'));
    assert.equal(fields.lookup('my.user', 'my_source')?.desc, 'A user name.');
    assert.equal(fields.lookup('my.user', 'syscall'), undefined);
    assert.deepEqual(fields.sourcesOfField('my.user'), ['my_source']);
    assert.equal(fields.resolveFieldToken('my.header[X-Id]', 'my_source')?.argument?.text, 'X-Id');
    assert.equal(fields.resolveFieldToken('my.header', 'my_source')?.problem, 'argumentRequired');
  });

  test('generic fields keep applying to the new source', () => {
    assert.equal(fields.lookup('evt.time', 'my_source')?.origin, 'builtin');
    assert.equal(fields.lookup('any.thing', 'okta')?.origin, 'extra');
  });

  test('built-in records win for known fields; new sources are added', () => {
    assert.equal(fields.lookup('proc.aname', 'syscall')?.arg.form, 'index');
    assert.equal(fields.lookup('proc.aname', 'syscall')?.origin, 'builtin');
    const added = fields.lookup('proc.aname', 'my_source');
    assert.equal(added?.origin, 'extra');
    assert.deepEqual(added?.sources, ['my_source']);
  });

  test('the original catalog is unchanged', () => {
    const { fields: plain } = createDefaultCatalogs();
    assert.equal(plain.lookup('my.user', 'my_source'), undefined);
    assert.ok(!plain.isKnownSource('my_source'));
  });
});
