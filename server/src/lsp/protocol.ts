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
