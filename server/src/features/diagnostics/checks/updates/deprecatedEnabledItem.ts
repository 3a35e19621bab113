/**
 * The legacy rule item that only sets `enabled` (no condition/output/desc/priority, no `override`, no append) is
 * deprecated since Falco 0.37 (`LOAD_DEPRECATED_ITEM`): `override: {enabled: replace}` does the same. Other keys
 * of such an item are ignored by the engine (falco-language.md §1.8 b).
 */
import { getPair } from '../../../../syntax/yaml/tree';
import type { Check } from '../../check';
import { defineCodes } from '../../codes';
import { isEnabledOnlyShape } from './updateFacts';

const codes = defineCodes([
  {
    code: 'deprecated-enabled-item',
    severity: 'warning',
    engineCode: 'LOAD_DEPRECATED_ITEM',
    summary: "A rule item only sets 'enabled' without 'override', the legacy way to switch a rule on or off.",
    fix: 'Add `override: {enabled: replace}` to the item.',
    example: '- rule: Terminal shell in container\n  enabled: false\n',
  },
]);

const SILENT_KEYS = ['tags', 'exceptions', 'warn_evttypes', 'skip-if-unknown-filter', 'capture', 'capture_duration'];

export const deprecatedEnabledItemCheck: Check = {
  name: 'deprecated-enabled-item',
  codes,
  run(context) {
    for (const item of context.file.syntax.items) {
      if (!item.map || !isEnabledOnlyShape(item)) continue;
      const pair = getPair(item.map, 'enabled');
      if (!pair) continue;
      let message = "Setting 'enabled' alone is deprecated. Add 'override: {enabled: replace}' to this item.";
      const ignored = SILENT_KEYS.filter((key) => getPair(item.map!, key));
      if (ignored.length > 0) {
        message += ` Without 'override', the engine ignores ${ignored.map((key) => `'${key}'`).join(', ')} here.`;
      }
      context.report({ code: 'deprecated-enabled-item', message, span: pair.span, severity: 'warning', tags: ['deprecated'] });
    }
  },
};
