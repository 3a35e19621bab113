/**
 * Extracting inline values of a condition into a new list.
 */
import type { RefactorProvider } from './types';

export const extractListProvider: RefactorProvider = () => [];
