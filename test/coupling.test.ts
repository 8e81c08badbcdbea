/** The coupling score on workspaces built to be loose and tight, and the facts it is measured from. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultSettings, Settings } from '../server/src/engine/config';
import { measureCoupling } from '../server/src/architecture/coupling';
import { internalDir, sqlTables } from '../server/src/architecture/coupling-facts';
import { parseGoModPath } from '../server/src/engine/domains';
import { collectSummaries } from '../server/src/engine/summaries';
import type { CouplingReport } from '../server/src/protocol';
import { REPO_ROOT } from './support/repo';

const FIXTURES = path.join(REPO_ROOT, 'test/coupling-fixtures');

function goFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return goFiles(full, base);
    return name.endsWith('.go') ? [path.relative(base, full).split(path.sep).join('/')] : [];
  });
}

/** Measures a fixture workspace (one go.mod at its root). */
async function measureFixture(name: string, settings: Settings = defaultSettings()): Promise<CouplingReport> {
  const root = path.join(FIXTURES, name);
  const modules = [{ root: '', path: parseGoModPath(readFileSync(path.join(root, 'go.mod'), 'utf8')) }];
  const summaries = await collectSummaries(goFiles(root), (p) => readFileSync(path.join(root, p), 'utf8'), settings, modules);
  return measureCoupling(summaries, settings);
}

/** Measures in-memory sources of module example.com/shop. */
async function measureSources(sources: Record<string, string>): Promise<CouplingReport> {
  const settings = defaultSettings();
  const summaries = await collectSummaries(Object.keys(sources), (p) => sources[p], settings, [{ root: '', path: 'example.com/shop' }]);
  return measureCoupling(summaries, settings);
}

describe('coupling score on fixture workspaces', () => {
  it('scores the tight workspace above the split line and the loose one well below it', async () => {
    const tight = await measureFixture('tight');
    const loose = await measureFixture('loose');
    assert.ok(tight.score > 0.65, `tight scored ${tight.score}: ${JSON.stringify(tight.components)}`);
    assert.ok(tight.score <= 1);
    assert.ok(loose.score >= 0 && loose.score < 0.3, `loose scored ${loose.score}: ${JSON.stringify(loose.components)}`);
    assert.ok(tight.score - loose.score > 0.4);
  });

  it('finds the same three domains in both', async () => {
    assert.deepEqual((await measureFixture('tight')).domains, ['coupon', 'order', 'user']);
    assert.deepEqual((await measureFixture('loose')).domains, ['coupon', 'order', 'user']);
  });

  it('marks the package-level handle the tight domains share, and the tables they share', async () => {
    const tight = await measureFixture('tight');
    assert.deepEqual(tight.sharedHandles, [{ handle: 'internal/store.DB', domains: ['coupon', 'order', 'user'] }]);
    assert.deepEqual(tight.sharedTables, [
      { table: 'coupons', domains: ['coupon', 'order'] },
      { table: 'orders', domains: ['order', 'user'] },
      { table: 'users', domains: ['coupon', 'user'] },
    ]);
    assert.equal(tight.components.find((c) => c.id === 'sharedDb')?.value, 1);
  });

  it('sees per-domain pools and a narrow port as loose', async () => {
    const loose = await measureFixture('loose');
    assert.deepEqual(loose.sharedHandles, []);
    assert.deepEqual(loose.sharedTables, []);
    assert.deepEqual(loose.edges.map((e) => [e.from, e.to, e.imports, e.calls]), [['order', 'user', 1, 0]]);
    assert.equal(loose.components.find((c) => c.id === 'calls')?.value, 0);
  });

  it('weights the components to sum to one and explains each', async () => {
    const tight = await measureFixture('tight');
    assert.deepEqual(tight.components.map((c) => c.id), ['imports', 'calls', 'sharedDb']);
    assert.equal(tight.components.reduce((sum, c) => sum + c.weight, 0), 1);
    for (const component of tight.components) {
      assert.ok(component.value >= 0 && component.value <= 1);
      assert.ok(component.explanation.length > 20, component.explanation);
      assert.doesNotMatch(component.explanation, /\{\w+\}/, 'unfilled placeholder');
    }
    const recomputed = tight.components.reduce((sum, c) => sum + c.weight * c.value, 0);
    assert.ok(Math.abs(recomputed - tight.score) < 0.02);
  });

  it('weighs edges between 0 and 1 and counts calls along them', async () => {
    const tight = await measureFixture('tight');
    const pairs = tight.edges.map((e) => `${e.from}->${e.to}`);
    assert.deepEqual(pairs, ['coupon->user', 'order->coupon', 'order->user', 'user->coupon', 'user->order']);
    for (const edge of tight.edges) assert.ok(edge.weight > 0 && edge.weight <= 1, JSON.stringify(edge));
    assert.deepEqual(tight.edges.find((e) => e.from === 'user' && e.to === 'order'), { from: 'user', to: 'order', weight: 0.75, imports: 1, calls: 2 });
    assert.ok((tight.crossModuleCallShare ?? 0) > 0.4);
  });

  it('explains in Chinese when the locale is zh-cn', async () => {
    const settings = defaultSettings();
    settings.locale = 'zh-cn';
    const report = await measureFixture('tight', settings);
    assert.equal(report.components[0].label, '导入关系');
    assert.match(report.components[2].explanation, /领域/);
  });
});

describe('coupling facts', () => {
  it('sees one handle opened in main and handed to two domains as shared', async () => {
    const report = await measureSources({
      'cmd/shop/main.go': `package main

import (
	"database/sql"

	"example.com/shop/internal/order"
	"example.com/shop/internal/user"
)

func main() {
	db, err := sql.Open("mysql", "dsn")
	if err != nil {
		panic(err)
	}
	user.NewRepo(db)
	order.NewService(order.Deps{DB: db})
}
`,
      'internal/user/user.go': 'package user\n\nimport "database/sql"\n\nfunc NewRepo(db *sql.DB) {}\n',
      'internal/order/order.go': 'package order\n\nimport "database/sql"\n\ntype Deps struct{ DB *sql.DB }\n\nfunc NewService(d Deps) {}\n',
    });
    assert.deepEqual(report.sharedHandles, [{ handle: 'db (cmd/shop/main.go, main)', domains: ['order', 'user'] }]);
  });

  it('follows a handle out of the module\'s own opener function (store.Open) into two domains', async () => {
    const report = await measureSources({
      'internal/store/db.go': 'package store\n\nimport "database/sql"\n\nfunc Open(dsn string) (*sql.DB, error) { return sql.Open("mysql", dsn) }\n\nfunc Name() (string, error) { return "", nil }\n',
      'cmd/shop/main.go': `package main

import (
	"example.com/shop/internal/order"
	"example.com/shop/internal/store"
	"example.com/shop/internal/user"
)

func main() {
	db, _ := store.Open("dsn")
	name, _ := store.Name()
	users := user.NewRepo(db, name)
	order.NewService(db, users, name)
}
`,
      'internal/user/user.go': 'package user\n\nfunc NewRepo(db any, name string) any { return nil }\n',
      'internal/order/order.go': 'package order\n\nfunc NewService(db any, users any, name string) {}\n',
    });
    assert.deepEqual(report.sharedHandles, [{ handle: 'db (cmd/shop/main.go, main)', domains: ['order', 'user'] }]);
  });

  it('does not count a handle passed to one domain only, nor a non-handle passed to two', async () => {
    const report = await measureSources({
      'cmd/shop/main.go': `package main

import (
	"database/sql"

	"example.com/shop/internal/order"
	"example.com/shop/internal/user"
)

func main() {
	userDB, _ := sql.Open("mysql", "u")
	orderDB, _ := sql.Open("mysql", "o")
	cache := map[string]string{}
	user.NewRepo(userDB, cache)
	order.NewService(orderDB, cache)
}
`,
      'internal/user/user.go': 'package user\n\nfunc NewRepo(db any, c map[string]string) {}\n',
      'internal/order/order.go': 'package order\n\nfunc NewService(db any, c map[string]string) {}\n',
    });
    assert.deepEqual(report.sharedHandles, []);
  });

  it('scores zero with an explanation when there are fewer than two domains', async () => {
    const report = await measureSources({ 'internal/user/user.go': 'package user\n\nfunc A() { b() }\n\nfunc b() {}\n' });
    assert.equal(report.score, 0);
    assert.deepEqual(report.domains, ['user']);
    assert.match(report.components[0].explanation, /Fewer than two business domains/);
  });

  it('ignores test files, which wire domains together on purpose', async () => {
    const report = await measureSources({
      'internal/user/user.go': 'package user\n\nfunc A() {}\n',
      'internal/order/order.go': 'package order\n\nfunc B() {}\n',
      'internal/order/order_test.go': 'package order\n\nimport "example.com/shop/internal/user"\n\nfunc TestB() { user.A() }\n',
    });
    assert.equal(report.score, 0);
    assert.deepEqual(report.edges, []);
  });

  it('reads tables only from strings that read as SQL', () => {
    assert.deepEqual(sqlTables('SELECT a FROM users u JOIN orders o ON o.uid = u.id'), ['users', 'orders']);
    assert.deepEqual(sqlTables('insert into `coupons` (code) values (?)'), ['coupons']);
    assert.deepEqual(sqlTables('UPDATE shop.stock SET n = n - 1'), ['shop.stock']);
    assert.deepEqual(sqlTables('select the file from the list'), []);
    assert.deepEqual(sqlTables('update your profile from the settings page'), []);
    assert.deepEqual(sqlTables('please select from the menu'), []);
    assert.deepEqual(sqlTables('copied from users'), []);
    assert.deepEqual(sqlTables('update packages to use new APIs'), []);
    assert.deepEqual(sqlTables('update during transition'), []);
    assert.deepEqual(sqlTables('WITH recent AS (SELECT * FROM orders) SELECT * FROM recent JOIN users u ON true'), ['orders', 'recent', 'users']);
    assert.deepEqual(sqlTables('DELETE FROM sessions WHERE expires < now()'), ['sessions']);
  });

  it('knows which imports are the module\'s own, the standard library included', () => {
    assert.equal(internalDir('example.com/shop/internal/user', 'example.com/shop'), 'internal/user');
    assert.equal(internalDir('example.com/shopping/x', 'example.com/shop'), undefined);
    assert.equal(internalDir('bytes', 'std'), 'bytes');
    assert.equal(internalDir('golang.org/x/net/http2', 'std'), undefined);
    assert.equal(internalDir('bytes', ''), undefined);
  });
});
