/**
 * The fields of a group of alerts an exception can compare: the `output_fields` keys that are fields of the
 * rule's event source (with an argument when the field takes one, `proc.aname[2]`), that an `=` comparison
 * accepts, and that have a value the condition can hold. Stable identity fields (program, file, image,
 * namespace, user) are picked by default; times, ids and counters are offered unpicked.
 */
import type { FieldEnvironment } from '../../semantic/typecheck/fieldResolver';
import { checkOperator } from '../../semantic/typecheck/operators';
import type { FalcoAlert } from './alerts';
import { conditionValue } from './valueText';

export interface FieldCandidate {
  /** The field as the alert names it (`proc.name`, `proc.aname[2]`). */
  readonly name: string;
  /** Distinct values of the alerts, in alert order (as the alerts give them, not yet quoted). */
  readonly values: readonly string[];
  /** Proposed by default: a stable identity field that every alert has a value for. */
  readonly picked: boolean;
  /** Number of alerts without a usable value for the field. */
  readonly missing: number;
}

/** Fields that name what happened rather than when or in which instance (picked by default). */
const STABLE_FIELDS: ReadonlySet<string> = new Set([
  'proc.name', 'proc.exe', 'proc.exepath', 'proc.pname', 'proc.pexe', 'proc.pexepath', 'proc.aname', 'proc.aexe', 'proc.aexepath',
  'fd.name', 'fd.directory', 'fd.filename',
  'container.image.repository', 'container.image', 'k8s.ns.name',
  'user.name', 'group.name',
  'ka.user.name', 'ka.target.namespace', 'ka.target.resource', 'ka.verb',
]);

/** Whether the engine can compare the field with one value (`field = value`) in an exception of `source`. */
export function exceptionFieldOf(environment: FieldEnvironment, token: string, source: string): { name: string } | undefined {
  const resolution = environment.resolve(token, source);
  if (resolution.kind !== 'ok') return undefined;
  const field = resolution.field;
  if (field.isList || field.printOnly) return undefined;
  if (!checkOperator('=', { type: field.type, isList: field.isList }).ok) return undefined;
  return { name: resolution.resolved.name };
}

/** The text to write for one alert's value of a field, or undefined when it has none the condition can hold. */
export function writtenValue(alert: FalcoAlert, field: string, isListName: (name: string) => boolean): string | undefined {
  const value = alert.fields.get(field);
  return value === null || value === undefined ? undefined : conditionValue(value, isListName);
}

export function fieldCandidates(
  alerts: readonly FalcoAlert[],
  source: string,
  environment: FieldEnvironment,
  isListName: (name: string) => boolean,
): FieldCandidate[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const alert of alerts) {
    for (const key of alert.fields.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const candidates: FieldCandidate[] = [];
  for (const key of keys) {
    const field = exceptionFieldOf(environment, key, source);
    if (!field) continue;
    const values: string[] = [];
    let missing = 0;
    for (const alert of alerts) {
      if (writtenValue(alert, key, isListName) === undefined) {
        missing++;
        continue;
      }
      const value = alert.fields.get(key)!;
      if (!values.includes(value)) values.push(value);
    }
    if (values.length === 0) continue;
    candidates.push({ name: key, values, picked: missing === 0 && STABLE_FIELDS.has(field.name), missing });
  }
  // Picked fields first; otherwise the alerts' order.
  return [...candidates.filter((candidate) => candidate.picked), ...candidates.filter((candidate) => !candidate.picked)];
}
