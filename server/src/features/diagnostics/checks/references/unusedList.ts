/**
 * Lists that no condition, exception or other list of the workspace mentions (LOAD_UNUSED_LIST "List not referred
 * to by any other rule/macro"). Judged on every file in load order: any macro or rule text counts (lists are
 * substituted as text, even into unused macros and even in check position), and a list named only in another
 * list's items counts (falco-language.md §5.1, §5.2, §5.4). What only rules of an event source that no loaded plugin provides use is
 * unused (the engine drops those rules before compiling). Reported on each full definition in this file.
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { isUsedByCompiledItems } from './support';

const codes = defineCodes([
  {
    code: 'unused-list',
    severity: 'warning',
    engineCode: 'LOAD_UNUSED_LIST',
    summary: 'A list is never used by any rule, macro or list of the workspace.',
    fix: 'Use the list in a condition (`proc.name in (my_shells)`) or remove it; lower the severity with `falco.diagnostics.severity` for a library of lists meant for other files.',
    example: `- list: my_shells   # no rule, macro or list refers to it
  items: [bash, zsh]
`,
  },
]);

/** A name a condition can mention (the bare-word token of the condition grammar). */
const referable = /^[^()"'\s=,]+$/;

export const unusedListCheck: Check = {
  name: 'unused-list',
  codes,
  itemLocal: true,
  run(context) {
    const checked = new Set(context.items.map((item) => item.index));
    for (const declaration of context.file.symbols.declarations) {
      if (!checked.has(declaration.itemIndex)) continue;
      if (declaration.kind !== 'list' || declaration.mode !== 'define') continue;
      // A list name in check position is substituted as text too (it is not a macro reference then).
      const referenced = context.model.isListUsed(declaration.name) || context.index.referencesOf('macro', declaration.name).length > 0;
      if (referenced && isUsedByCompiledItems(context, declaration.name, ['list', 'macro'])) continue;
      const example = referable.test(declaration.name) ? `, e.g. in \`in (${declaration.name})\`,` : '';
      context.report({
        code: 'unused-list',
        message: `List '${declaration.name}' is not used by any rule, macro or list ('List not referred to by any other rule/macro'). Use it${example} or remove it.`,
        span: declaration.nameSpan,
        severity: 'warning',
        tags: ['unnecessary'],
      });
    }
  },
};
