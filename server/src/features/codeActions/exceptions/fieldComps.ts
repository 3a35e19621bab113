/**
 * Which exception comps suit a field: by the field's type in the catalog (paths, other strings, numbers, list
 * fields, the rest), by the exception's form (the single-field form only takes comps that compare with a list),
 * and by the values already written (all ending in `/` → a prefix match; wildcards → `glob`).
 */
import type { FieldInfo } from '../../../semantic/catalogs';
import { checkOperator } from '../../../semantic/typecheck/operators';
import { typeFamily } from '../../../semantic/typecheck/types';

export type FieldKind = 'path' | 'string' | 'numeric' | 'list' | 'other';

/** Catalog types of paths, when a catalog keeps them apart from plain strings. */
const PATH_TYPES = new Set(['fspath', 'fsrelpath']);
const PATH_FIELDS = new Set([
  'fd.name', 'fd.nameraw', 'fd.directory', 'evt.abspath', 'proc.cwd', 'user.homedir', 'container.mount.source',
  'container.mount.dest', 'ka.req.pod.volumes.hostpath', 'krsi.path', 'krsi.oldpath', 'krsi.newpath', 'krsi.linkpath',
  'krsi.target',
]);

/** Fields holding file system paths: by type when the catalog tells, else by name (executable paths, `fs.path.*`). */
export function isPathField(field: FieldInfo): boolean {
  if (PATH_TYPES.has(field.type)) return true;
  if (typeFamily(field.type) !== 'string') return false;
  return PATH_FIELDS.has(field.name) || field.name.endsWith('exepath') || field.name.startsWith('fs.path.');
}

export function fieldKind(field: FieldInfo): FieldKind | undefined {
  if (field.isList) return 'list';
  switch (typeFamily(field.type)) {
    case 'string':
      return isPathField(field) ? 'path' : 'string';
    case 'numeric':
      return 'numeric';
    case 'bool':
    case 'ipaddr':
    case 'ipnet':
      return 'other';
    default:
      return undefined;
  }
}

const LIST_FORM: Record<FieldKind, readonly string[]> = {
  path: ['startswith', 'glob', '=', 'in'],
  string: ['=', 'contains', 'startswith', 'endswith', 'in'],
  numeric: ['=', '<', '<=', '>', '>=', 'in'],
  list: ['intersects', 'in'],
  other: ['=', 'in'],
};

const SINGLE_FORM: Record<FieldKind, readonly string[]> = {
  path: ['pmatch', 'in', 'startswith anyof', 'glob anyof'],
  string: ['in', 'contains anyof', 'startswith anyof', 'endswith anyof'],
  numeric: ['in'],
  list: ['intersects', 'in'],
  other: ['in'],
};

/** What the values written for the field look like. */
export interface ValueShape {
  readonly values: readonly string[];
  /** Some tuple holds a list for this field (only comps that take a list fit). */
  readonly hasList: boolean;
}

const LIST_TAKING = new Set(['in', 'intersects', 'pmatch']);

function takesList(comp: string): boolean {
  return LIST_TAKING.has(comp) || comp.includes(' ');
}

const NUMBER = /^[+-]?(0[xX][0-9a-fA-F]+|[0-9]+\.?[0-9]*([eE][+-][0-9]+)?)$/;

function fitsValues(comp: string, shape: ValueShape): boolean {
  if (shape.hasList && !takesList(comp)) return false;
  if (['<', '<=', '>', '>='].includes(comp)) return shape.values.every((value) => NUMBER.test(value));
  return true;
}

/** How well a comp suits the values (higher first). */
function fit(comp: string, shape: ValueShape): number {
  const { values } = shape;
  if (values.length === 0) return 0;
  const base = comp.split(' ')[0]!;
  if (values.every((value) => value.endsWith('/'))) return base === 'startswith' || base === 'pmatch' ? 2 : 0;
  if (values.some((value) => /[*?[]/.test(value))) return base === 'glob' ? 2 : 0;
  if (shape.hasList) return base === 'in' ? 1 : 0;
  return 0;
}

export interface CompChoice {
  readonly comp: string;
  /** The clearly better choice: a prefix match for values that all end in `/`, in place of equality. */
  readonly preferred: boolean;
}

/**
 * The comps to offer for a field of an exception in the given form, best fit first; `current` (the comp written
 * or implied) is left out. Modifier comps only when the engine takes them.
 */
export function compChoices(field: FieldInfo, form: 'single' | 'list', current: string, shape: ValueShape, modifiers: boolean): CompChoice[] {
  const kind = fieldKind(field);
  if (!kind) return [];
  const normalized = current === '==' ? '=' : current;
  const candidates = (form === 'single' ? SINGLE_FORM : LIST_FORM)[kind].filter((comp) => {
    if (comp === normalized) return false;
    if (comp.includes(' ') && !modifiers) return false;
    if (!checkOperator(comp.split(' ')[0]!, { type: field.type, isList: field.isList }).ok) return false;
    return form === 'single' || fitsValues(comp, shape);
  });
  const ranked = candidates.map((comp, order) => ({ comp, order, fit: fit(comp, shape) })).sort((a, b) => b.fit - a.fit || a.order - b.order);
  const equality = form === 'list' ? normalized === '=' : normalized === 'in';
  const slashes = shape.values.length > 0 && shape.values.every((value) => value.endsWith('/'));
  const best = equality && slashes && ranked[0] && ranked[0].fit === 2 && !ranked[0].comp.includes(' ') ? ranked[0].comp : undefined;
  return ranked.map(({ comp }) => ({ comp, preferred: comp === best }));
}
