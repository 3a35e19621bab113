/**
 * Converting an exception between the single-field form and the list form.
 */
import type { RefactorProvider } from '../types';

export const convertExceptionFormProvider: RefactorProvider = () => [];
