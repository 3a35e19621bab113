/**
 * Inlining a macro at one use or at all its uses.
 */
import type { RefactorProvider } from './types';

export const inlineMacroProvider: RefactorProvider = () => [];
