// Helpers that drive the VS Code workbench (as served by code-server) through
// the DOM: open files from the Explorer, move the cursor, read the status bar,
// the Problems panel and the decorations (squiggles) of an editor line.
// Every wait is on DOM state, bounded by a timeout.
import { STEP_TIMEOUT_MS, squash, waitFor } from './harness.mjs';

/* global document, NodeFilter -- used only in functions that page.evaluate() runs in the browser */

const EXPLORER_ROWS = '.explorer-folders-view .monaco-list-row';
const ACTIVE_TAB = '.editor-group-container.active .tabs-container .tab.active';
const ACTIVE_EDITOR = '.editor-group-container.active .editor-instance .monaco-editor';

export async function waitForWorkbench(page) {
  await page.waitForSelector('.monaco-workbench', { state: 'visible' });
  await page.waitForSelector(EXPLORER_ROWS, { state: 'visible' });
}

/** Explorer row whose label is exactly `name`. */
function explorerRow(page, name) {
  return page.locator(EXPLORER_ROWS).filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  }).first();
}

/** Title of the active editor tab (e.g. "base_rules.yaml"), or '' when none. */
export async function activeTabTitle(page) {
  const tab = page.locator(ACTIVE_TAB).first();
  if (!(await tab.count())) return '';
  const label = tab.locator('.label-name').first();
  return squash(await ((await label.count()) ? label.innerText() : tab.innerText()));
}

/**
 * Open `relPath` ("rules/custom_rules.yaml") by clicking through the Explorer:
 * expand each folder, click the file, wait until its tab is active and the
 * editor shows text.
 */
export async function openFromExplorer(page, relPath) {
  const parts = relPath.split('/');
  const file = parts.pop();
  if (!(await page.locator('.explorer-folders-view').first().isVisible())) {
    await page.keyboard.press('Control+Shift+E'); // show the Explorer
  }
  for (const folder of parts) {
    const row = explorerRow(page, folder);
    await row.waitFor({ state: 'visible' });
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
      await waitFor(`folder ${folder} expanded`, async () => (await row.getAttribute('aria-expanded')) === 'true');
    }
  }
  const row = explorerRow(page, file);
  await row.waitFor({ state: 'visible' });
  await row.click();
  await waitFor(`tab ${file} active`, async () => (await activeTabTitle(page)) === file);
  await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().waitFor({ state: 'visible' });
  await waitFor(`${file} text rendered`, async () =>
    (await page.locator(`${ACTIVE_EDITOR} .view-line`).count()) > 0);
}

/** Status bar cursor position, from the "Ln N, Col M" item. */
export async function cursorPosition(page) {
  const item = page.locator('#status\\.editor\\.selection').first();
  if (!(await item.count())) return null;
  const m = /Ln\s+(\d+),\s*Col\s+(\d+)/.exec(await item.innerText());
  return m ? { line: Number(m[1]), col: Number(m[2]) } : null;
}

export async function focusEditor(page) {
  // The editor's hidden textarea takes the keys; focusing it does not move the cursor.
  await page.locator(`${ACTIVE_EDITOR} textarea.inputarea, ${ACTIVE_EDITOR} .native-edit-context`).first().focus();
}

/**
 * Put the cursor at 1-based `line`:`col` with "Go to Line/Column" (Ctrl+G,
 * or Quick Open ":" as a fallback) and wait for the status bar to confirm it.
 */
export async function gotoPosition(page, line, col) {
  await focusEditor(page);
  const widget = page.locator('.quick-input-widget').first();
  const input = widget.locator('input').first();
  // Ctrl+G opens Quick Open in its ":" (go to line) mode; Ctrl+P is plain Quick Open.
  // Either way the full query is ":<line>:<col>".
  await page.keyboard.press('Control+G');
  try {
    await input.waitFor({ state: 'visible', timeout: 5000 });
  } catch {
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
  }
  await input.fill(`:${line}:${col}`);
  // The go-to-line entry ("Go to line 27 and character 37.") once the query is parsed.
  await widget.locator('.monaco-list-row', { hasText: String(line) }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await waitFor(`cursor at Ln ${line}, Col ${col}`, async () => {
    const pos = await cursorPosition(page);
    return pos && pos.line === line && pos.col === col ? pos : false;
  });
  await focusEditor(page);
}

/** The text of every status bar item, in DOM order. */
export async function statusBarItems(page) {
  return (await page.locator('.statusbar-item').allInnerTexts()).map(squash).filter(Boolean);
}

/** The visible editor hover widget's text, or '' when none is showing. */
export async function visibleHoverText(page) {
  const hovers = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
  const n = await hovers.count();
  for (let i = 0; i < n; i++) {
    const h = hovers.nth(i);
    if (await h.isVisible()) {
      const text = squash(await h.innerText());
      if (text) return text;
    }
  }
  return '';
}

/** The Problems panel (its marker tree), whether or not it is showing. */
const MARKERS_PANEL = '.markers-panel';

/**
 * Show the Problems panel. Ctrl+Shift+M toggles it (a press while it is showing
 * and focused hides it), so press only while it is hidden, and give each press
 * 5 s to show the panel before pressing again.
 */
export async function showProblemsPanel(page) {
  const panel = page.locator(MARKERS_PANEL).first();
  await waitFor('Problems panel visible', async () => {
    if (await panel.isVisible()) return true;
    await focusEditor(page).catch(() => {});
    await page.keyboard.press('Control+Shift+M');
    return panel.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
  }, { interval: 500 });
}

/**
 * The problem rows of the Problems panel's tree, in DOM order (file rows are
 * left out): { text, message, source, code, at } where `at` is the row's
 * "[Ln X, Col Y]" label parsed to { line, col } (null if absent).
 */
export async function problemRows(page) {
  const rows = await page.locator(`${MARKERS_PANEL} .monaco-list-row`).evaluateAll((els) => els.map((row) => {
    const text = (sel) => { const el = row.querySelector(sel); return el ? el.textContent : null; };
    return {
      text: row.innerText,
      message: text('.marker-message'),
      source: text('.marker-source'),
      code: text('.marker-code'),
      lnCol: text('.marker-line'),
    };
  }));
  return rows.filter((r) => r.lnCol !== null).map((r) => {
    const m = /Ln\s+(\d+),\s*Col\s+(\d+)/.exec(r.lnCol);
    return {
      text: squash(r.text),
      message: squash(r.message ?? r.text),
      source: squash(r.source),
      code: squash(r.code),
      at: m ? { line: Number(m[1]), col: Number(m[2]) } : null,
    };
  });
}

/**
 * Where the active editor shows decorations of class `className` (e.g.
 * 'squiggly-error') on 1-based `line`, as [{ left, right }] in page pixels, plus
 * `textLeft`: the x of 1-based column `col` of that line's rendered text. null when
 * the line is not rendered (scrolled out of view).
 */
export async function decorationsOnLine(page, line, className, col = 1) {
  return page.evaluate(({ editorSel, line, className, col }) => {
    const editor = document.querySelector(editorSel);
    if (!editor) return null;
    // The line number in the gutter gives the line's vertical band.
    const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')]
      .find((el) => el.textContent.trim() === String(line));
    if (!number) return null;
    const band = number.getBoundingClientRect();
    const mid = (r) => (r.top + r.bottom) / 2;
    const onLine = (r) => r.height > 0 && mid(r) >= band.top && mid(r) <= band.bottom;
    const hits = [...editor.querySelectorAll(`.view-overlays .${className}`)]
      .map((el) => el.getBoundingClientRect()).filter(onLine)
      .map((r) => ({ left: r.left, right: r.right }));
    // x of the column: a DOM Range on the rendered text (spaces are rendered as
    // U+00A0, one character each, so offsets match the file's columns).
    let textLeft = null;
    const viewLine = [...editor.querySelectorAll('.view-lines .view-line')].find((el) => onLine(el.getBoundingClientRect()));
    if (viewLine) {
      let offset = col - 1;
      const walker = document.createTreeWalker(viewLine, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (offset < node.length) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, Math.min(offset + 1, node.length));
          textLeft = range.getBoundingClientRect().left;
          break;
        }
        offset -= node.length;
      }
    }
    return { hits, textLeft };
  }, { editorSel: ACTIVE_EDITOR, line, className, col });
}

export { STEP_TIMEOUT_MS };
