/**
 * Collects the conditions (rules and macros) and outputs (rules) of the upstream corpus as cooked YAML values,
 * for the corpus and fuzz tests. Empty when ../shared is absent (see `sharedMissing`).
 */
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { corpusFiles, corpusRoot } from '../../../helpers/shared';

export interface CorpusEntry {
  /** Path relative to the corpus root. */
  readonly file: string;
  readonly item: string;
  readonly key: 'condition' | 'output';
  readonly text: string;
  /** Legacy `append: true` or `override: {condition: append}`: the text continues another item's condition. */
  readonly append: boolean;
  /** The file is one of the deliberately invalid upstream fixtures (`invalid_*`). */
  readonly invalidFile: boolean;
}

export function corpusEntries(): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  for (const path of corpusFiles()) {
    const file = relative(corpusRoot, path);
    const invalidFile = basename(path).startsWith('invalid_');
    for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const items: unknown = document.toJS();
      if (!Array.isArray(items)) continue;
      for (const raw of items) {
        if (!raw || typeof raw !== 'object') continue;
        const item = raw as Record<string, unknown>;
        const name = String(item.rule ?? item.macro ?? '?');
        const override = item.override as Record<string, unknown> | undefined;
        const append = item.append === true || override?.condition === 'append';
        if ((item.rule !== undefined || item.macro !== undefined) && typeof item.condition === 'string') {
          entries.push({ file, item: name, key: 'condition', text: item.condition, append, invalidFile });
        }
        if (item.rule !== undefined && typeof item.output === 'string') {
          entries.push({ file, item: name, key: 'output', text: item.output, append: override?.output === 'append', invalidFile });
        }
      }
    }
  }
  return entries;
}
