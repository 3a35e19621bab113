/**
 * Comps that suit the type of an exception's field: with the cursor on a comp (or on a field whose comp is the
 * implied default), one `Use '<comp>' for <field>` action per comp the field's type and the exception's form
 * allow, the ones that fit the written values first (see fieldComps.ts).
 */
import type { YNode, YScalar, YSeq } from '../../../syntax/yaml/tree';
import { readComp } from '../../diagnostics/checks/updates/updateFacts';
import type { TextChange } from '../../diagnostics/diagnostic';
import type { RefactorContext, RefactorProvider, Refactoring } from '../types';
import { modifiersSupported } from './engineSupport';
import { exceptionAt, isOn, ruleSourceOf, type ExceptionSite } from './exceptionAt';
import { compChoices, type ValueShape } from './fieldComps';
import { insertPairAfter } from './pairEdits';

/** The comp being chosen: which field, the comp node (absent when implied) and what it is now. */
interface CompTarget {
  readonly form: 'single' | 'list';
  readonly fieldIndex: number;
  readonly field: YScalar;
  readonly comp: YScalar | undefined;
  readonly current: string;
}

function isScalar(node: YNode | null | undefined): node is YScalar {
  return Boolean(node && node.kind === 'scalar' && !node.isNull && node.value.trim() !== '');
}

function targetAt(site: ExceptionSite, context: RefactorContext): CompTarget | undefined {
  const { entry } = site;
  const fields = entry.fieldsPair?.value;
  const comps = entry.compsPair?.value;
  if (entry.form === 'single' && isScalar(fields)) {
    if (isScalar(comps) && isOn(comps, context.span)) return { form: 'single', fieldIndex: 0, field: fields, comp: comps, current: readComp(comps.value).text };
    // After `exceptions: replace` no default applies, so no comp is current.
    if (!entry.compsPair && isOn(fields, context.span)) return { form: 'single', fieldIndex: 0, field: fields, comp: undefined, current: site.mode === 'replace' ? '' : 'in' };
    return undefined;
  }
  if (entry.form !== 'list' || !fields || fields.kind !== 'seq') return undefined;
  if (comps && comps.kind === 'seq') {
    const index = comps.items.findIndex((comp) => isOn(comp, context.span));
    const comp = comps.items[index];
    const field = fields.items[index];
    if (index < 0 || !isScalar(comp) || !isScalar(field) || comps.items.length !== fields.items.length) return undefined;
    return { form: 'list', fieldIndex: index, field, comp, current: readComp(comp.value).text };
  }
  if (entry.compsPair) return undefined;
  const index = fields.items.findIndex((field) => isOn(field, context.span));
  const field = fields.items[index];
  if (index < 0 || !isScalar(field) || !fields.items.every(isScalar)) return undefined;
  return { form: 'list', fieldIndex: index, field, comp: undefined, current: site.mode === 'replace' ? '' : '=' };
}

/** The values written for the field: every value (single form), or the field's item of every tuple. */
function valueShape(site: ExceptionSite, target: CompTarget): ValueShape {
  const values = site.entry.valuesPair?.value;
  if (!values || values.kind !== 'seq') return { values: [], hasList: false };
  const written: string[] = [];
  let hasList = false;
  for (const item of values.items) {
    const value = target.form === 'single' ? item : item && item.kind === 'seq' ? item.items[target.fieldIndex] : undefined;
    if (isScalar(value)) written.push(value.value);
    else if (value && value.kind === 'seq') {
      hasList = true;
      for (const element of value.items) if (isScalar(element)) written.push(element.value);
    }
  }
  return { values: written, hasList };
}

/** `>` and `>=` start a block scalar in YAML: they are written quoted. */
function yamlComp(comp: string): string {
  return comp.startsWith('>') ? `"${comp}"` : comp;
}

function changeFor(site: ExceptionSite, target: CompTarget, comp: string): TextChange | undefined {
  const { text, entry } = site;
  if (target.comp) {
    const node = target.comp;
    if (node.style === 'single' || node.style === 'double') {
      const inner = comp.includes('"') && node.style === 'double' ? undefined : { start: node.span.start + 1, end: node.span.end - 1 };
      return inner ? { span: inner, newText: comp } : undefined;
    }
    if (node.style !== 'plain') return undefined;
    return { span: { start: node.span.start, end: node.span.end }, newText: yamlComp(comp) };
  }
  let pairText = `comps: ${yamlComp(comp)}`;
  if (target.form === 'list') {
    const count = (entry.fieldsPair!.value as YSeq).items.length;
    pairText = `comps: [${Array.from({ length: count }, (_, index) => (index === target.fieldIndex ? yamlComp(comp) : '=')).join(', ')}]`;
  }
  const insert = insertPairAfter(text, entry.map, entry.fieldsPair!, pairText);
  return 'change' in insert ? insert.change : undefined;
}

export const exceptionCompProvider: RefactorProvider = (context) => {
  const site = exceptionAt(context.file, context.span);
  if (!site) return [];
  const target = targetAt(site, context);
  if (!target) return [];
  const token = target.field.value.trim();
  const field = context.catalogs.fields.resolveFieldToken(token, ruleSourceOf(context.index, site.item)) ?? context.catalogs.fields.resolveFieldToken(token);
  if (!field) return [];
  const choices = compChoices(field.field, target.form, target.current, valueShape(site, target), modifiersSupported(context.options));
  const actions: Refactoring[] = [];
  for (const choice of choices) {
    const change = changeFor(site, target, choice.comp);
    if (!change) continue;
    actions.push({
      id: `exception-comp:${site.item.index}:${site.entry.index}:${target.fieldIndex}:${choice.comp}`,
      title: `Use '${choice.comp}' for ${token}`,
      kind: 'refactor.rewrite',
      ...(choice.preferred ? { preferred: true } : {}),
      edits: () => [{ uri: context.file.uri, changes: [change] }],
    });
  }
  return actions;
};
