/**
 * Hover text for a macro or list the workspace does not define but an upstream rules file does: which upstream
 * file (and which releases of it) has the name, and how to bring that file into the index.
 */
import { displayVersion, upstreamDefinitions, type UpstreamDefinition, type UpstreamKind } from '../../semantic/catalogs/upstreamNames';
import { inlineCode } from './markdown';

/** The setting (package.json `contributes.configuration`) that adds rules files from outside the workspace. */
export const EXTRA_PATHS_SETTING = 'falco.rulesFiles.extraPaths';

function fileWithVersions(definition: UpstreamDefinition): string {
  const versions = definition.versions.map(displayVersion);
  return versions.length > 0 ? `${inlineCode(definition.file)} (${versions.join(', ')})` : inlineCode(definition.file);
}

/** A paragraph about the upstream files that define the name; undefined when none does. */
export function upstreamNote(kind: UpstreamKind, name: string): string | undefined {
  const definitions = upstreamDefinitions(kind, name);
  const setting = inlineCode(EXTRA_PATHS_SETTING);
  if (definitions.length === 0) return undefined;
  if (definitions.length === 1) {
    return [
      `Defined by the upstream rules file ${fileWithVersions(definitions[0])}, which is not in this workspace.`,
      `To use it, open the folder that holds that file, or add the file's path to the ${setting} setting.`,
    ].join('\n\n');
  }
  return [
    'Defined by upstream rules files that are not in this workspace:',
    definitions.map((definition) => `- ${fileWithVersions(definition)}`).join('\n'),
    `To use it, open the folder that holds one of these files, or add its path to the ${setting} setting.`,
  ].join('\n\n');
}

/** Hover on a list that no indexed file declares; undefined unless an upstream file defines it. */
export function undefinedListHover(name: string): string | undefined {
  const note = upstreamNote('list', name);
  return note ? [`**list** ${inlineCode(name)}`, 'Not defined in the indexed rules files.', note].join('\n\n') : undefined;
}
