/**
 * Pushes diagnostics: changed files are queued and published together once the current burst of messages has
 * been handled, so typing fast re-checks each file once. Files that stop being rules files get an empty list.
 */
import type { Connection } from 'vscode-languageserver';
import type { FalcoLanguageService } from '../service/languageService';
import type { Logger } from './requestRunner';

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private readonly published = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly connection: Connection,
    private readonly service: FalcoLanguageService,
    private readonly log: Logger,
    /** The editor's version of an open document (undefined for files read from disk). */
    private readonly versionOf: (uri: string) => number | undefined = () => undefined,
    /** Files whose diagnostics are shown (not the rules files read from outside the workspace). */
    private readonly shown: (uri: string) => boolean = () => true,
  ) {}

  schedule(uris: Iterable<string>): void {
    for (const uri of uris) this.pending.add(uri);
    if (this.pending.size > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  scheduleAll(): void {
    this.schedule([...this.service.rulesFiles(), ...this.published]);
  }

  clear(uri: string): void {
    this.pending.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private flush(): void {
    this.scheduled = false;
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      try {
        if (this.service.isRulesFile(uri) && this.shown(uri)) {
          void this.connection.sendDiagnostics({ uri, version: this.versionOf(uri), diagnostics: this.service.getDiagnostics(uri) });
          this.published.add(uri);
        } else this.clear(uri);
      } catch (error) {
        this.log(`diagnostics for ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }
}
