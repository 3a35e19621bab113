/**
 * Macro and list names a condition cannot refer to. A macro name must be an identifier
 * (`[a-zA-Z]+[a-zA-Z0-9_]*`); a list name must be a bare word without blanks, parentheses, quotes, `=` or `,`.
 * The engine warns and keeps the item (falco-language.md §1.6, §1.7).
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { checkedItems } from './shared';

const codes = defineCodes([
  {
    code: 'invalid-macro-name',
    severity: 'warning',
    engineCode: 'LOAD_INVALID_MACRO_NAME',
    summary: 'A macro name is not an identifier, so no condition can use it.',
    fix: 'Rename the macro so that it starts with a letter and has only letters, digits and `_` (the message proposes a name), and update the conditions that use it.',
    example: `- macro: shell-procs   # shell_procs
  condition: proc.name in (bash, sh)
`,
  },
  {
    code: 'invalid-list-name',
    severity: 'warning',
    engineCode: 'LOAD_INVALID_LIST_NAME',
    summary: 'A list name contains blanks, parentheses, quotes, `=` or `,`, so no condition can use it.',
    fix: 'Rename the list without blanks, parentheses, quotes, `=` and `,` (the message proposes a name), and update the conditions that use it.',
    example: `- list: "shell binaries"   # shell_binaries
  items: [bash, sh]
`,
  },
]);

const macroName = /^[a-zA-Z][a-zA-Z0-9_]*$/;
// POSIX [:space:] is space, \t, \n, \v, \f and \r.
const listName = /^[^()"' \t\n\v\f\r=,]+$/;

function macroNameFix(name: string): string | undefined {
  const fixed = name.replace(/[^a-zA-Z0-9_]+/g, '_').replace(/^[^a-zA-Z]+/, '');
  return fixed !== '' && macroName.test(fixed) ? fixed : undefined;
}

function listNameFix(name: string): string | undefined {
  const fixed = name
    .trim()
    .replace(/[()"' \t\n\v\f\r=,]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return fixed !== '' && listName.test(fixed) ? fixed : undefined;
}

export const invalidNameCheck: Check = {
  name: 'invalid-name',
  codes,
  itemLocal: true,
  run(context) {
    for (const item of checkedItems(context.file.syntax, context.items)) {
      const node = item.nameNode;
      if (!node || node.isNull || node.value === '') continue;
      const name = node.value;
      if (item.kind === 'macro' && !macroName.test(name)) {
        const fix = macroNameFix(name);
        context.report({
          code: 'invalid-macro-name',
          severity: 'warning',
          span: node.span,
          message: `Macro name \`${name}\` cannot be used in a condition: a macro name starts with a letter and has only letters, digits and \`_\` ('Macro has an invalid name').${fix ? ` Rename it, e.g. \`${fix}\`.` : ''}`,
        });
      } else if (item.kind === 'list' && !listName.test(name)) {
        const fix = listNameFix(name);
        context.report({
          code: 'invalid-list-name',
          severity: 'warning',
          span: node.span,
          message: `List name \`${name}\` cannot be used in a condition: it must not contain blanks, parentheses, quotes, \`=\` or \`,\` ('List has an invalid name').${fix ? ` Rename it, e.g. \`${fix}\`.` : ''}`,
        });
      }
    }
  },
};
