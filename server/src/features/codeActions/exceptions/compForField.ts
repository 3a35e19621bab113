/**
 * Comps that suit the type of an exception's field.
 */
import type { RefactorProvider } from '../types';

export const exceptionCompProvider: RefactorProvider = () => [];
