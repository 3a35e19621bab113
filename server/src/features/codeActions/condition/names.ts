/**
 * Names for new lists and macros: derived from what they hold, and unique in the workspace. A list name is
 * substituted as text wherever it appears (falco-language.md §5.1) and a macro name could already be used as an
 * undefined reference, so a name is taken when any rule, macro or list has it or any condition mentions it.
 */
import type { FieldExpr, TransformerExpr, TransformerArg } from '../../../syntax/condition/ast';
import type { WorkspaceIndex } from '../../../semantic/workspaceIndex';

export function nameTaken(index: WorkspaceIndex, name: string): boolean {
  return (['list', 'macro', 'rule'] as const).some((kind) => index.declarationsOf(kind, name).length > 0)
    || index.isReferenced('list', name)
    || index.isReferenced('macro', name);
}

/** `base`, else `base_2`, `base_3`, … : the first name nobody uses. */
export function uniqueName(index: WorkspaceIndex, base: string): string {
  if (!nameTaken(index, base)) return base;
  for (let counter = 2; ; counter++) {
    const candidate = `${base}_${counter}`;
    if (!nameTaken(index, candidate)) return candidate;
  }
}

function innermostField(node: FieldExpr | TransformerExpr | TransformerArg): FieldExpr | undefined {
  if (node.kind === 'field') return node;
  if (node.kind !== 'transformer') return undefined;
  for (const arg of node.args) {
    const field = innermostField(arg);
    if (field) return field;
  }
  return undefined;
}

/** `proc_name_values` for `proc.name` (also inside a transformer); `values` when there is no field. */
export function valuesListName(left: FieldExpr | TransformerExpr): string {
  const field = innermostField(left);
  const stem = field ? field.name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') : '';
  return stem ? `${stem}_values` : 'values';
}
