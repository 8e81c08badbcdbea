/**
 * The Go Traps language server. `createConnection` picks the transport from the command line
 * (`--stdio`, `--node-ipc`, `--socket=<port>`), so one bundle serves every client.
 */
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/session';
import { RULES } from './traps/index';

/** The scan and full analyses run in worker threads; GO_TRAPS_WORKERS=0 keeps them on this thread (to compare, to debug). */
const workerScript = process.env.GO_TRAPS_WORKERS === '0' ? undefined : path.join(__dirname, 'analysis-worker.js');

startServer(createConnection(ProposedFeatures.all), { rules: RULES, workerScript });
