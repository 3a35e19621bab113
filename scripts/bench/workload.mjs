// Inputs of the benchmark taken from real text: the corpus files, the macro/list reference positions of a file,
// and a sequence of keystroke edits inside a macro condition.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Same encoding as the server's pathToUri (server/src/lsp/fileSystem.ts), so documents opened over LSP match indexed files. */
export function pathToUri(path) {
  return 'file://' + path.split('/').map((segment) => encodeURIComponent(segment)).join('/');
}

function walk(directory) {
  const files = [];
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) files.push(path);
  }
  return files;
}

/** Every .yaml/.yml file under `corpusRoot` as { path, uri, text }, or null when the folder is absent. */
export function loadCorpus(corpusRoot) {
  if (!existsSync(corpusRoot)) return null;
  return walk(corpusRoot).map((path) => ({ path, uri: pathToUri(path), text: readFileSync(path, 'utf8') }));
}

/** Offset → { line, character } (UTF-16 columns, `\n` line breaks; the files used here have no `\r`). */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every occurrence of a macro or list name the file declares (`- macro: name` / `- list: name` at column 0),
 * outside comments, `desc:`/`output:`/`tags:`/exception `name:` lines and the declarations themselves. Positions point into the middle of the name.
 */
export function referencePositions(text) {
  const names = new Set();
  const declarationOffsets = new Set();
  for (const match of text.matchAll(/^- (?:macro|list):[ \t]+([A-Za-z0-9_.-]+)/gm)) {
    names.add(match[1]);
    declarationOffsets.add(match.index + match[0].length - match[1].length);
  }
  if (names.size === 0) return [];
  const pattern = new RegExp(`(?<![\\w.\\-/])(?:${[...names].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\w.\\-/])`, 'g');
  const skipped = [];
  for (const match of text.matchAll(/^[ \t]*(?:#|desc:|- rule:|(?:- )?name:|tags:|output:|priority:|source:).*$/gm)) skipped.push([match.index, match.index + match[0].length]);
  const offsets = [];
  for (const match of text.matchAll(pattern)) {
    if (declarationOffsets.has(match.index)) continue;
    if (skipped.some(([start, end]) => match.index >= start && match.index < end)) continue;
    offsets.push(match.index + Math.floor(match[0].length / 2));
  }
  return offsets.map((offset) => ({ offset, position: positionAt(text, offset) }));
}

/**
 * Keystrokes inside the condition of the first macro with a folded (`>`) condition: the characters of
 * `typed` are appended one by one at the end of the condition's last line, then removed one by one, and so on
 * until `count` edits. Each edit is { range, text } (LSP incremental change) plus the resulting full text.
 */
export function keystrokeEdits(text, count, typed = ' and not proc.name in (bash, sh)') {
  const match = /^- macro:[ \t]+(\S+)\n[ \t]+condition:[ \t]*>-?[ \t]*\n((?:[ \t]+\S.*\n)+)/m.exec(text);
  if (!match) throw new Error('no macro with a folded condition to edit');
  const blockEnd = match.index + match[0].length - 1; // the line break after the last condition line
  const anchor = positionAt(text, blockEnd);
  const edits = [];
  let current = text;
  let typedLength = 0;
  let typing = true;
  while (edits.length < count) {
    const character = anchor.character + typedLength;
    if (typing) {
      const inserted = typed[typedLength];
      const offset = blockEnd + typedLength;
      current = current.slice(0, offset) + inserted + current.slice(offset);
      edits.push({ range: { start: { line: anchor.line, character }, end: { line: anchor.line, character } }, text: inserted, fullText: current });
      typedLength++;
      if (typedLength === typed.length) typing = false;
    } else {
      const offset = blockEnd + typedLength - 1;
      current = current.slice(0, offset) + current.slice(offset + 1);
      edits.push({ range: { start: { line: anchor.line, character: character - 1 }, end: { line: anchor.line, character } }, text: '', fullText: current });
      typedLength--;
      if (typedLength === 0) typing = true;
    }
  }
  return { macro: match[1], line: anchor.line + 1, typed, edits, cycleLength: 2 * typed.length };
}
