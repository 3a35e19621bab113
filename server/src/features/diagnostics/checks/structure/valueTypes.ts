/**
 * Values the engine cannot decode: a key present with no value ("Mapping for key is empty"), an empty string
 * ("Value must be non-empty"), a mapping or sequence where one value is expected, `items`/`tags` that are not
 * sequences of single values, booleans yaml-cpp cannot read and a `capture_duration` that is not an unsigned
 * 32-bit number. Only the keys the engine reads for the item's shape are checked (falco-language.md §1.3–§1.8).
 */
import { OVERRIDE_KEYS } from '../../../../syntax/itemKeys';
import type { RulesItem } from '../../../../syntax/rulesFile';
import { getPair, type YMap, type YPair } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { checkedItems, keyWithColonSpan, overriddenKeys, parseYamlBool, parseYamlUint32, ruleShape, shapeName } from './shared';

const codes = defineCodes([
  {
    code: 'empty-value',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: 'A key the engine reads has no value or an empty string.',
    fix: 'Give the key a value, or remove the key if the item may go without it.',
    example: `- rule: Shell spawned
  desc: ""   # must not be empty
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: NOTICE
`,
  },
  {
    code: 'wrong-value-type',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: 'A value has the wrong YAML shape or type (a mapping instead of text, a non-sequence `tags`, a non-boolean `enabled`, …).',
    fix: 'Write the value with the shape the key takes: text for `desc`, `condition` and `output`, `true` or `false` for `enabled`, a sequence for `tags` and `items`.',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: NOTICE
  enabled: maybe   # true or false
`,
  },
]);

/** `text`: one non-empty value; `source`: one value that may be empty or absent (rule updates). */
type ValueKind = 'text' | 'source' | 'bool' | 'uint32' | 'sequence';

const ruleKeyKinds: Readonly<Record<string, ValueKind>> = {
  condition: 'text',
  output: 'text',
  desc: 'text',
  priority: 'text',
  enabled: 'bool',
  capture: 'bool',
  warn_evttypes: 'bool',
  'skip-if-unknown-filter': 'bool',
  capture_duration: 'uint32',
  tags: 'sequence',
};

function checkValue(context: CheckContext, pair: YPair, kind: ValueKind): void {
  const value = pair.value;
  const key = pair.keyText;
  if (value && value.kind === 'alias') return;
  const text = context.file.syntax.text;
  if (kind === 'sequence') {
    if (!value || (value.kind === 'scalar' && value.isNull)) {
      context.report({
        code: 'empty-value',
        severity: 'error',
        span: keyWithColonSpan(text, pair),
        message: `\`${key}:\` has no value, but Falco needs a sequence here ('Value is not a sequence'). Write \`${key}: []\` or remove the key.`,
      });
      return;
    }
    if (value.kind !== 'seq') {
      context.report({
        code: 'wrong-value-type',
        severity: 'error',
        span: value.span,
        message: `\`${key}\` must be a sequence such as \`[a, b]\`, not ${shapeName(value)} ('Value is not a sequence').`,
      });
      return;
    }
    for (const element of value.items) {
      if (element && (element.kind === 'alias' || (element.kind === 'scalar' && !element.isNull))) continue;
      context.report({
        code: 'wrong-value-type',
        severity: 'error',
        span: element ? element.span : value.span,
        message: `Each entry of \`${key}\` must be a single value, not ${shapeName(element)} ('sequence value is not scalar').`,
      });
    }
    return;
  }
  if (!value || (value.kind === 'scalar' && value.isNull)) {
    if (kind === 'source') return;
    context.report({
      code: 'empty-value',
      severity: 'error',
      span: keyWithColonSpan(text, pair),
      message: `\`${key}:\` has no value ('Mapping for key is empty'). Write a value after the colon or remove the key.`,
    });
    return;
  }
  if (value.kind !== 'scalar') {
    context.report({
      code: 'wrong-value-type',
      severity: 'error',
      span: value.span,
      message: `\`${key}\` must be a single value, not ${shapeName(value)} ('Value is not a scalar value').${value.kind === 'map' ? ' A `: ` inside a plain value starts a mapping: quote the whole value.' : ''}`,
    });
    return;
  }
  if (value.value === '') {
    if (kind === 'source') return;
    context.report({
      code: 'empty-value',
      severity: 'error',
      span: value.span,
      message: `\`${key}\` is an empty string ('Value must be non-empty').`,
    });
    return;
  }
  if (kind === 'bool' && parseYamlBool(value.value) === undefined) {
    context.report({
      code: 'wrong-value-type',
      severity: 'error',
      span: value.span,
      message: `\`${key}\` must be a boolean, and Falco cannot read \`${value.value}\` as one ('Can't decode YAML scalar value'). Use \`true\` or \`false\`.`,
    });
  } else if (kind === 'uint32' && parseYamlUint32(value.value) === undefined) {
    context.report({
      code: 'wrong-value-type',
      severity: 'error',
      span: value.span,
      message: `\`${key}\` must be a whole number of milliseconds from 0 to 4294967295, not \`${value.value}\` ('Can't decode YAML scalar value').`,
    });
  }
}

function checkKeys(context: CheckContext, map: YMap, kinds: Readonly<Record<string, ValueKind>>): void {
  for (const [key, kind] of Object.entries(kinds)) {
    const pair = getPair(map, key);
    if (pair) checkValue(context, pair, kind);
  }
}

function ruleKinds(map: YMap): Record<string, ValueKind> {
  const kinds: Record<string, ValueKind> = { rule: 'text', source: 'source', append: 'bool' };
  switch (ruleShape(map)) {
    case 'define':
      Object.assign(kinds, ruleKeyKinds, { source: 'text' });
      break;
    case 'enable':
      kinds.enabled = 'bool';
      break;
    case 'legacy-append':
      kinds.condition = 'text';
      break;
    case 'override':
      for (const key of overriddenKeys(map, OVERRIDE_KEYS.rule)) if (ruleKeyKinds[key]) kinds[key] = ruleKeyKinds[key];
      break;
  }
  return kinds;
}

function checkPluginRequirements(context: CheckContext, map: YMap): void {
  const value = getPair(map, 'required_plugin_versions')?.value;
  if (!value || value.kind !== 'seq') return;
  const entryKinds: Record<string, ValueKind> = { name: 'text', version: 'text' };
  for (const entry of value.items) {
    if (!entry || entry.kind !== 'map') continue;
    checkKeys(context, entry, entryKinds);
    const alternatives = getPair(entry, 'alternatives')?.value;
    if (!alternatives || alternatives.kind !== 'seq') continue;
    for (const alternative of alternatives.items) {
      if (alternative && alternative.kind === 'map') checkKeys(context, alternative, entryKinds);
    }
  }
}

function checkItem(context: CheckContext, item: RulesItem, map: YMap): void {
  switch (item.kind) {
    case 'rule':
      checkKeys(context, map, ruleKinds(map));
      break;
    case 'macro':
      checkKeys(context, map, { macro: 'text', condition: 'text', append: 'bool' });
      break;
    case 'list':
      checkKeys(context, map, { list: 'text', items: 'sequence', append: 'bool' });
      break;
    case 'required_engine_version':
      checkKeys(context, map, { required_engine_version: 'text' });
      break;
    case 'required_plugin_versions':
      checkPluginRequirements(context, map);
      break;
    default:
      break;
  }
}

export const valueTypesCheck: Check = {
  name: 'value-types',
  codes,
  itemLocal: true,
  run(context) {
    for (const item of checkedItems(context.file.syntax, context.items)) {
      if (item.map) checkItem(context, item, item.map);
    }
  },
};
