/**
 * The key sets of a Falco rules file: top-level item kinds (in the engine's dispatch order), the keys valid in each
 * kind, and the keys of nested maps (override, exceptions, plugin requirements). schemas/falco-rules.schema.json
 * must agree with these sets; a unit test checks it.
 */

export type ItemKind = 'required_engine_version' | 'required_plugin_versions' | 'list' | 'macro' | 'rule';

/** Item kinds in the order the engine looks for them: the first kind key present in a map decides the kind. */
export const ITEM_KINDS: readonly ItemKind[] = [
  'required_engine_version',
  'required_plugin_versions',
  'list',
  'macro',
  'rule',
];

/** Every key accepted in an item of each kind (the kind key itself included). */
export const ITEM_KEYS: { readonly [K in ItemKind]: readonly string[] } = {
  required_engine_version: ['required_engine_version'],
  required_plugin_versions: ['required_plugin_versions'],
  list: ['list', 'items', 'append', 'override'],
  macro: ['macro', 'condition', 'append', 'override'],
  rule: [
    'rule',
    'desc',
    'condition',
    'output',
    'priority',
    'source',
    'enabled',
    'tags',
    'exceptions',
    'warn_evttypes',
    'skip-if-unknown-filter',
    'capture',
    'capture_duration',
    'append',
    'override',
  ],
};

/** Keys a full rule definition must have, in the order the engine checks them (it reports the first missing). */
export const RULE_REQUIRED_KEYS: readonly string[] = ['condition', 'output', 'desc', 'priority'];

export type OverrideOperation = 'append' | 'replace';
export type OverridableKind = 'list' | 'macro' | 'rule';

/** Keys that may appear under `override:`, per item kind and operation. */
export const OVERRIDE_KEYS: { readonly [K in OverridableKind]: { readonly [O in OverrideOperation]: readonly string[] } } =
  {
    list: { append: ['items'], replace: ['items'] },
    macro: { append: ['condition'], replace: ['condition'] },
    rule: {
      append: ['condition', 'output', 'desc', 'tags', 'exceptions'],
      replace: [
        'condition',
        'output',
        'desc',
        'priority',
        'tags',
        'exceptions',
        'enabled',
        'warn_evttypes',
        'skip-if-unknown-filter',
        'capture',
        'capture_duration',
      ],
    },
  };

/** Keys of one entry of a rule's `exceptions:` sequence (the engine ignores others; the schema forbids them). */
export const EXCEPTION_KEYS: readonly string[] = ['name', 'fields', 'comps', 'values'];

/** Keys of one entry of `required_plugin_versions:` and of its `alternatives:`. */
export const PLUGIN_REQUIREMENT_KEYS: readonly string[] = ['name', 'version', 'alternatives'];
export const PLUGIN_ALTERNATIVE_KEYS: readonly string[] = ['name', 'version'];

/** Canonical priority spellings, most to least severe. The engine matches them case-insensitively. */
export const PRIORITIES: readonly string[] = [
  'EMERGENCY',
  'ALERT',
  'CRITICAL',
  'ERROR',
  'WARNING',
  'NOTICE',
  'INFORMATIONAL',
  'DEBUG',
];

/** Returns the canonical priority for a value the engine accepts (any case; `info` means INFORMATIONAL). */
export function canonicalPriority(value: string): string | undefined {
  const upper = value.toUpperCase();
  if (upper === 'INFO') return 'INFORMATIONAL';
  return PRIORITIES.includes(upper) ? upper : undefined;
}

/** Returns the kind of an item from its keys, applying the engine's dispatch order; undefined = unknown item. */
export function itemKindOf(keys: Iterable<string>): ItemKind | undefined {
  const present = new Set(keys);
  return ITEM_KINDS.find((kind) => present.has(kind));
}

export function isItemKey(kind: ItemKind, key: string): boolean {
  return ITEM_KEYS[kind].includes(key);
}

export function isOverrideKey(kind: OverridableKind, key: string, operation?: OverrideOperation): boolean {
  const allowed = OVERRIDE_KEYS[kind];
  return operation ? allowed[operation].includes(key) : allowed.append.includes(key) || allowed.replace.includes(key);
}
