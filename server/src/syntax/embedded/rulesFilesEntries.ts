/**
 * The `rules_files` entries of a Falco configuration text (`rules_file` in older releases), with their spans,
 * for hovers that tell which files an entry loads. Never throws.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Span } from '../span';

export interface RulesFilesEntry {
  readonly path: string;
  readonly span: Span;
}

export function rulesFilesEntries(text: string): RulesFilesEntry[] {
  try {
    const root = parseDocument(text, { strict: false, uniqueKeys: false }).contents;
    if (!isMap(root)) return [];
    const pair = root.items.find((item) => isScalar(item.key) && (item.key.value === 'rules_files' || item.key.value === 'rules_file'));
    const value = pair?.value;
    const items = isSeq(value) ? value.items : isScalar(value) ? [value] : [];
    return items.flatMap((item) => {
      const node = isMap(item) ? item.get('path', true) : item;
      return isScalar(node) && typeof node.value === 'string' && node.range ? [{ path: node.value, span: { start: node.range[0], end: node.range[1] } }] : [];
    });
  } catch {
    return [];
  }
}
