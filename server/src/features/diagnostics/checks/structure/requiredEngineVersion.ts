/**
 * `required_engine_version`: an unsigned integer N means 0.N.<patch>, anything else must start with `x.y.z`
 * (trailing text is ignored, `0.26` is invalid), and the target engine must have the same major version and be
 * at least as new (falco-language.md §1.4, §11.1).
 */
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { checkedItems, compareVersions, formatVersion, nonNullScalar, parseVersion, parseYamlUint32, type Version } from './shared';

const codes = defineCodes([
  {
    code: 'engine-version-format',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: '`required_engine_version` is neither an integer nor an `x.y.z` version.',
    fix: 'Write a full `x.y.z` version such as `0.26.0` (the legacy integer form is still accepted).',
    example: `- required_engine_version: 0.26   # 0.26.0
`,
  },
  {
    code: 'required-engine-version',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: '`required_engine_version` is newer than the engine of the target Falco.',
    fix: 'Run a Falco whose engine is recent enough, or, if the setting is wrong, set `falco.engine.version` (`--engine-version` on the command line) to the engine you deploy.',
    example: `- required_engine_version: 0.99.0   # newer than engine 0.62.0 (Falco 0.44)
`,
  },
]);

/** First Falco release of each engine version (falco-language.md §11.1), oldest first. */
const falcoReleases: readonly { readonly engine: Version; readonly falco: string }[] = [
  [9, '0.30'],
  [11, '0.31'],
  [12, '0.32.0'],
  [13, '0.32.1'],
  [15, '0.33'],
  [16, '0.34.1'],
  [17, '0.35'],
  [26, '0.36'],
  [31, '0.37'],
  [40, '0.38'],
  [43, '0.39'],
  [46, '0.40'],
  [50, '0.41'],
  [57, '0.42'],
  [58, '0.43'],
  [62, '0.44'],
].map(([minor, falco]) => ({ engine: { major: 0, minor: minor as number, patch: 0 }, falco: falco as string }));

/** "Falco 0.42 or later", or a sentence saying no release we know has that engine. */
function falcoFor(required: Version): string {
  if (required.major !== 0) return `no Falco release has engine major version ${required.major}`;
  const release = falcoReleases.find((entry) => compareVersions(entry.engine, required) >= 0);
  if (release) return `it needs Falco ${release.falco} or later`;
  return 'no Falco release up to 0.44 ships it';
}

function falcoOf(engine: Version): string {
  const release = [...falcoReleases].reverse().find((entry) => compareVersions(entry.engine, engine) <= 0);
  return release ? ` (Falco ${release.falco})` : '';
}

export const requiredEngineVersionCheck: Check = {
  name: 'required-engine-version',
  codes,
  itemLocal: true,
  run(context) {
    const target = parseVersion(context.options.engineVersion);
    for (const item of checkedItems(context.file.syntax, context.items)) {
      if (item.kind !== 'required_engine_version' || !item.map) continue;
      const value = nonNullScalar(getPair(item.map, 'required_engine_version')?.value);
      // Null, empty and non-scalar values are reported by the value-types check.
      if (!value || value.value === '') continue;
      const integer = parseYamlUint32(value.value);
      const required: Version | undefined =
        integer !== undefined ? { major: target?.major ?? 0, minor: integer, patch: target?.patch ?? 0 } : parseVersion(value.value);
      if (!required) {
        const twoParts = /^\s*\d+\.\d+\s*$/.test(value.value);
        context.report({
          code: 'engine-version-format',
          severity: 'error',
          span: value.span,
          message: `\`${value.value}\` is not an engine version: write \`x.y.z\` (e.g. \`0.57.0\`) or a plain integer ('Unable to parse engine version').${twoParts ? ` Did you mean \`${value.value.trim()}.0\`?` : ''}`,
        });
        continue;
      }
      if (!target) continue;
      if (required.major === target.major && compareVersions(target, required) >= 0) continue;
      context.report({
        code: 'required-engine-version',
        severity: 'error',
        span: value.span,
        message: `These rules require engine version ${formatVersion(required)}, but the target engine is ${formatVersion(target)}${falcoOf(target)}; ${falcoFor(required)} ('Rules require engine version').`,
      });
    }
  },
};
