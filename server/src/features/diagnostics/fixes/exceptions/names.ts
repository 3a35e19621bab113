/**
 * Names the exception fixes propose: derived from the exception's fields (`proc_name_fd_name`) or, without
 * fields, from the rule's name, and made unique among the names already used in the rule.
 */

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A name for an exception over `fields`, else one for the rule `ruleName`. */
export function exceptionNameBase(fields: readonly string[], ruleName: string | null): string {
  const fromFields = slug(fields.join('_'));
  if (fromFields !== '') return fromFields.length > 60 ? fromFields.slice(0, 60).replace(/_+$/, '') : fromFields;
  const fromRule = ruleName ? slug(ruleName) : '';
  return fromRule !== '' ? `${fromRule.slice(0, 50).replace(/_+$/, '')}_exception` : 'exception';
}

/** `base`, or `base_2`, `base_3`, … whichever is not taken. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let index = 2; ; index++) {
    const candidate = `${base}_${index}`;
    if (!used.has(candidate)) return candidate;
  }
}
