/**
 * Transformers and field-to-field comparisons the engine refuses at load (falco-language.md §4.5–§4.6): a
 * transformer on a type it does not take (`tolower(proc.pid)`), on a field flagged as not supporting transformers
 * (`fd.ip`, `proc.aname`…), `[arg]` after a transformer other than `getopt`, wrong argument counts or kinds for
 * `join`/`concat`/`getopt`; a field on the right-hand side of `pmatch`/`regex`, of a network field, of a field
 * that takes no right-hand side field, and two fields of different types. Outputs' `%transformer(…)` too.
 */
import { typeOperand, type OperandProblem } from '../../../../semantic/typecheck/operandTypes';
import { describeType, sameType, typeFamily } from '../../../../semantic/typecheck/types';
import { toSourceSpan } from '../../../../syntax/embeddedText';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { fieldOfNode, scopedSeverity } from './shared';
import { conditionTargets, forEachCheck, outputTargets, sourceSpan } from './targets';

const codes = defineCodes([
  {
    code: 'transformer-misuse',
    severity: 'error',
    engineCode: 'LOAD_ERR_COMPILE_CONDITION',
    summary: 'A transformer or a field-to-field comparison the engine refuses: wrong input type, unsupported field, bad arguments, or fields of different types.',
    fix: 'Apply the transformer to a field of a type it takes, and compare fields (`val(…)`) only with fields of the same type.',
    example: `- macro: lower_pid
  condition: tolower(proc.pid) = 1   # tolower() takes strings
`,
  },
]);

/** A problem text as a sentence: capital first letter (unless it starts with code) and a final period. */
function sentence(text: string): string {
  const capital = /^[a-z]/.test(text) ? text[0]!.toUpperCase() + text.slice(1) : text;
  return /[.?!]$/.test(capital) ? capital : `${capital}.`;
}

function checkConditions(context: CheckContext): void {
  for (const target of conditionTargets(context)) {
    const { condition, scope } = target;
    forEachCheck(target, (check) => {
      const problems: OperandProblem[] = [];
      const fieldOf = (node: Parameters<typeof fieldOfNode>[1]) => fieldOfNode(scope, node);
      const left = typeOperand(check.left, fieldOf, problems);
      const right = check.right;
      if (right && right.kind === 'transformer') {
        const rhs = typeOperand(right, fieldOf, problems);
        const operator = check.operator.name;
        const rhsWords = `the field on the right-hand side ('${right.name === 'val' ? 'val(…)' : `${right.name}(…)`}')`;
        if (operator === 'pmatch' || operator === 'regex') {
          problems.push({ span: right.nameSpan, message: `\`${operator}\` compares with constants only, not with ${rhsWords} ('doesn't support right-hand side fields').` });
        } else if (left.type && typeFamily(left.type.type) === 'ipnet') {
          problems.push({ span: right.nameSpan, message: `A network field cannot be compared with ${rhsWords}: it needs constant networks ('field type 'IPNET' doesn't support right-hand side fields').` });
        } else if (left.field?.noRhs && check.left.kind === 'field') {
          problems.push({ span: check.left.nameSpan, message: `\`${left.field.name}\` cannot be compared with another field, only with constants ('doesn't support right-hand side fields').` });
        } else if (right.name === 'val' && rhs.field?.noRhs && right.args[0]?.kind === 'field') {
          problems.push({ span: right.args[0].nameSpan, message: `\`${rhs.field.name}\` cannot be used as a right-hand side field ('can't be used as a right-hand side field').` });
        } else if (left.type && rhs.type && !sameType(left.type, rhs.type) && !(left.literal && rhs.literal)) {
          problems.push({
            span: right.span,
            message: `The two sides have different types: ${describeType(left.type)} on the left, ${describeType(rhs.type)} on the right; Falco compares fields only when their types are identical ('incompatible type').`,
          });
        }
      }
      for (const problem of problems) {
        const span = sourceSpan(condition, problem.span);
        if (span) context.report({ code: 'transformer-misuse', severity: scopedSeverity(scope, 'error'), span, message: sentence(problem.message) });
      }
    });
  }
}

function checkOutputs(context: CheckContext): void {
  for (const { output, scope } of outputTargets(context)) {
    for (const token of output.parsed.tokens) {
      if (token.kind !== 'transformer' || token.expr.kind !== 'transformer') continue;
      const problems: OperandProblem[] = [];
      typeOperand(token.expr, (node) => fieldOfNode(scope, node), problems);
      for (const problem of problems) {
        context.report({
          code: 'transformer-misuse',
          severity: scopedSeverity(scope, 'error'),
          span: toSourceSpan(output.scalar.text, problem.span),
          message: sentence(problem.message),
        });
      }
    }
  }
}

export const transformerMisuseCheck: Check = {
  name: 'transformer-misuse',
  codes,
  itemLocal: true,
  run(context) {
    checkConditions(context);
    checkOutputs(context);
  },
};
