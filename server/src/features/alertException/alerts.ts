/**
 * Falco alerts written as JSON (`json_output: true`): one object, objects one per line (or pretty-printed one
 * after the other), or an array of objects. A line that is not JSON is reported with its number and reading goes
 * on; a prefix before the object on the same line (a log timestamp) is skipped. Never throws.
 */
import { isJsonNumber, isJsonObject, readJsonValue, type JsonValue } from './json';

export interface FalcoAlert {
  /** The rule that fired. */
  readonly rule: string;
  readonly source?: string;
  readonly priority?: string;
  readonly time?: string;
  readonly output?: string;
  /**
   * `output_fields` as text (numbers as written, booleans as `true`/`false`); null for a value the event did not
   * have (`<NA>`, `null`, empty). Keys whose value is a list or an object are left out.
   */
  readonly fields: ReadonlyMap<string, string | null>;
  /** 1-based line where the alert starts. */
  readonly line: number;
  /** The alert's JSON as written. */
  readonly text: string;
}

export interface AlertProblem {
  /** 1-based line. */
  readonly line: number;
  readonly message: string;
}

export interface ParsedAlerts {
  readonly alerts: FalcoAlert[];
  readonly problems: AlertProblem[];
}

/** 1-based line of an offset, by binary search over the line starts of one text. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

function lineEndAt(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** The start of the next line whose first non-blank character opens a JSON object or array (or the end). */
function nextJsonLine(text: string, offset: number): number {
  let start = lineEndAt(text, offset) + 1;
  while (start < text.length) {
    const rest = /^[ \t]*/.exec(text.slice(start, start + 200))![0].length;
    if ('{['.includes(text[start + rest] ?? '')) return start + rest;
    start = lineEndAt(text, start) + 1;
  }
  return text.length;
}

function scalarText(value: JsonValue): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value === '' || value === '<NA>' ? null : value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isJsonNumber(value)) return value.number;
  return undefined;
}

function optionalString(object: { [key: string]: JsonValue }, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

function toAlert(value: JsonValue, text: string, line: number, problems: AlertProblem[], what: string): FalcoAlert | undefined {
  if (!isJsonObject(value)) {
    problems.push({ line, message: `${what} is not a JSON object, so not a Falco alert.` });
    return undefined;
  }
  const rule = value.rule;
  if (typeof rule !== 'string' || rule.trim() === '') {
    problems.push({ line, message: `${what} has no "rule" string, so it is not a Falco alert.` });
    return undefined;
  }
  const fields = new Map<string, string | null>();
  const outputFields = value.output_fields;
  if (isJsonObject(outputFields)) {
    for (const [key, raw] of Object.entries(outputFields)) {
      const converted = scalarText(raw);
      if (converted !== undefined) fields.set(key, converted);
    }
  }
  return {
    rule,
    source: optionalString(value, 'source'),
    priority: optionalString(value, 'priority'),
    time: optionalString(value, 'time'),
    output: optionalString(value, 'output'),
    fields,
    line,
    text,
  };
}

/** Reads the elements of a top-level array starting at `start` (`[`); returns where reading goes on. */
function readArray(text: string, start: number, lineAt: (offset: number) => number, alerts: FalcoAlert[], problems: AlertProblem[]): number {
  let position = start + 1;
  let count = 0;
  const skip = (): void => {
    while (position < text.length && ' \t\r\n'.includes(text[position]!)) position++;
  };
  skip();
  if (text[position] === ']') return position + 1;
  for (;;) {
    skip();
    const read = readJsonValue(text, position);
    if ('error' in read) {
      problems.push({ line: lineAt(read.offset), message: `Invalid JSON: ${read.error}.` });
      return nextJsonLine(text, read.offset);
    }
    count++;
    const alert = toAlert(read.value, text.slice(position, read.end), lineAt(position), problems, `Element ${count} of the array`);
    if (alert) alerts.push(alert);
    position = read.end;
    skip();
    if (text[position] === ',') {
      position++;
      continue;
    }
    if (text[position] === ']') return position + 1;
    problems.push({ line: lineAt(position), message: `Invalid JSON: expected ',' or ']' after element ${count} of the array.` });
    return nextJsonLine(text, position);
  }
}

/** The alerts of a text, and a problem for every part that could not be read. */
export function parseAlerts(text: string): ParsedAlerts {
  const alerts: FalcoAlert[] = [];
  const problems: AlertProblem[] = [];
  const lineAt = lineCounter(text);
  let position = 0;
  while (position < text.length) {
    const character = text[position]!;
    if (' \t\r\n'.includes(character) || character === '\ufeff') {
      position++;
      continue;
    }
    if (character === '[') {
      position = readArray(text, position, lineAt, alerts, problems);
      continue;
    }
    if (character !== '{') {
      const end = lineEndAt(text, position);
      const brace = text.indexOf('{', position);
      if (brace >= 0 && brace < end) {
        position = brace;
        continue;
      }
      const shown = text.slice(position, end).trim();
      problems.push({ line: lineAt(position), message: `Not a JSON alert: '${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}'.` });
      position = end + 1;
      continue;
    }
    const read = readJsonValue(text, position);
    if ('error' in read) {
      problems.push({ line: lineAt(read.offset), message: `Invalid JSON: ${read.error}.` });
      position = nextJsonLine(text, read.offset);
      continue;
    }
    const alert = toAlert(read.value, text.slice(position, read.end), lineAt(position), problems, 'The object');
    if (alert) alerts.push(alert);
    position = read.end;
  }
  return { alerts, problems };
}

/** `line 3: Invalid JSON: …`, for messages. */
export function describeAlertProblem(problem: AlertProblem): string {
  return `line ${problem.line}: ${problem.message}`;
}
