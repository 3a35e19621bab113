// The end-to-end scenarios: one async function each, run in order against one
// workbench (see run.mjs). Each gets { page, facts, shot } and throws to fail.
// To add a scenario: write the function and append it to `scenarios`.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { squash, waitFor } from './harness.mjs';
import {
  activeTabTitle, cursorPosition, decorationsOnLine, focusEditor, gotoPosition, openFromExplorer,
  showProblemsPanel, statusBarItems, visibleHoverText,
} from './workbench.mjs';
import { countCustomRules, problemRowsByFile } from './embedded.mjs';

/** The macro used by the navigation and hover scenarios: referenced in REF_FILE, defined in DEF_FILE. */
const MACRO = 'shell_procs';
const DEF_FILE = 'rules/base_rules.yaml';
const REF_FILE = 'rules/custom_rules.yaml';
/** The diagnostics scenario: MISTAKES_FILE uses the misspelled field MISSPELLED_FIELD in a condition. */
const MISTAKES_FILE = 'rules/mistakes.yaml';
const MISSPELLED_FIELD = 'proc.nme';
const MISSPELLED_CODE = 'unknown-field';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Expected values, read from the workspace copy (so editing the examples does
 * not silently break line numbers in the tests).
 */
export function readFacts(workspace) {
  const defText = fs.readFileSync(path.join(workspace, DEF_FILE), 'utf8');
  const defLines = defText.split(/\r?\n/);
  const defLine = defLines.findIndex((l) => new RegExp(`^\\s*-\\s*macro:\\s*${escapeRe(MACRO)}\\s*(#.*)?$`).test(l)) + 1;
  if (!defLine) throw new Error(`examples: no "- macro: ${MACRO}" in ${DEF_FILE}`);
  const macroItem = (parseYaml(defText) || []).find((item) => item && item.macro === MACRO);
  if (!macroItem || typeof macroItem.condition !== 'string') throw new Error(`examples: ${MACRO} has no condition`);

  // First use of the macro in REF_FILE outside comments and outside a macro's own name line.
  const refLines = fs.readFileSync(path.join(workspace, REF_FILE), 'utf8').split(/\r?\n/);
  let ref = null;
  for (let i = 0; i < refLines.length && !ref; i++) {
    const line = refLines[i];
    if (/^\s*#/.test(line) || /^\s*-\s*(macro|list|rule):/.test(line)) continue;
    const m = new RegExp(`\\b${escapeRe(MACRO)}\\b`).exec(line);
    if (m) ref = { line: i + 1, col: m.index + 1 };
  }
  if (!ref) throw new Error(`examples: ${MACRO} is not used in ${REF_FILE}`);

  const config = parseYaml(fs.readFileSync(path.join(workspace, 'falco.yaml'), 'utf8')) || {};
  const rulesFiles = Array.isArray(config.rules_files) ? config.rules_files : [];
  if (!rulesFiles.length) throw new Error('examples: falco.yaml has no rules_files');

  // Where the misspelled field starts: its first use outside comment lines, 1-based.
  const mistakeLines = fs.readFileSync(path.join(workspace, MISTAKES_FILE), 'utf8').split(/\r?\n/);
  let misspelled = null;
  const fieldRe = new RegExp(`(?<![\\w.])${escapeRe(MISSPELLED_FIELD)}(?![\\w.])`);
  for (let i = 0; i < mistakeLines.length && !misspelled; i++) {
    if (/^\s*#/.test(mistakeLines[i])) continue;
    const m = fieldRe.exec(mistakeLines[i]);
    if (m) misspelled = { line: i + 1, col: m.index + 1 };
  }
  if (!misspelled) throw new Error(`examples: ${MISSPELLED_FIELD} is not used in ${MISTAKES_FILE}`);

  return {
    macro: MACRO,
    defFile: DEF_FILE,
    refFile: REF_FILE,
    defLine,
    condition: squash(macroItem.condition),
    // Cursor inside the word (not on its first character) for F12 / hover.
    ref: { line: ref.line, col: ref.col + Math.min(3, MACRO.length - 1) },
    // Falco loads each customRules entry of a Helm values file as a rules file of its own.
    rulesFileCount: rulesFiles.length + countCustomRules(workspace),
    mistake: { file: MISTAKES_FILE, field: MISSPELLED_FIELD, code: MISSPELLED_CODE, ...misspelled },
  };
}

const basename = (p) => p.split('/').pop();

/** 1. Go to Definition (F12) on a macro defined in another file. */
async function navigation({ page, facts, shot }) {
  const target = basename(facts.defFile);
  let presses = 0;
  try {
    await openFromExplorer(page, facts.refFile);
    await gotoPosition(page, facts.ref.line, facts.ref.col);
    // The server may still be indexing the workspace when the file opens: then F12
    // finds nothing ("No definition found"). Press it again until the editor switches.
    await waitFor(`F12 on ${facts.macro} to open ${target}`, async () => {
      if ((await activeTabTitle(page)) === target) return true;
      await focusEditor(page);
      await page.keyboard.press('F12');
      presses++;
      // Either the editor switches, or VS Code says "No definition found" in an
      // overlay message (then dismiss it and try again).
      const outcome = await waitFor('editor switch', async () => {
        if ((await activeTabTitle(page)) === target) return 'switched';
        return (await page.locator('.monaco-editor-overlaymessage').first().isVisible()) ? 'none' : false;
      }, { timeout: 5000 }).catch(() => 'timeout');
      // 'timeout' on the first press is normal: the extension activates when the
      // file opens, and until its definition provider is registered F12 does nothing.
      if (process.env.E2E_DEBUG) console.log(`    F12 attempt ${presses}: ${outcome}`);
      if (outcome === 'switched') return true;
      await page.keyboard.press('Escape');
      return false;
    }, { interval: 500 });
    const pos = await waitFor(`cursor on line ${facts.defLine} of ${target}`, async () => {
      const p = await cursorPosition(page);
      return p && p.line === facts.defLine ? p : false;
    }, { timeout: 10_000 }).catch(async (err) => {
      throw new Error(`${err.message}; status bar says ${JSON.stringify(await cursorPosition(page))}`);
    });
    console.log(`    F12 (pressed ${presses}x) -> ${await activeTabTitle(page)} Ln ${pos.line}, Col ${pos.col}`);
  } finally {
    await shot('01-navigation');
  }
}

/** 2. Hover on the same macro reference shows its condition and defining file. */
async function hover({ page, facts, shot }) {
  const defName = basename(facts.defFile);
  let last = '';
  try {
    await openFromExplorer(page, facts.refFile);
    await gotoPosition(page, facts.ref.line, facts.ref.col);
    const matches = (t) => t.includes(facts.condition) && t.includes(defName);
    // Each attempt: close any stale hover, show the hover (editor.action.showHover)
    // and give it 5 s to fill in. Early attempts may come before the server has
    // indexed base_rules.yaml; later ones then succeed.
    const text = await waitFor(`hover on ${facts.macro} with "${facts.condition}" and "${defName}"`, async () => {
      await page.keyboard.press('Escape');
      await focusEditor(page);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      return waitFor('matching hover', async () => {
        last = await visibleHoverText(page);
        return matches(last) ? last : false;
      }, { timeout: 5000 }).catch(() => false);
    }, { interval: 500 }).catch((err) => {
      throw new Error(`${err.message}; last hover text: ${JSON.stringify(last)}`);
    });
    console.log(`    hover: ${text.slice(0, 160)}`);
  } finally {
    await shot('02-hover');
  }
}

/** 3. The status bar reports the server's index: "Falco: <n> rules files". */
async function status({ page, facts, shot }) {
  let last = [];
  try {
    const text = await waitFor(`status bar item "Falco: ${facts.rulesFileCount} rules files"`, async () => {
      last = (await statusBarItems(page)).filter((t) => /^Falco\b/.test(t));
      return last.find((t) => {
        const m = /(\d+)\s+rules?\s+files?\b/i.exec(t);
        return m && Number(m[1]) === facts.rulesFileCount;
      }) || false;
    }).catch((err) => {
      throw new Error(`${err.message}; Falco items seen: ${JSON.stringify(last)}`);
    });
    console.log(`    status bar: ${text}`);
  } finally {
    await shot('03-status');
  }
}

/**
 * 4. Diagnostics: the misspelled field in mistakes.yaml is underlined in the
 * editor and listed in the Problems panel with its code, name and position.
 */
async function diagnostics({ page, facts, shot }) {
  const { file, field, code, line, col } = facts.mistake;
  const name = basename(file);
  const where = `[Ln ${line}, Col ${col}]`;
  try {
    await openFromExplorer(page, file);

    // The squiggle: an error decoration on the field's line that starts where the
    // field starts (within 3 px of the glyph at column `col`).
    let seen = null;
    let revealed = false;
    const startsAtField = (h) => seen.textLeft !== null && Math.abs(h.left - seen.textLeft) <= 3;
    await waitFor(`error squiggle at line ${line}, column ${col} of ${name}`, async () => {
      seen = await decorationsOnLine(page, line, 'squiggly-error', col);
      if (!seen && !revealed) { // the line is scrolled out of view: bring it in once
        revealed = true;
        await gotoPosition(page, line, col);
      }
      return seen && seen.hits.some(startsAtField);
    }).catch((err) => {
      const x = !seen || seen.textLeft === null ? 'not rendered' : `x=${seen.textLeft.toFixed(1)}`;
      const hits = seen ? JSON.stringify(seen.hits.map((h) => [Math.round(h.left), Math.round(h.right)])) : 'line not rendered';
      throw new Error(`${err.message}; column ${col}: ${x}; error squiggles on the line (left, right): ${hits}`);
    });

    // The Problems panel: wait for the entry, then check what it says.
    await showProblemsPanel(page);
    let rows = [];
    const entry = await waitFor(`Problems panel entry "${code}"`, async () => {
      // Only the file's own rows: other files (helm/values.yaml) have unknown-field entries too.
      rows = (await problemRowsByFile(page)).filter((r) => r.file === file);
      return rows.find((r) => r.code === code) || false;
    }).catch((err) => {
      throw new Error(`${err.message}; rows: ${JSON.stringify(rows.map((r) => r.text))}`);
    });
    const mine = rows.filter((r) => r.code === code);
    const problems = [];
    if (!mine.some((r) => r.message.includes(field))) {
      problems.push(`no ${code} message mentions ${field}: ${JSON.stringify(mine.map((r) => r.message))}`);
    }
    const at = mine.find((r) => r.message.includes(field))?.at ?? entry.at;
    if (!at || at.line !== line || at.col !== col) {
      problems.push(`${code} entry at ${at ? `[Ln ${at.line}, Col ${at.col}]` : '(no position)'}, expected ${where}`);
    }
    if (problems.length) throw new Error(problems.join('; '));
    console.log(`    problems: ${rows.length} in the panel; ${mine.find((r) => r.message.includes(field)).text}`);
  } finally {
    await shot('04-problems');
  }
}

export const scenarios = [navigation, hover, status, diagnostics];
