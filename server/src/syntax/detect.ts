/**
 * Decides by content whether a YAML text is a Falco rules file, whatever its name: a stream whose documents
 * are sequences of mappings keyed by `rule`, `macro`, `list`, `required_engine_version` or
 * `required_plugin_versions` (falco-language.md §1). A top-level mapping with such a key is also taken, so the
 * "not a sequence" mistake gets its diagnostic instead of silence.
 */
import { ITEM_KINDS } from './itemKeys';
import type { RulesFileSyntax } from './rulesFile';

// A kind key at the start of a line, after an optional `- ` (it need not be an item's first key).
const candidateLine = /^[ \t]*(?:-[ \t]+)?(?:rule|macro|list|required_engine_version|required_plugin_versions)[ \t]*:/m;

/** Cheap test on the raw text: false means the text cannot be a rules file. */
export function mayBeRulesFile(text: string): boolean {
  return candidateLine.test(text);
}

/** Structural test on a parsed text. */
export function isRulesFileSyntax(syntax: RulesFileSyntax): boolean {
  if (syntax.items.some((item) => item.kind !== 'unknown' && item.kind !== 'invalid')) return true;
  return syntax.documents.some(
    (document) => document.rootMap !== null && document.rootMap.pairs.some((pair) => (ITEM_KINDS as readonly string[]).includes(pair.keyText)),
  );
}
