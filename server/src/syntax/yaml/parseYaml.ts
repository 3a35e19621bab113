/**
 * Parses a YAML stream into our plain trees, chunk by chunk (see chunks.ts), collecting YAML problems with
 * document offsets. Never throws.
 */
import { parseDocument } from 'yaml';
import type { SyntaxProblem } from '../problems';
import type { Span } from '../span';
import { splitChunks, type Chunk } from './chunks';
import { convertNode, type YNode } from './tree';
import { describeChunkErrors, type RawYamlError } from './yamlErrors';

export interface ParsedYamlDocument {
  readonly documentIndex: number;
  readonly span: Span;
  /**
   * Top-level nodes. For a document that is a block sequence these are its entries (one chunk may hold one
   * entry); otherwise a single root node (map, scalar, flow sequence) or nothing for an empty document.
   */
  readonly entries: readonly (YNode | null)[];
  /** The shape of the document's root. */
  readonly rootKind: 'sequence' | 'map' | 'scalar' | 'alias' | 'empty';
  /** Span of the root node (or of the document when empty). */
  readonly rootSpan: Span;
}

export interface ParsedYaml {
  readonly documents: readonly ParsedYamlDocument[];
  readonly problems: readonly SyntaxProblem[];
}

export interface ChunkResult {
  readonly root: YNode | null;
  readonly problems: readonly SyntaxProblem[];
  readonly aliasTrouble: boolean;
}

/** Parses `text.slice(start, end)`; offsets of the result are offsets of `text`. */
export type ChunkParser = (text: string, start: number, end: number) => ChunkResult;

export function parseChunk(text: string, start: number, end: number): ChunkResult {
  const problems: SyntaxProblem[] = [];
  let root: YNode | null = null;
  let aliasTrouble = false;
  try {
    const document = parseDocument(text.slice(start, end), { keepSourceTokens: true, strict: false, uniqueKeys: false, prettyErrors: false });
    const errors: RawYamlError[] = document.errors.map((error) => ({ code: error.code, message: error.message, start: start + error.pos[0], end: start + error.pos[1] }));
    aliasTrouble = document.errors.some((error) => error.code === 'BAD_ALIAS');
    problems.push(...describeChunkErrors(text, start, end, errors));
    root = convertNode(document.contents, text, start);
  } catch (error) {
    problems.push({
      code: 'yaml-syntax',
      message: `The YAML parser failed: ${error instanceof Error ? error.message : String(error)}`,
      span: { start, end: Math.min(end, start + 1) },
      severity: 'error',
    });
  }
  return { root, problems, aliasTrouble };
}

function rootKindOf(node: YNode | null): ParsedYamlDocument['rootKind'] {
  if (node === null) return 'empty';
  switch (node.kind) {
    case 'seq':
      return 'sequence';
    case 'map':
      return 'map';
    case 'alias':
      return 'alias';
    default:
      return node.isNull ? 'empty' : 'scalar';
  }
}

function buildDocument(
  text: string,
  documentIndex: number,
  chunks: readonly Chunk[],
  parseChunkCached: ChunkParser,
): { document: ParsedYamlDocument; problems: SyntaxProblem[] } {
  const start = chunks[0].start;
  const end = chunks[chunks.length - 1].end;
  let results = chunks.map((chunk) => parseChunkCached(text, chunk.start, chunk.end));
  let sequenceMode = chunks.some((chunk) => chunk.sequenceEntry);
  if (chunks.length > 1 && results.some((result) => result.aliasTrouble)) {
    // Anchors defined in one entry and used in another: parse the whole document at once.
    results = [parseChunk(text, start, end)];
    sequenceMode = false;
  }
  const problems = results.flatMap((result) => result.problems);
  const roots = results.map((result) => result.root);
  const entries: (YNode | null)[] = [];
  let rootKind: ParsedYamlDocument['rootKind'] = 'empty';
  let rootSpan: Span = { start, end: start };
  if (sequenceMode) {
    rootKind = 'sequence';
    for (const root of roots) {
      if (root === null) continue;
      if (root.kind === 'seq' && !root.flow) entries.push(...root.items);
      else entries.push(root);
    }
    const spans = roots.filter((root): root is YNode => root !== null).map((root) => root.span);
    if (spans.length > 0) rootSpan = { start: spans[0].start, end: spans[spans.length - 1].end };
  } else {
    const root = roots.find((candidate) => candidate !== null) ?? null;
    rootKind = rootKindOf(root);
    if (root) {
      rootSpan = root.span;
      if (root.kind === 'seq') entries.push(...root.items);
      else if (rootKind !== 'empty') entries.push(root);
    }
  }
  return { document: { documentIndex, span: { start, end }, entries, rootKind, rootSpan }, problems };
}

/** Parses a YAML stream; `parseChunkCached` may return results kept from an earlier version of the text. */
export function parseYaml(text: string, parseChunkCached: ChunkParser = parseChunk): ParsedYaml {
  const chunks = splitChunks(text);
  const byDocument = new Map<number, Chunk[]>();
  for (const chunk of chunks) {
    const list = byDocument.get(chunk.documentIndex);
    if (list) list.push(chunk);
    else byDocument.set(chunk.documentIndex, [chunk]);
  }
  const documents: ParsedYamlDocument[] = [];
  const problems: SyntaxProblem[] = [];
  for (const [documentIndex, documentChunks] of [...byDocument.entries()].sort((a, b) => a[0] - b[0])) {
    const built = buildDocument(text, documentIndex, documentChunks, parseChunkCached);
    documents.push(built.document);
    problems.push(...built.problems);
  }
  return { documents, problems };
}
