/**
 * The Go Traps language server. `createConnection` picks the transport from the command line
 * (`--stdio`, `--node-ipc`, `--socket=<port>`), so one bundle serves every client.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/session';
import { RULES } from './traps/index';

startServer(createConnection(ProposedFeatures.all), { rules: RULES });
