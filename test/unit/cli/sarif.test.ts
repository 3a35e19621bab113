/**
 * `falco-rules check --format sarif`: what GitHub code scanning reads from the log (checked always), and the
 * validity of the whole log against the SARIF 2.1.0 JSON schema. The schema comes from the devDependency
 * `@microsoft/jest-sarif` (lib/schemas/sarif-2.1.0-rtm.5.json, the 2.1.0 schema as published in SchemaStore;
 * like the OASIS schema it is a draft-04 schema), validated with `ajv-draft-04` and `ajv-formats`; the schema
 * test is skipped, saying so, while those packages are not installed.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../helpers/shared';
import { describeRun, makeWorkspace, rule, runCli } from './harness';

interface SarifRegion { startLine: number; startColumn: number; endLine?: number; endColumn?: number }
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level?: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion } }[];
}
interface SarifRule { id: string; shortDescription?: { text: string }; defaultConfiguration?: { level?: string } }
interface SarifLog {
  $schema?: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version?: string; semanticVersion?: string; informationUri?: string; rules: SarifRule[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}
interface JsonReport {
  files: { path: string; diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; message: string }[] }[];
}

const SCHEMA_PATH = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
const VALIDATOR_PACKAGES = ['ajv-draft-04', 'ajv-formats'];

interface Validator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: unknown }[] | null;
}

/** The schema validator, or why it cannot be built (packages not installed). */
function loadValidator(): Validator | string {
  const requireFromRoot = createRequire(join(repoRoot, 'package.json'));
  const missing = [SCHEMA_PATH, ...VALIDATOR_PACKAGES].filter((name) => {
    try {
      requireFromRoot.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    return `SARIF schema validation skipped: ${missing.join(', ')} not installed (add the devDependencies @microsoft/jest-sarif, ajv, ajv-draft-04 and ajv-formats)`;
  }
  const loaded = (name: string) => {
    const module = requireFromRoot(name);
    return module.default ?? module;
  };
  const Ajv = loaded('ajv-draft-04');
  const addFormats = loaded('ajv-formats');
  // The schema's `language` patterns contain a stray `]`, which JavaScript accepts only without the `u` flag.
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const schema = requireFromRoot(SCHEMA_PATH);
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  return ajv.compile(schema) as Validator;
}

function sarifOf(args: readonly string[], cwd: string): { log: SarifLog; status: number | null } {
  const run = runCli(['check', '--format', 'sarif', ...args], cwd);
  assert.equal(run.stderr, '', describeRun(run));
  return { log: JSON.parse(run.stdout) as SarifLog, status: run.status };
}

/** A workspace with an error, a warning, an information and a hint, in two folders. */
function mixedWorkspace(): string {
  return makeWorkspace({
    'rules/app_rules.yaml':
      rule('Shell', 'evt.type = execve and proc.nme = bash') +
      rule('Shells', 'evt.type = execve and proc.name in (shell_binarys)').replace('priority: WARNING', 'priority: Notice'),
    'rules/k8s/audit_rules.yaml':
      '- rule: Pod image\n  desc: d\n  condition: ka.verb = create and ka.req.container.image = nginx\n  output: "%ka.user.name"\n  priority: INFO\n  source: k8s_audit\n',
    'helm/values.yaml': 'replicaCount: 1\n',
  });
}

const levels: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' };

describe('falco-rules check --format sarif', () => {
  test('has what GitHub code scanning needs: tool, rules, and results with a message and a relative location', () => {
    const root = mixedWorkspace();
    const { log, status } = sarifOf([], root);
    assert.equal(status, 1, 'errors still give exit status 1');
    assert.equal(log.version, '2.1.0');
    assert.equal(typeof log.$schema, 'string');
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'falco-rules');
    assert.match(run.tool.driver.version ?? '', /^\d+\.\d+\.\d+/);

    const ruleIds = run.tool.driver.rules.map((entry) => entry.id);
    assert.deepEqual(ruleIds, [...new Set(ruleIds)].sort(), 'one rule per code, sorted');
    for (const entry of run.tool.driver.rules) {
      assert.match(entry.id, /^[a-z]+(-[a-z0-9]+)*$/);
      assert.ok(entry.shortDescription?.text, `rule ${entry.id} has a description`);
      assert.ok(['error', 'warning', 'note'].includes(entry.defaultConfiguration?.level ?? ''), `rule ${entry.id} has a default level`);
    }

    // Every diagnostic of the JSON report is a result, at the same place (1-based lines and columns).
    const json = JSON.parse(runCli(['check', '--format', 'json'], root).stdout) as JsonReport;
    const expected = json.files.flatMap((file) =>
      file.diagnostics.map((diagnostic) => ({
        ruleId: diagnostic.code,
        level: levels[diagnostic.severity],
        text: diagnostic.message,
        uri: file.path.slice(root.length + 1),
        region: {
          startLine: diagnostic.range.start.line + 1,
          startColumn: diagnostic.range.start.character + 1,
          endLine: diagnostic.range.end.line + 1,
          endColumn: diagnostic.range.end.character + 1,
        },
      })),
    );
    assert.deepEqual(
      expected.map((entry) => `${entry.uri} ${entry.ruleId} ${entry.level}`),
      [
        'rules/app_rules.yaml unknown-field error',
        'rules/app_rules.yaml undefined-list warning',
        'rules/app_rules.yaml priority-case note',
        'rules/k8s/audit_rules.yaml deprecated-plugin-field note',
      ],
    );
    const actual = run.results.map((result) => {
      assert.equal(result.locations.length, 1);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      return { ruleId: result.ruleId, level: result.level, text: result.message.text, uri: artifactLocation.uri, region };
    });
    assert.deepEqual(actual, expected);

    for (const result of run.results) {
      assert.ok(ruleIds.includes(result.ruleId), `${result.ruleId} is among the rules`);
      if (result.ruleIndex !== undefined) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(result.message.text.trim().length > 0);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.doesNotMatch(artifactLocation.uri, /^(\/|[a-z]+:)|\\|(^|\/)\.\.(\/|$)/, 'the uri is relative to the checkout, with / separators');
      assert.ok(Number.isInteger(region.startLine) && region.startLine >= 1);
      assert.ok(Number.isInteger(region.startColumn) && region.startColumn >= 1);
      if (artifactLocation.uriBaseId !== undefined) {
        const base = run.originalUriBaseIds?.[artifactLocation.uriBaseId]?.uri;
        assert.equal(base, pathToFileURL(root).href + '/', 'the base id resolves to the directory the check ran in');
      }
    }
  });

  test('locations stay relative to the working directory when the paths are given as absolute paths', () => {
    const root = mixedWorkspace();
    const { log } = sarifOf([join(root, 'rules')], root);
    assert.deepEqual([...new Set(log.runs[0].results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri))], [
      'rules/app_rules.yaml',
      'rules/k8s/audit_rules.yaml',
    ]);
  });

  test('a clean check is a log with no result: exit 0', () => {
    const root = makeWorkspace({ 'rules.yaml': rule('Shell', 'evt.type = execve and proc.name = bash') });
    const { log, status } = sarifOf([], root);
    assert.equal(status, 0);
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(log.runs[0].tool.driver.rules, []);
  });

  test(
    'file and directory names with blanks, # or % are percent-encoded in the URIs',
    () => {
      const root = makeWorkspace({ 'my rules/app #1 100%.yaml': rule('Shell', 'evt.type = execve and proc.nme = bash') }, 'falco rules cli ');
      const { log } = sarifOf([], root);
      const uri = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
      assert.match(uri, /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/, `${uri} is a URI reference`);
      assert.equal(uri, 'my%20rules/app%20%231%20100%25.yaml');
      const base = log.runs[0].originalUriBaseIds?.['%SRCROOT%']?.uri ?? '';
      assert.equal(base, pathToFileURL(root).href + '/');
    },
  );

  const validator = loadValidator();
  test(
    'validates against the SARIF 2.1.0 JSON schema (errors, warnings, notes; a clean log; the demo workspace)',
    { skip: typeof validator === 'string' ? validator : false },
    () => {
      const validate = validator as Validator;
      const logs: [string, unknown][] = [
        ['mixed workspace', sarifOf([], mixedWorkspace()).log],
        ['clean workspace', sarifOf([], makeWorkspace({ 'rules.yaml': rule('Shell', 'evt.type = execve and proc.name = bash') })).log],
        ['examples/', sarifOf([], join(repoRoot, 'examples')).log],
      ];
      for (const [name, log] of logs) {
        const valid = validate(log);
        assert.ok(valid, `${name}: ${JSON.stringify(validate.errors, null, 2)}`);
      }
      // The validator does reject a broken log.
      const broken = structuredClone(logs[0][1]) as SarifLog;
      broken.runs[0].results[0].level = 'fatal';
      assert.equal(validate(broken), false);
    },
  );
});
