/**
 * Turning a free-text `condition:` exception entry into fields, comps and values, as a refactoring anywhere on
 * the `condition` pair; or, when the condition cannot be expressed as an exception, the same action disabled
 * with the reason. On the `condition` key the diagnostic already offers the conversion as a quick fix, so the
 * refactoring is not listed there a second time (a bare `- proc.name = x` entry has its quick fix everywhere).
 */
import { exceptionFieldJudge } from '../../diagnostics/checks/updates/exceptionUnknownField';
import { exceptionsView, ruleSource } from '../../diagnostics/checks/updates/updateFacts';
import type { CheckContext } from '../../diagnostics/check';
import { convertEntryCondition, entryCondition } from '../../diagnostics/fixes/exceptions/conditionEntry';
import { usedNames } from '../../diagnostics/fixes/exceptions/entryEdits';
import type { Span } from '../../../syntax/span';
import type { RefactorProvider, Refactoring } from '../types';

const TITLE = 'Convert condition to exception fields';

const within = (inner: Span, outer: Span) => outer.start <= inner.start && inner.end <= outer.end;
const touches = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

export const conditionToExceptionProvider: RefactorProvider = (context) => {
  const { file, span } = context;
  const item = file.syntax.items.find((candidate) => candidate.kind === 'rule' && within(span, candidate.span));
  if (!item) return [];
  const checkContext: CheckContext = { ...context, items: [item], report: () => undefined };
  const view = exceptionsView(checkContext, item);
  if (!view) return [];
  for (const entry of view.entries) {
    const found = entryCondition(entry);
    if (!found?.pair || !within(span, found.pair.span)) continue;
    const pair = found.pair;
    const result = convertEntryCondition({
      text: file.syntax.text,
      item,
      entry,
      role: view.roleOf(entry),
      judge: exceptionFieldJudge(checkContext, ruleSource(checkContext, item)),
      taken: usedNames(view.entries, view.previous?.keys()),
      flowParent: view.pair.value?.kind === 'seq' && view.pair.value.flow,
    });
    if (!result) return [];
    const id = `exception.conditionToFields:${pair.span.start}`;
    if (!result.ok) return [{ id, title: TITLE, kind: 'refactor.rewrite', disabled: `The condition cannot be written as fields and values: ${result.reason}.` }];
    if (touches(span, pair.keySpan)) return [];
    const refactoring: Refactoring = { id, title: TITLE, kind: 'refactor.rewrite', edits: () => [{ uri: file.uri, changes: result.fix.changes }] };
    return [refactoring];
  }
  return [];
};
