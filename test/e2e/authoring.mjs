// End-to-end scenarios of issue 4: completion of a field inside a condition and of an ATT&CK technique in
// tags, and the ATT&CK coverage view. Each reads its positions from the workspace copy, types like a user and
// waits on DOM state.
import fs from 'node:fs';
import path from 'node:path';
import { squash, waitFor } from './harness.mjs';
import { activeTabTitle, focusEditor, gotoPosition, openFromExplorer } from './workbench.mjs';

const FILE = 'rules/custom_rules.yaml';
const SUGGEST_ROWS = '.editor-widget.suggest-widget.visible .monaco-list-row';

/** 1-based line and the column right after the line's text, of the first line matching `pattern`. */
function endOfLine(workspace, pattern) {
  const lines = fs.readFileSync(path.join(workspace, FILE), 'utf8').split(/\r?\n/);
  const index = lines.findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`examples: no line of ${FILE} matches ${pattern}`);
  return { line: index + 1, text: lines[index] };
}

/**
 * Waits for a suggestion whose label is `label`, moves the widget's focus onto it with the arrow keys and
 * accepts it with Enter, and returns the labels that were shown. Keys, not a click: the widget re-renders its
 * rows while documentation resolves, and a click on a row being replaced can wait forever. `invoke`: press
 * Ctrl+Space while no list is shown (typing may not trigger suggestions everywhere), polling more slowly.
 */
export async function acceptSuggestion(page, label, { invoke = false } = {}) {
  let seen = [];
  const matches = (text) => text.split(' ')[0] === label || text.startsWith(`${label} `) || text === label;
  await waitFor(`suggestion "${label}"`, async () => {
    seen = (await page.locator(SUGGEST_ROWS).allInnerTexts()).map(squash);
    if (invoke && !seen.length) await page.keyboard.press('Control+Space');
    return seen.some(matches);
  }, invoke ? { interval: 500 } : undefined).catch((error) => {
    throw new Error(`${error.message}; suggestions shown: ${JSON.stringify(seen.slice(0, 8))}`);
  });
  const focused = page.locator(`${SUGGEST_ROWS}.focused`);
  let focusedLabel = '';
  await waitFor(`focus on suggestion "${label}"`, async () => {
    focusedLabel = squash((await focused.first().getAttribute('aria-label').catch(() => null)) ?? '');
    if (matches(focusedLabel.replace(/,.*$/, ''))) return true;
    await page.keyboard.press('ArrowDown');
    return false;
  }).catch((error) => {
    throw new Error(`${error.message}; focused: ${JSON.stringify(focusedLabel)}; shown: ${JSON.stringify(seen.slice(0, 8))}`);
  });
  await page.keyboard.press('Enter');
  await waitFor('suggestions closed', async () => (await page.locator(SUGGEST_ROWS).count()) === 0);
  return seen;
}

/** Waits until an editor line shows exactly `text` at its end (after the widget closed: the final text). */
async function lineEndingWith(page, text) {
  let lines = [];
  return waitFor(`editor line ending with "${text}"`, async () => {
    lines = (await page.locator('.editor-group-container.active .view-line').allInnerTexts()).map((line) => line.replace(/\u00a0/g, ' ').trimEnd());
    return lines.some((line) => line.endsWith(text));
  }).catch((error) => {
    throw new Error(`${error.message}; lines: ${JSON.stringify(lines.filter((line) => line.includes(text.slice(0, 8))))}`);
  });
}

/** 5. Completion of a field inside a condition. */
async function completeField({ page, shot, workspace }) {
  const { line, text } = endOfLine(workspace, /^\s*condition: spawned_process and container and proc\.name in/);
  try {
    await openFromExplorer(page, FILE);
    await gotoPosition(page, line, text.length + 1);
    await page.keyboard.type(' and proc.pna', { delay: 30 });
    const seen = await acceptSuggestion(page, 'proc.pname');
    console.log(`    suggestions: ${seen.slice(0, 4).join(' | ')}`);
    await lineEndingWith(page, 'and proc.name in (package_mgmt_binaries) and proc.pname');
  } finally {
    await shot('05-completion-field');
  }
}

/** 6. Completion of an ATT&CK technique by name: "shutdown" offers T1529. */
async function completeTechnique({ page, shot, workspace }) {
  const { line, text } = endOfLine(workspace, /^\s*tags: \[container, network, .*\]$/);
  try {
    await openFromExplorer(page, FILE);
    await gotoPosition(page, line, text.lastIndexOf(']') + 1);
    await focusEditor(page);
    await page.keyboard.type(', shutdown', { delay: 30 });
    const seen = await acceptSuggestion(page, 'T1529');
    console.log(`    suggestions: ${seen.slice(0, 3).join(' | ')}`);
    await lineEndingWith(page, 'mitre_command_and_control, T1105, T1529]');
  } finally {
    await shot('06-completion-technique');
  }
}

/** 7. The ATT&CK coverage view opens from the command palette and shows the matrix. */
async function coverageView({ page, shot }) {
  try {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill('>Falco: Show ATT&CK Coverage');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show ATT&CK Coverage' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await waitFor('coverage tab', async () => (await activeTabTitle(page)) === 'Falco ATT&CK Coverage');
    const body = await waitFor('coverage matrix rendered in the webview', async () => {
      for (const frame of page.frames()) {
        const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (/Execution/.test(text) && /T1105/.test(text)) return squash(text);
      }
      return false;
    });
    console.log(`    coverage view: ${body.slice(0, 120)}…`);
  } finally {
    await shot('07-coverage');
  }
}

/* global document -- used only in functions that frame.evaluate() runs in the browser */

export const authoringScenarios = [completeField, completeTechnique, coverageView];
