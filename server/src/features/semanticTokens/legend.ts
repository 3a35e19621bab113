/**
 * The semantic token legend of rules files (standard LSP token type and modifier names, so every colour theme
 * styles them) and the token record the feature returns: document offsets, an index into the type list and a
 * bit set over the modifier list.
 */

/** Token types, in legend order. `class`: rule names; `macro`/`enum`: macros and lists; `property`: fields. */
export const SEMANTIC_TOKEN_TYPES = [
  'class',
  'macro',
  'enum',
  'property',
  'parameter',
  'operator',
  'keyword',
  'function',
  'string',
  'number',
] as const;

/** Token modifiers, in legend order (bit `1 << i` for the i-th). */
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'deprecated'] as const;

export type SemanticTokenTypeName = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifierName = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** One token in document offsets (UTF-16, end exclusive). */
export interface SemanticToken {
  readonly start: number;
  readonly end: number;
  /** Index in SEMANTIC_TOKEN_TYPES. */
  readonly type: number;
  /** Bit set over SEMANTIC_TOKEN_MODIFIERS. */
  readonly modifiers: number;
}

export const TOKEN_TYPE: Readonly<Record<SemanticTokenTypeName, number>> = Object.freeze(
  Object.fromEntries(SEMANTIC_TOKEN_TYPES.map((name, index) => [name, index])) as Record<SemanticTokenTypeName, number>,
);

export const TOKEN_MODIFIER: Readonly<Record<SemanticTokenModifierName, number>> = Object.freeze(
  Object.fromEntries(SEMANTIC_TOKEN_MODIFIERS.map((name, index) => [name, 1 << index])) as Record<SemanticTokenModifierName, number>,
);
