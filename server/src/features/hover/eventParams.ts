/**
 * What `evt.arg.<name>`, `evt.rawarg.<name>` and `evt.arg[N]` read: the event parameter they name, and which of
 * the event types the condition matches have it (or, without a restriction, which event types do).
 */
import type { EventCatalog } from '../../semantic/catalogs/eventCatalog';
import type { FieldArgumentUse } from '../../semantic/catalogs/fieldTypes';
import { inlineCode, inlineList } from './markdown';

/** Above this many matched event types, the parameter is described without them. */
const MAX_MATCHED = 40;
/** Event types whose parameters are listed for `evt.arg[N]`. */
const MAX_LISTED_EVENTS = 6;

const eventsByParam = new WeakMap<EventCatalog, Map<string, string[]>>();

/** Event types having a parameter, from an index built once per catalog. */
function eventsWithParam(events: EventCatalog, param: string): readonly string[] {
  let index = eventsByParam.get(events);
  if (!index) {
    index = new Map();
    for (const name of events.eventNames()) {
      for (const candidate of events.paramsOf(name) ?? []) {
        const list = index.get(candidate);
        if (list) list.push(name);
        else index.set(candidate, [name]);
      }
    }
    eventsByParam.set(events, index);
  }
  return index.get(param) ?? [];
}

function namedParameter(events: EventCatalog, field: string, param: string, matched: readonly string[] | undefined): string {
  const how = field === 'evt.rawarg' ? 'as its raw value' : 'formatted as text';
  const head = `${inlineCode(`${field}.${param}`)} reads the event parameter ${inlineCode(param)}, ${how}.`;
  const all = eventsWithParam(events, param);
  if (all.length === 0) return `${head} No event type has a parameter of that name.`;
  if (matched && matched.length > 0 && matched.length <= MAX_MATCHED) {
    const having = matched.filter((name) => events.paramsOf(name)?.includes(param));
    const lacking = matched.filter((name) => !having.includes(name));
    if (lacking.length === 0) return `${head} Every event type the condition matches has it: ${inlineList(having, 8)}.`;
    if (having.length === 0) return `${head} None of the event types the condition matches has it: ${inlineList(lacking, 8)}.`;
    return `${head} Of the event types the condition matches, ${inlineList(having, 8)} ${having.length === 1 ? 'has' : 'have'} it and ${inlineList(lacking, 8)} ${lacking.length === 1 ? 'does' : 'do'} not.`;
  }
  return `${head} Event types that have it: ${inlineList(all, 8)}.`;
}

function positionalParameter(events: EventCatalog, field: string, position: string, matched: readonly string[] | undefined): string {
  const head =
    `${inlineCode(`${field}[${position}]`)} reads the event's parameter number ${inlineCode(position)} (counting from 0); ` +
    `which parameter that is depends on the event type and on its direction (enter or exit), so ${inlineCode(`${field}.<name>`)} is clearer.`;
  if (!matched || matched.length === 0 || matched.length > MAX_LISTED_EVENTS) return head;
  const lines = matched.map((name) => `- ${inlineCode(name)}: ${inlineList(events.paramsOf(name) ?? [], 12)}`);
  return `${head}\n\nParameter names of the event types the condition matches (both directions):\n\n${lines.join('\n')}`;
}

/**
 * The line saying what an event-parameter argument reads. `matched` gives the event types the hovered condition
 * matches (undefined when it does not restrict them); it is only called when needed.
 */
export function eventParamLine(events: EventCatalog, field: string, argument: FieldArgumentUse, matched: () => readonly string[] | undefined): string {
  if (argument.syntax === 'dot') return namedParameter(events, field, argument.text, matched());
  return positionalParameter(events, field, argument.text, matched());
}
