/**
 * The refactoring providers, in the order their actions are listed: the ones about the thing under the cursor
 * first, the broader ones after.
 */
import type { RefactorProvider } from './types';

export const refactorProviders: readonly RefactorProvider[] = [];
