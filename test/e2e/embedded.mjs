// End-to-end scenarios of issue 6: Falco rules embedded in a Helm chart values file (`customRules:` entries whose
// block scalars hold rules files). In examples/helm/values.yaml the server reports the misspelled field on the
// host file's own line and column, completes fields inside the embedded text, and its quick fix rewrites the
// field in place. Positions are read from the workspace copy; every wait is on DOM state; every edit is undone.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { squash, waitFor } from './harness.mjs';
import { acceptSuggestion } from './authoring.mjs';
import { applyCodeAction } from './exceptions.mjs';
import { decorationsOnLine, focusEditor, gotoPosition, openFromExplorer, showProblemsPanel } from './workbench.mjs';

/* global document -- used only in functions that page.evaluate() runs in the browser */

const VALUES = 'helm/values.yaml';
/** The customRules entry with the mistake, the misspelled field in one of its conditions, and the fix. */
const ENTRY = '20-site-rules.yaml';
const FIELD = 'proc.nme';
const FIXED = 'proc.name';
const CODE = 'unknown-field';
const ACTIVE_EDITOR = '.editor-group-container.active .editor-instance .monaco-editor';
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The keys of the `customRules:` maps of a Helm values document: at the top level and one level down. */
function customRulesKeys(doc) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [];
  const maps = [doc.customRules, ...Object.values(doc).map((value) => value && typeof value === 'object' ? value.customRules : null)];
  return maps.filter((map) => map && typeof map === 'object' && !Array.isArray(map)).flatMap((map) => Object.keys(map));
}

/** How many rules files the customRules entries of helm/*.yaml in `workspace` add (each entry is one file). */
export function countCustomRules(workspace) {
  const dir = path.join(workspace, 'helm');
  if (!fs.existsSync(dir)) return 0;
  let count = 0;
  for (const name of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    try {
      count += customRulesKeys(parseYaml(fs.readFileSync(path.join(dir, name), 'utf8'))).length;
    } catch { /* not YAML the chart would take: adds no rules file */ }
  }
  return count;
}

/**
 * Where things are in the values file (1-based): the `ENTRY:` key under `customRules:`, the last line of the
 * entry's block, the line and column of FIELD (its first use in the entry outside comments) and the last line
 * of the entry's first folded (`>`) condition.
 */
function readValues(workspace) {
  const text = fs.readFileSync(path.join(workspace, VALUES), 'utf8');
  const lines = text.split(/\r?\n/);
  const top = lines.findIndex((line) => /^customRules:\s*(#.*)?$/.test(line));
  if (top < 0) throw new Error(`examples: no top-level customRules: in ${VALUES}`);
  const key = lines.findIndex((line, i) => i > top && new RegExp(`^(\\s+)${escapeRe(ENTRY)}:\\s*[|>]`).test(line));
  if (key < 0) throw new Error(`examples: no "${ENTRY}: |" entry under customRules: in ${VALUES}`);
  const keyIndent = /^\s*/.exec(lines[key])[0].length;
  // The block ends before the first non-blank line indented no deeper than its key.
  let end = key + 1;
  while (end < lines.length && (!lines[end].trim() || /^\s*/.exec(lines[end])[0].length > keyIndent)) end++;
  const fieldRe = new RegExp(`(?<![\\w.])${escapeRe(FIELD)}(?![\\w.])`);
  let field = null;
  for (let i = key + 1; i < end && !field; i++) {
    if (/^\s*#/.test(lines[i])) continue;
    const m = fieldRe.exec(lines[i]);
    if (m) field = { line: i + 1, col: m.index + 1, text: lines[i] };
  }
  if (!field) throw new Error(`examples: ${FIELD} is not used in the ${ENTRY} entry of ${VALUES}`);
  // The last line of the entry's first folded condition (`condition: >` and its deeper-indented lines).
  const start = lines.findIndex((line, i) => i > key && i < end && /^\s+condition:\s*>-?\s*$/.test(line));
  if (start < 0) throw new Error(`examples: no "condition: >" in the ${ENTRY} entry of ${VALUES}`);
  const indent = /^\s*/.exec(lines[start])[0].length;
  let last = start;
  while (last + 1 < end && lines[last + 1].trim() && /^\s*/.exec(lines[last + 1])[0].length > indent) last++;
  if (last === start) throw new Error(`examples: the folded condition at line ${start + 1} of ${VALUES} is empty`);
  return { text, key: key + 1, end, field, folded: { line: last + 1, text: lines[last] } };
}

/**
 * The Problems panel's rows, each marker row with the workspace-relative path of the file row it sits under:
 * { file, code, message, at: { line, col } | null, text }. Rows in list order (data-index), not DOM order.
 */
export async function problemRowsByFile(page) {
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((row) => {
    const text = (sel) => { const el = row.querySelector(sel); return el ? el.textContent : null; };
    return {
      index: Number(row.getAttribute('data-index')),
      level: Number(row.getAttribute('aria-level')),
      name: text('.label-name'),
      description: text('.label-description'),
      lnCol: text('.marker-line'),
      code: text('.marker-code'),
      message: text('.marker-message'),
      text: row.innerText,
    };
  }));
  rows.sort((a, b) => a.index - b.index);
  let file = null;
  const out = [];
  for (const row of rows) {
    if (row.level === 1) {
      const description = squash(row.description);
      file = description ? `${description}/${squash(row.name)}` : squash(row.name);
    } else if (row.lnCol !== null) {
      const m = /Ln\s+(\d+),\s*Col\s+(\d+)/.exec(row.lnCol);
      out.push({
        file, code: squash(row.code), message: squash(row.message ?? row.text), text: squash(row.text),
        at: m ? { line: Number(m[1]), col: Number(m[2]) } : null,
      });
    }
  }
  return out;
}

/** The text of 1-based `line` as the active editor renders it (spaces as spaces), or null when not rendered. */
async function editorLine(page, line) {
  return page.evaluate(({ editorSel, line }) => {
    const editor = document.querySelector(editorSel);
    const number = editor && [...editor.querySelectorAll('.margin-view-overlays .line-numbers')]
      .find((el) => el.textContent.trim() === String(line));
    if (!number) return null;
    const band = number.getBoundingClientRect();
    const mid = (r) => (r.top + r.bottom) / 2;
    const viewLine = [...editor.querySelectorAll('.view-lines .view-line')]
      .find((el) => { const r = el.getBoundingClientRect(); return r.height > 0 && mid(r) >= band.top && mid(r) <= band.bottom; });
    // Spaces render as U+00A0 (and as U+00B7 inside a selection when whitespace is shown there).
    return viewLine ? viewLine.textContent.replace(/[\u00a0\u00b7]/g, ' ').replace(/\s+$/, '') : null;
  }, { editorSel: ACTIVE_EDITOR, line });
}

/** Waits until 1-based `line` of the active editor reads exactly `expected` (trailing blanks aside). */
async function lineReads(page, line, expected, what) {
  let seen = null;
  await waitFor(`line ${line} ${what}: ${JSON.stringify(expected)}`, async () => {
    seen = await editorLine(page, line);
    return seen === expected.trimEnd();
  }).catch((error) => { throw new Error(`${error.message}; line ${line} reads ${JSON.stringify(seen)}`); });
}

/**
 * Undoes this scenario's edits of `at` ({ line, text }: the edited 1-based line and its original text): Ctrl+Z
 * until the line reads as before, then waits until the file on disk holds `source` again (the web workbench
 * saves after a short delay by default, so the edits may have reached the disk; undoing saves the original).
 */
async function undoEdits(page, workspace, source, at) {
  await page.keyboard.press('Escape');
  let presses = 0;
  await waitFor(`line ${at.line} of ${VALUES} back to ${JSON.stringify(at.text.trim())}`, async () => {
    if ((await editorLine(page, at.line)) === at.text.trimEnd()) return true;
    await focusEditor(page);
    await page.keyboard.press('Control+Z');
    presses++;
    return false;
  }, { interval: 300 });
  await waitFor(`${VALUES} on disk as before the scenario`, () => fs.readFileSync(path.join(workspace, VALUES), 'utf8') === source);
  if (process.env.E2E_DEBUG) console.log(`    undone with ${presses} x Ctrl+Z`);
}

/** Runs `edit`, then undoes its edits of `at` (see undoEdits) whether it passed or not. */
async function undoneAfter({ page, workspace }, source, at, edit) {
  let failure = null;
  try {
    await edit();
  } catch (error) {
    failure = error;
  }
  try {
    await undoEdits(page, workspace, source, at);
  } catch (error) {
    failure ??= error; // the scenario's own failure says more
  }
  if (failure) throw failure;
}


/** Waits for the values file's CODE entry naming FIELD at `field`'s line and column; returns it. */
async function waitForEntry(page, field) {
  let rows = [];
  const where = `[Ln ${field.line}, Col ${field.col}]`;
  return waitFor(`Problems panel entry ${CODE} of ${VALUES} at ${where}`, async () => {
    rows = await problemRowsByFile(page);
    return rows.find((row) => row.file === VALUES && row.code === CODE && row.message.includes(FIELD) &&
      row.at && row.at.line === field.line && row.at.col === field.col) || false;
  }).catch((error) => {
    throw new Error(`${error.message}; rows: ${JSON.stringify(rows.map((row) => `${row.file}: ${row.text}`))}`);
  });
}

/**
 * 10. The misspelled field inside the customRules entry: an error squiggle covering exactly `proc.nme` on the
 * values file's own line, and the Problems panel's unknown-field entry under helm/values.yaml at its line/column.
 */
async function embeddedDiagnostics({ page, shot, workspace }) {
  const { field, key, end } = readValues(workspace);
  try {
    await openFromExplorer(page, VALUES);
    await gotoPosition(page, field.line, field.col);
    // Left edge of the squiggle at the field's first character, right edge at the character after it.
    let first = null;
    let after = null;
    await waitFor(`error squiggle over ${FIELD} at line ${field.line}, columns ${field.col}-${field.col + FIELD.length - 1}`, async () => {
      first = await decorationsOnLine(page, field.line, 'squiggly-error', field.col);
      after = await decorationsOnLine(page, field.line, 'squiggly-error', field.col + FIELD.length);
      if (!first || first.textLeft === null || !after || after.textLeft === null) return false;
      return first.hits.some((h) => Math.abs(h.left - first.textLeft) <= 3 && Math.abs(h.right - after.textLeft) <= 3);
    }).catch((error) => {
      const hits = first ? JSON.stringify(first.hits.map((h) => [Math.round(h.left), Math.round(h.right)])) : 'line not rendered';
      throw new Error(`${error.message}; field from x=${first?.textLeft?.toFixed(1)} to x=${after?.textLeft?.toFixed(1)}; squiggles: ${hits}`);
    });
    await showProblemsPanel(page);
    const entry = await waitForEntry(page, field);
    console.log(`    ${VALUES} (${ENTRY} block: lines ${key + 1}-${end}): ${entry.text}`);
  } finally {
    await shot('10-embedded-problems');
  }
}

/**
 * 11. Completion inside the embedded rules: at the end of the folded (`condition: >`) condition of the customRules
 * entry, ` and proc.nam` offers `proc.name`; accepting it gives the expected line. Undone afterwards.
 */
async function embeddedCompleteField({ page, shot, workspace }) {
  const { text, folded } = readValues(workspace);
  const expected = `${folded.text.trimEnd()} and ${FIXED}`;
  await undoneAfter({ page, workspace }, text, folded, async () => {
    try {
      await openFromExplorer(page, VALUES);
      await gotoPosition(page, folded.line, folded.text.trimEnd().length + 1);
      await page.keyboard.type(' and proc.nam', { delay: 30 });
      const seen = await acceptSuggestion(page, FIXED, { invoke: true });
      console.log(`    suggestions: ${seen.slice(0, 4).join(' | ')}`);
      await lineReads(page, folded.line, expected, 'after the completion');
    } finally {
      await shot('11-embedded-completion');
    }
  });
}

/**
 * 12. The quick fix "Change to 'proc.name'" (Ctrl+. on the field) rewrites only the field: the line keeps the
 * values file's indentation, the squiggle and the Problems entry go away. Undone afterwards; the entry returns.
 */
async function embeddedQuickFix({ page, shot, workspace }) {
  const { text, field } = readValues(workspace);
  const expected = field.text.slice(0, field.col - 1) + FIXED + field.text.slice(field.col - 1 + FIELD.length);
  const squiggles = async () => (await decorationsOnLine(page, field.line, 'squiggly-error', field.col))?.hits.length ?? -1;
  await undoneAfter({ page, workspace }, text, field, async () => {
    try {
      await openFromExplorer(page, VALUES);
      await gotoPosition(page, field.line, field.col + 2);
      await waitFor(`error squiggle on line ${field.line}`, async () => (await squiggles()) > 0);
      await focusEditor(page);
      const offered = await applyCodeAction(page, new RegExp(`^Change to '${escapeRe(FIXED)}'`));
      console.log(`    code actions: ${offered.join(' | ')}`);
      await lineReads(page, field.line, expected, 'after the quick fix');
      await waitFor(`no error squiggle on line ${field.line}`, async () => (await squiggles()) === 0);
      await showProblemsPanel(page);
      // Other files' rows stay: the panel is showing and filled, so an empty list for the values file means gone.
      let rows = [];
      await waitFor(`no ${CODE} entry of ${VALUES} in the Problems panel`, async () => {
        rows = await problemRowsByFile(page);
        return rows.length > 0 && !rows.some((row) => row.file === VALUES && row.code === CODE);
      }).catch((error) => { throw new Error(`${error.message}; rows: ${JSON.stringify(rows.map((row) => `${row.file}: ${row.text}`))}`); });
    } finally {
      await shot('12-embedded-quick-fix');
    }
  });
  // Back to the file on disk: the entry is reported again, as the next run of the suite expects.
  await showProblemsPanel(page);
  await waitForEntry(page, field);
}

export const embeddedScenarios = [embeddedDiagnostics, embeddedCompleteField, embeddedQuickFix];
