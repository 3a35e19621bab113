/**
 * The type checker of conditions, shared by the diagnostics and (later) completion: operand types and the
 * operator matrix, constant parsers, RE2 pattern checks, field lookup per source and plugin set, and list
 * substitution as the engine does it.
 */
export * from './types';
export * from './operators';
export * from './values';
export * from './regex';
export * from './fieldResolver';
export * from './lists';
export * from './operandTypes';
