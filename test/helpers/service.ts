/**
 * Builds a language service over fixture files (see markers.ts) for feature tests.
 */
import type { Position } from 'vscode-languageserver-types';
import { createDefaultCatalogs } from '../../server/src/semantic/catalogs';
import { createLanguageService, type FalcoLanguageService } from '../../server/src/service/languageService';
import { LineIndex } from '../../server/src/service/lineIndex';
import { parseFixture, type FixtureFile } from './markers';

const catalogs = createDefaultCatalogs();

export interface FixtureWorkspace {
  readonly service: FalcoLanguageService;
  readonly files: FixtureFile[];
  file(name: string): FixtureFile;
  /** Position of the n-th `<|>` cursor of a file. */
  cursor(name: string, index?: number): Position;
  /** The text a range of a file covers. */
  textAt(uri: string, range: { start: Position; end: Position }): string;
}

export function openFixture(fixture: string, options: { falcoYaml?: string } = {}): FixtureWorkspace {
  const service = createLanguageService({ catalogs, displayPath: (uri) => uri.replace('file:///workspace/', '') });
  const files = parseFixture(fixture);
  for (const file of files) service.updateDocument(file.uri, file.text);
  if (options.falcoYaml) service.setFalcoConfig('file:///workspace/falco.yaml', options.falcoYaml);
  const byName = (name: string): FixtureFile => {
    const found = files.find((file) => file.path.endsWith('/' + name));
    if (!found) throw new Error(`no fixture file ${name}`);
    return found;
  };
  return {
    service,
    files,
    file: byName,
    cursor(name, index = 0) {
      const file = byName(name);
      return new LineIndex(file.text).positionAt(file.cursors[index]);
    },
    textAt(uri, range) {
      const file = files.find((candidate) => candidate.uri === uri);
      if (!file) throw new Error(`no fixture file ${uri}`);
      const lines = new LineIndex(file.text);
      return file.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
    },
  };
}
