// The JSON schema of rules files and the syntax layer's key sets (itemKeys.ts) must describe the same keys.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import schema from '../../../schemas/falco-rules.schema.json';
import {
  canonicalPriority,
  EXCEPTION_KEYS,
  ITEM_KEYS,
  ITEM_KINDS,
  itemKindOf,
  OVERRIDE_KEYS,
  PLUGIN_ALTERNATIVE_KEYS,
  PLUGIN_REQUIREMENT_KEYS,
  PRIORITIES,
  type ItemKind,
} from '../../../server/src/syntax/itemKeys';

interface SchemaNode {
  $ref?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  pattern?: string;
  description?: string;
  markdownDescription?: string;
  items?: SchemaNode;
}

const root = schema as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

function deref(node: SchemaNode): SchemaNode {
  const ref = node.$ref ?? (node.allOf?.length === 1 ? node.allOf[0]?.$ref : undefined);
  if (!ref) return node;
  const name = ref.replace('#/definitions/', '');
  const target = root.definitions[name];
  assert.ok(target, `dangling reference ${ref}`);
  return target;
}

const keysOf = (node: SchemaNode): string[] => Object.keys(deref(node).properties ?? {}).sort();
const sortedCopy = (values: readonly string[]): string[] => [...values].sort();

function itemKindDefinitions(): Map<string, SchemaNode> {
  const item = deref(root.items!);
  const kinds = new Map<string, SchemaNode>();
  for (const branch of item.oneOf ?? []) {
    const definition = deref(branch);
    assert.equal(definition.required?.length, 1, 'each kind requires exactly its kind key');
    kinds.set(definition.required![0]!, definition);
  }
  return kinds;
}

describe('schema and itemKeys agree', () => {
  test('same item kinds, in dispatch order', () => {
    assert.deepEqual([...itemKindDefinitions().keys()], [...ITEM_KINDS]);
  });

  test('same keys per kind', () => {
    for (const [kind, definition] of itemKindDefinitions()) {
      assert.deepEqual(keysOf(definition), sortedCopy(ITEM_KEYS[kind as ItemKind]), kind);
    }
  });

  test('same override keys and operations per kind', () => {
    for (const kind of ['list', 'macro', 'rule'] as const) {
      const override = deref(root.definitions[kind]!.properties!.override!);
      const append = Object.entries(override.properties ?? {})
        .filter(([, value]) => value.enum?.includes('append'))
        .map(([key]) => key);
      const replace = Object.entries(override.properties ?? {})
        .filter(([, value]) => value.enum?.includes('replace'))
        .map(([key]) => key);
      assert.deepEqual(sortedCopy(append), sortedCopy(OVERRIDE_KEYS[kind].append), `${kind} append`);
      assert.deepEqual(sortedCopy(replace), sortedCopy(OVERRIDE_KEYS[kind].replace), `${kind} replace`);
      for (const value of Object.values(override.properties ?? {})) {
        for (const op of value.enum ?? []) assert.ok(op === 'append' || op === 'replace');
      }
    }
  });

  test('same exception and plugin requirement keys', () => {
    assert.deepEqual(keysOf(root.definitions.exception!), sortedCopy(EXCEPTION_KEYS));
    assert.deepEqual(keysOf(root.definitions.pluginRequirement!), sortedCopy(PLUGIN_REQUIREMENT_KEYS));
    assert.deepEqual(keysOf(root.definitions.pluginAlternative!), sortedCopy(PLUGIN_ALTERNATIVE_KEYS));
  });

  test('every key is documented', () => {
    const visit = (name: string, node: SchemaNode) => {
      for (const [key, value] of Object.entries(node.properties ?? {})) {
        assert.ok(value.description, `${name}.${key} has a description`);
        assert.ok(value.markdownDescription, `${name}.${key} has a markdownDescription`);
      }
    };
    for (const [name, node] of Object.entries(root.definitions)) visit(name, node);
  });
});

describe('priorities', () => {
  const priority = root.definitions.priority!;
  const listed = priority.anyOf?.find((branch) => branch.enum)?.enum as string[];
  const pattern = new RegExp(priority.anyOf?.find((branch) => branch.pattern)?.pattern ?? '^$');

  test('canonical spellings are listed', () => {
    assert.deepEqual(sortedCopy(listed), sortedCopy([...PRIORITIES, 'INFO']));
  });

  test('the schema pattern and canonicalPriority accept the same spellings', () => {
    const samples = ['WARNING', 'Warning', 'warning', 'wArNiNg', 'info', 'Info', 'INFORMATIONAL', 'debug'];
    for (const sample of samples) {
      assert.ok(pattern.test(sample), sample);
      assert.ok(canonicalPriority(sample), sample);
    }
    for (const sample of ['LOUD', 'warn', 'INFOS', ' WARNING', '3', '']) {
      assert.ok(!pattern.test(sample), sample);
      assert.equal(canonicalPriority(sample), undefined, sample);
    }
    assert.equal(canonicalPriority('info'), 'INFORMATIONAL');
    assert.equal(canonicalPriority('Critical'), 'CRITICAL');
  });
});

describe('item kind dispatch', () => {
  test('the first kind key in engine order wins', () => {
    assert.equal(itemKindOf(['rule', 'desc']), 'rule');
    assert.equal(itemKindOf(['macro', 'required_engine_version']), 'required_engine_version');
    assert.equal(itemKindOf(['rule', 'list']), 'list');
    assert.equal(itemKindOf(['ruule']), undefined);
  });
});
