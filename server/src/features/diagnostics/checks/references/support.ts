/**
 * Helpers shared by the reference checks (not a check): which items of a file the engine actually compiles,
 * rule sources, macro references of a condition, and short file names for messages.
 */
import type { LoadPoint } from '../../../../semantic/loadModel';
import { conditionRole } from '../../../../semantic/conditionParts';
import type { IndexedFile, WorkspaceIndex } from '../../../../semantic/workspaceIndex';
import { walkCondition, type IdentifierExpr } from '../../../../syntax/condition/ast';
import { conditionSourceSpan, type RulesItem } from '../../../../syntax/rulesFile';
import type { Span } from '../../../../syntax/span';
import { getScalar, type YNode } from '../../../../syntax/yaml/tree';
import type { CheckContext } from '../../check';

/** The file name of a URI or path, for messages (the related location carries the full place). */
export function fileLabel(uriOrPath: string): string {
  const path = uriOrPath.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name) || path;
  } catch {
    return name || path;
  }
}

/** 1-based line of an offset of a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** 1-based line of an offset of a file, in the document the user has open (the host of an embedded file). */
export function fileLine(file: IndexedFile, offset: number): number {
  return file.origin ? file.origin.lineOf(offset) : lineOf(file.syntax.text, offset);
}

/** A file's name in messages: its base name, or for an embedded file its host and key (`values.yaml › a.yaml`). */
export function fileName(file: IndexedFile): string {
  return file.origin ? file.origin.label : fileLabel(file.path);
}

/** Where a definition is, in words: "line 12" in the same file, or "`rules.yaml`" elsewhere. */
export function describePlace(current: IndexedFile, target: IndexedFile, span: Span): string {
  if (target.uri === current.uri) return `line ${fileLine(current, span.start)}`;
  return `\`${fileName(target)}\``;
}

/**
 * Items whose condition the engine never compiles at the end of this file's load: a rule or macro item followed,
 * in the same file, by another item of the same name that sets a whole new condition.
 */
export function supersededItems(file: IndexedFile): Set<number> {
  const superseded = new Set<number>();
  const pending = new Map<string, number[]>();
  for (const item of file.syntax.items) {
    if ((item.kind !== 'rule' && item.kind !== 'macro') || item.name === null) continue;
    const key = `${item.kind}\u0000${item.name}`;
    if (conditionRole(item) === 'base') {
      for (const index of pending.get(key) ?? []) superseded.add(index);
      pending.set(key, []);
    }
    if (item.condition) {
      const list = pending.get(key);
      if (list) list.push(item.index);
      else pending.set(key, [item.index]);
    }
  }
  return superseded;
}

/** The visibility point of a macro at the end of this file's load: its last declaration in the file. */
export function macroVisibility(context: CheckContext, name: string, fallback: RulesItem): LoadPoint {
  let last = fallback.index;
  for (const declaration of context.file.symbols.declarations) {
    if (declaration.kind === 'macro' && declaration.name === name && declaration.itemIndex > last) last = declaration.itemIndex;
  }
  return context.model.pointOf(context.file.uri, last);
}

/** A macro reference of a condition with its span in the document (references inside syntax errors left out). */
export interface MacroReference {
  readonly node: IdentifierExpr;
  readonly name: string;
  readonly span: Span;
}

export function macroReferences(item: RulesItem): MacroReference[] {
  const condition = item.condition;
  const ast = condition?.parsed.ast;
  if (!condition || !ast) return [];
  const references: MacroReference[] = [];
  walkCondition(ast, (node) => {
    if (node.kind === 'error') return false;
    if (node.kind !== 'identifier') return true;
    const span = conditionSourceSpan(condition, node.span);
    if (span && node.span.end > condition.prefixLength) references.push({ node, name: node.name, span });
    return true;
  });
  return references;
}

/** Whether a name is a list defined in the files loaded up to `filePosition` (lists are substituted as text). */
export function isListUpTo(index: WorkspaceIndex, name: string, filePosition: number): boolean {
  return index.declarationsOf('list', name).some((location) => location.filePosition <= filePosition);
}

function scalarValue(node: YNode | null | undefined): string | undefined {
  return node && node.kind === 'scalar' && !node.isNull ? node.value : undefined;
}

/** The event source of a rule item: its own `source`, else that of the rule's earlier full definition, else syscall. */
export function ruleSourceOf(context: CheckContext, item: RulesItem, file: IndexedFile = context.file): string {
  const own = item.map ? scalarValue(getScalar(item.map, 'source')) : undefined;
  if (own) return own;
  if (item.name !== null && (item.legacyAppend || item.override)) {
    const point = context.model.pointOf(file.uri, item.index);
    const earlier = context.model.declarationsBefore('rule', item.name, point).filter((location) => location.declaration.mode === 'define');
    const base = earlier[earlier.length - 1];
    if (base) {
      const baseItem = base.file.syntax.items[base.declaration.itemIndex];
      const source = baseItem?.map ? scalarValue(getScalar(baseItem.map, 'source')) : undefined;
      if (source) return source;
    }
  }
  return 'syscall';
}

/**
 * Whether a macro or list name is used by something the engine compiles: any macro, another list's items, or a
 * rule whose event source is loaded (the engine drops rules of other sources before compiling them, so what
 * only they use is reported unused).
 */
export function isUsedByCompiledItems(context: CheckContext, name: string, kinds: readonly ('macro' | 'list')[]): boolean {
  let loaded: Map<string, boolean> | undefined;
  for (const kind of kinds) {
    for (const location of context.index.referencesOf(kind, name)) {
      const owner = location.file.syntax.items[location.reference.itemIndex];
      if (!owner) continue;
      if (owner.kind === 'macro') return true;
      if (owner.kind === 'list' && owner.name !== name) return true;
      if (owner.kind !== 'rule') continue;
      const source = ruleSourceOf(context, owner, location.file);
      loaded ??= new Map();
      let isLoaded = loaded.get(source);
      if (isLoaded === undefined) loaded.set(source, (isLoaded = isSourceLoaded(context, source)));
      if (isLoaded) return true;
    }
  }
  return false;
}

/** Whether the configured Falco loads a plugin for an event source (syscall always; every known one by default). */
export function isSourceLoaded(context: CheckContext, source: string): boolean {
  if (source === 'syscall') return true;
  const fields = context.catalogs.fields;
  const plugins = context.options.plugins;
  if (plugins === undefined) return fields.isKnownSource(source);
  return plugins.some((name) => fields.provider(name)?.eventSource === source);
}

/** Every name of a kind declared in the workspace (for did-you-mean; only computed when a name is unknown). */
export function declaredNames(index: WorkspaceIndex, kind: 'macro' | 'list' | 'rule'): Set<string> {
  const names = new Set<string>();
  for (const file of index.files()) {
    for (const declaration of file.symbols.declarations) if (declaration.kind === kind) names.add(declaration.name);
  }
  return names;
}
