/**
 * The "Add exception from alert…" action on a rule (hands over to the client command): offered when the cursor
 * is on the `- rule: <name>` line of a rule item. The client asks for the alerts and the choices, then the server
 * builds the edit (features/alertException).
 */
import type { RefactorProvider } from './types';
import { lineEnd, lineStart } from '../../syntax/lines';

/** The client command the action runs, with `[{uri, rule}]`. */
export const ADD_EXCEPTION_FROM_ALERT_COMMAND = 'falco.addExceptionFromAlert';

export const addExceptionFromAlertProvider: RefactorProvider = (context) => {
  const text = context.file.syntax.text;
  const { start, end } = context.span;
  for (const item of context.file.syntax.items) {
    if (item.kind !== 'rule' || item.name === null || !item.nameNode || !item.kindPair) continue;
    // The line of the `rule:` key, through the end of the name (a quoted name may run over several lines).
    if (start < lineStart(text, item.kindPair.keySpan.start) || end > lineEnd(text, item.nameNode.span.end)) continue;
    return [
      {
        id: `add-exception-from-alert:${item.index}`,
        title: 'Add exception from alert…',
        kind: 'refactor.rewrite',
        command: { command: ADD_EXCEPTION_FROM_ALERT_COMMAND, title: 'Add exception from alert…', arguments: [{ uri: context.file.uri, rule: item.name }] },
      },
    ];
  }
  return [];
};
