/**
 * Moving an exception of a rule into an `override: {exceptions: append}` item of another file.
 */
import type { RefactorProvider } from '../types';

export const moveExceptionProvider: RefactorProvider = () => [];
