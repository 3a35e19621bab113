/**
 * How often the workspace uses each field and each tag, to rank completion candidates. Counted per item and
 * cached on the item object (unchanged items are reused across edits), then summed per workspace version.
 */
import { walkConditionTree } from '../../semantic/conditionWalk';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import type { RulesItem } from '../../syntax/rulesFile';
import { getPair } from '../../syntax/yaml/tree';

type Counts = ReadonlyMap<string, number>;

const fieldsPerItem = new WeakMap<RulesItem, Counts>();
const tagsPerItem = new WeakMap<RulesItem, Counts>();
const totals = new WeakMap<WorkspaceIndex, { generation: number; fields?: Counts; tags?: Counts }>();

function countFields(item: RulesItem): Counts {
  let counts = fieldsPerItem.get(item);
  if (!counts) {
    const found = new Map<string, number>();
    const ast = item.condition?.parsed.ast;
    if (ast) {
      walkConditionTree(ast, (visit) => {
        if (visit.role === 'field') found.set(visit.name, (found.get(visit.name) ?? 0) + 1);
      });
    }
    for (const token of (item.output?.parsed.tokens ?? []) as readonly { name?: unknown }[]) {
      if (typeof token.name === 'string') found.set(token.name, (found.get(token.name) ?? 0) + 1);
    }
    fieldsPerItem.set(item, (counts = found));
  }
  return counts;
}

function countTags(item: RulesItem): Counts {
  let counts = tagsPerItem.get(item);
  if (!counts) {
    const found = new Map<string, number>();
    const tags = item.map ? getPair(item.map, 'tags')?.value : undefined;
    if (tags?.kind === 'seq') {
      for (const tag of tags.items) if (tag?.kind === 'scalar' && !tag.isNull) found.set(tag.value, (found.get(tag.value) ?? 0) + 1);
    }
    tagsPerItem.set(item, (counts = found));
  }
  return counts;
}

function sum(index: WorkspaceIndex, perItem: (item: RulesItem) => Counts): Counts {
  const total = new Map<string, number>();
  for (const file of index.files()) {
    for (const item of file.syntax.items) for (const [name, count] of perItem(item)) total.set(name, (total.get(name) ?? 0) + count);
  }
  return total;
}

function entry(index: WorkspaceIndex) {
  let cached = totals.get(index);
  if (!cached || cached.generation !== index.contentGeneration) totals.set(index, (cached = { generation: index.contentGeneration }));
  return cached;
}

/** Field name → number of uses in conditions and outputs of the workspace. */
export function fieldUsage(index: WorkspaceIndex): Counts {
  const cached = entry(index);
  return (cached.fields ??= sum(index, countFields));
}

/** Tag → number of rules of the workspace carrying it. */
export function tagUsage(index: WorkspaceIndex): Counts {
  const cached = entry(index);
  return (cached.tags ??= sum(index, countTags));
}
