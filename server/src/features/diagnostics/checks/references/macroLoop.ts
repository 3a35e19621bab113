/**
 * Macros that expand into themselves ("reference loop in macro", LOAD_ERR_VALIDATE). Only references the engine
 * resolves count: a macro sees the macros first defined before its last definition or append, so a loop needs an
 * append or a redefinition that brings a later macro into view (falco-language.md §5.3). Reported once per macro
 * of the loop, at its reference that leads back to it.
 */
import { conditionParts } from '../../../../semantic/conditionParts';
import { compareLoadPoints, type LoadPoint } from '../../../../semantic/loadModel';
import type { Span } from '../../../../syntax/span';
import type { Check, CheckContext } from '../../check';
import { defineCodes } from '../../codes';
import { macroReferences } from './support';

const codes = defineCodes([
  {
    code: 'macro-loop',
    severity: 'error',
    engineCode: 'LOAD_ERR_VALIDATE',
    summary: 'A macro refers to itself, directly or through other macros.',
    fix: 'Remove the reference that closes the loop: an append already extends the macro, so the appended text must not name the macro itself or a macro that uses it.',
    example: `- macro: my_shells
  condition: proc.name = bash
- macro: my_shells
  condition: or my_shells   # the appended text uses the macro it extends
  override:
    condition: append
`,
  },
]);

interface Edge {
  readonly target: string;
  readonly uri: string;
  readonly span: Span;
}

/** The references of macros' final conditions that the engine resolves, computed on demand. */
class MacroGraph {
  private readonly edges = new Map<string, Edge[]>();

  constructor(private readonly context: CheckContext) {}

  private visibility(name: string): LoadPoint | undefined {
    const locations = this.context.index.declarationsOf('macro', name);
    const last = locations[locations.length - 1];
    return last ? { filePosition: last.filePosition, itemIndex: last.declaration.itemIndex } : undefined;
  }

  edgesOf(name: string): Edge[] {
    const cached = this.edges.get(name);
    if (cached) return cached;
    const result: Edge[] = [];
    this.edges.set(name, result);
    const visibility = this.visibility(name);
    if (!visibility) return result;
    const { index, model } = this.context;
    for (const part of conditionParts(index, 'macro', name)) {
      for (const reference of macroReferences(part.item)) {
        if (index.declarationsOf('list', reference.name).length > 0) continue;
        const first = model.firstDefinition('macro', reference.name);
        if (!first) continue;
        const firstPoint = { filePosition: first.filePosition, itemIndex: first.declaration.itemIndex };
        if (compareLoadPoints(firstPoint, visibility) < 0) result.push({ target: reference.name, uri: part.file.uri, span: reference.span });
      }
    }
    return result;
  }

  /** A path of macro names from `from` to `to` (both included), or null. */
  path(from: string, to: string): string[] | null {
    const parents = new Map<string, string | null>([[from, null]]);
    const queue = [from];
    while (queue.length > 0) {
      const current = queue.shift()!;
      if (current === to) {
        const path: string[] = [];
        for (let step: string | null = current; step !== null; step = parents.get(step) ?? null) path.unshift(step);
        return path;
      }
      for (const edge of this.edgesOf(current)) {
        if (!parents.has(edge.target)) {
          parents.set(edge.target, current);
          queue.push(edge.target);
        }
      }
    }
    return null;
  }
}

export const macroLoopCheck: Check = {
  name: 'macro-loop',
  codes,
  itemLocal: true,
  run(context) {
    const { file } = context;
    const names = new Set<string>();
    for (const item of context.items) if (item.kind === 'macro' && item.name !== null && item.condition) names.add(item.name);
    if (names.size === 0) return;
    const graph = new MacroGraph(context);
    for (const name of names) {
      for (const edge of graph.edgesOf(name)) {
        if (edge.uri !== file.uri) continue;
        const path = edge.target === name ? [name] : graph.path(edge.target, name);
        if (!path) continue;
        const chain = [name, ...path].map((step) => `'${step}'`).join(' → ');
        const message =
          edge.target === name
            ? `Macro '${name}' uses its own name, so the engine expands it into itself (reference loop in macro '${name}'). Remove the reference; to extend a macro, append to it with \`override: {condition: append}\`.`
            : `Macro '${name}' refers back to itself through ${chain} (reference loop in macro '${name}'). Break the cycle by removing one of these references.`;
        context.report({ code: 'macro-loop', message, span: edge.span, severity: 'error' });
        break;
      }
    }
  },
};
