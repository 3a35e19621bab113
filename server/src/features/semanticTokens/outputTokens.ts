/**
 * Semantic tokens of rule outputs: a `%field` placeholder is a `property` (the `%` and any width included), its
 * argument a `parameter`; `%transformer(…)` gives a `function` (again with its `%`) and the tokens of its
 * arguments; `%container.info`-like placeholders are properties, `deprecated` when the catalog says so. Literal
 * text is left to the YAML string colour.
 */
import { fieldToken } from '../../semantic/typecheck/fieldResolver';
import type { EmbeddedOutput } from '../../syntax/rulesFile';
import { shrinkToKnownField, type OutputField } from '../../syntax/output/outputFormat';
import { emitConditionTree, emitField, resolveField, type ParsedFrame, type TokenContext } from './conditionTokens';
import { TOKEN_MODIFIER, TOKEN_TYPE } from './legend';

function emitFieldPlaceholder(context: TokenContext, frame: ParsedFrame, token: OutputField): void {
  const lead = token.span.start;
  const placeholder = token.arg ? undefined : context.catalogs.fields.outputPlaceholder(token.name);
  if (placeholder) {
    frame.emit(lead, token.nameSpan.end, 'property', placeholder.deprecated ? TOKEN_MODIFIER.deprecated : 0);
    return;
  }
  // The engine ends the placeholder at the longest prefix that is a field (`%proc.name:` → `proc.name`).
  const known = shrinkToKnownField(token, (name, arg) => {
    const resolved = resolveField(context, fieldToken(name, arg !== undefined ? { value: arg } : undefined));
    return resolved !== undefined && resolved.problem === undefined;
  });
  const shown = known && known.kind === 'field' ? known : token;
  emitField(context, frame, lead, shown.name, shown.nameSpan, shown.arg);
}

export function emitOutputTokens(context: TokenContext, output: EmbeddedOutput): void {
  const text = output.scalar.text;
  const frame: ParsedFrame = {
    emit: (start, end, type, modifiers = 0) => context.sink.addEmbedded(text, start, end, TOKEN_TYPE[type], modifiers),
    charAt: (offset) => text.value.charAt(offset),
  };
  for (const token of output.parsed.tokens) {
    if (token.kind === 'field') emitFieldPlaceholder(context, frame, token);
    else if (token.kind === 'transformer') {
      if (token.expr.kind === 'transformer') emitConditionTree(context, frame, token.expr, token.span.start);
      else {
        frame.emit(token.span.start, token.nameSpan.end, 'function');
        emitConditionTree(context, frame, token.expr);
      }
    }
  }
}
