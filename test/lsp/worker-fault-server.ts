/**
 * The real language server with the registry's rules, whose folders' workers run fault-worker.ts (bundled next
 * to it as fault-worker.js) instead of the shipped worker. Bundled on the fly by the tests.
 */
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/session';
import { RULES } from '../../server/src/traps/index';

startServer(createConnection(ProposedFeatures.all), { rules: RULES, workerScript: path.join(__dirname, 'fault-worker.js') });
