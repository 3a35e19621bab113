// Field catalog: lookups per source, argument splitting, generic and plugin fields, deprecated and hidden fields.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDefaultCatalogs, FieldCatalog } from '../../../server/src/semantic/catalogs';

const { fields } = createDefaultCatalogs();

describe('field lookup', () => {
  test('types are lowercase libsinsp type names', () => {
    assert.equal(fields.lookup('proc.name', 'syscall')?.type, 'string');
    assert.equal(fields.lookup('proc.pid', 'syscall')?.type, 'int64');
    assert.equal(fields.lookup('fd.sip', 'syscall')?.type, 'ipaddr');
    assert.equal(fields.lookup('fd.net', 'syscall')?.type, 'ipnet');
    assert.equal(fields.lookup('evt.rawtime', 'syscall')?.type, 'abstime');
    assert.equal(fields.lookup('container.duration', 'syscall')?.type, 'reltime');
    assert.equal(fields.lookup('evt.buffer', 'syscall')?.type, 'bytebuf');
    assert.equal(fields.lookup('ka.user.name', 'k8s_audit')?.type, 'string');
  });

  test('sources and classes', () => {
    const name = fields.lookup('proc.name', 'syscall');
    assert.deepEqual(name?.sources, ['syscall']);
    assert.equal(name?.class, 'process');
    assert.deepEqual(name?.providers, ['libsinsp']);
    assert.deepEqual(fields.lookup('ka.verb', 'k8s_audit')?.sources, ['k8s_audit']);
  });

  test('fields of another source are rejected', () => {
    assert.equal(fields.lookup('ka.user.name', 'syscall'), undefined);
    assert.equal(fields.lookup('proc.name', 'k8s_audit'), undefined);
    assert.equal(fields.resolveFieldToken('proc.name', 'k8s_audit'), undefined);
    assert.deepEqual(fields.sourcesOfField('ka.user.name'), ['k8s_audit']);
    assert.deepEqual(fields.sourcesOfField('proc.name'), ['syscall']);
    assert.deepEqual(fields.sourcesOfField('nosuch.field'), []);
    assert.equal(fields.resolveFieldToken('ka.user.name')?.field.name, 'ka.user.name');
  });

  test('generic fields are valid for every source, plugin ones included', () => {
    for (const source of ['syscall', 'k8s_audit', 'aws_cloudtrail', 'okta', 'github', 'some_unknown_source']) {
      assert.ok(fields.lookup('evt.time', source), `evt.time for ${source}`);
      assert.ok(fields.lookup('evt.source', source), `evt.source for ${source}`);
      assert.ok(fields.lookup('json.value', source), `json.value for ${source}`);
    }
    assert.deepEqual(fields.sourcesOfField('evt.time'), ['*']);
  });

  test('syscall fields provided by plugins belong to the syscall source', () => {
    assert.deepEqual(fields.lookup('container.id', 'syscall')?.providers, ['container']);
    assert.ok(fields.lookup('k8smeta.pod.name', 'syscall'));
    assert.equal(fields.lookup('container.id', 'k8s_audit'), undefined);
  });

  test('fieldsForSource includes generic fields and nothing of other sources', () => {
    const k8s = fields.fieldsForSource('k8s_audit').map((f) => f.name);
    assert.ok(k8s.includes('ka.verb'));
    assert.ok(k8s.includes('evt.time'));
    assert.ok(!k8s.includes('proc.name'));
    const syscall = fields.fieldsForSource('syscall').map((f) => f.name);
    assert.ok(syscall.includes('proc.name') && syscall.includes('container.id') && syscall.includes('evt.time'));
    assert.ok(!syscall.includes('ka.verb'));
    assert.deepEqual(syscall, [...syscall].sort());
    const dummy = fields.fieldsForSource('dummy_rs').map((f) => f.name);
    assert.ok(dummy.includes('dummy.value') && !dummy.includes('dummy.divisible'));
  });

  test('known sources', () => {
    const sources = fields.sources();
    for (const source of ['syscall', 'k8s_audit', 'aws_cloudtrail', 'okta', 'github', 'gcp_auditlog']) {
      assert.ok(sources.includes(source), source);
      assert.ok(fields.isKnownSource(source));
    }
    assert.ok(!sources.includes('*'));
    assert.ok(!fields.isKnownSource('k8saudit'));
  });

  test('deprecated and hidden fields stay known', () => {
    for (const name of ['evt.dir', 'evt.latency', 'evt.latency.s', 'evt.latency.ns', 'evt.wait_latency']) {
      const field = fields.lookup(name, 'syscall');
      assert.ok(field, name);
      assert.equal(field.deprecated, true, name);
    }
    assert.equal(fields.lookup('evt.latency.quantized', 'syscall')?.hidden, true);
    assert.equal(fields.lookup('evt.outputtime', 'syscall')?.printOnly, true);
    assert.equal(fields.lookup('thread.vmrss.b', 'syscall')?.hidden, true);
    assert.equal(fields.lookup('ka.req.container.image', 'k8s_audit')?.deprecatedBy, 'ka.req.pod.containers.image');
    assert.equal(fields.lookup('k8s.ns.name', 'syscall')?.deprecated, false);
    assert.equal(fields.lookup('k8s.deployment.name', 'syscall')?.replacedByPlugin, 'k8smeta');
    assert.equal(fields.lookup('jevt.value', 'syscall')?.aliasOf, 'json.value');
  });

  test('flags', () => {
    assert.equal(fields.lookup('fd.net', 'syscall')?.filterOnly, true);
    assert.equal(fields.lookup('evt.around', 'syscall')?.noRhs, true);
    assert.equal(fields.lookup('fd.types', 'syscall')?.isList, true);
    assert.equal(fields.lookup('ka.req.pod.containers.image', 'k8s_audit')?.isList, true);
    assert.equal(fields.lookup('proc.name', 'syscall')?.isList, false);
    assert.equal(fields.lookup('proc.name', 'syscall')?.origin, 'builtin');
  });

  test('output placeholders, former libsinsp fields and versions', () => {
    assert.deepEqual(fields.outputPlaceholder('container.info'), {
      name: 'container.info',
      outputOnly: true,
      deprecated: true,
    });
    assert.equal(fields.lookup('container.info', 'syscall'), undefined);
    assert.equal(fields.formerLibsinspField('span.id')?.lastLibsVersion, '0.21.0');
    assert.equal(fields.formerLibsinspField('proc.name'), undefined);
    const partial = fields.allFields().find((f) => f.libsVersions !== undefined);
    assert.ok(partial, 'one libsinsp field is missing from the oldest libs release');
    assert.equal(fields.firstFalcoVersionOf(partial), '0.41.0');
    assert.equal(fields.firstFalcoVersionOf(fields.lookup('proc.name', 'syscall')!), undefined);
    assert.equal(fields.provider('container')?.version, '0.7.1');
  });
});

describe('field token resolution', () => {
  const resolve = (token: string, source = 'syscall') => fields.resolveFieldToken(token, source);

  test('argument forms recorded per field', () => {
    const form = (name: string, source = 'syscall') => fields.lookup(name, source)?.arg.form;
    assert.equal(form('proc.name'), 'none');
    assert.equal(form('proc.aname'), 'index');
    assert.equal(form('evt.arg'), 'indexOrDotKey');
    assert.equal(form('evt.rawarg'), 'dotKey');
    assert.equal(form('evt.type.is'), 'dotKey');
    assert.equal(form('thread.cgroup'), 'dotKey');
    assert.equal(form('proc.env'), 'indexOrKey');
    assert.equal(form('k8s.pod.label'), 'key');
    assert.equal(form('container.mount'), 'indexOrKey');
    assert.equal(form('jevt.value'), 'path');
    assert.equal(form('ka.req.pod.containers.image', 'k8s_audit'), 'index');
    assert.equal(fields.lookup('evt.arg', 'syscall')?.arg.required, true);
    assert.equal(fields.lookup('proc.aname', 'syscall')?.arg.required, false);
  });

  test('proc.aname[2]', () => {
    const r = resolve('proc.aname[2]');
    assert.equal(r?.field.name, 'proc.aname');
    assert.deepEqual(r?.argument, { text: '2', syntax: 'bracket', kind: 'index', start: 11, end: 12 });
    assert.equal(r?.problem, undefined);
    assert.equal(resolve('proc.aname')?.problem, undefined);
    assert.equal(resolve('proc.aname[x]')?.problem, 'invalidIndex');
  });

  test('evt.arg.flags, evt.arg[1], evt.rawarg.res', () => {
    const flags = resolve('evt.arg.flags');
    assert.equal(flags?.field.name, 'evt.arg');
    assert.equal(flags?.name, 'evt.arg');
    assert.deepEqual(flags?.argument, { text: 'flags', syntax: 'dot', kind: 'key', start: 8, end: 13 });
    assert.equal(flags?.problem, undefined);

    const indexed = resolve('evt.arg[1]');
    assert.equal(indexed?.field.name, 'evt.arg');
    assert.equal(indexed?.argument?.kind, 'index');
    assert.equal(indexed?.problem, undefined);

    assert.equal(resolve('evt.arg[flags]')?.problem, 'invalidIndex');
    assert.equal(resolve('evt.arg')?.problem, 'argumentRequired');
    assert.equal(resolve('evt.arg.nosuchparam')?.problem, 'unknownArgument');

    const raw = resolve('evt.rawarg.res');
    assert.equal(raw?.field.name, 'evt.rawarg');
    assert.equal(raw?.argument?.text, 'res');
    assert.equal(raw?.problem, undefined);
    assert.equal(resolve('evt.rawarg[1]')?.problem, 'wrongArgumentSyntax');
  });

  test('evt.args and evt.argv are not evt.arg', () => {
    assert.equal(resolve('evt.args')?.field.name, 'evt.args');
    assert.equal(resolve('evt.args')?.argument, undefined);
    assert.equal(resolve('evt.argv'), undefined);
    assert.equal(fields.lookup('evt.argv', 'syscall'), undefined);
  });

  test('dot-argument fields: evt.type.is, thread.cgroup, evt.abspath', () => {
    assert.equal(resolve('evt.type.is.open')?.field.name, 'evt.type.is');
    assert.equal(resolve('evt.type.is.open')?.problem, undefined);
    assert.equal(resolve('evt.type.is.3')?.problem, undefined);
    assert.equal(resolve('evt.type.is.nosuchevent')?.problem, 'unknownArgument');
    assert.equal(resolve('evt.type')?.field.name, 'evt.type');
    assert.equal(resolve('evt.type.foo'), undefined);
    assert.equal(resolve('thread.cgroup.cpuacct')?.argument?.text, 'cpuacct');
    assert.equal(resolve('thread.cgroup')?.problem, 'argumentRequired');
    assert.equal(resolve('thread.cgroup[cpu]')?.problem, 'wrongArgumentSyntax');
    assert.equal(resolve('evt.abspath')?.problem, undefined);
    assert.equal(resolve('evt.abspath.dst')?.problem, undefined);
    assert.equal(resolve('evt.abspath.foo')?.problem, 'unknownArgument');
  });

  test('fields without dot arguments do not swallow trailing segments', () => {
    assert.equal(resolve('proc.name.foo'), undefined);
    assert.equal(resolve('proc.env.HOME'), undefined);
    assert.equal(resolve('ka.req.pod.containers.image.foo', 'k8s_audit'), undefined);
    assert.equal(resolve('proc.nme'), undefined);
  });

  test('bracket arguments of plugin fields', () => {
    const pointer = resolve('jevt.value[/a/b]', 'k8s_audit');
    assert.equal(pointer?.field.name, 'jevt.value');
    assert.deepEqual(pointer?.argument, { text: '/a/b', syntax: 'bracket', kind: 'key', start: 11, end: 15 });
    assert.equal(resolve('jevt.value', 'k8s_audit')?.problem, 'argumentRequired');

    const image = resolve('ka.req.pod.containers.image[0]', 'k8s_audit');
    assert.equal(image?.field.name, 'ka.req.pod.containers.image');
    assert.equal(image?.argument?.kind, 'index');
    assert.equal(image?.problem, undefined);
    assert.equal(resolve('ka.req.pod.containers.image[01]', 'k8s_audit')?.problem, 'invalidIndex');
    assert.equal(resolve('ka.req.pod.containers.image', 'k8s_audit')?.problem, undefined);

    const label = resolve('k8s.pod.label[app.kubernetes.io/name]');
    assert.equal(label?.field.name, 'k8s.pod.label');
    assert.equal(label?.argument?.text, 'app.kubernetes.io/name');
    assert.equal(resolve('k8s.pod.label[app]')?.argument?.kind, 'key');

    assert.equal(resolve('container.mount[0]')?.argument?.kind, 'index');
    assert.equal(resolve('container.mount[/data]')?.argument?.kind, 'key');
  });

  test('malformed and forbidden bracket arguments', () => {
    assert.equal(resolve('proc.name[1]')?.problem, 'argumentNotAllowed');
    assert.equal(resolve('proc.aname[2')?.problem, 'unterminatedArgument');
    assert.equal(resolve('proc.aname[2]x'), undefined);
    assert.equal(resolve('nosuch.field[1]'), undefined);
    const quoted = resolve('proc.env["HOME"]');
    assert.equal(quoted?.argument?.text, 'HOME');
    assert.equal(quoted?.argument?.start, 10);
  });

  test('without validation hooks, dot keys are only checked for shape', () => {
    const plain = FieldCatalog.builtin();
    assert.equal(plain.resolveFieldToken('evt.arg.nosuchparam', 'syscall')?.problem, undefined);
    assert.equal(plain.resolveFieldToken('evt.arg.a.b', 'syscall')?.problem, 'unknownArgument');
  });
});
