/** `go-traps domains`: which packages are business domains, what the others are, and why. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO_ROOT } from '../support/repo';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'go-traps-domains-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, 'domains', ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });

describe('go-traps domains', () => {
  const files = {
    'go.mod': 'module example.com/shop\n\ngo 1.21\n',
    'cmd/api/main.go': 'package main\n\nfunc main() {}\n',
    'business/domain/userbus/user.go': 'package userbus\n',
    'business/domain/orderbus/order.go': 'package orderbus\n',
    'api/admin/admin.go': 'package admin\n',
    'internal/sdk/sdk.go': 'package sdk\n',
    'internal/core/core.go': 'package core\n',
    'internal/dbtest/dbtest.go': 'package dbtest\n',
    'internal/cleanup/worker.go': 'package cleanup\n',
    'internal/jobs/nightly.go': 'package jobs\n',
  };

  it('places every package with a role and a reason', () => {
    const result = run(workspace(files), '--json');
    assert.equal(result.status, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as { dir: string; domain: string; role: string; reason: string }[];
    const role = (dir: string) => rows.find((r) => r.dir === dir);
    assert.deepEqual(
      rows.filter((r) => r.role === 'domain').map((r) => r.domain).sort(),
      ['cleanup', 'order', 'user'],
    );
    // One domain in its layers: business/domain/userbus is the bus layer of user.
    assert.match(role('business/domain/userbus')?.reason ?? '', /the bus layer of user/);
    assert.equal(role('cmd/api')?.role, 'entry');
    assert.equal(role('api/admin')?.role, 'transport');
    assert.equal(role('internal/sdk')?.role, 'infrastructure');
    assert.equal(role('internal/core')?.role, 'wiring');
    assert.equal(role('internal/dbtest')?.role, 'harness');
    assert.equal(role('internal/jobs')?.role, 'batch');
    for (const row of rows) assert.ok(row.reason.length > 0, `${row.dir} has no reason`);
  });

  it('follows the domains setting, and says so', () => {
    const dir = workspace({ ...files, '.go-traps.json': '{ "domains": { "platform": ["internal/core/**"] } }' });
    const result = run(dir);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^4 business domains: cleanup, order, platform, user$/m);
    assert.match(result.stdout, /internal\/core\s+domain platform\s+mapped to platform by the domains setting/);
  });
});
