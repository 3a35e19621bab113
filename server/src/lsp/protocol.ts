/**
 * Custom messages between the extension client and the server. The client imports this file by relative path
 * (esbuild bundles it), so both sides share one definition.
 */

/** Server → client: how many rules files the workspace index holds (sent after every change of that number). */
export const indexStatusNotification = 'falco/indexStatus';

export interface IndexStatusParams {
  /** Number of Falco rules files in the index. */
  readonly rulesFiles: number;
  /** True while the initial scan of the workspace is running. */
  readonly indexing: boolean;
}

/** Client → server: the ATT&CK coverage of the workspace's enabled rules (params `{}`; result AttackCoverage). */
export const attackCoverageRequest = 'falco/attackCoverage';
export type { AttackCoverage } from '../features/attackCoverage';

/**
 * Client → server: the rules named by Falco JSON alerts, with the fields and places an exception can use
 * (params AlertExceptionCandidatesParams; result AlertExceptionCandidatesResult).
 */
export const alertExceptionCandidatesRequest = 'falco/alertExceptionCandidates';
/**
 * Client → server: the edit that adds an exception built from the alerts, with a preview
 * (params AlertExceptionEditParams; result AlertExceptionEditResult: `{edit, preview, uri, line}` or `{error}`).
 */
export const alertExceptionEditRequest = 'falco/alertExceptionEdit';
export type {
  AlertExceptionCandidatesParams,
  AlertExceptionCandidatesResult,
  AlertExceptionEditParams,
  AlertExceptionEditResult,
  AlertExceptionField,
  AlertExceptionRule,
  AlertExceptionTarget,
} from '../service/alertExceptions';

/** The client command the "Add exception from alert…" code action runs (arguments: `[{uri, rule}]`). */
export { ADD_EXCEPTION_FROM_ALERT_COMMAND as addExceptionFromAlertCommand } from '../features/codeActions/alertException';
