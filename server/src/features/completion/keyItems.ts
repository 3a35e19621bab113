/**
 * Key and value completion for the YAML structure of a rules file: item kinds with whole-block snippets, the
 * keys valid in the item (or exception entry, override map, plugin requirement) being written, and the values
 * of keys with a closed set (priorities, sources, booleans, override operations).
 */
import { EXCEPTION_KEYS, ITEM_KEYS, OVERRIDE_KEYS, PLUGIN_REQUIREMENT_KEYS, PRIORITIES, type ItemKind, type OverridableKind } from '../../syntax/itemKeys';
import { sortKey, type Candidate } from './types';

/** Snippets for whole items, offered where a new top-level entry starts. */
const ITEM_SNIPPETS: readonly { label: string; detail: string; body: string }[] = [
  {
    label: 'rule',
    detail: 'a new rule',
    body: 'rule: ${1:Rule name}\n  desc: ${2:What the rule detects}\n  condition: ${3:spawned_process and container}\n  output: "${4:Something happened} (user=%user.name command=%proc.cmdline container=%container.name)"\n  priority: ${5|WARNING,NOTICE,INFORMATIONAL,ERROR,CRITICAL,ALERT,EMERGENCY,DEBUG|}\n  tags: [${6:maturity_incubating}]',
  },
  { label: 'macro', detail: 'a new macro', body: 'macro: ${1:macro_name}\n  condition: ${2:proc.name in (${3:list_name})}' },
  { label: 'list', detail: 'a new list', body: 'list: ${1:list_name}\n  items: [${2:item}]' },
  {
    label: 'rule override',
    detail: 'change an existing rule',
    body: 'rule: ${1:Existing rule name}\n  ${2|condition,output,desc,tags,exceptions|}: ${3}\n  override:\n    ${2}: ${4|append,replace|}',
  },
  { label: 'macro override', detail: 'change an existing macro', body: 'macro: ${1:existing_macro}\n  condition: ${2:or proc.name = x}\n  override:\n    condition: ${3|append,replace|}' },
  { label: 'list override', detail: 'add items to an existing list', body: 'list: ${1:existing_list}\n  items: [${2:item}]\n  override:\n    items: ${3|append,replace|}' },
  { label: 'disable rule', detail: 'turn an existing rule off', body: 'rule: ${1:Existing rule name}\n  enabled: false\n  override:\n    enabled: replace' },
  { label: 'required_engine_version', detail: 'minimum engine version', body: 'required_engine_version: ${1:0.50.0}' },
  { label: 'required_plugin_versions', detail: 'plugins the file needs', body: 'required_plugin_versions:\n  - name: ${1:container}\n    version: ${2:0.1.0}' },
];

export function itemKindCandidates(): Candidate[] {
  return ITEM_SNIPPETS.map((snippet, index) => ({
    label: snippet.label,
    kind: 'snippet',
    detail: snippet.detail,
    sortText: sortKey(index, ''),
    filterText: snippet.label.split(' ')[0],
    insertText: snippet.body,
    snippet: true,
  }));
}

const KEY_DETAILS: Readonly<Record<string, string>> = {
  desc: 'what the rule detects',
  condition: 'when the item matches',
  output: 'the alert message, with %fields',
  priority: 'severity of the alert',
  source: 'event source (default syscall)',
  enabled: 'false to turn the rule off',
  tags: 'tags, ATT&CK tactics and techniques',
  exceptions: 'named exceptions (fields, comps, values)',
  items: 'the list entries',
  override: 'how this item changes an earlier one',
  append: 'legacy: extend an earlier item (prefer override)',
  warn_evttypes: 'warn when the condition matches no event type',
  'skip-if-unknown-filter': 'skip the rule when a field is unknown',
  capture: 'record a capture when the rule fires',
  capture_duration: 'capture length in milliseconds',
};

/** The text inserted after a key: block keys open an indented line, others a space. */
function keyInsert(key: string, indent: string): string {
  if (key === 'exceptions') return `exceptions:\n${indent}  - name: \${1:name}\n${indent}    fields: [\${2:proc.name}]\n${indent}    comps: [\${3:=}]\n${indent}    values:\n${indent}      - [\${4:value}]`;
  if (key === 'override') return `override:\n${indent}  \${1:condition}: \${2|append,replace|}`;
  if (key === 'tags') return 'tags: [${1}]';
  if (key === 'items') return 'items: [${1}]';
  if (key === 'priority') return 'priority: ${1|WARNING,NOTICE,INFORMATIONAL,ERROR,CRITICAL,ALERT,EMERGENCY,DEBUG|}';
  if (key === 'enabled') return 'enabled: ${1|false,true|}';
  return `${key}: `;
}

function keyCandidates(keys: readonly string[], present: ReadonlySet<string>, indent: string, details: Readonly<Record<string, string>> = KEY_DETAILS): Candidate[] {
  return keys
    .filter((key) => !present.has(key))
    .map((key, index) => ({
      label: key,
      kind: 'key',
      detail: details[key],
      sortText: sortKey(key === 'append' ? 90 : index, key),
      insertText: keyInsert(key, indent),
      snippet: true,
      retrigger: key === 'source' || key === 'condition' || key === 'output',
    }));
}

/** Keys of a top-level item of `kind` (the kind key itself left out). */
export function itemKeyCandidates(kind: ItemKind | undefined, present: ReadonlySet<string>, indent: string): Candidate[] {
  if (!kind) return [];
  return keyCandidates(ITEM_KEYS[kind].filter((key) => key !== kind), present, indent);
}

const EXCEPTION_DETAILS: Readonly<Record<string, string>> = {
  name: 'the exception name (unique in the rule)',
  fields: 'field or fields compared',
  comps: 'operator per field (default `=`)',
  values: 'value tuples, one value per field',
};

export function exceptionKeyCandidates(present: ReadonlySet<string>, indent: string): Candidate[] {
  return keyCandidates(EXCEPTION_KEYS, present, indent, EXCEPTION_DETAILS).map((candidate) => ({
    ...candidate,
    insertText: candidate.label === 'fields' || candidate.label === 'comps' ? `${candidate.label}: [\${1}]` : candidate.label === 'values' ? `values:\n${indent}  - [\${1}]` : `${candidate.label}: `,
  }));
}

/** Keys under `override:` for the item kind, each with the operations it allows. */
export function overrideKeyCandidates(kind: OverridableKind | undefined, present: ReadonlySet<string>): Candidate[] {
  if (!kind) return [];
  const allowed = OVERRIDE_KEYS[kind];
  const keys = [...new Set([...allowed.append, ...allowed.replace])];
  return keys
    .filter((key) => !present.has(key))
    .map((key, index) => {
      const operations = overrideOperations(kind, key);
      return {
        label: key,
        kind: 'key',
        detail: operations.join(' or '),
        sortText: sortKey(index, key),
        insertText: operations.length === 1 ? `${key}: ${operations[0]}` : `${key}: \${1|${operations.join(',')}|}`,
        snippet: true,
      };
    });
}

export function overrideOperations(kind: OverridableKind, key: string): string[] {
  const allowed = OVERRIDE_KEYS[kind];
  return (['append', 'replace'] as const).filter((operation) => allowed[operation].includes(key));
}

export function pluginRequirementKeyCandidates(present: ReadonlySet<string>): Candidate[] {
  return keyCandidates(PLUGIN_REQUIREMENT_KEYS, present, '', { name: 'plugin name', version: 'minimum plugin version', alternatives: 'other plugins that also satisfy the requirement' });
}

const PRIORITY_DETAILS = ['system unusable', 'act immediately', 'critical condition', 'error condition', 'warning condition', 'normal but significant', 'informational', 'debugging'];

export function priorityCandidates(): Candidate[] {
  return PRIORITIES.map((priority, index) => ({ label: priority, kind: 'value', detail: PRIORITY_DETAILS[index], sortText: sortKey(index, '') }));
}

/** `true` and `false`, the one more likely to be written first. */
export function booleanCandidates(first: 'true' | 'false'): Candidate[] {
  return ['true', 'false'].map((value) => ({ label: value, kind: 'value', sortText: sortKey(value === first ? 0 : 1, value) }));
}

export function valueCandidates(values: readonly string[], detail?: (value: string) => string | undefined): Candidate[] {
  return values.map((value, index) => ({ label: value, kind: 'value', detail: detail?.(value), sortText: sortKey(Math.min(index, 99), value) }));
}
