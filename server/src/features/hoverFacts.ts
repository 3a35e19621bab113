/**
 * Hover for the words that are not names of the workspace: ATT&CK tags (technique or tactic, with its tactics,
 * status and link), priorities, condition operators (meaning and the types they accept) and event types (their
 * parameters).
 */
import type { AttackCatalog } from '../semantic/catalogs/attackCatalog';
import type { EventCatalog } from '../semantic/catalogs/eventCatalog';
import { walkCondition } from '../syntax/condition/ast';
import { PRIORITIES } from '../syntax/itemKeys';
import { conditionSourceSpan, type RulesItem } from '../syntax/rulesFile';
import type { Span } from '../syntax/span';
import { getPair, type YScalar } from '../syntax/yaml/tree';

export interface FactHover {
  readonly markdown: string;
  readonly span: Span;
}

function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** Markdown for an ATT&CK technique ID or tactic tag/ID; undefined for other tags. */
export function attackHover(attack: AttackCatalog, tag: string): string | undefined {
  const technique = attack.technique(tag.toUpperCase());
  if (technique) {
    const tactics = attack.tacticsOf(technique).map((tactic) => `\`${tactic.tag}\` (${tactic.name})`);
    const lines = [`**ATT&CK technique** ${technique.id} — ${technique.name}`];
    if (tactics.length > 0) lines.push(`Tactics: ${tactics.join(', ')}`);
    if (technique.revoked || technique.deprecated) {
      const replacement = technique.revokedBy ? attack.technique(technique.revokedBy) : undefined;
      lines.push(`${technique.revoked ? 'Revoked' : 'Deprecated'}${replacement ? `: use ${replacement.id} — ${replacement.name}` : ''}.`);
    }
    lines.push(`[${technique.url}](${technique.url}) · ATT&CK Enterprise ${attack.version}`);
    return lines.join('\n\n');
  }
  const tactic = /^TA\d{4}$/i.test(tag) ? attack.tacticById(tag.toUpperCase()) : attack.tacticForTag(tag);
  if (tactic) {
    return [`**ATT&CK tactic** ${tactic.id} — ${tactic.name}`, `Falco tag: \`${tactic.tag}\``, `[${tactic.url}](${tactic.url}) · ATT&CK Enterprise ${attack.version}`].join('\n\n');
  }
  return undefined;
}

const priorityMeanings: Record<string, string> = {
  EMERGENCY: 'the system is unusable',
  ALERT: 'action must be taken immediately',
  CRITICAL: 'a critical condition',
  ERROR: 'an error condition',
  WARNING: 'a warning condition',
  NOTICE: 'normal but significant',
  INFORMATIONAL: 'informational (`INFO` is accepted too)',
  INFO: 'informational',
  DEBUG: 'debugging detail',
};

function priorityHover(value: string): string | undefined {
  const upper = value.toUpperCase();
  if (!(PRIORITIES as readonly string[]).includes(upper) && upper !== 'INFO') return undefined;
  const order = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG'];
  return `**priority** \`${upper}\` — ${priorityMeanings[upper]}\n\nFrom most to least severe: ${order.map((name) => `\`${name}\``).join(' › ')}. Falco's \`priority\` setting drops rules below the configured level.`;
}

const operatorMeanings: Record<string, string> = {
  '=': 'equal to', '==': 'equal to', '!=': 'not equal to',
  '<': 'less than (numbers)', '<=': 'at most (numbers)', '>': 'greater than (numbers)', '>=': 'at least (numbers)',
  contains: 'contains the text', icontains: 'contains the text, ignoring case', bcontains: 'the bytes contain the hex string',
  startswith: 'starts with', bstartswith: 'the bytes start with the hex string', endswith: 'ends with',
  glob: 'matches the glob pattern', iglob: 'matches the glob pattern, ignoring case', regex: 'fully matches the regular expression (RE2)',
  in: 'is one of the list', intersects: 'shares at least one element with the list', pmatch: 'is under one of the path prefixes',
  exists: 'has a value',
};

const operatorTypes: Record<string, string> = {
  '<': 'numbers, strings and times', '<=': 'numbers, strings and times', '>': 'numbers, strings and times', '>=': 'numbers, strings and times',
  contains: 'strings and byte buffers', startswith: 'strings and byte buffers', endswith: 'strings and byte buffers',
  icontains: 'strings', glob: 'strings', iglob: 'strings', regex: 'strings', pmatch: 'strings (paths)',
  bcontains: 'byte buffers', bstartswith: 'byte buffers',
  '=': 'every type except list fields', '==': 'every type except list fields', '!=': 'every type except list fields',
  in: 'every type, list fields included', intersects: 'every type, list fields included', exists: 'every field',
};

/** The first Falco release with the operator, for those added after Falco 0.31. */
const operatorSince: Record<string, string> = { bcontains: '0.32', bstartswith: '0.32', iglob: '0.38', regex: '0.39' };

/** Markdown for a comparison operator (and its list modifier, if any). */
export function operatorHover(name: string, modifier: string | undefined): string | undefined {
  const meaning = operatorMeanings[name];
  if (!meaning) return undefined;
  const since = operatorSince[name] ? ` Since Falco ${operatorSince[name]}.` : '';
  const modifierText = modifier ? `\n\nWith \`${modifier}\`: ${modifier === 'oneof' ? 'exactly one' : modifier === 'anyof' ? 'at least one' : 'every'} element of the list must match (Falco 0.44+).` : '';
  return `**operator** \`${name}\` — ${meaning}\n\nAccepted for: ${operatorTypes[name] ?? 'see the type table'}.${since}${modifierText}`;
}

/** Markdown for an event type: its parameters. */
export function eventHover(events: EventCatalog, name: string): string | undefined {
  const info = events.info(name);
  if (!info || !events.isKnownEventType(name)) return undefined;
  const params = events.paramsOf(name) ?? [];
  return `**event type** \`${name}\`${info.syscall ? ' (system call)' : ''}\n\n${params.length > 0 ? `Parameters (\`evt.arg.<name>\`): ${params.map((param) => `\`${param}\``).join(', ')}` : 'No parameters.'}`;
}

function scalarAt(node: YScalar | null | undefined, offset: number): YScalar | undefined {
  return node && node.kind === 'scalar' && !node.isNull && inside(node.span, offset) ? node : undefined;
}

export function getFactHover(item: RulesItem, offset: number, catalogs: { readonly attack: AttackCatalog; readonly events: EventCatalog }): FactHover | undefined {
  const map = item.map;
  if (!map) return undefined;
  const tags = getPair(map, 'tags')?.value;
  if (tags && tags.kind === 'seq' && inside(tags.span, offset)) {
    for (const tag of tags.items) {
      const scalar = tag && tag.kind === 'scalar' ? scalarAt(tag, offset) : undefined;
      if (!scalar) continue;
      const markdown = attackHover(catalogs.attack, scalar.value);
      return markdown ? { markdown, span: scalar.span } : undefined;
    }
  }
  const priority = getPair(map, 'priority')?.value;
  const priorityScalar = priority && priority.kind === 'scalar' ? scalarAt(priority, offset) : undefined;
  if (priorityScalar) {
    const markdown = priorityHover(priorityScalar.value);
    return markdown ? { markdown, span: priorityScalar.span } : undefined;
  }
  const condition = item.condition;
  if (!condition?.parsed.ast || !inside(condition.scalar.span, offset)) return undefined;
  let found: FactHover | undefined;
  walkCondition(condition.parsed.ast, (node) => {
    if (found || node.kind !== 'check') return;
    const operatorSpan = conditionSourceSpan(condition, node.operator.span);
    if (operatorSpan && inside(operatorSpan, offset)) {
      const markdown = operatorHover(node.operator.name, node.operator.modifier?.name);
      if (markdown) found = { markdown, span: operatorSpan };
      return;
    }
    if (node.left.kind !== 'field' || node.left.name !== 'evt.type' || !node.right) return;
    const values = node.right.kind === 'list' ? node.right.items : node.right.kind === 'value' ? [node.right] : [];
    for (const value of values) {
      const span = conditionSourceSpan(condition, value.span);
      if (!span || !inside(span, offset)) continue;
      const markdown = eventHover(catalogs.events, value.value);
      if (markdown) found = { markdown, span };
      return;
    }
  });
  return found;
}
