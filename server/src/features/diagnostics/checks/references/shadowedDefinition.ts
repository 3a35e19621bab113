/**
 * Our own hint: a full definition of a macro, list or rule that replaces a full definition from another file
 * loaded earlier (the engine replaces it silently, falco-language.md §2.1). Information only: the upstream
 * incubating and sandbox rulesets redefine stable macros on purpose.
 */
import { definesName } from '../../../../semantic/loadModel';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { fileName } from './support';

const codes = defineCodes([
  {
    code: 'shadowed-definition',
    severity: 'information',
    engineCode: null,
    summary: 'A macro, list or rule definition replaces one from a file loaded earlier.',
    fix: 'Nothing, if replacing the earlier definition is intended; to extend it instead, add `override: {condition: append}` (`items: append` for a list), or give yours another name.',
    example: `#- falco_rules.yaml
# (the file Falco loads first)
- macro: user_known_shell
  condition: proc.name = my-shell
#- my_rules.yaml
# (a file loaded after it)
- macro: user_known_shell   # replaces the macro of falco_rules.yaml
  condition: proc.name = other-shell
`,
  },
]);

export const shadowedDefinitionCheck: Check = {
  name: 'shadowed-definition',
  codes,
  run(context) {
    const { file, model } = context;
    for (const declaration of file.symbols.declarations) {
      if (declaration.mode !== 'define') continue;
      const point = model.pointOf(file.uri, declaration.itemIndex);
      const earlier = model.declarationsBefore(declaration.kind, declaration.name, point).filter((location) => definesName(location.declaration));
      const previous = earlier[earlier.length - 1];
      if (!previous || previous.file.uri === file.uri) continue;
      const where = fileName(previous.file);
      context.report({
        code: 'shadowed-definition',
        message: `This definition replaces the ${declaration.kind} '${declaration.name}' of \`${where}\`, which Falco loads earlier: everything that uses '${declaration.name}' gets this version.`,
        span: declaration.nameSpan,
        severity: 'information',
        related: [{ uri: previous.file.uri, span: previous.declaration.nameSpan, message: `the replaced definition of '${declaration.name}'` }],
      });
    }
  },
};
