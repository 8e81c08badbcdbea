/**
 * The Go Traps language server. `createConnection` picks the transport from the command line
 * (`--stdio`, `--node-ipc`, `--socket=<port>`), so one bundle serves every client.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { lowerHelperThreads } from './engine/thread-priority';
import { startServer } from './lsp/session';
import { RULES } from './traps/index';

/**
 * The scan and full analyses run in worker threads, from the bundle shipped beside this one; GO_TRAPS_WORKERS=0
 * keeps them on this thread (to compare, to debug), as does a build without the worker bundle.
 */
const bundled = path.join(__dirname, 'analysis-worker.js');
const workerScript = process.env.GO_TRAPS_WORKERS === '0' || !existsSync(bundled) ? undefined : bundled;

// Before anything starts libuv's file-system threads: those must keep this thread's priority.
if (workerScript) lowerHelperThreads();

startServer(createConnection(ProposedFeatures.all), { rules: RULES, workerScript });
