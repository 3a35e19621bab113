/**
 * The refactoring providers, in the order their actions are listed: the ones about the thing under the cursor
 * first, the broader ones after.
 */
import { addExceptionFromAlertProvider } from './alertException';
import { conditionToExceptionProvider } from './exceptions/conditionToException';
import { exceptionCompProvider } from './exceptions/compForField';
import { convertExceptionFormProvider } from './exceptions/convertForm';
import { moveExceptionProvider } from './exceptions/moveToOverride';
import { extractListProvider } from './extractList';
import { extractMacroProvider } from './extractMacro';
import { inlineMacroProvider } from './inlineMacro';
import type { RefactorProvider } from './types';

export const refactorProviders: readonly RefactorProvider[] = [
  conditionToExceptionProvider,
  exceptionCompProvider,
  convertExceptionFormProvider,
  inlineMacroProvider,
  extractListProvider,
  extractMacroProvider,
  moveExceptionProvider,
  addExceptionFromAlertProvider,
];
