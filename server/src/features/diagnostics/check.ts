/**
 * The interface of a diagnostic check (one file per check under checks/) and what a check receives: the file
 * being checked, the workspace index and load model, the catalogs, the analysis options, and `report`.
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { LoadModel } from '../../semantic/loadModel';
import type { IndexedFile, WorkspaceIndex } from '../../semantic/workspaceIndex';
import type { FalcoDiagnostic } from './diagnostic';

/** What the checks assume about the Falco that will load the rules. */
export interface AnalysisOptions {
  /** Engine version the rules target (Falco 0.44.1 ships engine 0.62.0). */
  readonly engineVersion: string;
  /**
   * Names of the plugins Falco loads (e.g. `container`, `k8saudit`, `json`), as in the catalog's providers.
   * Fields of other plugins are unknown to the engine, and rules whose source no loaded plugin provides get an
   * `unknown-source` warning (the engine skips them; we still check them against our catalogs).
   * Undefined: every plugin the catalogs know.
   */
  readonly plugins?: readonly string[];
}

export const defaultAnalysisOptions: AnalysisOptions = { engineVersion: '0.62.0' };

export interface CheckContext {
  readonly file: IndexedFile;
  readonly index: WorkspaceIndex;
  readonly model: LoadModel;
  readonly catalogs: Catalogs;
  readonly options: AnalysisOptions;
  report(diagnostic: FalcoDiagnostic): void;
}

export interface Check {
  /** Name of the check, for logs and tests. */
  readonly name: string;
  /** Codes this check can report (each documented in codes.ts). */
  readonly codes: readonly string[];
  run(context: CheckContext): void;
}
