// Lint rules, including the layering of the server: syntax → semantic → features → service → lsp/node/cli.
// Each layer may import only from the layers below it; only lsp/ and the entry points use vscode-languageserver;
// only client/ uses vscode.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const transport = { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'Only server/src/lsp and the entry points talk LSP transport.' };
const vscodeApi = { name: 'vscode', message: 'Only client/ may import the VS Code API.' };
const above = (layers) => layers.map((layer) => ({ group: [`**/${layer}/**`, `../${layer}`, `../../${layer}`], message: `This layer must not depend on ${layer}/ (see ARCHITECTURE.md).` }));
const layerRule = (forbiddenLayers, extra = []) => ({
  'no-restricted-imports': ['error', { paths: [vscodeApi], patterns: [transport, ...above(forbiddenLayers), ...extra] }],
});

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', '**/*.generated.json', 'test-results/**', 'bench-results/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', __dirname: 'readonly', setImmediate: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: {
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-throw-literal': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  { files: ['server/src/syntax/**/*.ts'], rules: layerRule(['semantic', 'features', 'service', 'lsp', 'node', 'cli']) },
  { files: ['server/src/semantic/**/*.ts'], rules: layerRule(['features', 'service', 'lsp', 'node', 'cli']) },
  { files: ['server/src/features/**/*.ts'], rules: layerRule(['service', 'lsp', 'node', 'cli']) },
  { files: ['server/src/service/**/*.ts'], rules: layerRule(['lsp', 'node', 'cli']) },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/node/**/*.ts', 'server/src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeApi] }] },
  },
  { files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'esbuild.mjs', 'eslint.config.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } } },
);
