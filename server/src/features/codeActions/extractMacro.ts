/**
 * Extracting a sub-condition into a new macro.
 */
import type { RefactorProvider } from './types';

export const extractMacroProvider: RefactorProvider = () => [];
