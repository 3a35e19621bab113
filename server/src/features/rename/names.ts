/**
 * Which new names a rename accepts on its own terms, before looking at the workspace: macro names must be
 * identifiers, list names bare words of the condition grammar, and neither may be a word the condition language
 * already gives a meaning to; rule names are free text on one line.
 */
import type { SymbolKind } from '../../semantic/fileSymbols';
import { BOOLEAN_KEYWORDS, CHECK_OPERATORS, COMPARISON_MODIFIERS, TRANSFORMERS, VAL_TRANSFORMER } from '../../syntax/condition/lexer';

// The engine's patterns (falco-language.md §1.6, §1.7): an identifier for macros, a bare word for lists.
const macroName = /^[a-zA-Z][a-zA-Z0-9_]*$/;
// POSIX [:space:] is space, \t, \n, \v, \f and \r.
const listName = /^[^()"' \t\n\v\f\r=,]+$/;

function hasControlCharacter(name: string): boolean {
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Words a macro or list cannot take: a macro called `and` can never be referred to, and since Falco substitutes
 * list names as text, a list called `in` or `len` would rewrite every operator or transformer of that spelling.
 */
const reservedWords = new Map<string, string>([
  ...BOOLEAN_KEYWORDS.map((word) => [word, 'a keyword'] as const),
  ...CHECK_OPERATORS.map((word) => [word, 'an operator'] as const),
  ...COMPARISON_MODIFIERS.map((word) => [word, 'a comparison modifier'] as const),
  ...[...TRANSFORMERS, VAL_TRANSFORMER].map((word) => [word, 'a transformer'] as const),
]);

/** Why `name` cannot be the name of a `kind`, or undefined when it can. */
export function invalidNameReason(kind: SymbolKind, name: string): string | undefined {
  if (name === '') return `A ${kind} name cannot be empty.`;
  if (hasControlCharacter(name)) return `A ${kind} name cannot contain line breaks, tabs or other control characters.`;
  if (kind === 'rule') {
    if (name.trim() !== name) return 'A rule name cannot start or end with blanks: every item of the rule must repeat the name exactly.';
    return undefined;
  }
  if (kind === 'macro' && !macroName.test(name)) {
    return `\`${name}\` is not a valid macro name: it must start with a letter and contain only letters, digits and \`_\`.`;
  }
  if (kind === 'list' && !listName.test(name)) {
    return `\`${name}\` is not a valid list name: it cannot contain blanks, parentheses, quotes, \`=\` or \`,\`.`;
  }
  const reserved = reservedWords.get(name);
  if (reserved) return `\`${name}\` is ${reserved} of the condition language and cannot name a ${kind}.`;
  return undefined;
}
