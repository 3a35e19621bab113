/**
 * Answers about a host file as a whole (a Helm values file, an operator resource): its outline (one group per
 * embedded rules file), its semantic tokens (those of every embedded file, in host positions), and hovers on its
 * own keys (the file-name keys, `falco.rules_files` entries) that tell the load order.
 */
import { SymbolKind, type DocumentSymbol, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { getDocumentSymbols } from '../features/documentSymbols';
import { loadPositionHover, rulesFilesEntryHover, type LoadOrderView } from '../features/embedded/loadPositionHover';
import type { SemanticToken } from '../features/semanticTokens';
import { filesForEntry } from '../semantic/loadOrder';
import type { IndexedFile } from '../semantic/workspaceIndex';
import type { EmbeddingKind } from '../syntax/embedded/findEmbedded';
import type { Span } from '../syntax/span';
import type { HostDocument } from './embeddedFiles';
import type { TextLines } from './lineIndex';
import { toLspSymbolKind } from './lspConversions';
import { encodeSemanticTokens } from './semanticTokensEncoding';

const KIND_LABELS: Readonly<Record<EmbeddingKind, string>> = {
  customRules: 'Helm customRules',
  inlineRules: 'Rulesfile inlineRules',
  configMap: 'ConfigMap data',
};

/** The outline of one rules file, in the positions of the client's document. */
export function toDocumentSymbol(file: IndexedFile, lines: TextLines): DocumentSymbol[] {
  const convert = (symbol: ReturnType<typeof getDocumentSymbols>[number]): DocumentSymbol => ({
    name: symbol.name,
    detail: symbol.detail,
    kind: toLspSymbolKind(symbol.kind),
    range: lines.toRange(symbol.span),
    selectionRange: lines.toRange(symbol.selectionSpan),
    children: symbol.children.map(convert),
  });
  return getDocumentSymbols(file).map(convert);
}

export function hostDocumentSymbols(host: HostDocument, fileOf: (uri: string) => IndexedFile | undefined): DocumentSymbol[] {
  return host.files.map((embedded) => {
    const file = fileOf(embedded.uri);
    return {
      name: embedded.region.name,
      detail: KIND_LABELS[embedded.region.kind],
      kind: SymbolKind.File,
      // Item spans end after their last line break, which may be the start of the host's next line.
      range: host.lines.toRange({ start: embedded.region.span.start, end: Math.max(embedded.region.span.end, embedded.region.map.toHost(embedded.region.map.text.length)) }),
      selectionRange: host.lines.toRange(embedded.region.keySpan),
      children: file ? toDocumentSymbol(file, embedded.lines) : [],
    };
  });
}

export function hostSemanticTokens(
  host: HostDocument,
  range: Range | undefined,
  fileOf: (uri: string) => IndexedFile | undefined,
  tokensOf: (file: IndexedFile, span: Span | undefined) => SemanticToken[],
): number[] {
  const wanted = range ? { start: host.lines.offsetAt(range.start), end: host.lines.offsetAt(range.end) } : undefined;
  const tokens: SemanticToken[] = [];
  for (const embedded of host.files) {
    const map = embedded.region.map;
    if (wanted && (map.hostSpan.end < wanted.start || map.hostSpan.start > wanted.end)) continue;
    const file = fileOf(embedded.uri);
    if (!file) continue;
    const span = wanted ? { start: Math.max(0, map.toEmbedded(Math.max(wanted.start, map.hostSpan.start))), end: map.toEmbedded(Math.min(wanted.end, map.hostSpan.end)) } : undefined;
    for (const token of tokensOf(file, span && span.end >= span.start ? span : undefined)) {
      const moved = map.toHostSpan(token);
      tokens.push({ ...token, start: moved.start, end: moved.end });
    }
  }
  return encodeSemanticTokens(tokens, host.lines);
}

function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** Hover on the host's own keys: an embedded file's name, or a `falco.rules_files` entry. */
export function hostHover(host: HostDocument, position: Position, view: LoadOrderView): Hover | null {
  const offset = host.lines.offsetAt(position);
  for (const embedded of host.files) {
    const region = embedded.region;
    if (!inside(region.keySpan, offset)) continue;
    const heading = `**${region.name}** (${KIND_LABELS[region.kind]})`;
    return { contents: { kind: 'markdown', value: loadPositionHover(view, region.loadPath, heading) }, range: host.lines.toRange(region.keySpan) };
  }
  for (const entry of host.facts.rulesFiles ?? []) {
    if (!inside(entry.span, offset)) continue;
    const paths = filesForEntry(entry.path, { baseDirectory: '/etc/falco', rulesFiles: [] }, view.files.map((file) => file.path));
    return { contents: { kind: 'markdown', value: rulesFilesEntryHover(view, entry.path, paths) }, range: host.lines.toRange(entry.span) };
  }
  return null;
}
