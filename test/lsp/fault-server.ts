/**
 * The real language server with one extra rule that always throws, to prove a failing rule is isolated, and
 * one that kills the process on a file holding CRASH_MARKER, as running out of memory would.
 * The LSP tests bundle this file on the fly (it is not a test entry point) and start it like the shipped server.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { defineFileRule } from '../../server/src/engine/rule';
import { startServer } from '../../server/src/lsp/session';
import { RULES } from '../../server/src/traps/index';

export const THROWING_RULE_ID = 'always-throws';

const throwing = defineFileRule({
  meta: {
    id: THROWING_RULE_ID,
    trap: 'meta',
    severity: 'error',
    fixable: false,
    description: { en: 'Throws on every file.', zh: '对每个文件都抛出异常。' },
    why: { en: 'It exists to test isolation.', zh: '用于测试隔离。' },
    messages: {},
  },
  check() {
    throw new Error('deliberate failure for the isolation test');
  },
});

export const CRASH_MARKER = 'GO_TRAPS_TEST_CRASH';

const crashing = defineFileRule({
  meta: {
    id: 'kills-the-process',
    trap: 'meta',
    severity: 'error',
    fixable: false,
    description: { en: 'Kills the server on a marked file.', zh: '遇到标记文件时终止服务器。' },
    why: { en: 'It exists to test crash recovery.', zh: '用于测试崩溃恢复。' },
    messages: {},
  },
  check({ file }) {
    if (file.text.includes(CRASH_MARKER)) process.kill(process.pid, 'SIGKILL');
  },
});

startServer(createConnection(ProposedFeatures.all), { rules: [...RULES, throwing, crashing] });
