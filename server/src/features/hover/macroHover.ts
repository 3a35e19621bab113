/**
 * Hover on a macro: the condition the engine compiles (appends joined), the macros it uses with their own
 * conditions (nested, to a bounded depth and count, loops cut), and every item that defines or changes it.
 */
import type { DeclarationLocation, WorkspaceIndex } from '../../semantic/workspaceIndex';
import { describeContributions } from './contributions';
import { definitionValue, effectiveMacro, scalarText, type EffectiveMacro } from './effective';
import { codeBlock, inlineCode, inlineList } from './markdown';
import type { DescribeLocation } from './types';
import { upstreamNote } from './upstreamHover';

/** Levels of nested macros shown under the hovered one. */
const MAX_DEPTH = 3;
/** Lines of the nested-macro list. */
const MAX_ENTRIES = 20;

/** The macros a condition made of these items uses, in order of first use. */
export function macrosUsedBy(parts: readonly DeclarationLocation[]): string[] {
  const names: string[] = [];
  for (const location of parts) {
    const symbols = location.file.symbols.byItem[location.declaration.itemIndex];
    for (const reference of symbols?.references ?? []) {
      if (reference.kind === 'macro' && reference.context === 'condition' && !names.includes(reference.name)) names.push(reference.name);
    }
  }
  return names;
}

class NestedMacros {
  readonly lines: string[] = [];
  private readonly shown = new Set<string>();
  private readonly path: string[];
  private readonly cache = new Map<string, EffectiveMacro>();

  constructor(
    private readonly index: WorkspaceIndex,
    root: string,
  ) {
    this.path = [root];
    this.shown.add(root);
  }

  private effective(name: string): EffectiveMacro {
    let effective = this.cache.get(name);
    if (!effective) this.cache.set(name, (effective = effectiveMacro(this.index, name)));
    return effective;
  }

  expand(names: readonly string[], depth: number): void {
    const indent = '  '.repeat(depth);
    for (const [position, name] of names.entries()) {
      if (this.lines.length >= MAX_ENTRIES) {
        this.lines.push(`${indent}- … ${inlineList(names.slice(position), 6)} not shown`);
        return;
      }
      const code = inlineCode(name);
      if (this.path.includes(name)) {
        this.lines.push(`${indent}- ${code}: reference loop (${[...this.path.slice(this.path.indexOf(name)), name].map((entry) => inlineCode(entry)).join(' → ')}), not expanded`);
        continue;
      }
      if (this.shown.has(name)) {
        this.lines.push(`${indent}- ${code}: shown above`);
        continue;
      }
      this.shown.add(name);
      const effective = this.effective(name);
      if (effective.condition === undefined) {
        this.lines.push(`${indent}- ${code}: not defined in the indexed rules files`);
        continue;
      }
      this.lines.push(`${indent}- ${code} = ${inlineCode(effective.condition)}`);
      const used = macrosUsedBy(effective.parts);
      if (used.length === 0) continue;
      if (depth + 1 >= MAX_DEPTH) {
        this.lines.push(`${indent}  - uses ${inlineList(used, 6)}`);
        continue;
      }
      this.path.push(name);
      this.expand(used, depth + 1);
      this.path.pop();
    }
  }
}

/** "where:" and the nested list of the macros a macro uses; undefined when it uses none. */
export function nestedMacrosSection(index: WorkspaceIndex, root: string, used: readonly string[]): string | undefined {
  if (used.length === 0) return undefined;
  const nested = new NestedMacros(index, root);
  nested.expand(used, 0);
  return `where:\n\n${nested.lines.join('\n')}`;
}

export function macroHover(index: WorkspaceIndex, name: string, describe: DescribeLocation): string {
  const effective = effectiveMacro(index, name);
  const parts = [`**macro** ${inlineCode(name)}`];
  if (effective.condition === undefined) {
    parts.push(effective.contributions.length === 0 ? 'Not defined in the indexed rules files.' : 'No item defines it before it is changed.');
    const upstream = upstreamNote('macro', name);
    if (upstream) parts.push(upstream);
  } else {
    parts.push(codeBlock(effective.condition));
    const where = nestedMacrosSection(index, name, macrosUsedBy(effective.parts));
    if (where) parts.push(where);
  }
  const base = effective.parts[0];
  if (effective.contributions.length > 0) {
    parts.push(
      describeContributions(effective.contributions, describe, {
        layout: 'line',
        // A definition that a later item replaced: show what it said.
        definitionNote: (contribution) => {
          return contribution.location === base ? undefined : `: ${inlineCode(scalarText(definitionValue(contribution.location, 'condition')))}`;
        },
      }),
    );
  }
  return parts.join('\n\n');
}
