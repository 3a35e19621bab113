/**
 * The shape of `required_plugin_versions` (a sequence of `{name, version, alternatives?}` mappings, with
 * `alternatives` a sequence of `{name, version}` mappings) and what the engine checks once an entry is read:
 * every version parses as `x.y.z` and no plugin is named twice in one entry (falco-language.md §1.5). Missing and
 * empty `name`/`version` are reported by the missing-required-key and value-types checks.
 */
import type { Span } from '../../../../syntax/span';
import { getPair, type YMap, type YScalar } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { checkedItems, keyWithColonSpan, nonNullScalar, parseVersion, shapeName } from './shared';

const codes = defineCodes([
  {
    code: 'required-plugin-versions',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: '`required_plugin_versions` or its `alternatives` do not have the shape of a sequence of `{name, version}` mappings.',
    fix: 'Write a sequence of mappings, each with `name` and `version`; `alternatives`, when present, is such a sequence too.',
    example: `- required_plugin_versions:
    name: container   # a mapping: "- name: container"
    version: 0.4.0
`,
  },
  {
    code: 'invalid-plugin-requirement',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'A plugin requirement has a version that is not `x.y.z`, or names the same plugin twice among its alternatives.',
    fix: 'Give each requirement a full `x.y.z` version, and name each plugin only once in a requirement and its alternatives.',
    example: `- required_plugin_versions:
    - name: container
      version: "0.4"   # 0.4.0
`,
  },
]);

function reportShape(context: CheckContext, span: Span, message: string): void {
  context.report({ code: 'required-plugin-versions', severity: 'error', span, message });
}

interface Requirement {
  readonly name: YScalar;
  readonly version: YScalar;
}

/** The name and version of an entry when both are readable (other problems are reported elsewhere). */
function requirementOf(entry: YMap): Requirement | undefined {
  const name = nonNullScalar(getPair(entry, 'name')?.value);
  const version = nonNullScalar(getPair(entry, 'version')?.value);
  return name && version && name.value !== '' && version.value !== '' ? { name, version } : undefined;
}

function checkEntry(context: CheckContext, entry: YMap): void {
  const requirements: Requirement[] = [];
  const main = requirementOf(entry);
  if (main) requirements.push(main);
  const alternativesPair = getPair(entry, 'alternatives');
  const alternatives = alternativesPair?.value;
  if (alternativesPair && alternatives?.kind !== 'alias') {
    if (!alternatives || alternatives.kind !== 'seq') {
      const span = alternatives && !(alternatives.kind === 'scalar' && alternatives.isNull) ? alternatives.span : keyWithColonSpan(context.file.syntax.text, alternativesPair);
      reportShape(context, span, `\`alternatives\` must be a sequence of \`{name, version}\` mappings, not ${shapeName(alternatives)} ('Value of plugin version alternatives must be a sequence').`);
    } else {
      for (const alternative of alternatives.items) {
        if (alternative && alternative.kind === 'alias') continue;
        if (!alternative || alternative.kind !== 'map') {
          reportShape(context, alternative?.span ?? alternatives.span, `Each alternative must be a mapping with \`name\` and \`version\`, not ${shapeName(alternative)} ('Plugin version alternative must be a mapping').`);
          continue;
        }
        const requirement = requirementOf(alternative);
        if (requirement) requirements.push(requirement);
      }
    }
  }
  const seen = new Set<string>();
  for (const { name, version } of requirements) {
    if (!parseVersion(version.value)) {
      context.report({
        code: 'invalid-plugin-requirement',
        severity: 'error',
        span: version.span,
        message: `\`${version.value}\` is not a version for plugin \`${name.value}\`: write \`x.y.z\`, e.g. \`0.1.0\` ('Invalid required version').`,
      });
    }
    if (seen.has(name.value)) {
      context.report({
        code: 'invalid-plugin-requirement',
        severity: 'error',
        span: name.span,
        message: `Plugin \`${name.value}\` is named more than once in this requirement and its alternatives ('Defined multiple alternative version requirements'). Keep one version for it.`,
      });
    }
    seen.add(name.value);
  }
}

export const requiredPluginVersionsCheck: Check = {
  name: 'required-plugin-versions',
  codes,
  itemLocal: true,
  run(context) {
    for (const item of checkedItems(context.file.syntax, context.items)) {
      if (item.kind !== 'required_plugin_versions' || !item.map) continue;
      const pair = getPair(item.map, 'required_plugin_versions');
      const value = pair?.value;
      if (!pair || (value && value.kind === 'alias')) continue;
      if (!value || value.kind !== 'seq') {
        const span = value && !(value.kind === 'scalar' && value.isNull) ? value.span : keyWithColonSpan(context.file.syntax.text, pair);
        reportShape(context, span, `\`required_plugin_versions\` must be a sequence of \`{name, version}\` mappings, not ${shapeName(value)} ('Value of required_plugin_versions must be a sequence').`);
        continue;
      }
      for (const entry of value.items) {
        if (entry && entry.kind === 'alias') continue;
        if (!entry || entry.kind !== 'map') {
          reportShape(context, entry?.span ?? value.span, `Each plugin requirement must be a mapping with \`name\` and \`version\`, not ${shapeName(entry)} ('Plugin version must be a mapping').`);
          continue;
        }
        checkEntry(context, entry);
      }
    }
  },
};
