/**
 * "Add exception from alert": from Falco's JSON alerts, the rules they name with the fields an exception can
 * compare and the places it can go (`alertExceptionCandidates`), then the insertion of an exception built from
 * the alerts' values (`planAlertException`). Offsets only; the service turns them into LSP data.
 */
import type { Catalogs } from '../../semantic/catalogs';
import { fieldEnvironment } from '../../semantic/typecheck/fieldResolver';
import type { WorkspaceIndex } from '../../semantic/workspaceIndex';
import type { Span } from '../../syntax/span';
import type { TextChange } from '../diagnostics/diagnostic';
import { describeAlertProblem, parseAlerts, type FalcoAlert } from './alerts';
import { exceptionFieldOf, fieldCandidates, writtenValue, type FieldCandidate } from './fieldCandidates';
import { measureStyle, type ExceptionDraft } from './layout';
import { addToRuleItem, addValuesToEntry, appendOverrideItem, type Placement } from './placement';
import { equalityFieldsOf, exceptionName, existingTuples, overrideItemsIn, ruleFacts, writtenExceptions, type RuleFacts } from './ruleFacts';

export type { FalcoAlert } from './alerts';
export { parseAlerts, describeAlertProblem } from './alerts';

export interface AlertExceptionContext {
  readonly index: WorkspaceIndex;
  readonly catalogs: Catalogs;
  /** Loaded plugins (undefined: every plugin the catalogs know). */
  readonly plugins?: readonly string[];
}

export type TargetKind = 'rule' | 'override';

export interface ExceptionTarget {
  readonly uri: string;
  readonly kind: TargetKind;
  /** For an override: the existing override item of the file the exception joins (else a new item at the end). */
  readonly existingItem?: Span;
}

export interface RuleCandidate {
  readonly rule: string;
  /** The name of the rule's definition in effect (or of its first item when the workspace has no definition). */
  readonly uri: string;
  readonly nameSpan: Span;
  readonly source: string;
  readonly alerts: readonly FalcoAlert[];
  readonly fields: readonly FieldCandidate[];
  readonly targets: readonly ExceptionTarget[];
}

export interface AlertExceptionCandidates {
  readonly rules: RuleCandidate[];
  readonly problems: string[];
}

export interface AlertExceptionPlan {
  readonly uri: string;
  readonly change: TextChange;
  /** Index in `change.newText` where the new exception (or the first new value) starts. */
  readonly focus: number;
  /** What the edit does, one sentence. */
  readonly summary: string;
  /** Remarks for the preview (alerts left out, values already present). */
  readonly notes: readonly string[];
}

const MAX_PROBLEMS = 20;

function groupByRule(alerts: readonly FalcoAlert[]): Map<string, FalcoAlert[]> {
  const groups = new Map<string, FalcoAlert[]>();
  for (const alert of alerts) {
    const group = groups.get(alert.rule);
    if (group) group.push(alert);
    else groups.set(alert.rule, [alert]);
  }
  return groups;
}

function listNames(context: AlertExceptionContext): (name: string) => boolean {
  const names = new Set(context.index.declaredNames('list'));
  return (name) => names.has(name);
}

function targetsOf(context: AlertExceptionContext, facts: RuleFacts): ExceptionTarget[] {
  const targets: ExceptionTarget[] = [];
  if (facts.definition) targets.push({ uri: facts.definition.file.uri, kind: 'rule' });
  const from = facts.definition?.filePosition ?? 0;
  context.index.files().forEach((file, position) => {
    if (position < from) return;
    const existing = overrideItemsIn(facts, file.uri);
    const last = existing[existing.length - 1];
    targets.push(last ? { uri: file.uri, kind: 'override', existingItem: { ...last.item.span } } : { uri: file.uri, kind: 'override' });
  });
  return targets;
}

function unknownRule(rule: string): string {
  return `Rule '${rule}' is not defined in the rules files of the workspace. If it comes from a file outside it (such as /etc/falco/falco_rules.yaml), add that file to the setting falco.rulesFiles.extraPaths.`;
}

/** The rules named by the alerts of `text` (only `onlyRule` when given), in the order the alerts name them. */
export function alertExceptionCandidates(context: AlertExceptionContext, text: string, onlyRule?: string): AlertExceptionCandidates {
  const parsed = parseAlerts(text);
  const problems = parsed.problems.slice(0, MAX_PROBLEMS).map(describeAlertProblem);
  if (parsed.problems.length > MAX_PROBLEMS) problems.push(`... and ${parsed.problems.length - MAX_PROBLEMS} more lines that are not Falco alerts.`);
  const environment = fieldEnvironment(context.catalogs, context.plugins);
  const isListName = listNames(context);
  const rules: RuleCandidate[] = [];
  for (const [rule, alerts] of groupByRule(parsed.alerts)) {
    if (onlyRule !== undefined && rule !== onlyRule) continue;
    const facts = ruleFacts(context.index, rule, alerts[0]!.source);
    if (!facts) {
      problems.push(unknownRule(rule));
      continue;
    }
    const named = facts.definition ?? facts.items[0]!;
    const nameNode = named.item.nameNode!;
    rules.push({
      rule,
      uri: named.file.uri,
      nameSpan: { ...nameNode.span },
      source: facts.source,
      alerts,
      fields: fieldCandidates(alerts, facts.source, environment, isListName),
      targets: targetsOf(context, facts),
    });
  }
  if (onlyRule !== undefined && rules.length === 0 && !problems.some((problem) => problem.includes(`'${onlyRule}'`))) {
    problems.push(parsed.alerts.length === 0 ? 'The text holds no Falco alert.' : `None of the alerts is an alert of rule '${onlyRule}'.`);
  } else if (parsed.alerts.length === 0 && problems.length === 0) {
    problems.push('The text holds no Falco alert.');
  }
  return { rules, problems };
}

function tupleKey(tuple: readonly string[]): string {
  return JSON.stringify(tuple);
}

/** The exception `fields` of `rule` built from the alerts of `text`, placed at `target`. */
export function planAlertException(
  context: AlertExceptionContext,
  text: string,
  rule: string,
  fields: readonly string[],
  target: { readonly uri: string; readonly kind: TargetKind },
): AlertExceptionPlan | { readonly error: string } {
  const alerts = parseAlerts(text).alerts.filter((alert) => alert.rule === rule);
  if (alerts.length === 0) return { error: `The text holds no alert of rule '${rule}'.` };
  const facts = ruleFacts(context.index, rule, alerts[0]!.source);
  if (!facts) return { error: unknownRule(rule) };
  if (fields.length === 0) return { error: 'Choose at least one field for the exception.' };
  if (new Set(fields).size !== fields.length) return { error: 'A field is chosen twice.' };
  const environment = fieldEnvironment(context.catalogs, context.plugins);
  const unusable = fields.find((field) => !exceptionFieldOf(environment, field, facts.source));
  if (unusable !== undefined) return { error: `'${unusable}' cannot be compared in an exception of a ${facts.source} rule.` };
  const chosen = targetsOf(context, facts).find((candidate) => candidate.uri === target.uri && candidate.kind === target.kind);
  if (!chosen) return { error: `That place is not one where an exception of rule '${rule}' can go.` };
  const file = context.index.get(target.uri)!;

  // One tuple per distinct alert; alerts without a usable value for a chosen field are left out.
  const isListName = listNames(context);
  const notes: string[] = [];
  const tuples: string[][] = [];
  let incomplete = 0;
  for (const alert of alerts) {
    const tuple = fields.map((field) => writtenValue(alert, field, isListName));
    if (tuple.some((value) => value === undefined)) incomplete++;
    else if (!tuples.some((known) => tupleKey(known) === tupleKey(tuple as string[]))) tuples.push(tuple as string[]);
  }
  if (incomplete > 0) notes.push(`${incomplete} of ${alerts.length} alerts left out: no usable value for every chosen field.`);
  if (tuples.length === 0) return { error: `No alert of rule '${rule}' has a usable value for every chosen field.` };

  const style = measureStyle(file.syntax);
  const written = writtenExceptions(facts);
  // Values can join an exception the new text comes after: the definition's own for the rule, any loaded up to
  // the target file for an override.
  const position = context.index.positionOf(file.uri);
  const beforeTarget = written.filter((entry) => (target.kind === 'rule' ? entry.owner === facts.definition : entry.owner.filePosition <= position));
  const reusable = beforeTarget.find((entry) => equalityFieldsOf(entry.entry, fields) !== undefined);

  const fileText = file.syntax.text;
  const owner = target.kind === 'override' ? overrideItemsIn(facts, file.uri).pop() : undefined;
  let placement: Placement | undefined;
  let summary = '';
  if (reusable) {
    const order = equalityFieldsOf(reusable.entry, fields)!;
    const reordered = tuples.map((tuple) => order.map((field) => tuple[fields.indexOf(field)]!));
    const present = new Set(written.filter((entry) => entry.name === reusable.name).flatMap((entry) => existingTuples(entry.entry)).map(tupleKey));
    const fresh = reordered.filter((tuple) => !present.has(tupleKey(tuple)));
    if (fresh.length === 0) return { error: `Exception '${reusable.name}' of rule '${rule}' already holds ${tuples.length === 1 ? 'this value' : 'these values'}.` };
    const count = `${fresh.length} value ${fresh.length === 1 ? 'tuple' : 'tuples'}`;
    if (target.kind === 'rule') {
      placement = addValuesToEntry(fileText, reusable.entry, fresh, style);
      summary = `Add ${count} to exception '${reusable.name}' of rule '${rule}'.`;
    } else {
      const ownEntry = owner ? written.find((entry) => entry.owner.item === owner.item && entry.name === reusable.name) : undefined;
      const draft: ExceptionDraft = { name: reusable.name, tuples: fresh };
      placement = ownEntry ? addValuesToEntry(fileText, ownEntry.entry, fresh, style) : undefined;
      placement ??= owner ? addToRuleItem(fileText, owner.item, draft, style) : appendOverrideItem(fileText, rule, draft, style);
      summary = `Append ${count} to exception '${reusable.name}' of rule '${rule}' with an override.`;
    }
    const known = reordered.length - fresh.length;
    if (placement && known > 0) notes.push(`${known} value ${known === 1 ? 'tuple is' : 'tuples are'} already in exception '${reusable.name}'.`);
  }
  // A new exception, also when the values of the one found cannot take more (no `values` sequence to extend).
  if (!placement) {
    const name = exceptionName(fields, new Set(written.map((entry) => entry.name)));
    const draft: ExceptionDraft = { name, fields, tuples };
    if (target.kind === 'rule') {
      placement = addToRuleItem(fileText, facts.definition!.item, draft, style);
      summary = `Add exception '${name}' to rule '${rule}'.`;
    } else {
      placement = owner ? addToRuleItem(fileText, owner.item, draft, style) : appendOverrideItem(fileText, rule, draft, style);
      summary = `Add exception '${name}' to rule '${rule}' with an override${owner ? '' : ' item at the end of the file'}.`;
    }
  }
  if ('error' in placement) return placement;
  return { uri: file.uri, change: placement.change, focus: placement.focus, summary, notes };
}
