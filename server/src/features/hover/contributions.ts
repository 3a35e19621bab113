/**
 * Renders the items that make up a rule, macro or list, in load order: where each one is, what it does
 * (defines, appends, replaces, overrides) and the text it adds or sets.
 */
import type { DescribeLocation } from './types';
import type { Contribution, KeyChange } from './effective';
import { exceptionNames, scalarItems, scalarText } from './effective';
import { inlineCode, inlineList } from './markdown';

/** The most items listed; a name defined in hundreds of files stays readable. */
const MAX_CONTRIBUTIONS = 20;

const labels: Record<Exclude<Contribution['kind'], 'enable'>, string> = {
  define: 'defined in',
  redefine: 'redefined in',
  append: 'append in',
  replace: 'replace in',
  override: 'override in',
};

/** A key's value as shown in a list line: text as a code span, sequences as lists of code spans. */
export function changeValue(change: KeyChange): string {
  const value = change.value;
  if (change.key === 'exceptions') return inlineList(exceptionNames(value));
  if (value && value.kind === 'seq') return inlineList(scalarItems(value));
  return inlineCode(scalarText(value));
}

function header(contribution: Contribution, describe: DescribeLocation): string {
  const { location } = contribution;
  const where = inlineCode(describe(location.file.uri, location.declaration.nameSpan));
  if (contribution.kind === 'enable') {
    return `${inlineCode(`enabled: ${scalarText(contribution.changes[0]?.value)}`)} in ${where} (enabled-only item)`;
  }
  return `${labels[contribution.kind]} ${where}${contribution.legacy ? ' (`append: true`)' : ''}`;
}

export interface ContributionOptions {
  /** What to show after a full definition (e.g. its condition when a later item replaced it). */
  readonly definitionNote?: (contribution: Contribution) => string | undefined;
  /** One line per item (`: value`) for single-key kinds; a sub-list of keys for rules. */
  readonly layout: 'line' | 'keys';
}

function renderOne(contribution: Contribution, describe: DescribeLocation, options: ContributionOptions): string {
  let line = `- ${header(contribution, describe)}`;
  const isDefinition = contribution.kind === 'define' || contribution.kind === 'redefine';
  const listsKeys = options.layout === 'keys' && !isDefinition && contribution.kind !== 'enable';
  if (isDefinition) {
    const note = options.definitionNote?.(contribution);
    if (note) line += note;
  } else if (options.layout === 'line' && contribution.changes.length > 0) {
    line += `: ${changeValue(contribution.changes[0])}`;
  }
  if (contribution.rejected) line += ` — rejected by Falco: ${contribution.rejected}`;
  if (listsKeys) {
    for (const change of contribution.changes) line += `\n  - ${inlineCode(change.key)} ${change.operation}: ${changeValue(change)}`;
  }
  return line;
}

/** The list of contributing items, in load order, under a label (so it never merges with a list above it). */
export function describeContributions(contributions: readonly Contribution[], describe: DescribeLocation, options: ContributionOptions): string {
  const lines = contributions.slice(0, MAX_CONTRIBUTIONS).map((contribution) => renderOne(contribution, describe, options));
  if (contributions.length > MAX_CONTRIBUTIONS) lines.push(`- … ${contributions.length - MAX_CONTRIBUTIONS} more`);
  return `In load order:\n\n${lines.join('\n')}`;
}
