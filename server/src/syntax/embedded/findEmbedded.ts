/**
 * Finds the rules files embedded in a YAML file that is not itself a rules file:
 * - Helm chart values: every entry of `customRules:` (at the top level, or one level down under a subchart key
 *   such as `falco:`) is a rules file named by its key, whose text is the entry's string value. The chart writes
 *   it to /etc/falco/rules.d/<key>.
 * - falco-operator `Rulesfile` resources (apiVersion `artifact.falcosecurity.dev/…`): `spec.inlineRules`, a string
 *   (operator 0.1) or a YAML sequence of items (0.2 and later). The operator writes it to
 *   /etc/falco/rules.d/<priority>-03-<name>-inline.yaml.
 * - Kubernetes ConfigMaps whose `data` entries named `*.yaml`/`*.yml` hold rules text (taken to be mounted at
 *   /etc/falco/rules.d, as the chart and the operator do).
 * Also reads the Helm values' `falco.rules_files`, the rules files the chart's falco.yaml loads. Never throws.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { mayBeRulesFile } from '../detect';
import { lineStart } from '../lines';
import type { Span } from '../span';
import { convertNode } from '../yaml/tree';
import { cookedText, indentedLines, type RegionMap } from './regionMap';

export type EmbeddingKind = 'customRules' | 'inlineRules' | 'configMap';

export interface EmbeddedRegion {
  /** Unique within its host file, stable across edits that keep the key (`customRules/my-rules.yaml`). */
  readonly id: string;
  readonly kind: EmbeddingKind;
  /** The rules file name as Falco sees it once deployed (`my-rules.yaml`). */
  readonly name: string;
  /** Where the deployment puts the file (`/etc/falco/rules.d/my-rules.yaml`): decides the load order. */
  readonly loadPath: string;
  /** The key that names the file (or `inlineRules`), in host offsets. */
  readonly keySpan: Span;
  /** From the key to the end of the value, in host offsets. */
  readonly span: Span;
  /** The embedded text and its mapping to host characters. */
  readonly map: RegionMap;
}

export interface HostFacts {
  readonly regions: readonly EmbeddedRegion[];
  /** Helm values `falco.rules_files` (or `rules_file`) entries, when the file sets them. */
  readonly rulesFiles?: readonly { readonly path: string; readonly span: Span }[];
}

const RULES_DIRECTORY = '/etc/falco/rules.d';
const NO_FACTS: HostFacts = { regions: [] };

/** Cheap test on the raw text: false means the text cannot hold embedded rules. */
export function mayHoldEmbeddedRules(text: string): boolean {
  // Substring search first: it is far cheaper than a multi-line regular expression on a large rules file.
  if (!text.includes('customRules') && !text.includes('inlineRules') && !text.includes('ConfigMap')) return false;
  return /^[ \t]*(?:customRules|inlineRules)[ \t]*:/m.test(text) || (/^kind:[ \t]*ConfigMap\b/m.test(text) && mayBeRulesFile(text));
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String((pair.key as Scalar).value) : '';
}

function rangeOf(node: Node | null | undefined): Span | null {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : null;
}

function mapValue(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => keyText(pair) === key);
}

/** The region of a string or sequence value, or null when the value cannot hold a rules file. */
function regionMap(text: string, value: Node): RegionMap | null {
  const range = value.range;
  if (!range) return null;
  if (isSeq(value)) {
    if (value.flow || value.items.length === 0) return null;
    const first = lineStart(text, range[0]);
    if (text.slice(first, range[0]).trim() !== '') return null;
    return indentedLines(text, first, Math.max(range[0], range[1] - 1), range[0] - first);
  }
  if (!isScalar(value) || typeof value.value !== 'string') return null;
  if (value.type === 'BLOCK_LITERAL') {
    const headerEnd = text.indexOf('\n', range[0]);
    if (headerEnd < 0 || headerEnd + 1 >= range[1]) return null;
    const bodyStart = headerEnd + 1;
    const header = text.slice(range[0], headerEnd);
    const explicit = /^\|[-+]?([1-9])|^\|([1-9])/.exec(header);
    let indent: number;
    if (explicit) {
      const ownerStart = lineStart(text, range[0]);
      let ownerIndent = 0;
      while (text.charCodeAt(ownerStart + ownerIndent) === 32) ownerIndent++;
      indent = ownerIndent + Number(explicit[1] ?? explicit[2]);
    } else {
      const firstContent = /^( *)[^ \r\n]/m.exec(text.slice(bodyStart, range[1]));
      if (!firstContent) return null;
      indent = firstContent[1]!.length;
    }
    // Trailing blank lines belong to the block too: typing there is typing inside the embedded file.
    let last = range[1] - 1;
    for (let next = range[1]; next < text.length;) {
      const end = text.indexOf('\n', next);
      const line = text.slice(next, end < 0 ? text.length : end);
      if (line.trim() !== '' || end < 0) break;
      last = end;
      next = end + 1;
    }
    return indentedLines(text, bodyStart, last, indent);
  }
  const node = convertNode(value, text, 0);
  return node && node.kind === 'scalar' ? cookedText(node.text) : null;
}

function region(text: string, kind: EmbeddingKind, id: string, name: string, loadPath: string, pair: Pair): EmbeddedRegion | null {
  const value = pair.value as Node | null;
  const keySpan = rangeOf(pair.key as Node);
  if (!value || !keySpan) return null;
  const map = regionMap(text, value);
  if (!map) return null;
  return { id, kind, name, loadPath, keySpan, span: { start: keySpan.start, end: map.hostSpan.end }, map };
}

function helmRegions(text: string, root: YAMLMap, out: EmbeddedRegion[]): void {
  const holders: YAMLMap[] = [root];
  for (const pair of root.items) if (isMap(pair.value)) holders.push(pair.value);
  for (const holder of holders) {
    const customRules = mapValue(holder, 'customRules');
    if (!customRules || !isMap(customRules.value)) continue;
    for (const entry of customRules.value.items) {
      const name = keyText(entry);
      if (name === '' || out.some((existing) => existing.id === `customRules/${name}`)) continue;
      const found = region(text, 'customRules', `customRules/${name}`, name, `${RULES_DIRECTORY}/${name}`, entry);
      if (found) out.push(found);
    }
  }
}

function twoDigits(value: unknown): string {
  const number = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 99 ? value : 50;
  return String(number).padStart(2, '0');
}

function operatorRegion(text: string, root: YAMLMap, documentIndex: number, out: EmbeddedRegion[]): void {
  const spec = mapValue(root, 'spec')?.value;
  if (!isMap(spec)) return;
  const inline = mapValue(spec, 'inlineRules');
  if (!inline) return;
  const metadata = mapValue(root, 'metadata')?.value;
  const nameNode = isMap(metadata) ? mapValue(metadata, 'name')?.value : undefined;
  const resource = isScalar(nameNode) && typeof nameNode.value === 'string' && nameNode.value !== '' ? nameNode.value : `rulesfile-${documentIndex + 1}`;
  const priority = twoDigits((mapValue(spec, 'priority')?.value as Scalar | undefined)?.value);
  const name = `${priority}-03-${resource}-inline.yaml`;
  const found = region(text, 'inlineRules', `inlineRules/${documentIndex}/${resource}`, name, `${RULES_DIRECTORY}/${name}`, inline);
  if (found) out.push(found);
}

function configMapRegions(text: string, root: YAMLMap, documentIndex: number, out: EmbeddedRegion[]): void {
  const data = mapValue(root, 'data')?.value;
  if (!isMap(data)) return;
  for (const entry of data.items) {
    const name = keyText(entry);
    const value = entry.value;
    if (!/\.ya?ml$/.test(name) || !isScalar(value) || typeof value.value !== 'string' || !mayBeRulesFile(value.value)) continue;
    const found = region(text, 'configMap', `configMap/${documentIndex}/${name}`, name, `${RULES_DIRECTORY}/${name}`, entry);
    if (found) out.push(found);
  }
}

function helmRulesFiles(root: YAMLMap): HostFacts['rulesFiles'] {
  const falco = mapValue(root, 'falco')?.value;
  if (!isMap(falco)) return undefined;
  const entries = (mapValue(falco, 'rules_files') ?? mapValue(falco, 'rules_file'))?.value;
  if (!isSeq(entries)) return undefined;
  return entries.items.flatMap((item) => {
    const span = rangeOf(item as Node);
    return isScalar(item) && typeof item.value === 'string' && span ? [{ path: item.value, span }] : [];
  });
}

function scalarValue(map: YAMLMap, key: string): string | undefined {
  const value = mapValue(map, key)?.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** The embedded rules files of a host YAML text, in text order. */
export function findEmbeddedRules(text: string): HostFacts {
  if (!mayHoldEmbeddedRules(text)) return NO_FACTS;
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { strict: false, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(documents)) return NO_FACTS;
  } catch {
    return NO_FACTS;
  }
  const regions: EmbeddedRegion[] = [];
  let rulesFiles: HostFacts['rulesFiles'];
  documents.forEach((document, documentIndex) => {
    const root = document.contents;
    if (!isMap(root)) return;
    try {
      const kind = scalarValue(root, 'kind');
      const apiVersion = scalarValue(root, 'apiVersion') ?? '';
      if (kind === 'Rulesfile' && apiVersion.startsWith('artifact.falcosecurity.dev/')) operatorRegion(text, root, documentIndex, regions);
      else if (kind === 'ConfigMap') configMapRegions(text, root, documentIndex, regions);
      else {
        helmRegions(text, root, regions);
        rulesFiles ??= helmRulesFiles(root);
      }
    } catch {
      // A document too odd to read holds no embedded rules.
    }
  });
  regions.sort((a, b) => a.span.start - b.span.start);
  return rulesFiles ? { regions, rulesFiles } : { regions };
}
