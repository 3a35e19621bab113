/**
 * Turning a free-text `condition:` exception entry into fields, comps and values (or saying why it cannot be).
 */
import type { RefactorProvider } from '../types';

export const conditionToExceptionProvider: RefactorProvider = () => [];
