// Turns the extracted upstream facts in ../shared/data into the compact JSON files the language server bundles
// (server/src/data/*.generated.json). Usage: node scripts/generate-data.mjs [output-dir]; input dir: FALCO_SHARED_DATA.
// The upstream name catalog is read from the rules corpus next to it (FALCO_SHARED_CORPUS, default <data>/../corpus).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const inputDir = resolve(root, process.env.FALCO_SHARED_DATA ?? '../shared/data');
const outputDir = resolve(process.argv[2] ?? join(root, 'server/src/data'));
const corpusDir = resolve(root, process.env.FALCO_SHARED_CORPUS ?? join(inputDir, '..', 'corpus'));

const readJson = (name) => JSON.parse(readFileSync(join(inputDir, name), 'utf8'));
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (values) => [...values].sort(compare);
const unique = (values) => sorted(new Set(values));

function byUniqueName(records) {
  const map = new Map();
  for (const record of records) {
    if (map.has(record.name)) throw new Error(`duplicate entry ${record.name}`);
    map.set(record.name, record);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------------------------
// Field argument syntax.
//
// Plugin fields declare their argument kind (index and/or key) and always take it in brackets: `name[arg]`.
// The json plugin's key fields take a JSON pointer (`json.value[/a/b]`), reported as form `path`.
// libsinsp tables only say "argument allowed/required"; the accepted syntax is decided by hand-written parsers in
// the filtercheck classes, so it is listed here (read from libs userspace/libsinsp/sinsp_filtercheck_*.cpp).
// Every libsinsp field that accepts an argument must appear below, otherwise generation fails.
//   index          `[N]`                 key            `[name]`             indexOrKey   `[N]` or `[name]`
//   path           `[/json/pointer]`     dotKey         `.name` (one segment) indexOrDotKey `[N]` or `.name`
// `domain` says what a key names; `values` closes the set; `required` overrides the table flag where the parser
// also accepts the bare name (evt.abspath).
const LIBSINSP_ARGS = {
  'evt.abspath': { form: 'dotKey', required: false, values: ['dst', 'src'] },
  'evt.arg': { form: 'indexOrDotKey', domain: 'eventParam' },
  'evt.around': { form: 'index' },
  'evt.rawarg': { form: 'dotKey', domain: 'eventParam' },
  'evt.type.is': { form: 'dotKey', domain: 'eventType' },
  'fd.types': { form: 'index' },
  'proc.aargs': { form: 'index' },
  'proc.acmdline': { form: 'index' },
  'proc.aenv': { form: 'indexOrKey', domain: 'envVar' },
  'proc.aexe': { form: 'index' },
  'proc.aexepath': { form: 'index' },
  'proc.aname': { form: 'index' },
  'proc.apid': { form: 'index' },
  'proc.args': { form: 'index' },
  'proc.env': { form: 'indexOrKey', domain: 'envVar' },
  'thread.cgroup': { form: 'dotKey', domain: 'cgroupSubsystem' },
};

function argumentOf(field) {
  const allowed = field.argAllowed || field.argRequired;
  if (field.providers.includes('libsinsp')) {
    const known = LIBSINSP_ARGS[field.name];
    if (!allowed) {
      if (known) throw new Error(`${field.name}: listed in LIBSINSP_ARGS but takes no argument`);
      return undefined;
    }
    if (!known) throw new Error(`${field.name}: libsinsp field takes an argument but its syntax is not listed`);
    const arg = { form: known.form, required: known.required ?? field.argRequired };
    if (known.domain) arg.domain = known.domain;
    if (known.values) arg.values = known.values;
    return arg;
  }
  if (!allowed) return undefined;
  let form;
  if (field.argIndex && field.argKey) form = 'indexOrKey';
  else if (field.argIndex) form = 'index';
  else if (field.argKey) form = field.class === 'json' ? 'path' : 'key';
  else throw new Error(`${field.name}: plugin field takes an argument of no declared kind`);
  const arg = { form, required: field.argRequired };
  if (form === 'path') arg.domain = 'jsonPointer';
  return arg;
}

// ---------------------------------------------------------------------------------------------------------------
/**
 * One-line field descriptions, written for this project (not taken from upstream): data/field-descriptions/*.tsv,
 * `name<TAB>description` per line. Generation fails when a field has none or a line names no field.
 */
function readDescriptions(fieldNames) {
  const folder = join(root, 'data/field-descriptions');
  const descriptions = new Map();
  for (const file of sorted(readdirSync(folder).filter((name) => name.endsWith('.tsv')))) {
    readFileSync(join(folder, file), 'utf8').split('\n').forEach((line, index) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const tab = line.indexOf('\t');
      const name = tab < 0 ? line.trim() : line.slice(0, tab).trim();
      const text = tab < 0 ? '' : line.slice(tab + 1).trim();
      const where = `data/field-descriptions/${file}:${index + 1}`;
      if (!fieldNames.has(name)) throw new Error(`${where}: ${name} is not a known field`);
      if (descriptions.has(name)) throw new Error(`${where}: ${name} is described twice`);
      if (text === '') throw new Error(`${where}: ${name} has no description`);
      descriptions.set(name, text);
    });
  }
  const missing = [...fieldNames].filter((name) => !descriptions.has(name));
  if (missing.length > 0) throw new Error(`fields without a description in data/field-descriptions: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`);
  return descriptions;
}

function buildFields(data) {
  const allLibs = [...data.upstream.libsVersionsCompared, 'master'];
  const descriptions = readDescriptions(new Set(data.fields.map((f) => f.name)));
  const fields = data.fields.map((f) => {
    const out = {
      name: f.name,
      type: f.type,
      sources: unique(f.sources),
      class: f.class,
      providers: unique(f.providers),
      desc: descriptions.get(f.name),
    };
    const arg = argumentOf(f);
    if (arg) out.arg = arg;
    if (f.isList) out.isList = true;
    if (f.filterOnly) out.filterOnly = true;
    if (f.printOnly) out.printOnly = true;
    if (f.hidden || f.classHidden) out.hidden = true;
    if (f.noRhs) out.noRhs = true;
    if (f.noTransformer) out.noTransformer = true;
    if (f.formatSuggested) out.formatSuggested = true;
    if (f.deprecated) out.deprecated = true;
    if (f.deprecatedBy) out.deprecatedBy = f.deprecatedBy;
    if (f.replacedByPlugin) out.replacedByPlugin = f.replacedByPlugin;
    if (f.aliasOf) out.aliasOf = f.aliasOf;
    const libs = f.inLibsVersions ?? null;
    if (libs && allLibs.some((v) => !libs.includes(v))) out.libsVersions = sorted(libs);
    return out;
  });
  fields.sort((a, b) => compare(a.name, b.name) || compare(a.sources.join(','), b.sources.join(',')));

  const providers = {};
  for (const name of sorted(Object.keys(data.providers))) {
    const p = data.providers[name];
    const entry = { kind: p.kind === 'builtin' ? 'builtin' : 'plugin' };
    if (p.version) entry.version = p.version;
    if (p.eventSource) entry.eventSource = p.eventSource;
    entry.extractSources = unique(p.extractSources ?? []);
    if (p.fieldsSameAs) entry.fieldsSameAs = p.fieldsSameAs;
    providers[name] = entry;
  }

  const sources = {};
  for (const name of sorted(Object.keys(data.eventSources))) sources[name] = unique(data.eventSources[name].providers);

  const formerByName = byUniqueName(data.movedOrRemovedFromLibsinsp);
  const formerLibsinspFields = sorted(formerByName.keys()).map((name) => {
    const m = formerByName.get(name);
    const out = { name, type: m.formerType, lastLibsVersion: m.lastLibsVersion };
    if (m.nowProvidedBy.length > 0) out.nowProvidedBy = unique(m.nowProvidedBy);
    return out;
  });

  const placeholderByName = byUniqueName(data.outputPlaceholders);
  const outputPlaceholders = sorted(placeholderByName.keys()).map((name) => {
    const p = placeholderByName.get(name);
    return { name, outputOnly: true, deprecated: Boolean(p.deprecated) };
  });

  const falcoLibsVersions = {};
  for (const falco of sorted(Object.keys(data.upstream.falcoLibsVersions))) {
    falcoLibsVersions[falco] = data.upstream.falcoLibsVersions[falco];
  }

  return {
    schema: 'falco-lsp-fields/1',
    upstream: { libs: data.upstream.libs.gitDescribe, plugins: data.upstream.plugins.commit.slice(0, 12) },
    libsVersions: allLibs,
    falcoLibsVersions,
    sources,
    providers,
    outputPlaceholders,
    formerLibsinspFields,
    fields,
  };
}

// ---------------------------------------------------------------------------------------------------------------
const INVALID_EVT_TYPES = new Set(['na_1']); // rejected by the engine although listed (see engine-verified.md)

function categoryName(code) {
  return code.replace(/^EC_/, '').toLowerCase();
}

function buildEventTypes(data) {
  const evtTypes = sorted(data.evtTypeValues.filter((name) => !INVALID_EVT_TYPES.has(name)));
  const events = {};
  const byName = new Map(data.events.map((e) => [e.name, e]));
  for (const name of sorted(byName.keys())) {
    const e = byName.get(name);
    if (e.unknownPlaceholder) continue;
    const out = { kinds: unique(e.kinds), categories: unique(e.categories.map(categoryName)) };
    if (e.isSyscall) out.syscall = true;
    if (e.allVersionsOld) out.oldOnly = true;
    if (e.allVersionsUnused) out.unused = true;
    out.params = unique(e.paramNames);
    events[name] = out;
  }
  const syscallNames = {};
  const syscalls = new Map(data.syscalls.map((s) => [s.name, s]));
  for (const name of evtTypes) {
    if (byName.has(name)) continue;
    const s = syscalls.get(name);
    if (!s) throw new Error(`evt.type value ${name} is neither an event nor a syscall code`);
    const out = { syscall: Boolean(s.isSyscall) };
    if (s.genericEvent) out.generic = true;
    if (s.eventNames.length > 0) out.events = unique(s.eventNames);
    syscallNames[name] = out;
  }
  return {
    schema: 'falco-lsp-event-types/1',
    upstream: { libs: data.upstream.gitDescribe },
    genericEvent: 'syscall',
    evtTypes,
    allParamNames: unique(data.events.flatMap((e) => e.paramNames)),
    events,
    syscallNames,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Technique URLs follow one pattern (sub-technique `T1059.004` → `/techniques/T1059/004`); only exceptions are stored.
const techniqueUrl = (id) => `https://attack.mitre.org/techniques/${id.replace('.', '/')}`;

function buildAttack(data) {
  const tactics = [...data.tactics]
    .sort((a, b) => a.matrixOrder - b.matrixOrder)
    .map((t) => ({ id: t.id, name: t.name, shortname: t.shortname, order: t.matrixOrder, url: t.url }));
  const techniques = [...data.techniques]
    .sort((a, b) => compare(a.id, b.id))
    .map((t) => {
      const out = { id: t.id, name: t.name, tactics: [...t.tactics] };
      if (t.parentId) out.parentId = t.parentId;
      if (t.deprecated) out.deprecated = true;
      if (t.revoked) out.revoked = true;
      if (t.revokedBy) out.revokedBy = t.revokedBy;
      if (t.url !== techniqueUrl(t.id)) out.url = t.url;
      return out;
    });
  return {
    schema: 'falco-lsp-attack/1',
    domain: data.domain,
    version: data.attackVersion,
    attribution: data.attribution,
    license: data.license.text,
    tactics,
    techniques,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Names the upstream rules files define. Each corpus folder is `<owner>-<repo>@<version label>`; the files are
// listed by hand, grouped by upstream file name in the order hovers show them, each group newest release first
// (test fixtures and example files of the corpus are left out). Only full definitions count, not appends.
const UPSTREAM_RULES_FILES = [
  'falcosecurity-rules@falco-rules-5.1.0/rules/falco_rules.yaml',
  'falcosecurity-rules@falco-rules-1.0.1/rules/falco_rules.yaml',
  'falcosecurity-falco@falco-0.31.1/rules/falco_rules.yaml',
  'falcosecurity-rules@falco-master-2021-03-24-f7f2b64/rules/falco_rules.yaml',
  'falcosecurity-rules@falco-incubating-rules-6.0.1/rules/falco-incubating_rules.yaml',
  'falcosecurity-rules@falco-sandbox-rules-6.1.0/rules/falco-sandbox_rules.yaml',
  'falcosecurity-rules@main-c72713e/archive/falco-deprecated_rules.yaml',
  'falcosecurity-plugins@k8saudit-0.18.0/plugins/k8saudit/rules/k8s_audit_rules.yaml',
  'falcosecurity-falco@falco-0.31.1/rules/k8s_audit_rules.yaml',
  'falcosecurity-plugins@cloudtrail-0.17.1/plugins/cloudtrail/rules/aws_cloudtrail_rules.yaml',
  'falcosecurity-plugins@okta-0.12.0/plugins/okta/rules/okta_rules.yaml',
  'falcosecurity-plugins@github-0.10.1/plugins/github/rules/github.yaml',
  'falcosecurity-plugins@gcpaudit-0.8.1/plugins/gcpaudit/rules/gcp_auditlog_rules.yaml',
];

const isDefinition = (item) => item.append !== true && !('override' in item);

function buildUpstreamNames() {
  const fileNames = [];
  // kind → name → file → version labels (newest first, the order of UPSTREAM_RULES_FILES)
  const found = { macro: new Map(), list: new Map(), rule: new Map() };
  for (const path of UPSTREAM_RULES_FILES) {
    const label = path.slice(path.indexOf('@') + 1, path.indexOf('/'));
    const file = basename(path);
    if (!fileNames.includes(file)) fileNames.push(file);
    const items = parseYaml(readFileSync(join(corpusDir, path), 'utf8'));
    if (!Array.isArray(items)) throw new Error(`${path}: not a YAML sequence of items`);
    for (const item of items) {
      if (typeof item !== 'object' || item === null || !isDefinition(item)) continue;
      for (const kind of Object.keys(found)) {
        const name = item[kind];
        if (typeof name !== 'string') continue;
        const byFile = found[kind].get(name) ?? new Map();
        found[kind].set(name, byFile);
        const versions = byFile.get(file) ?? [];
        byFile.set(file, versions);
        if (!versions.includes(label)) versions.push(label);
      }
    }
  }
  // Each distinct (file, versions) pair is stored once; names point at them by index.
  const sets = [];
  const setKey = (file, versions) => `${file}\n${versions.join(',')}`;
  for (const kind of Object.keys(found)) {
    for (const byFile of found[kind].values()) {
      for (const [file, versions] of byFile) if (!sets.some((s) => setKey(s.file, s.versions) === setKey(file, versions))) sets.push({ file, versions });
    }
  }
  sets.sort((a, b) => fileNames.indexOf(a.file) - fileNames.indexOf(b.file) || compare(a.versions.join(','), b.versions.join(',')));
  const setIndex = new Map(sets.map((s, i) => [setKey(s.file, s.versions), i]));
  const names = (kind) => {
    const out = {};
    for (const name of sorted(found[kind].keys())) {
      out[name] = [...found[kind].get(name)].map(([file, versions]) => setIndex.get(setKey(file, versions))).sort((a, b) => a - b);
    }
    return out;
  };
  return {
    schema: 'falco-lsp-upstream-names/1',
    files: UPSTREAM_RULES_FILES,
    sets,
    macros: names('macro'),
    lists: names('list'),
    rules: names('rule'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic rendering: top-level keys in insertion order; arrays and maps of objects one entry per line.
function render(document) {
  const lines = ['{'];
  const keys = Object.keys(document);
  keys.forEach((key, i) => {
    const value = document[key];
    const comma = i < keys.length - 1 ? ',' : '';
    const isEntryList =
      Array.isArray(value) && (value.length > 16 || value.some((v) => typeof v === 'object' && v !== null));
    const isEntryMap =
      !Array.isArray(value) && typeof value === 'object' && value !== null && Object.keys(value).length > 8;
    if (isEntryList) {
      lines.push(`  ${JSON.stringify(key)}: [`);
      value.forEach((v, j) => lines.push(`    ${JSON.stringify(v)}${j < value.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else if (isEntryMap) {
      const entries = Object.entries(value);
      lines.push(`  ${JSON.stringify(key)}: {`);
      entries.forEach(([k, v], j) =>
        lines.push(`    ${JSON.stringify(k)}: ${JSON.stringify(v)}${j < entries.length - 1 ? ',' : ''}`),
      );
      lines.push(`  }${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

const outputs = {
  'fields.generated.json': buildFields(readJson('fields.json')),
  'eventTypes.generated.json': buildEventTypes(readJson('event-types.json')),
  'attack.generated.json': buildAttack(readJson('attack.json')),
  'upstreamNames.generated.json': buildUpstreamNames(),
};

mkdirSync(outputDir, { recursive: true });
for (const [name, document] of Object.entries(outputs)) {
  const text = render(document);
  writeFileSync(join(outputDir, name), text);
  console.log(`wrote ${join(outputDir, name)} (${Buffer.byteLength(text)} bytes)`);
}
