/**
 * Upstream rules files that Falco's configuration loads but the workspace lacks (`assumedUpstream` of the
 * analysis options): the names they define are assumed to be loaded before every workspace file, unless the
 * workspace defines the name itself (then its own definitions and their load order decide). This file holds the
 * predicates the other checks use to skip such names, and the file-level `upstream-rules-not-found` note: one per
 * file that relies on an assumed name, on its first use.
 */
import { assumedDefinition, isAssumedFile, upstreamDefinitions, type UpstreamKind } from '../../../../semantic/catalogs/upstreamNames';
import type { Span } from '../../../../syntax/span';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { EXTRA_PATHS_SETTING } from '../../../hover/upstreamHover';

const codes = defineCodes([
  {
    code: 'upstream-rules-not-found',
    severity: 'information',
    engineCode: null,
    summary:
      'The file uses macros, lists or rules of an upstream rules file (such as falco_rules.yaml) that the configuration loads but the workspace does not hold, so they are assumed and not checked.',
    fix: 'Add the path of the upstream file (for example /etc/falco/falco_rules.yaml) to the `falco.rulesFiles.extraPaths` setting, or open a folder that holds it, to check those names for real.',
    example: `- rule: Shell in container
  desc: d
  condition: spawned_process and container and proc.name = bash   # macros of the upstream falco_rules.yaml
  output: "shell %proc.name"
  priority: NOTICE
`,
  },
]);

/** How many names a message lists per upstream file. */
const SHOWN_NAMES = 5;

/**
 * The assumed upstream file that defines a name, when the workspace has no definition of it (a macro also needs
 * no workspace list of that name); undefined otherwise, and always when nothing is assumed.
 */
export function assumedUpstreamFile(context: CheckContext, kind: UpstreamKind, name: string): string | undefined {
  const assumed = context.options.assumedUpstream;
  if (!assumed || assumed.length === 0 || typeof name !== 'string') return undefined;
  const definition = assumedDefinition(kind, name, assumed);
  if (!definition) return undefined;
  if (context.model.firstDefinition(kind, name)) return undefined;
  if (kind === 'macro' && context.index.declarationsOf('list', name).length > 0) return undefined;
  return definition.file;
}

/**
 * For a name the workspace lacks while upstream files are assumed: a sentence saying which upstream files define
 * it though the configuration does not load them; empty when nothing is assumed or no upstream file defines it.
 */
export function unloadedUpstreamNote(context: CheckContext, kind: UpstreamKind, name: string): string {
  const assumed = context.options.assumedUpstream;
  if (!assumed || assumed.length === 0) return '';
  const files = [...new Set(upstreamDefinitions(kind, name).map((definition) => definition.file))].filter((file) => !isAssumedFile(file, assumed));
  if (files.length === 0) return '';
  const named = files.map((file) => `\`${file}\``);
  const list = named.length === 1 ? `the upstream ${named[0]}` : `the upstream files ${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return ` '${name}' is defined by ${list}, which the configuration does not load.`;
}

interface Use {
  readonly file: string;
  readonly name: string;
  readonly span: Span;
}

/** The uses of assumed names in the file, in no particular order. */
function assumedUses(context: CheckContext): Use[] {
  const uses: Use[] = [];
  const { file, model } = context;
  for (const reference of file.symbols.references) {
    const upstream = assumedUpstreamFile(context, reference.kind, reference.name);
    if (upstream) uses.push({ file: upstream, name: reference.name, span: reference.span });
  }
  for (const declaration of file.symbols.declarations) {
    const update = declaration.mode === 'append' || declaration.mode === 'enable' || (declaration.mode === 'replace' && declaration.kind === 'rule');
    if (!update) continue;
    if (model.isDefinedBefore(declaration.kind, declaration.name, model.pointOf(file.uri, declaration.itemIndex))) continue;
    const upstream = assumedUpstreamFile(context, declaration.kind, declaration.name);
    if (upstream) uses.push({ file: upstream, name: declaration.name, span: declaration.nameSpan });
  }
  return uses;
}

function namesText(names: readonly string[]): string {
  const shown = names.slice(0, SHOWN_NAMES).map((name) => `\`${name}\``);
  return shown.join(', ') + (names.length > SHOWN_NAMES ? ', …' : '');
}

function message(byFile: ReadonlyMap<string, readonly string[]>): string {
  const files = [...byFile.keys()];
  const total = [...byFile.values()].reduce((sum, names) => sum + names.length, 0);
  const example = `/etc/falco/${files[0]}`;
  const setting = `\`${EXTRA_PATHS_SETTING}\``;
  const nameWord = total === 1 ? 'name' : 'names';
  const it = total === 1 ? 'it is' : 'they are';
  if (files.length === 1) {
    const [file] = files;
    return (
      `This file uses ${total} ${nameWord} that the upstream \`${file}\` defines (${namesText(byFile.get(file!)!)}), but that file is not in the workspace, ` +
      `so ${it} assumed to be loaded before this file, as Falco's configuration does. ` +
      `To check ${total === 1 ? 'it' : 'them'} for real, add the file's path (for example ${example}) to the ${setting} setting, or open a folder that holds it.`
    );
  }
  const parts = files.map((file) => `${byFile.get(file)!.length} from \`${file}\` (${namesText(byFile.get(file)!)})`);
  return (
    `This file uses ${total} names that upstream rules files define: ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}. ` +
    `These files are not in the workspace, so the names are assumed to be loaded before this file, as Falco's configuration does. ` +
    `To check them for real, add the files' paths (for example ${example}) to the ${setting} setting, or open a folder that holds them.`
  );
}

export const upstreamNotFoundCheck: Check = {
  name: 'upstream-rules-not-found',
  codes,
  run(context) {
    const assumed = context.options.assumedUpstream;
    if (!assumed || assumed.length === 0) return;
    const uses = assumedUses(context).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    if (uses.length === 0) return;
    const byFile = new Map<string, string[]>();
    for (const use of uses) {
      const names = byFile.get(use.file);
      if (!names) byFile.set(use.file, [use.name]);
      else if (!names.includes(use.name)) names.push(use.name);
    }
    context.report({ code: 'upstream-rules-not-found', severity: 'information', span: uses[0]!.span, message: message(byFile) });
  },
};
