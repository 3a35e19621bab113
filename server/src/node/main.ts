/**
 * Node.js entry point of the language server (`falco-rules-language-server --stdio`, or IPC when started by
 * the VS Code extension).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';
import { createDefaultCatalogs } from '../semantic/catalogs';
import { nodeFileSystem } from './nodeFileSystem';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { fs: nodeFileSystem, catalogs: createDefaultCatalogs() });
