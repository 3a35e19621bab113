/**
 * The rules files embedded in other YAML files (Helm values `customRules`, operator `inlineRules`, ConfigMaps),
 * seen from the service. Each embedded file joins the workspace index under its own internal URI
 * (`<host uri>#falco-embedded=<id>`), so every feature works on it unchanged; this module maps between that URI
 * and offsets and the host document the client knows: positions in, ranges, URIs and edits out. Internal URIs
 * never reach the client.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { FileChanges } from '../features/codeActions';
import type { TextChange } from '../features/diagnostics/diagnostic';
import type { EmbeddedRegion, HostFacts } from '../syntax/embedded/findEmbedded';
import type { Span } from '../syntax/span';
import { LineIndex, type TextLines } from './lineIndex';

const MARKER = '#falco-embedded=';

export function embeddedUri(hostUri: string, id: string): string {
  return `${hostUri}${MARKER}${encodeURIComponent(id)}`;
}

export function isEmbeddedUri(uri: string): boolean {
  return uri.includes(MARKER);
}

/** The URI the client knows for an index URI (the host file of an embedded one). */
export function clientUriOf(uri: string): string {
  const at = uri.indexOf(MARKER);
  return at < 0 ? uri : uri.slice(0, at);
}

export interface EmbeddedFile {
  readonly uri: string;
  readonly hostUri: string;
  readonly region: EmbeddedRegion;
  /** Embedded offsets as host positions. */
  readonly lines: TextLines;
}

export interface HostDocument {
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly facts: HostFacts;
  readonly files: readonly EmbeddedFile[];
}

/** Embedded offsets read as positions of the host document. */
class EmbeddedLines implements TextLines {
  constructor(private readonly host: LineIndex, private readonly region: EmbeddedRegion) {}

  positionAt(offset: number): Position {
    return this.host.positionAt(this.region.map.toHost(offset));
  }

  offsetAt(position: Position): number {
    const map = this.region.map;
    const hostOffset = this.host.offsetAt(position);
    const offset = map.toEmbedded(hostOffset);
    if (offset >= 0) return offset;
    return hostOffset < map.hostSpan.start ? 0 : map.text.length;
  }

  toRange(span: Span): Range {
    return this.host.toRange(this.region.map.toHostSpan(span));
  }
}

export class EmbeddedFiles {
  private readonly hosts = new Map<string, HostDocument>();
  private readonly files = new Map<string, EmbeddedFile>();

  /** Records a host's embedded files; returns the internal URIs that no longer exist. */
  setHost(uri: string, text: string, facts: HostFacts): { files: readonly EmbeddedFile[]; removed: string[] } {
    const previous = this.hosts.get(uri);
    const lines = new LineIndex(text);
    const files = facts.regions.map((region) => {
      const file: EmbeddedFile = { uri: embeddedUri(uri, region.id), hostUri: uri, region, lines: new EmbeddedLines(lines, region) };
      return file;
    });
    const kept = new Set(files.map((file) => file.uri));
    const removed = (previous?.files ?? []).map((file) => file.uri).filter((old) => !kept.has(old));
    for (const old of removed) this.files.delete(old);
    for (const file of files) this.files.set(file.uri, file);
    this.hosts.set(uri, { uri, text, lines, facts, files });
    return { files, removed };
  }

  /** Forgets a host; returns the internal URIs of its embedded files. */
  removeHost(uri: string): string[] {
    const previous = this.hosts.get(uri);
    if (!previous) return [];
    this.hosts.delete(uri);
    for (const file of previous.files) this.files.delete(file.uri);
    return previous.files.map((file) => file.uri);
  }

  host(uri: string): HostDocument | undefined {
    return this.hosts.get(uri);
  }

  hostsList(): HostDocument[] {
    return [...this.hosts.values()];
  }

  file(uri: string): EmbeddedFile | undefined {
    return this.files.get(uri);
  }

  /** The embedded file under a host position: the region whose lines hold it. */
  fileAt(hostUri: string, position: Position): EmbeddedFile | undefined {
    const host = this.hosts.get(hostUri);
    if (!host) return undefined;
    const offset = host.lines.offsetAt(position);
    return host.files.find((file) => file.region.map.toEmbedded(offset) >= 0);
  }

  /**
   * Edits of index files in client terms: an embedded file's edits become edits of its host, re-indented for the
   * block they land in. Null when one cannot be written back (a folded or quoted scalar).
   */
  toClientChanges(files: readonly FileChanges[]): FileChanges[] | null {
    const result = new Map<string, TextChange[]>();
    for (const entry of files) {
      const embedded = this.files.get(entry.uri);
      let changes: readonly TextChange[] = entry.changes;
      if (embedded) {
        const mapped: TextChange[] = [];
        for (const change of entry.changes) {
          const moved = embedded.region.map.mapChange(change.span, change.newText);
          if (!moved) return null;
          mapped.push(change.snippet ? { ...moved, snippet: true } : moved);
        }
        changes = mapped;
      }
      const uri = embedded ? embedded.hostUri : entry.uri;
      result.set(uri, [...(result.get(uri) ?? []), ...changes]);
    }
    return [...result].map(([uri, changes]) => ({ uri, changes: [...changes].sort((a, b) => a.span.start - b.span.start) }));
  }
}
