/**
 * Tokenizes YAML text with our injection grammars (syntaxes/falco-rules.injection.tmLanguage.json, and
 * syntaxes/falco-rules.embedded.tmLanguage.json on request) on top of a base YAML grammar, through vscode-textmate and the Oniguruma WebAssembly build, the way VS Code does. The base
 * is either a tiny stand-in written here (always available) or the real VS Code YAML grammar that
 * scripts/install-e2e-deps.sh downloads with code-server.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { repoRoot } from './shared';

export const INJECTION_SCOPE = 'falco-rules.injection';
export const injectionGrammarPath = join(repoRoot, 'syntaxes', 'falco-rules.injection.tmLanguage.json');
export const EMBEDDED_SCOPE = 'falco-rules.embedded';
export const embeddedGrammarPath = join(repoRoot, 'syntaxes', 'falco-rules.embedded.tmLanguage.json');
const injectionPaths: Record<string, string> = { [INJECTION_SCOPE]: injectionGrammarPath, [EMBEDDED_SCOPE]: embeddedGrammarPath };

/** Where scripts/install-e2e-deps.sh leaves VS Code's built-in YAML grammars (it honours E2E_TOOLS_DIR too). */
export const realYamlSyntaxesDir = join(
  process.env.E2E_TOOLS_DIR ?? join(homedir(), '.cache', 'falco-rules-e2e'),
  'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'yaml', 'syntaxes',
);

export const realYamlMissing: string | false = existsSync(join(realYamlSyntaxesDir, 'yaml.tmLanguage.json'))
  ? false
  : `VS Code's YAML grammar is not installed (looked in ${realYamlSyntaxesDir}); run scripts/install-e2e-deps.sh to test against it`;

/**
 * A minimal `source.yaml`: comments, `- ` items, keys, values (quoted, plain) and block scalars, whose more
 * indented lines are a string as in the real grammar. Like the real grammar, it leaves the key itself to be matched
 * at its own column, which is where the injections take over.
 */
export const standInYamlGrammar = {
  scopeName: 'source.yaml',
  patterns: [
    { include: '#comment' },
    {
      begin: '(?<=^([ ]*)(?:-([ ])([ ]*))?)([^\\s#:\'"-][^:#]*?)[ \\t]*(:)[ \\t]+([|>](?:[1-9][-+]?|[-+][1-9]?)?)(?:[ \\t]+(#.*))?[ \\t]*$',
      while: '(?<=^\\1\\2\\2\\3[ ][ ]*)(?=\\S)|(?<=^[ \\t]*)$',
      beginCaptures: {
        4: { name: 'entity.name.tag.yaml' }, 5: { name: 'punctuation.separator.map.value.yaml' },
        6: { name: 'keyword.control.flow.block-scalar.yaml' }, 7: { name: 'comment.line.number-sign.yaml' },
      },
      contentName: 'string.unquoted.block.yaml',
    },
    { match: '-(?=[ \\t]|$)', name: 'punctuation.definition.block.sequence.item.yaml' },
    { match: '[^\\s#:\'"-][^:#]*?(?=[ \\t]*:(?:[ \\t]|$))', name: 'entity.name.tag.yaml' },
    {
      begin: ':(?=[ \\t]|$)',
      end: '$',
      beginCaptures: { 0: { name: 'punctuation.separator.map.value.yaml' } },
      patterns: [
        { include: '#comment' },
        { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
        { begin: "'", end: "'(?!')", name: 'string.quoted.single.yaml' },
        { match: '[|>][-+]?[1-9]?(?=[ \\t]|$)', name: 'keyword.control.flow.block-scalar.yaml' },
        { match: '[^\\s#"\'|>].*?(?=[ \\t]+#|[ \\t]*$)', name: 'string.unquoted.plain.out.yaml' },
      ],
    },
  ],
  repository: {
    comment: { match: '(?:^|(?<=[ \\t]))#.*$', name: 'comment.line.number-sign.yaml' },
  },
};

export type BaseGrammar = 'stand-in' | 'real';

export interface Token {
  /** Column (UTF-16) where the token starts in its line. */
  readonly start: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

let onigLib: Promise<vsctm.IOnigLib> | undefined;

function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/** The real YAML grammars by scope name (`source.yaml`, `source.yaml.1.2`, …), read from their files. */
function realYamlGrammars(): Map<string, string> {
  const byScope = new Map<string, string>();
  for (const name of readdirSync(realYamlSyntaxesDir)) {
    if (!name.endsWith('.tmLanguage.json')) continue;
    const path = join(realYamlSyntaxesDir, name);
    const { scopeName } = JSON.parse(readFileSync(path, 'utf8')) as { scopeName: string };
    byScope.set(scopeName, path);
  }
  return byScope;
}

const grammars = new Map<string, Promise<vsctm.IGrammar>>();

/**
 * `source.yaml` with these injections (scope names), as VS Code wires them from `contributes.grammars`
 * (`injectTo: ["source.yaml"]`); with none, the base grammar alone.
 */
export function loadYamlWithInjections(base: BaseGrammar, injections: readonly string[]): Promise<vsctm.IGrammar> {
  const cacheKey = `${base} ${injections.join(' ')}`;
  let grammar = grammars.get(cacheKey);
  if (!grammar) {
    grammar = (async () => {
      const real = base === 'real' ? realYamlGrammars() : undefined;
      const registry = new vsctm.Registry({
        onigLib: loadOnigLib(),
        loadGrammar: async (scopeName) => {
          const injectionPath = injectionPaths[scopeName];
          if (injectionPath) return vsctm.parseRawGrammar(readFileSync(injectionPath, 'utf8'), injectionPath);
          if (real) {
            const path = real.get(scopeName);
            return path ? vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
          }
          return scopeName === 'source.yaml'
            ? vsctm.parseRawGrammar(JSON.stringify(standInYamlGrammar), 'stand-in.json')
            : null;
        },
        getInjections: (scopeName) => (scopeName === 'source.yaml' ? [...injections] : undefined),
      });
      const loaded = await registry.loadGrammar('source.yaml');
      if (!loaded) throw new Error(`could not load source.yaml (${base})`);
      return loaded;
    })();
    grammars.set(cacheKey, grammar);
  }
  return grammar;
}

/** `source.yaml` with the condition/output injection only. */
export function loadYamlWithInjection(base: BaseGrammar): Promise<vsctm.IGrammar> {
  return loadYamlWithInjections(base, [INJECTION_SCOPE]);
}

/** Tokens of every line (the line's text without its line break). `timeLimit` (ms) guards each line. */
export function tokenizeLines(grammar: vsctm.IGrammar, text: string, timeLimit = 0): Token[][] {
  const result: Token[][] = [];
  let state = vsctm.INITIAL;
  for (const line of text.split(/\r?\n/)) {
    const tokenized = grammar.tokenizeLine(line, state, timeLimit);
    if (tokenized.stoppedEarly) throw new Error(`tokenizing stopped early on line ${result.length + 1}: ${line}`);
    result.push(
      tokenized.tokens
        .filter((token) => token.startIndex < line.length)
        .map((token) => ({
          start: token.startIndex,
          text: line.slice(token.startIndex, Math.min(token.endIndex, line.length)),
          scopes: token.scopes,
        })),
    );
    state = tokenized.ruleStack;
  }
  return result;
}

const REGION_SCOPES: Record<string, 'C' | 'O'> = { 'meta.condition.falco': 'C', 'meta.output.falco': 'O' };
/** Scopes that only say "inside the value": the regions and the output's string content. */
const REGION_CONTENT = /^(?:meta\.(?:condition|output)\.falco|string\.(?:unquoted|quoted\.double|quoted\.single)\.output\.falco)$/;

export interface OwnToken {
  /** Inside a condition (`C`), an output (`O`), or neither (`-`). */
  readonly region: 'C' | 'O' | '-';
  /** The token's text without surrounding blanks. */
  readonly text: string;
  /** The scopes the injection gave the token besides its region; for a base-grammar token, its innermost scope. */
  readonly scopes: readonly string[];
}

/**
 * The tokens of one line as the injection sees them, for exact comparisons. Blank tokens are left out, and so
 * are the base grammar's comments, which the stand-in and the real YAML grammar split differently.
 */
export function ownTokens(tokens: readonly Token[]): OwnToken[] {
  const result: OwnToken[] = [];
  for (const token of tokens) {
    if (token.text.trim() === '') continue;
    const first = token.scopes.findIndex((scope) => scope.endsWith('.falco'));
    if (first < 0 && token.scopes.some((scope) => scope.startsWith('comment.'))) continue;
    const own = first < 0 ? token.scopes.slice(-1).filter((scope) => scope !== 'source.yaml') : token.scopes.slice(first);
    result.push({
      region: first < 0 ? '-' : (REGION_SCOPES[own[0]!] ?? '-'),
      text: token.text.trim(),
      scopes: own.filter((scope) => !REGION_CONTENT.test(scope)),
    });
  }
  return result;
}

/** True when the injection coloured no token of these lines (plain YAML is left alone). */
export function untouched(lines: readonly (readonly Token[])[]): boolean {
  return lines.every((tokens) => tokens.every((token) => !token.scopes.some((scope) => scope.endsWith('.falco'))));
}
