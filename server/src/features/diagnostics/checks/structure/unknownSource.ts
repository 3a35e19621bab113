/**
 * Rule definitions whose `source` no loaded plugin provides: the engine warns "Unknown source …, skipping" and
 * never compiles the rule. `syscall` is always loaded; with no plugin list configured every source of the
 * catalogs is. A source the catalogs do not know at all also gets a did-you-mean (falco-language.md §1.10).
 */
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import type { DiagnosticFix } from '../../diagnostic';
import { changeToFixes } from '../../fixes/didYouMean';
import { suggest } from '../../suggest';
import { checkedItems, nonNullScalar, ruleShape } from './shared';

const codes = defineCodes([
  {
    code: 'unknown-source',
    severity: 'warning',
    engineCode: 'LOAD_UNKNOWN_SOURCE',
    summary: 'A rule uses an event source that no loaded plugin provides, so Falco skips the rule.',
    fix: 'Correct the source name, or load the plugin that provides it (the `falco.engine.plugins` setting, `--plugins` on the command line).',
    quickFix: 'For a source no catalog knows, changes it to each of the closest known event sources.',
    example: `- rule: Shell spawned
  desc: d
  condition: evt.type = execve and proc.name = bash
  output: "shell %proc.name"
  priority: NOTICE
  source: syscalls   # syscall
`,
  },
]);

/** Event sources of the configured plugins (every catalog source when no plugin list is configured). */
function loadedSources(context: CheckContext): Set<string> {
  const fields = context.catalogs.fields;
  const plugins = context.options.plugins;
  if (plugins === undefined) return new Set([...fields.sources(), 'syscall']);
  const sources = new Set(['syscall']);
  for (const name of plugins) {
    const source = fields.provider(name)?.eventSource;
    if (source) sources.add(source);
  }
  return sources;
}

/** Plugins of the catalogs that produce events of a source. */
function providersOf(context: CheckContext, source: string): string[] {
  return context.catalogs.fields.data.providers.filter((provider) => provider.eventSource === source).map((provider) => provider.name);
}

export const unknownSourceCheck: Check = {
  name: 'unknown-source',
  codes,
  itemLocal: true,
  run(context) {
    let loaded: Set<string> | undefined;
    for (const item of checkedItems(context.file.syntax, context.items)) {
      const map = item.map;
      // Only full definitions are skipped by the engine; updates of such a rule are accepted.
      if (item.kind !== 'rule' || !map || ruleShape(map) !== 'define') continue;
      const value = nonNullScalar(getPair(map, 'source')?.value);
      if (!value || value.value === '') continue;
      const source = value.value;
      loaded ??= loadedSources(context);
      if (loaded.has(source)) continue;
      const fields = context.catalogs.fields;
      let message: string;
      let fixes: DiagnosticFix[] = [];
      if (fields.isKnownSource(source) || source === 'syscall') {
        const providers = providersOf(context, source);
        const load = providers.length > 0 ? ` Load the ${providers.map((name) => `\`${name}\``).join(' or ')} plugin to enable it.` : '';
        message = `No loaded plugin provides the event source \`${source}\`, so Falco skips this rule ('Unknown source').${load}`;
      } else {
        const candidates = suggest(source, new Set([...fields.sources(), 'syscall']), 3);
        const guess = candidates.length > 0 ? ` Did you mean \`${candidates[0]}\`?` : '';
        message = `Unknown event source \`${source}\`: unless a plugin provides it, Falco skips this rule ('Unknown source'), and its fields cannot be checked until a field catalog for it is configured.${guess}`;
        fixes = changeToFixes(context.file.syntax.text, value.span, source, candidates);
      }
      context.report({ code: 'unknown-source', severity: 'warning', span: value.span, message, fixes });
    }
  },
};
