/**
 * Macros that no rule or macro of the workspace refers to (LOAD_UNUSED_MACRO "Macro not referred to by any other
 * rule/macro"). Judged on every file in load order, as the engine does at the end of the load: a library file's
 * macro used by a later file is used, and a macro used only by an unused macro still counts as used
 * (falco-language.md §1.11, §5.4). Rules whose event source no loaded plugin provides are dropped before the
 * compile, so what only they use is unused. Reported on each full definition of the name in this file.
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { isUsedByCompiledItems } from './support';

const codes = defineCodes([
  {
    code: 'unused-macro',
    severity: 'warning',
    engineCode: 'LOAD_UNUSED_MACRO',
    summary: 'A macro is never used by any rule or macro of the workspace.',
    fix: 'Use the macro in a condition or remove it; lower the severity with `falco.diagnostics.severity` for a library of macros meant for other files.',
    example: `- macro: is_bash   # no rule or macro refers to it
  condition: proc.name = bash
`,
  },
]);

export const unusedMacroCheck: Check = {
  name: 'unused-macro',
  codes,
  itemLocal: true,
  run(context) {
    const checked = new Set(context.items.map((item) => item.index));
    for (const declaration of context.file.symbols.declarations) {
      if (!checked.has(declaration.itemIndex)) continue;
      if (declaration.kind !== 'macro' || declaration.mode !== 'define') continue;
      if (context.model.isMacroUsed(declaration.name) && isUsedByCompiledItems(context, declaration.name, ['macro'])) continue;
      context.report({
        code: 'unused-macro',
        message: `Macro '${declaration.name}' is not used by any rule or macro ('Macro not referred to by any other rule/macro'). Use it in a condition or remove it.`,
        span: declaration.nameSpan,
        severity: 'warning',
        tags: ['unnecessary'],
      });
    }
  },
};
