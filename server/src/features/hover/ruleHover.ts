/**
 * Hover on a rule: its effective definition once every item naming it is loaded (description, priority,
 * source, the event types a syscall rule matches, enabled, tags, exceptions, condition and output), then the
 * items that define and change it, in load order, with what each one changes.
 */
import type { EventCatalog } from '../../semantic/catalogs/eventCatalog';
import { EventTypeResolver } from '../../semantic/evttypes';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import { describeContributions } from './contributions';
import { effectiveRule, RULE_FLAG_KEYS, type RuleState } from './effective';
import { codeBlock, inlineCode, inlineList, plainText, plural } from './markdown';
import type { DescribeLocation } from './types';

/** Event types named in the line before it is cut. */
const MAX_EVENT_NAMES = 12;

/** "matches 3 event types: `execve`, `execveat`, …" for a syscall rule, from the event-type resolver. */
export function eventTypesLine(index: WorkspaceIndex, events: EventCatalog, name: string, from: { uri: string; itemIndex: number }): string | undefined {
  const result = EventTypeResolver.for(index, events).ofRule(name, from);
  if (!result) return undefined;
  if (result.set.isAll) return 'matches every event type (no `evt.type` restriction)';
  if (result.set.isEmpty) return 'matches no event type (its `evt.type` checks contradict each other)';
  const names = result.set.names();
  const shown = names.slice(0, MAX_EVENT_NAMES).map((event) => inlineCode(event)).join(', ');
  return `${result.exact ? 'matches' : 'matches about'} ${plural(names.length, 'event type')}: ${shown}${names.length > MAX_EVENT_NAMES ? ', …' : ''}`;
}

function factsList(state: RuleState): string {
  const facts = [state.enabled ? 'enabled: `true`' : 'enabled: `false` (loaded and checked, but never triggers)'];
  if (state.tags.length > 0) facts.push(`tags: ${inlineList(state.tags, 20)}`);
  if (state.exceptions.length > 0) facts.push(`exceptions: ${inlineList(state.exceptions, 20)}`);
  for (const key of RULE_FLAG_KEYS) {
    const value = state.flags.get(key);
    if (value !== undefined) facts.push(`${inlineCode(key)}: ${inlineCode(value)}`);
  }
  return facts.map((fact) => `- ${fact}`).join('\n');
}

export function ruleHover(index: WorkspaceIndex, events: EventCatalog, name: string, describe: DescribeLocation): string {
  const { state, definition, contributions } = effectiveRule(index, name);
  const parts = [`**rule** ${inlineCode(name)}`];
  if (!state || !definition) {
    parts.push(contributions.length === 0 ? 'Not defined in the indexed rules files.' : 'No full definition comes before the items that change it.');
  } else {
    if (state.desc) parts.push(plainText(state.desc));
    parts.push([...(state.priority !== undefined ? [`priority ${inlineCode(state.priority)}`] : []), `source ${inlineCode(state.source)}`].join(' · '));
    if (state.source === 'syscall') {
      const line = eventTypesLine(index, events, name, { uri: definition.file.uri, itemIndex: definition.declaration.itemIndex });
      if (line) parts.push(line);
    }
    parts.push(factsList(state));
    if (state.condition !== undefined) parts.push(`condition:\n\n${codeBlock(state.condition)}`);
    if (state.output !== undefined) parts.push(`output:\n\n${codeBlock(state.output)}`);
  }
  if (contributions.length > 0) {
    parts.push(
      describeContributions(contributions, describe, {
        layout: 'keys',
        definitionNote: (contribution) => (contribution.location === definition ? undefined : ' (replaced by a later definition)'),
      }),
    );
  }
  return parts.join('\n\n');
}
