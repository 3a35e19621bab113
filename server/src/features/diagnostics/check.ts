/**
 * The interface of a diagnostic check (one file per check under checks/) and what a check receives: the file
 * being checked, the workspace index and load model, the catalogs, the analysis options, and `report`.
 */
import type { Catalogs } from '../../semantic/catalogs';
import type { LoadModel } from '../../semantic/loadModel';
import type { IndexedFile, WorkspaceIndex } from '../../semantic/workspaceIndex';
import type { RulesItem } from '../../syntax/rulesFile';
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
  /**
   * Base names of upstream rules files (e.g. `falco_rules.yaml`, `k8s_audit_rules.yaml`) that Falco's
   * configuration loads but the workspace index does not hold. The macros, lists and rules these files define
   * (per the bundled upstream catalog) are assumed to be loaded before every workspace file, unless the workspace
   * defines the name itself; files that rely on them get one `upstream-rules-not-found` note.
   * Undefined or empty: nothing is assumed.
   */
  readonly assumedUpstream?: readonly string[];
}

export const defaultAnalysisOptions: AnalysisOptions = { engineVersion: '0.62.0' };

export interface CheckContext {
  readonly file: IndexedFile;
  /**
   * The items to check. All items of the file for a file-level check; for an item-local check, the items whose
   * results are not cached (usually only the one being edited). Item-local checks iterate these, never
   * `file.syntax.items`.
   */
  readonly items: readonly RulesItem[];
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
  /**
   * True when the diagnostics of an item depend only on that item, the workspace's names and uses
   * (`index.generation`, `model.usageVersion`), its facts (`index.factsGeneration`), the catalogs and the
   * options — and are reported inside the item. Their results are cached per item between edits.
   */
  readonly itemLocal?: boolean;
  run(context: CheckContext): void;
}
