// Shows the product working on examples/: builds the bundles, runs the command-line check, then starts the
// language server over stdio the way an editor does and asks it for a definition, a hover and the symbols.
// Usage: npm run demo
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = join(root, 'examples');
const section = (title) => console.log(`\n\x1b[1m== ${title}\x1b[0m`);

section('Build');
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log('client/out/extension.js, server/out/node/main.js, server/out/cli/main.js');

section('falco-rules check examples  (the same checks as the editor, for CI)');
spawnSync(process.execPath, ['server/out/cli/main.js', 'check', 'examples'], { cwd: root, stdio: 'inherit' });

section('Language server over stdio (what an editor sees)');
const server = spawn(process.execPath, [join(root, 'server/out/node/main.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
const indexed = new Promise((resolve) => {
  connection.onNotification('falco/indexStatus', (params) => {
    if (!params.indexing) resolve(params.rulesFiles);
  });
});
connection.listen();
const rootUri = `file://${examples}`;
await connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'examples' }] });
connection.sendNotification('initialized', {});
console.log(`indexed ${await indexed} rules files of examples/ in Falco load order (examples/falco.yaml)`);

const customPath = join(examples, 'rules/custom_rules.yaml');
const customUri = `file://${customPath}`;
const custom = readFileSync(customPath, 'utf8');
const lines = custom.split('\n');
const line = lines.findIndex((text) => text.includes('condition:') && text.includes('shell_procs'));
const position = { line, character: lines[line].indexOf('shell_procs') + 2 };

const definitions = await connection.sendRequest('textDocument/definition', { textDocument: { uri: customUri }, position });
for (const link of definitions) {
  console.log(`definition of shell_procs (custom_rules.yaml:${line + 1}) → ${link.targetUri.replace(rootUri + '/', '')}:${link.targetSelectionRange.start.line + 1}`);
}
const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri: customUri }, position });
console.log('hover:\n' + hover.contents.value.split('\n').map((text) => `  ${text}`).join('\n'));
const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: customUri } });
console.log(`outline of custom_rules.yaml: ${symbols.map((symbol) => symbol.name).join(', ')}`);

await connection.sendRequest('shutdown');
connection.sendNotification('exit');
connection.dispose();
server.kill();

section('Next');
console.log('npm run package   → falco-rules.vsix (install it in VS Code: Extensions → … → Install from VSIX)');
console.log('npm test          → type check, lint, unit and LSP tests');
