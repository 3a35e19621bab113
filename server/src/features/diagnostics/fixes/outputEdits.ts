/**
 * Removing a piece of an output template (`%container.info`, which Falco now deletes from the text itself) with
 * one blank next to it, so the words around it stay separated by a single blank. The edit is made in the source
 * of the scalar, whatever its style (see scalarEdits.ts).
 */
import type { EmbeddedOutput, RulesItem } from '../../../syntax/rulesFile';
import type { Span } from '../../../syntax/span';
import type { DiagnosticFix } from '../diagnostic';
import { firstScalarEdit, type ValueEdit } from './scalarEdits';

/** A fix deleting `span` (offsets of the output's cooked value) and one adjacent blank, or undefined. */
export function removeOutputText(text: string, item: RulesItem, output: EmbeddedOutput, span: Span): DiagnosticFix | undefined {
  const value = output.scalar.text.value;
  const candidates: ValueEdit[][] = [];
  const blankBefore = span.start > 0 && (value[span.start - 1] === ' ' || value[span.start - 1] === '\t');
  const blankAfter = span.end < value.length && (value[span.end] === ' ' || value[span.end] === '\t');
  if (blankBefore) candidates.push([{ span: { start: span.start - 1, end: span.end }, newText: '' }]);
  if (blankAfter) candidates.push([{ span: { start: span.start, end: span.end + 1 }, newText: '' }]);
  candidates.push([{ span, newText: '' }]);
  const changes = firstScalarEdit(text, item, output.scalar, candidates);
  if (!changes) return undefined;
  return { title: `Remove '${value.slice(span.start, span.end)}' from the output`, changes, preferred: true };
}
