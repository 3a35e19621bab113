/**
 * A rule defined or updated with a source other than the one of its earlier definition: the engine fails with
 * "Rule has been re-defined with a different source". A full definition always has a source (`syscall` by
 * default); an update has one only when it says so explicitly, and an `override` item only carries it when it
 * appends to or replaces the condition (falco-language.md §1.10, §2.1).
 */
import { OVERRIDE_KEYS } from '../../../../syntax/itemKeys';
import type { RulesItem } from '../../../../syntax/rulesFile';
import { getPair, type YMap } from '../../../../syntax/yaml/tree';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { checkedItems, itemNameSpan, nonNullScalar, overriddenKeys, ruleShape } from './shared';

const codes = defineCodes([
  {
    code: 'source-mismatch',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'A rule is redefined or updated with a different event source than its earlier definition.',
    fix: 'Keep the event source of the earlier definition, or give the rule for the other source a name of its own.',
    example: `- rule: Secret read
  desc: d
  condition: evt.type = open and fd.name = /etc/shadow
  output: "%proc.name read %fd.name"
  priority: WARNING
- rule: Secret read   # was a syscall rule
  desc: d
  condition: ka.verb = get and ka.target.resource = secrets
  output: "%ka.user.name read a secret"
  priority: WARNING
  source: k8s_audit
`,
  },
]);

function explicitSource(map: YMap): string {
  return nonNullScalar(getPair(map, 'source')?.value)?.value ?? '';
}

/** The source the engine compares for this item, or '' when it compares none. */
function comparedSource(map: YMap): string {
  switch (ruleShape(map)) {
    case 'define':
      return explicitSource(map) || 'syscall';
    case 'legacy-append':
      return explicitSource(map);
    case 'override':
      return overriddenKeys(map, OVERRIDE_KEYS.rule).has('condition') ? explicitSource(map) : '';
    default:
      return '';
  }
}

function isDefinition(item: RulesItem | undefined): item is RulesItem & { map: YMap } {
  return Boolean(item && item.kind === 'rule' && item.map && ruleShape(item.map) === 'define');
}

export const sourceMismatchCheck: Check = {
  name: 'source-mismatch',
  codes,
  itemLocal: true,
  run(context) {
    const file = context.file;
    for (const item of checkedItems(file.syntax, context.items)) {
      if (item.kind !== 'rule' || !item.map || item.name === null) continue;
      const source = comparedSource(item.map);
      if (source === '') continue;
      const earlier = context.model.declarationsBefore('rule', item.name, context.model.pointOf(file.uri, item.index));
      for (let index = earlier.length - 1; index >= 0; index--) {
        const location = earlier[index];
        const previous = location.file.syntax.items[location.declaration.itemIndex];
        if (!isDefinition(previous)) continue;
        const previousSource = explicitSource(previous.map) || 'syscall';
        if (previousSource !== source) {
          const sourceNode = nonNullScalar(getPair(item.map, 'source')?.value);
          context.report({
            code: 'source-mismatch',
            severity: 'error',
            span: itemNameSpan(item),
            message: `Rule \`${item.name}\` was defined earlier for source \`${previousSource}\`, and this item ${sourceNode ? 'says' : 'implies'} \`${source}\` ('Rule has been re-defined with a different source'). Use a new rule name or the same source.`,
            related: [{ uri: location.file.uri, span: location.declaration.nameSpan, message: `Earlier definition (source \`${previousSource}\`)` }],
          });
        }
        break;
      }
    }
  },
};
