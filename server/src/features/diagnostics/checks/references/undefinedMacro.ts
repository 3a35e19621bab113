/**
 * Macro references that the engine cannot resolve ("Undefined macro '…' used in filter.", LOAD_ERR_VALIDATE):
 * a rule sees every macro first defined in its own file or a file loaded before it; a macro only sees macros
 * first defined before its own last definition or append (falco-language.md §5.3). A name that is a list is
 * substituted as text and is not a macro reference. A `not` left at the end of a plain condition is read as a
 * macro name (engine-verified surprise 6). Items the engine never compiles are left out: a condition replaced
 * later in the same file, an update of a name not defined yet, and (as a warning only) rules of an event source
 * that no loaded plugin provides. Macros of upstream rules files that the configuration loads but the workspace
 * lacks (`assumedUpstream`) are visible from everywhere unless the workspace defines the name itself.
 */
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix, RelatedPlace } from '../../diagnostic';
import { changeToFixes } from '../../fixes/didYouMean';
import type { LoadPoint } from '../../../../semantic/loadModel';
import { didYouMean, suggest } from '../../suggest';
import { assumedNames } from '../../../../semantic/catalogs/upstreamNames';
import type { RulesItem } from '../../../../syntax/rulesFile';
import {
  declaredNames, describePlace, isListUpTo, isSourceLoaded, macroReferences, macroVisibility, ruleSourceOf, supersededItems,
  type MacroReference,
} from './support';
import { assumedUpstreamFile, unloadedUpstreamNote } from './upstreamNotFound';

const codes = defineCodes([
  {
    code: 'undefined-macro',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'A condition refers to a macro that is not defined, or not visible from there in the load order.',
    fix: 'Correct the name (the message suggests the closest macro), define the macro, or load the file that defines it earlier; a macro only sees macros defined above it.',
    quickFix: 'Changes the name to each of the closest macros visible from the condition (up to three).',
    example: `- macro: spawned_process
  condition: evt.type = execve
- rule: Shell spawned
  desc: d
  condition: spawned_proces and proc.name = bash   # spawned_process
  output: "shell %proc.name"
  priority: NOTICE
`,
  },
]);

const KEYWORDS = new Set(['and', 'or', 'not']);

/**
 * The macros closest to a name that the condition at `point` sees (a fix to any other would still fail),
 * assumed upstream macros included.
 */
function visibleSuggestions(context: CheckContext, name: string, names: Set<string>, point: LoadPoint, kind: 'rule' | 'macro'): string[] {
  if (KEYWORDS.has(name)) return [];
  const visible = [...names].filter((candidate) => context.model.isMacroVisible(candidate, point, kind));
  const upstream = assumedNames('macro', context.options.assumedUpstream).filter((candidate) => !names.has(candidate) && assumedUpstreamFile(context, 'macro', candidate));
  return suggest(name, upstream.length > 0 ? [...visible, ...upstream] : visible, 3);
}

function explain(
  context: CheckContext,
  item: RulesItem,
  reference: MacroReference,
  names: () => Set<string>,
  visible: readonly string[],
): { message: string; related?: RelatedPlace[] } {
  const name = reference.name;
  const quoted = `Undefined macro '${name}'`;
  if (name === 'not') {
    return { message: `The condition ends with a dangling \`not\`, which the engine reads as a macro name (${quoted}). Complete the expression after \`not\` or remove it.` };
  }
  if (KEYWORDS.has(name)) {
    return { message: `\`${name}\` cannot start an expression here: the engine reads it as a macro name (${quoted}). Remove it or add the missing operand before it.` };
  }
  const first = context.model.firstDefinition('macro', name);
  if (!first) {
    const list = context.index.declarationsOf('list', name)[0];
    if (list) {
      return {
        message: `${quoted}: '${name}' is a list of ${describePlace(context.file, list.file, list.declaration.nameSpan)}, which Falco loads after this file, so its items are not substituted here. Load that file earlier.`,
        related: [{ uri: list.file.uri, span: list.declaration.nameSpan, message: `list '${name}' is defined here` }],
      };
    }
    const guess = visible.length > 0 ? ` Did you mean \`${visible[0]}\`?` : didYouMean(name, names());
    return { message: `${quoted}: no macro of this name is defined.${guess}${unloadedUpstreamNote(context, 'macro', name)}` };
  }
  const related: RelatedPlace[] = [{ uri: first.file.uri, span: first.declaration.nameSpan, message: `macro '${name}' is defined here` }];
  const place = describePlace(context.file, first.file, first.declaration.nameSpan);
  const sameFile = first.file.uri === context.file.uri;
  if (item.kind === 'rule') {
    return {
      message: `${quoted}: it is defined in ${place}, which Falco loads after this file. A rule only sees macros of its own file and of files loaded before it: load that file earlier or move the macro.`,
      related,
    };
  }
  if (name === item.name) return { message: `${quoted}: a macro cannot refer to itself.`, related };
  const where = sameFile ? `later, at ${place}` : `in ${place}, which Falco loads after this file`;
  return {
    message: `${quoted}: it is defined ${where}, and a macro only sees macros defined before it. Move the definition of '${name}' above this macro.`,
    related,
  };
}

export const undefinedMacroCheck: Check = {
  name: 'undefined-macro',
  codes,
  itemLocal: true,
  run(context) {
    const { file, model, index } = context;
    const filePosition = index.positionOf(file.uri);
    let superseded: Set<number> | undefined;
    let names: Set<string> | undefined;
    const allNames = () => (names ??= declaredNames(index, 'macro'));
    for (const item of context.items) {
      if ((item.kind !== 'rule' && item.kind !== 'macro') || !item.condition || item.name === null) continue;
      const references = macroReferences(item);
      if (references.length === 0) continue;
      superseded ??= supersededItems(file);
      if (superseded.has(item.index)) continue;
      // An update of a name that does not exist yet fails on its own and is never compiled.
      if ((item.legacyAppend || item.override) && !model.isDefinedBefore(item.kind, item.name, model.pointOf(file.uri, item.index))) {
        if (!assumedUpstreamFile(context, item.kind, item.name)) continue;
      }
      const point = item.kind === 'rule' ? model.pointOf(file.uri, item.index) : macroVisibility(context, item.name, item);
      let severity: 'error' | 'warning' = 'error';
      let skipped = '';
      if (item.kind === 'rule') {
        const source = ruleSourceOf(context, item);
        if (!isSourceLoaded(context, source)) {
          severity = 'warning';
          skipped = ` (Falco skips this rule for now: no loaded plugin provides its source \`${source}\`.)`;
        }
      }
      const hasSyntaxProblems = item.condition.parsed.problems.length > 0;
      for (const reference of references) {
        if (model.isMacroVisible(reference.name, point, item.kind)) continue;
        if ((reference.name === 'and' || reference.name === 'or') && hasSyntaxProblems) continue;
        if (!KEYWORDS.has(reference.name) && isListUpTo(index, reference.name, filePosition)) continue;
        // Loaded before every workspace file by the configuration, though not in the workspace.
        if (!KEYWORDS.has(reference.name) && assumedUpstreamFile(context, 'macro', reference.name)) continue;
        // A macro defined later or a list loaded later is a matter of load order, not of spelling.
        const defined = model.firstDefinition('macro', reference.name) !== undefined || index.declarationsOf('list', reference.name).length > 0;
        const visible = defined ? [] : visibleSuggestions(context, reference.name, allNames(), point, item.kind);
        const { message, related } = explain(context, item, reference, allNames, visible);
        const fixes: DiagnosticFix[] = changeToFixes(file.syntax.text, reference.span, reference.name, visible);
        context.report({
          code: 'undefined-macro',
          message: message + skipped,
          span: reference.span,
          severity,
          ...(related ? { related } : {}),
          ...(fixes.length > 0 ? { fixes } : {}),
        });
      }
    }
  },
};
