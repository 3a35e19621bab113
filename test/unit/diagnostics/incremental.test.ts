/**
 * Diagnostics computed incrementally (items re-parsed and re-checked only where an edit touched them, cached
 * results reused and shifted elsewhere) must equal those of a fresh service over the same texts, edit after edit.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDefaultCatalogs } from '../../../server/src/semantic/catalogs';
import { createLanguageService } from '../../../server/src/service/languageService';
import { corpusRoot, readText, sharedMissing } from '../../helpers/shared';

const catalogs = createDefaultCatalogs();

function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const files = ['falcosecurity-rules@falco-rules-5.1.0/rules/falco_rules.yaml', 'falcosecurity-rules@falco-incubating-rules-6.0.1/rules/falco-incubating_rules.yaml'];

/** Edits a rules author makes: a typo in a word, a new check, a renamed macro, a list item, a broken quote. */
function edit(text: string, random: () => number): string {
  const choice = random();
  const at = Math.floor(random() * text.length);
  if (choice < 0.3) return text.slice(0, at) + 'x' + text.slice(at);
  if (choice < 0.5) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
  if (choice < 0.65) {
    const condition = text.indexOf('condition: ', at);
    return condition < 0 ? text : text.slice(0, condition + 11) + 'proc.nme = x and ' + text.slice(condition + 11);
  }
  if (choice < 0.8) {
    const macro = text.indexOf('- macro: ', at);
    return macro < 0 ? text : text.slice(0, macro + 9) + 'renamed_' + text.slice(macro + 9);
  }
  if (choice < 0.9) {
    const items = text.indexOf('items: [', at);
    return items < 0 ? text : text.slice(0, items + 8) + 'nosuchsyscall, ' + text.slice(items + 8);
  }
  return text.slice(0, at) + '"' + text.slice(at);
}

for (const seed of [42, 7]) {test(`incremental diagnostics equal a fresh analysis after each edit (seed ${seed})`, { skip: sharedMissing }, () => {
  const random = prng(seed);
  const texts = files.map((file) => readText(join(corpusRoot, file)));
  const uris = files.map((file) => `file:///corpus/${file}`);
  const live = createLanguageService({ catalogs });
  uris.forEach((uri, index) => live.updateDocument(uri, texts[index], { override: 'force' }));
  for (const uri of uris) live.getDiagnostics(uri);
  for (let step = 0; step < 14; step++) {
    const target = step % 2 === 0 ? 0 : Math.floor(random() * uris.length);
    texts[target] = edit(texts[target], random);
    live.updateDocument(uris[target], texts[target], { override: 'force' });
    const fresh = createLanguageService({ catalogs });
    uris.forEach((uri, index) => fresh.updateDocument(uri, texts[index], { override: 'force' }));
    for (const uri of uris) {
      const expected = JSON.stringify(fresh.getDiagnostics(uri));
      if (JSON.stringify(live.getDiagnostics(uri)) !== expected) assert.fail(`step ${step}: diagnostics of ${uri} differ from a fresh analysis`);
    }
  }
});}
