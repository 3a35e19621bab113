/**
 * Hover on a list: its items after every append and replacement, with items that name other lists expanded
 * (bounded depth, each list once), and every item that defines or changes it.
 */
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import { describeContributions } from './contributions';
import { definitionValue, effectiveList, scalarItems, type EffectiveList } from './effective';
import { codeBlock, inlineCode, inlineList, plural } from './markdown';
import type { DescribeLocation } from './types';
import { upstreamNote } from './upstreamHover';

/** Levels of nested lists expanded. */
const MAX_DEPTH = 4;
/** Lines shown in the code block; the count in the title still covers every item. */
const MAX_LINES = 60;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

class ListExpansion {
  readonly lines: string[] = [];
  count = 0;
  private readonly seen: Set<string>;
  private readonly cache = new Map<string, EffectiveList>();

  constructor(
    private readonly index: WorkspaceIndex,
    root: string,
  ) {
    this.seen = new Set([root]);
  }

  effective(name: string): EffectiveList {
    let effective = this.cache.get(name);
    if (!effective) this.cache.set(name, (effective = effectiveList(this.index, name)));
    return effective;
  }

  expand(items: readonly string[], depth: number): void {
    const indent = '  '.repeat(depth);
    for (const item of items) {
      const nested = this.seen.has(item) || depth + 1 >= MAX_DEPTH ? undefined : this.effective(item).items;
      if (nested) {
        this.seen.add(item);
        this.lines.push(`${indent}- ${oneLine(item)} (list):`);
        this.expand(nested, depth + 1);
      } else {
        this.count++;
        this.lines.push(`${indent}- ${oneLine(item)}`);
      }
    }
  }
}

export function listHover(index: WorkspaceIndex, name: string, describe: DescribeLocation): string | undefined {
  const effective = effectiveList(index, name);
  if (effective.contributions.length === 0) return undefined;
  const expansion = new ListExpansion(index, name);
  expansion.expand(effective.items ?? [], 0);
  const lines = expansion.lines;
  const parts = [`**list** ${inlineCode(name)} (${plural(expansion.count, 'item')})`];
  if (effective.items === undefined) {
    parts.push('No item defines it before it is changed.');
    const upstream = upstreamNote('list', name);
    if (upstream) parts.push(upstream);
  } else if (lines.length === 0) parts.push('*empty list*');
  else parts.push(codeBlock(lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines`].join('\n') : lines.join('\n')));
  parts.push(
    describeContributions(effective.contributions, describe, {
      layout: 'line',
      definitionNote: (contribution) => {
        if (contribution.location === effective.base) return undefined;
        const items = scalarItems(definitionValue(contribution.location, 'items'));
        return `: ${items.length > 0 ? inlineList(items) : '*empty*'}`;
      },
    }),
  );
  return parts.join('\n\n');
}
