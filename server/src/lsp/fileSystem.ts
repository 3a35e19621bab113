/**
 * The file access the server needs, as an interface: the node entry point provides it with `fs`, a browser
 * worker would provide it through the client.
 */

export interface DirectoryEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly isFile: boolean;
}

export interface FileSystem {
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** Resolves to undefined when the file cannot be read or is larger than `maxBytes`. */
  readFile(path: string, maxBytes: number): Promise<string | undefined>;
}

export function pathToUri(path: string): string {
  return 'file://' + path.split('/').map((segment) => encodeURIComponent(segment)).join('/');
}
