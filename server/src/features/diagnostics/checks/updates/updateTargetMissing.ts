/**
 * Updates need something to update (falco-language.md §2.2–2.3, §1.8 b): an append (legacy or `override`) to a
 * list, macro or rule, a rule `replace` and the legacy enabled-only rule item all require an earlier definition
 * of the name in load order (`LOAD_ERR_VALIDATE`). A list or macro `override: replace` is a definition and needs
 * none. A legacy rule append must carry a condition or exceptions. A name that only an upstream rules file defines,
 * which the configuration loads but the workspace lacks (`assumedUpstream`), is assumed defined before every file.
 */
import type { SymbolKind } from '../../../../semantic/fileSymbols';
import { compareLoadPoints, definesName } from '../../../../semantic/loadModel';
import type { RulesItem } from '../../../../syntax/rulesFile';
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { suggest } from '../../suggest';
import { assumedUpstreamFile, unloadedUpstreamNote } from '../references/upstreamNotFound';
import { contentSpan, isNamedKind, requiredTarget, updateShape } from './updateFacts';

const codes = defineCodes([
  {
    code: 'update-target-missing',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'An item appends to or replaces parts of a list, macro or rule that is not defined earlier in the load order.',
    fix: 'Fix the name, or load the file that defines it first (falco.yaml `rules_files`), or turn the item into a full definition.',
    example: '- list: shell_binaris   # typo of shell_binaries\n  items: [fish]\n  override:\n    items: append\n',
  },
  {
    code: 'empty-rule-update',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: "A legacy rule append has neither 'condition' nor 'exceptions'.",
    fix: 'Give the append a `condition` or `exceptions`; use `override` to change other keys.',
    example: '- rule: Terminal shell in container\n  output: more text\n  append: true\n',
  },
]);

function describeUpdate(item: RulesItem, need: 'append' | 'replace' | 'enable'): string {
  if (need === 'enable') return "sets only 'enabled'";
  if (item.legacyAppend) return "uses 'append: true'";
  return need === 'append' ? "appends with 'override'" : "replaces keys with 'override'";
}

/** Names of a kind defined before a point, for did-you-mean (computed only when a target is missing). */
function namesDefinedBefore(context: CheckContext, kind: SymbolKind, item: RulesItem): string[] {
  const point = context.model.pointOf(context.file.uri, item.index);
  const names = new Set<string>();
  for (const location of context.index.allDeclarations()) {
    if (location.declaration.kind !== kind || !definesName(location.declaration)) continue;
    if (compareLoadPoints({ filePosition: location.filePosition, itemIndex: location.declaration.itemIndex }, point) >= 0) continue;
    names.add(location.declaration.name);
  }
  return [...names];
}

function laterDefinitionNote(context: CheckContext, kind: SymbolKind, item: RulesItem): string {
  const point = context.model.pointOf(context.file.uri, item.index);
  const later = context.index
    .declarationsOf(kind, item.name!)
    .find((location) => definesName(location.declaration) && compareLoadPoints({ filePosition: location.filePosition, itemIndex: location.declaration.itemIndex }, point) > 0);
  if (!later) return '';
  if (later.file.uri === context.file.uri) return ` It is defined further down this file: move that definition above this item.`;
  return ` It is defined in ${later.file.path}, which is loaded after this file.`;
}

export const updateTargetMissingCheck: Check = {
  name: 'update-target-missing',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (!isNamedKind(item) || item.name === null || !item.nameNode) continue;
      const need = requiredTarget(item);
      if (need === null) continue;
      const span = contentSpan(item.nameNode);
      const point = context.model.pointOf(context.file.uri, item.index);
      if (!context.model.isDefinedBefore(item.kind, item.name, point) && !assumedUpstreamFile(context, item.kind, item.name)) {
        const candidates = suggest(item.name, namesDefinedBefore(context, item.kind, item), 1);
        const hint = candidates.length > 0 ? ` Did you mean \`${candidates[0]}\`?` : '';
        const note = laterDefinitionNote(context, item.kind, item);
        const fix = note === '' && hint === '' ? ` Define the ${item.kind} first, or make this item a full definition.` : '';
        context.report({
          code: 'update-target-missing',
          message: `This item ${describeUpdate(item, need)}, but no ${item.kind} '${item.name}' is defined before it in the load order.${hint}${note}${fix}${note === '' ? unloadedUpstreamNote(context, item.kind, item.name) : ''}`,
          span,
          severity: 'error',
        });
      }
      if (item.kind === 'rule' && updateShape(item) === 'legacy-append' && !getPair(item.map, 'condition') && !getPair(item.map, 'exceptions')) {
        context.report({
          code: 'empty-rule-update',
          message: "An appended rule must have 'condition' or 'exceptions'; other keys are ignored by a legacy append.",
          span,
          severity: 'error',
        });
      }
    }
  },
};
