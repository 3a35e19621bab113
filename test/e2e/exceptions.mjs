// End-to-end scenarios of issue 5: the lightbulb on a malformed exception applies its quick fix, and the
// "Add Exception from Alert" command writes an exception built from a pasted Falco alert. Positions are read
// from the workspace copy; every wait is on DOM state.
import fs from 'node:fs';
import path from 'node:path';
import { squash, waitFor } from './harness.mjs';
import { decorationsOnLine, focusEditor, gotoPosition, openFromExplorer } from './workbench.mjs';

const MISTAKES = 'rules/mistakes.yaml';
const ACTION_ROWS = '.action-widget .monaco-list-row.action';
const EDITOR_LINES = '.editor-group-container.active .view-line';

/** 1-based line of the first line of `file` matching `pattern`, and the line's text. */
function findLine(workspace, file, pattern, after = 0) {
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split(/\r?\n/);
  const index = lines.findIndex((line, position) => position >= after && pattern.test(line));
  if (index < 0) throw new Error(`examples: no line of ${file} matches ${pattern}`);
  return { line: index + 1, text: lines[index] };
}

/** The editor's rendered lines, with non-breaking spaces as spaces and no trailing blanks. */
async function renderedLines(page) {
  return (await page.locator(EDITOR_LINES).allInnerTexts()).map((line) => line.replace(/\u00a0/g, ' ').trimEnd());
}

/**
 * Opens the code action menu at the cursor (Ctrl+.), moves its focus onto the action whose title matches
 * `title` with the arrow keys and applies it with Enter. Returns the titles that were offered.
 */
export async function applyCodeAction(page, title) {
  let offered = [];
  await page.keyboard.press('Control+.');
  await waitFor(`code action "${title}"`, async () => {
    offered = (await page.locator(ACTION_ROWS).allInnerTexts()).map(squash);
    return offered.some((text) => title.test(text));
  }).catch((error) => {
    throw new Error(`${error.message}; offered: ${JSON.stringify(offered)}`);
  });
  const focused = page.locator(`${ACTION_ROWS}.focused`);
  let focusedTitle = '';
  await waitFor(`focus on code action "${title}"`, async () => {
    focusedTitle = squash(await focused.first().innerText().catch(() => ''));
    if (title.test(focusedTitle)) return true;
    await page.keyboard.press('ArrowDown');
    return false;
  }).catch((error) => {
    throw new Error(`${error.message}; focused: ${JSON.stringify(focusedTitle)}; offered: ${JSON.stringify(offered)}`);
  });
  await page.keyboard.press('Enter');
  await waitFor('code action menu closed', async () => (await page.locator(ACTION_ROWS).count()) === 0);
  return offered;
}

/** 8. The lightbulb on `comps: [=]` (two fields, one comp) adds the missing comp; the error goes away. */
async function exceptionQuickFix({ page, shot, workspace }) {
  const rule = findLine(workspace, MISTAKES, /^- rule: Shell in system binary directory$/);
  const { line, text } = findLine(workspace, MISTAKES, /^\s*comps: \[=\]$/, rule.line);
  const col = text.indexOf('[') + 1;
  try {
    await openFromExplorer(page, MISTAKES);
    await gotoPosition(page, line, col + 1);
    const squiggles = async () => (await decorationsOnLine(page, line, 'squiggly-error', col))?.hits.length ?? -1;
    await waitFor(`error squiggle on line ${line}`, async () => (await squiggles()) > 0);
    await focusEditor(page);
    const offered = await applyCodeAction(page, /^Add '=' for the last field/);
    console.log(`    code actions: ${offered.join(' | ')}`);
    await waitFor('the comps line after the fix', async () => (await renderedLines(page)).includes(text.replace('[=]', '[=, =]')));
    await waitFor(`no error squiggle on line ${line}`, async () => (await squiggles()) === 0);
  } finally {
    await shot('08-exception-quick-fix');
  }
}

/** Picks the quick-input row whose label starts with `label` (typing it filters the list), and accepts it. */
async function pickQuickInput(page, label) {
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible' });
  await input.fill(label);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label.replace(/^>/, '') }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Waits for the quick input to show `placeholder` text (a new step of a multi-step command). */
async function quickInputStep(page, pattern) {
  let seen = '';
  await waitFor(`quick input step ${pattern}`, async () => {
    const input = page.locator('.quick-input-widget input').first();
    if (!(await input.isVisible().catch(() => false))) return false;
    seen = `${await input.getAttribute('placeholder').catch(() => '')} ${await input.getAttribute('aria-label').catch(() => '')} ${squash(await page.locator('.quick-input-widget').first().innerText().catch(() => ''))}`;
    return pattern.test(seen);
  }).catch((error) => {
    throw new Error(`${error.message}; quick input shows: ${JSON.stringify(seen.slice(0, 300))}`);
  });
}

/**
 * 9. "Falco: Add Exception from Alert…": paste the first alert of examples/alerts/falco_events.json, keep the
 * proposed fields, write into the rule, confirm the preview; the rule's file shows the new exception.
 */
async function exceptionFromAlert({ page, shot, workspace }) {
  const alertLine = fs.readFileSync(path.join(workspace, 'alerts', 'falco_events.json'), 'utf8').split(/\r?\n/)[0];
  const alert = JSON.parse(alertLine);
  try {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await pickQuickInput(page, '>Falco: Add Exception from Alert');
    await quickInputStep(page, /Where are the alerts\?/);
    await pickQuickInput(page, 'Paste alert JSON');
    await quickInputStep(page, /A Falco alert as JSON/);
    await page.locator('.quick-input-widget input').first().fill(alertLine);
    await page.keyboard.press('Enter');
    await quickInputStep(page, /Fields the exception of/);
    const fields = (await page.locator('.quick-input-widget .monaco-list-row[aria-checked="true"]').allInnerTexts()).map((text) => squash(text).split(' ')[0]);
    console.log(`    proposed fields: ${fields.join(', ')}`);
    await page.keyboard.press('Enter');
    await quickInputStep(page, /Where should the exception go\?/);
    const target = squash(await page.locator('.quick-input-widget .monaco-list-row').first().innerText());
    console.log(`    target: ${target}`);
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    console.log(`    preview: ${squash(await dialog.innerText()).slice(0, 160)}…`);
    await shot('09-alert-preview');
    await dialog.locator('.monaco-button', { hasText: 'Apply' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    const expectValue = alert.output_fields['proc.name'];
    await waitFor(`the exception in the rule's file (proc.name ${expectValue})`, async () => {
      const lines = await renderedLines(page);
      return lines.some((line) => /fields: \[.*proc\.name/.test(line)) && lines.some((line) => line.includes(expectValue) && /^\s*- \[/.test(line));
    });
  } finally {
    await shot('09-exception-from-alert');
  }
}

export const exceptionScenarios = [exceptionQuickFix, exceptionFromAlert];
