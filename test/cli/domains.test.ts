/** `go-traps domains`: which packages are business domains, what the others are, and why. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/repo';
import { tempWorkspaces } from '../support/temp-workspace';

const CLI = path.join(REPO_ROOT, 'server/out/cli.js');

const workspace = tempWorkspaces('go-traps-domains-');

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
    assert.match(result.stdout, /^internal\/core\s+domain platform\s+set by the domains setting \(internal\/core\/\*\*\)$/m);
    assert.match(result.stdout, /Correct it with one setting in \.go-traps\.json: "domains"/);
  });

  const handlers = (pkg: string) =>
    `package ${pkg}\n\nimport "net/http"\n\nfunc List(w http.ResponseWriter, r *http.Request) {}\n\nfunc Show(w http.ResponseWriter, r *http.Request) {}\n`;

  it('sets apart by code what the folder name cannot tell: mostly handlers, package main', () => {
    const dir = workspace({ ...files, 'internal/admin/admin.go': handlers('admin'), 'internal/importer/main.go': 'package main\n\nfunc main() {}\n' });
    const text = run(dir);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^3 business domains: cleanup, order, user$/m);
    assert.match(text.stdout, /^internal\/admin\s+transport front-end\s+transport: mostly handlers \(2 of its 2 functions serve requests\)$/m);
    assert.match(text.stdout, /^internal\/importer\s+entry point\s+entry point \(package main\)$/m);
    const json = run(dir, '--format', 'json');
    assert.equal(json.status, 0, json.stderr);
    const rows = JSON.parse(json.stdout) as { dir: string; role: string; by: string; what: string; reason: string }[];
    assert.deepEqual(rows.find((r) => r.dir === 'internal/admin'), {
      dir: 'internal/admin',
      module: 'example.com/shop',
      files: 1,
      domain: '',
      role: 'transport',
      by: 'code',
      what: 'transport front-end',
      reason: 'transport: mostly handlers (2 of its 2 functions serve requests)',
    });
    // --json is kept for scripts written before --format.
    assert.deepEqual(JSON.parse(run(dir, '--json').stdout), rows);
  });

  it('takes a folder out of the domains with the infrastructure setting', () => {
    const dir = workspace({ ...files, '.go-traps.json': '{ "infrastructure": ["cleanup"] }' });
    const result = run(dir);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^2 business domains: order, user$/m);
    assert.match(result.stdout, /^internal\/cleanup\s+infrastructure\s+internal\/cleanup\/ is listed in the infrastructure setting$/m);
  });

  it('says it in Chinese, and refuses an unknown format', () => {
    const dir = workspace(files);
    const zh = run(dir, '--locale', 'zh-cn');
    assert.equal(zh.status, 0, zh.stderr);
    assert.match(zh.stdout, /^3 个业务域:cleanup, order, user$/m);
    assert.match(zh.stdout, /^business\/domain\/userbus\s+业务域 user\s+business\/domain\/<domain> 布局,user 的 bus 层$/m);
    const bad = run(dir, '--format', 'sarif');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /sarif/);
  });
});
