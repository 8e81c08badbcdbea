/**
 * The CLI's workers run under a heap limit (GO_TRAPS_WORKER_HEAP_MB) so their garbage does not pile up; a file that
 * runs a worker out of memory is analysed on the main thread instead of being skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES_DIR, REPO_ROOT } from '../support/repo';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');

function report(heapMb: string): { findings: unknown[]; skipped: { path: string; reason: string }[] } {
  const result = spawnSync(process.execPath, [CLI, path.join(FIXTURES_DIR, 'workspace'), '--format', 'json', '--no-cache', '--no-baseline', '--jobs', '2'], {
    encoding: 'utf8',
    env: { ...process.env, GO_TRAPS_WORKER_HEAP_MB: heapMb },
    timeout: 120_000,
  });
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('CLI worker heap limit', () => {
  it('analyses on the main thread what a worker has no heap for: the same findings, nothing skipped', () => {
    const unlimited = report('0');
    // 4 MiB is too little for a worker to load the parser and the declarations: every file runs out of memory.
    const starved = report('4');
    assert.ok(unlimited.findings.length > 10);
    assert.deepEqual(starved.findings, unlimited.findings);
    assert.deepEqual(starved.skipped, unlimited.skipped);
  });
});
