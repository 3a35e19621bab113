/**
 * A YAML document whose root is not a sequence: the engine wants a list of items (`- rule: …`) and rejects a
 * mapping or a scalar document (falco-language.md §1.1).
 */
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { isBrokenDocument } from './shared';

const codes = defineCodes([
  {
    code: 'not-a-sequence',
    severity: 'error',
    engineCode: 'LOAD_ERR_YAML_VALIDATE',
    summary: 'A YAML document of the rules file is a mapping or a scalar instead of a sequence of items.',
    fix: 'Start every item with `- ` at the left margin, so that each document of the file is a sequence of rules, macros and lists.',
    example: `rule: Shell spawned   # "- rule: Shell spawned"
desc: A shell was started
condition: evt.type = execve and proc.name = bash
output: "shell %proc.name"
priority: NOTICE
`,
  },
]);

export const notASequenceCheck: Check = {
  name: 'not-a-sequence',
  codes,
  run(context) {
    const syntax = context.file.syntax;
    for (const document of syntax.documents) {
      if (isBrokenDocument(syntax, document)) continue;
      if (document.rootKind === 'map') {
        const first = document.rootMap?.pairs[0];
        context.report({
          code: 'not-a-sequence',
          severity: 'error',
          span: first ? first.keySpan : document.rootSpan,
          message:
            "This document is a mapping, but a rules file must be a sequence of items ('Rules content is not yaml array of objects'). Start each item with `- `, e.g. `- rule: …`.",
        });
      } else if (document.rootKind === 'scalar') {
        context.report({
          code: 'not-a-sequence',
          severity: 'error',
          span: document.rootSpan,
          message: "This document is a plain value, not a sequence of rule, macro and list items ('Rules content is not yaml').",
        });
      }
    }
  },
};
