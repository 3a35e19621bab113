/**
 * Every request handler runs through `runSafe`: a cancelled request answers `RequestCancelled`, an exception
 * is logged and answered with the handler's fallback, so one bad input never takes the server down.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export type Logger = (message: string) => void;

export function runSafe<T>(log: Logger, token: CancellationToken, label: string, fallback: T, compute: () => T): T | ResponseError<void> {
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  try {
    const result = compute();
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    return result;
  } catch (error) {
    log(`${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
