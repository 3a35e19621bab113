/**
 * The server's file access on Node.js.
 */
import { promises as fs } from 'node:fs';
import type { DirectoryEntry, FileSystem } from '../lsp/fileSystem';

export const nodeFileSystem: FileSystem = {
  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() }));
  },
  async readFile(path: string, maxBytes: number): Promise<string | undefined> {
    try {
      const stat = await fs.stat(path);
      if (!stat.isFile() || stat.size > maxBytes) return undefined;
      const text = await fs.readFile(path, 'utf8');
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      return undefined;
    }
  },
};
