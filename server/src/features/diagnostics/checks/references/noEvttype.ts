/**
 * Syscall rules whose condition does not narrow the event types (LOAD_NO_EVTTYPE "Rule matches too many evt.type
 * values…"): the set of event types the condition can match, macros expanded and lists substituted
 * (semantic/evttypes.ts), has more than 100 event codes, or none at all — released engines (≤ 0.44) warn on a
 * contradictory condition too (falco-language.md §8.2). `warn_evttypes: false` silences it. Reported on the
 * condition of the rule's full definition.
 */
import { conditionParts, conditionRole } from '../../../../semantic/conditionParts';
import { EventTypeResolver, matchesTooManyEventTypes } from '../../../../semantic/evttypes';
import { toSourceSpan } from '../../../../syntax/embeddedText';
import type { RulesItem } from '../../../../syntax/rulesFile';
import { getPair, getScalar, type YNode } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';

const codes = defineCodes([
  {
    code: 'no-evttype',
    severity: 'warning',
    engineCode: 'LOAD_NO_EVTTYPE',
    summary: 'A syscall rule does not restrict evt.type (or its evt.type checks contradict each other), so it is evaluated for every event.',
    fix: 'Add an `evt.type` check that every match must pass, e.g. `evt.type in (open, openat, openat2) and …`, or use a macro that has one (`open_read`).',
    example: `- rule: Shadow file touched
  desc: d
  condition: fd.name = /etc/shadow   # no evt.type check
  output: "%proc.name touched %fd.name"
  priority: WARNING
`,
  },
]);

const falseWords = new Set(['n', 'no', 'false', 'off'].flatMap((word) => [word, word.toUpperCase(), word[0].toUpperCase() + word.slice(1)]));

function isFalse(node: YNode | null | undefined): boolean {
  return Boolean(node && node.kind === 'scalar' && falseWords.has(node.value));
}

/** `warn_evttypes` of a full definition, as replaced by the overrides that follow it in load order. */
function warnsEventTypes(context: CheckContext, item: RulesItem): boolean {
  let warns = !isFalse(getPair(item.map!, 'warn_evttypes')?.value);
  const locations = context.index.declarationsOf('rule', item.name!);
  const start = locations.findIndex((location) => location.file.uri === context.file.uri && location.declaration.itemIndex === item.index);
  if (start < 0) return warns;
  for (let i = start + 1; i < locations.length; i++) {
    const location = locations[i];
    if (location.declaration.mode === 'define') break;
    const other = location.file.syntax.items[location.declaration.itemIndex];
    if (!other?.map || !other.override || getScalar(other.override, 'warn_evttypes')?.value !== 'replace') continue;
    const value = getPair(other.map, 'warn_evttypes')?.value;
    if (value) warns = !isFalse(value);
  }
  return warns;
}

export const noEvttypeCheck: Check = {
  name: 'no-evttype',
  codes,
  run(context) {
    const { file } = context;
    let resolver: EventTypeResolver | undefined;
    for (const item of file.syntax.items) {
      if (item.kind !== 'rule' || item.name === null || !item.map || !item.condition) continue;
      if (item.legacyAppend || item.override || conditionRole(item) !== 'base') continue;
      const source = getScalar(item.map, 'source');
      if (source && !source.isNull && source.value !== 'syscall') continue;
      if (!warnsEventTypes(context, item)) continue;
      resolver ??= EventTypeResolver.for(context.index, context.catalogs.events);
      const result = resolver.ofRule(item.name, { uri: file.uri, itemIndex: item.index });
      if (!result || !result.exact || !matchesTooManyEventTypes(result.set)) continue;
      const text = item.condition.scalar.text;
      const span = toSourceSpan(text, { start: 0, end: text.value.length });
      let message: string;
      if (result.set.isEmpty) {
        message =
          "This condition can match no event type: its evt.type checks contradict each other. Falco 0.44 and earlier report it as 'Rule matches too many evt.type values'; fix the evt.type checks.";
      } else {
        const scope = result.set.isAll ? 'does not restrict evt.type' : `still matches ${result.set.names().length} event types`;
        message = `Rule matches too many evt.type values ('Rule matches too many evt.type values'): its condition ${scope}, so Falco evaluates it for nearly every event. Add a check such as \`evt.type in (…)\` or a macro that has one, or set \`warn_evttypes: false\`.`;
      }
      const related = conditionParts(context.index, 'rule', item.name, { uri: file.uri, itemIndex: item.index })
        .filter((part) => part.item !== item)
        .map((part) => ({
          uri: part.file.uri,
          span: part.condition.scalar.span,
          message: part.role === 'append' ? 'condition appended here' : 'condition replaced here',
        }));
      context.report({ code: 'no-evttype', message, span, severity: 'warning', ...(related.length > 0 ? { related } : {}) });
    }
  },
};
