/**
 * Reads the field listing printed by `falco --list --format json` (Falco 0.44+) into catalog records, so users can
 * add the fields of the plugins they actually load. Malformed parts are skipped, never thrown on.
 */
import type { ArgForm, FieldInfo } from './fieldTypes';
import { NO_ARGUMENT } from './fieldTypes';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];

/** Maps a libsinsp type name as listed (`CHARBUF`, `UINT64`, `DYNAMIC`, …) to the catalog's lowercase names. */
export function normalizeFieldType(listed: string): string {
  const upper = listed.trim().toUpperCase();
  if (upper === 'CHARBUF') return 'string';
  if (upper === 'DYNAMIC' || upper === 'DYN') return 'dynamic';
  return upper.toLowerCase();
}

function argumentForm(className: string, types: string[]): ArgForm {
  const index = types.includes('INDEX');
  const key = types.includes('KEY');
  if (index && key) return 'indexOrKey';
  if (index) return 'index';
  if (key) return className === 'json' ? 'path' : 'key';
  // The listing gives no kind for libsinsp fields with hand-parsed arguments: accept both bracket forms.
  return 'indexOrKey';
}

function parseField(raw: unknown, className: string, sources: string[]): FieldInfo | undefined {
  if (!isObject(raw) || typeof raw.name !== 'string' || raw.name === '') return undefined;
  const argument = raw.argument;
  const arg = isObject(argument)
    ? {
        form: argumentForm(
          className,
          strings(argument.type).map((type) => type.toUpperCase()),
        ),
        required: argument.required === true,
      }
    : NO_ARGUMENT;
  const field: FieldInfo = {
    name: raw.name,
    type: typeof raw.type === 'string' ? normalizeFieldType(raw.type) : 'string',
    sources,
    class: className,
    providers: [],
    arg,
    isList: raw.is_list === true,
    filterOnly: false,
    printOnly: false,
    hidden: false,
    noRhs: false,
    noTransformer: false,
    formatSuggested: false,
    deprecated: raw.is_deprecated === true,
    origin: 'extra',
  };
  return typeof raw.desc === 'string' && raw.desc !== '' ? { ...field, desc: raw.desc } : field;
}

/**
 * Parses `{"fieldclasses":[{name, desc, event_sources[], fields:[{name, type, desc, is_list, argument}]}]}`.
 * A bare array of field classes is accepted too. A class without event sources applies to every source (`*`).
 */
export function parseFalcoFieldList(json: unknown): FieldInfo[] {
  const classes = Array.isArray(json) ? json : isObject(json) ? json.fieldclasses : undefined;
  if (!Array.isArray(classes)) return [];
  const fields: FieldInfo[] = [];
  for (const fieldClass of classes) {
    if (!isObject(fieldClass) || !Array.isArray(fieldClass.fields)) continue;
    const className = typeof fieldClass.name === 'string' ? fieldClass.name : '';
    const listedSources = [...new Set(strings(fieldClass.event_sources))].sort();
    const sources = listedSources.length > 0 ? listedSources : ['*'];
    for (const raw of fieldClass.fields) {
      const field = parseField(raw, className, sources);
      if (field) fields.push(field);
    }
  }
  return fields;
}
