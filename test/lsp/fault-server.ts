/**
 * The real language server with one extra rule that always throws, to prove a failing rule is isolated.
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

startServer(createConnection(ProposedFeatures.all), { rules: [...RULES, throwing] });
