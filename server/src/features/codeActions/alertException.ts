/**
 * The "Add exception from alert" action on a rule (hands over to the client command).
 */
import type { RefactorProvider } from './types';

export const addExceptionFromAlertProvider: RefactorProvider = () => [];
