/**
 * Hover: finds what is under the cursor and hands it to the module that describes it — a macro, list or rule
 * (effective definition after every append and override, in load order; hover/*Hover.ts), a field
 * (hover/fieldHover.ts), or a tag, priority, operator or event type (hoverFacts.ts).
 */
import type { IndexedFile, WorkspaceIndex } from '../semantic/workspaceIndex';
import { fieldHover } from './hover/fieldHover';
import { listHover } from './hover/listHover';
import { macroHover } from './hover/macroHover';
import { ruleHover } from './hover/ruleHover';
import type { DescribeLocation, HoverCatalogs, HoverResult } from './hover/types';
import { undefinedListHover } from './hover/upstreamHover';
import { getFactHover } from './hoverFacts';
import { findItemAt, locate, symbolOf } from './locate';

export type { DescribeLocation, HoverCatalogs, HoverResult } from './hover/types';

export function getHover(index: WorkspaceIndex, catalogs: HoverCatalogs, file: IndexedFile, offset: number, describe: DescribeLocation): HoverResult | undefined {
  const target = locate(file, offset);
  if (!target || (target.type === 'reference' && target.reference.kind === 'list' && index.declarationsOf('list', target.reference.name).length === 0)) {
    // Not a workspace name: a tag, a priority, an operator or an event type may still have something to say.
    const item = findItemAt(file, offset);
    const fact = item ? getFactHover(item, offset, catalogs) : undefined;
    if (fact || target?.type !== 'reference') return fact;
    // Or a list that an upstream rules file, missing from the workspace, defines.
    const markdown = undefinedListHover(target.reference.name);
    return markdown ? { markdown, span: target.span } : undefined;
  }
  if (target.type === 'field') {
    const markdown = fieldHover(index, catalogs, target);
    return markdown ? { markdown, span: target.span } : undefined;
  }
  const symbol = symbolOf(target);
  if (!symbol) return undefined;
  let markdown: string | undefined;
  if (symbol.kind === 'macro') markdown = macroHover(index, symbol.name, describe);
  else if (symbol.kind === 'list') markdown = listHover(index, symbol.name, describe);
  else markdown = ruleHover(index, catalogs.events, symbol.name, describe);
  return markdown ? { markdown, span: target.span } : undefined;
}
