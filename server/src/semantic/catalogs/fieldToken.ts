/**
 * Splits a field token (`proc.aname[2]`, `evt.arg.flags`, `jevt.value[/a/b]`) into a catalog field and its
 * argument, following libsinsp: a bracket argument follows the exact field name; otherwise the longest field name
 * that is a dotted prefix of the token is taken, and the rest is a `.name` argument if that field accepts one.
 */
import type { FieldArgumentProblem, FieldArgumentUse, FieldInfo, ResolvedFieldToken } from './fieldTypes';

export interface FieldTokenContext {
  /** Field by exact name, already restricted to the event source of interest. */
  lookup(name: string): FieldInfo | undefined;
  /** Whether a name is a parameter of some event (`evt.arg.<name>`); absent = not checked. */
  isEventParam?(name: string): boolean;
  /** Whether a name is an event-table name (`evt.type.is.<name>`); absent = not checked. */
  isEventTableName?(name: string): boolean;
}

// libsinsp reads indexes with sscanf("%d"); plugins accept only plain digits without a leading zero.
const LIBSINSP_INDEX = /^\s*[+-]?\d+$/;
const PLUGIN_INDEX = /^(0|[1-9]\d*)$/;
const CGROUP_SUBSYSTEM = /^[A-Za-z_]+$/;
const DIGITS = /^\d+$/;

export function resolveFieldTokenWith(token: string, context: FieldTokenContext): ResolvedFieldToken | undefined {
  const open = token.indexOf('[');
  if (open >= 0) return resolveBracket(token, open, context);

  const exact = context.lookup(token);
  if (exact) {
    return exact.arg.required ? { field: exact, name: token, problem: 'argumentRequired' } : { field: exact, name: token };
  }

  // Longest existing prefix ending at a dot; only fields that take `.name` arguments can match this way.
  for (let dot = token.lastIndexOf('.'); dot > 0; dot = token.lastIndexOf('.', dot - 1)) {
    const name = token.slice(0, dot);
    const field = context.lookup(name);
    if (!field) continue;
    if (field.arg.form !== 'dotKey' && field.arg.form !== 'indexOrDotKey') return undefined;
    const text = token.slice(dot + 1);
    const argument: FieldArgumentUse = { text, syntax: 'dot', kind: 'key', start: dot + 1, end: token.length };
    const problem = checkDotArgument(field, text, context);
    return problem ? { field, name, argument, problem } : { field, name, argument };
  }
  return undefined;
}

function resolveBracket(token: string, open: number, context: FieldTokenContext): ResolvedFieldToken | undefined {
  const name = token.slice(0, open);
  const field = context.lookup(name);
  if (!field) return undefined;

  const close = token.indexOf(']', open + 1);
  if (close === -1) {
    const text = token.slice(open + 1);
    const argument: FieldArgumentUse = { text, syntax: 'bracket', kind: 'key', start: open + 1, end: token.length };
    return { field, name, argument, problem: 'unterminatedArgument' };
  }
  if (close !== token.length - 1) return undefined;

  let start = open + 1;
  let end = close;
  const quote = token[start];
  if (end - start >= 2 && (quote === '"' || quote === "'") && token[end - 1] === quote) {
    start += 1;
    end -= 1;
  }
  const text = token.slice(start, end);
  const [kind, problem] = checkBracketArgument(field, text);
  const argument: FieldArgumentUse = { text, syntax: 'bracket', kind, start, end };
  return problem ? { field, name, argument, problem } : { field, name, argument };
}

function isIndex(field: FieldInfo, text: string): boolean {
  return (field.providers.includes('libsinsp') ? LIBSINSP_INDEX : PLUGIN_INDEX).test(text);
}

function checkBracketArgument(
  field: FieldInfo,
  text: string,
): [FieldArgumentUse['kind'], FieldArgumentProblem | undefined] {
  const looksLikeIndex = DIGITS.test(text);
  switch (field.arg.form) {
    case 'none':
      return [looksLikeIndex ? 'index' : 'key', 'argumentNotAllowed'];
    case 'dotKey':
      return [looksLikeIndex ? 'index' : 'key', 'wrongArgumentSyntax'];
    case 'index':
    case 'indexOrDotKey':
      return ['index', isIndex(field, text) ? undefined : 'invalidIndex'];
    case 'indexOrKey':
      return [isIndex(field, text) ? 'index' : 'key', undefined];
    case 'key':
    case 'path':
      return ['key', undefined];
  }
}

function checkDotArgument(field: FieldInfo, text: string, context: FieldTokenContext): FieldArgumentProblem | undefined {
  if (text === '' || text.includes('.')) return 'unknownArgument';
  const { values, domain } = field.arg;
  if (values && !values.includes(text)) return 'unknownArgument';
  switch (domain) {
    case 'eventParam':
      return context.isEventParam && !context.isEventParam(text) ? 'unknownArgument' : undefined;
    case 'eventType':
      if (DIGITS.test(text)) return undefined;
      return context.isEventTableName && !context.isEventTableName(text) ? 'unknownArgument' : undefined;
    case 'cgroupSubsystem':
      return CGROUP_SUBSYSTEM.test(text) ? undefined : 'unknownArgument';
    default:
      return undefined;
  }
}
