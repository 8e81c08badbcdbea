/**
 * The keystroke path's warm-up: it must reach deep into the file rules (a sample that only passed their first
 * lines would leave the code that matters cold), and change nothing a user sees.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/config';
import { createGoParser } from '../../server/src/go/parser';
import { RULES } from '../../server/src/traps/index';
import { warmUpKeystrokePath } from '../../server/src/lsp/warm-up';

describe('keystroke warm-up', () => {
  it('runs most file rules to a finding, on incremental edits', async () => {
    const parser = await createGoParser();
    const fileRules = RULES.filter((rule) => rule.kind === 'file');
    let turns = 0;
    const reported = await warmUpKeystrokePath(new Engine(defaultSettings(), fileRules, []), parser, async () => {
      turns++;
    });
    assert.equal(turns, 40, 'one analysis per turn of the event loop');
    const expected = ['config-hardcoded-dsn', 'config-parse-unchecked', 'ctx-background-in-request', 'ctx-cancel-lost', 'db-context-no-deadline', 'db-no-context', 'http-client-no-timeout', 'http-request-no-context', 'log-error-no-fields'];
    assert.deepEqual(expected.filter((id) => !reported.has(id)), [], `reported: ${[...reported].sort().join(', ')}`);
    assert.ok(reported.size >= fileRules.length / 2, `${reported.size} of ${fileRules.length} file rules reported`);
  });
});
