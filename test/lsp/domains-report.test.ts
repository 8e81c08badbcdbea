/**
 * The editor's workspace report carries the engine's placements: which packages were taken as domains and why,
 * following the team's `.go-traps.json` (`domains` wins over the code, `infrastructure` sets a folder apart).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LspClient } from '../support/lsp-client';
import { tempWorkspaces } from '../support/temp-workspace';


const workspace = tempWorkspaces('go-traps-lsp-domains-');

const HANDLERS = 'package admin\n\nimport "net/http"\n\nfunc List(w http.ResponseWriter, r *http.Request) {}\n\nfunc Show(w http.ResponseWriter, r *http.Request) {}\n';

interface Row {
  dir: string;
  domain: string;
  role: string;
  reason: string;
}

describe('language server: the domains in the workspace report', () => {
  it('lists every package with its reason, following .go-traps.json', async () => {
    const root = workspace({
      'go.mod': 'module example.com/shop\n\ngo 1.21\n',
      'cmd/shop/main.go': 'package main\n\nfunc main() {}\n',
      'internal/user/user.go': 'package user\n\nfunc A() {}\n',
      'internal/order/order.go': 'package order\n\nfunc B() {}\n',
      'internal/admin/admin.go': HANDLERS,
      '.go-traps.json': '{ "domains": { "backoffice": ["internal/admin/**"] }, "infrastructure": ["order"] }',
    });
    const client = new LspClient();
    try {
      await client.initialize(root);
      await client.request('goTraps/analyzeWorkspace', null);
      const report = await client.request('goTraps/workspaceReport', null);
      const rows = report.coupling.placements as Row[];
      const row = (dir: string) => rows.find((r) => r.dir === dir);
      assert.deepEqual(rows.filter((r) => r.role === 'domain').map((r) => r.domain), ['backoffice', 'user']);
      assert.equal(row('internal/admin')?.reason, 'set by the domains setting (internal/admin/**)');
      assert.equal(row('internal/order')?.reason, 'internal/order/ is listed in the infrastructure setting');
      assert.equal(row('cmd/shop')?.role, 'entry');
      const item = report.checklist.find((i: { id: string }) => i.id === 'domains');
      assert.deepEqual(item?.placements, rows);
      assert.match(item?.detail ?? '', /^2 domains: backoffice \(set by the domains setting \(internal\/admin\/\*\*\)\), user \(internal\/<domain> layout\)\./);
    } finally {
      await client.shutdown();
    }
  });
});
