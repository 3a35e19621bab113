/**
 * `falco-rules check`: loads the given rules files (in Falco's load order) into the language service and
 * collects every diagnostic, exactly as the editor shows them.
 */
import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { pathToUri } from '../lsp/fileSystem';
import { maxFileBytes, scanFolders } from '../lsp/workspaceScanner';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { createDefaultCatalogs, parseFalcoFieldList } from '../semantic/catalogs';
import { isFalcoConfigName } from '../semantic/falcoConfig';
import { createLanguageService } from '../service/languageService';
import type { CheckArguments } from './args';

export interface CheckedFile {
  readonly path: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface CheckResult {
  readonly files: readonly CheckedFile[];
  readonly configPath: string | undefined;
  readonly errors: number;
  readonly warnings: number;
}

async function expandPaths(paths: readonly string[]): Promise<{ explicit: string[]; discovered: string[]; configs: string[] }> {
  const explicit: string[] = [];
  const directories: string[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new Error(`no such file or directory: ${path}`);
    if (stat.isDirectory()) directories.push(absolute);
    else explicit.push(absolute);
  }
  const scan = await scanFolders(nodeFileSystem, directories, ['**/node_modules/**', '**/.git/**'], 20000, () => false);
  const configs = [...scan.yamlFiles, ...explicit].filter(isFalcoConfigName);
  return { explicit: explicit.filter((path) => !isFalcoConfigName(path)), discovered: scan.yamlFiles.filter((path) => !isFalcoConfigName(path)), configs };
}

/** Builds a language service over the files and configuration the arguments name. */
export async function loadWorkspace(args: CheckArguments) {
  const service = createLanguageService({ catalogs: createDefaultCatalogs() });
  const extraFields = [];
  for (const path of args.fields) {
    const text = await nodeFileSystem.readFile(resolve(path), maxFileBytes);
    if (text === undefined) throw new Error(`cannot read the field catalog ${path}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`the field catalog ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    extraFields.push(...parseFalcoFieldList(json));
  }
  service.configure({ analysis: { engineVersion: args.engineVersion ?? '0.62.0', plugins: args.plugins }, extraFields });
  const { explicit, discovered, configs } = await expandPaths(args.paths);
  const texts = new Map<string, string>();
  for (const path of [...explicit, ...discovered]) {
    const text = await nodeFileSystem.readFile(path, maxFileBytes);
    if (text === undefined) continue;
    texts.set(path, text);
    // A file named on the command line is a rules file by definition; found ones are recognised by content.
    service.updateDocument(pathToUri(path), text, { override: explicit.includes(path) ? 'force' : 'auto' });
  }
  const configPath = args.config ? resolve(args.config) : configs.sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (configPath) {
    const configText = await nodeFileSystem.readFile(configPath, maxFileBytes);
    if (configText === undefined) throw new Error(`cannot read the Falco configuration ${configPath}`);
    service.setFalcoConfig(pathToUri(configPath), configText);
  }
  return { service, texts, configPath };
}

export async function runCheck(args: CheckArguments): Promise<CheckResult> {
  const { service, texts, configPath } = await loadWorkspace(args);
  const files: CheckedFile[] = [];
  let errors = 0;
  let warnings = 0;
  const byUri = new Map([...texts.keys()].map((path) => [pathToUri(path), path]));
  for (const uri of service.rulesFiles()) {
    const path = byUri.get(uri);
    if (!path) continue;
    const diagnostics = service.getDiagnostics(uri);
    errors += diagnostics.filter((diagnostic) => diagnostic.severity === 1).length;
    warnings += diagnostics.filter((diagnostic) => diagnostic.severity === 2).length;
    files.push({ path, text: texts.get(path)!, diagnostics });
  }
  return { files, configPath: configPath ? resolve(dirname(configPath), configPath) : undefined, errors, warnings };
}
