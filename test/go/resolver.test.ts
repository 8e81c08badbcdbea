/** The resolver across files and packages: the layouts real services use, and the look-alikes that must stay unknown. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typedSources } from '../support/types';

const SQL_DB = '*"database/sql".DB';

describe('type resolver', () => {
  it('follows a package variable of another package (store.DB)', async () => {
    const t = await typedSources({
      'store/db.go': 'package store\n\nimport "database/sql"\n\nvar DB *sql.DB\n',
      'user/repo.go': 'package user\n\nimport "example.com/shop/store"\n\nfunc Count() { store.DB.QueryRow("x") }\n',
    });
    try {
      const r = t.resolver('user/repo.go');
      assert.equal(r.typeOf(t.node('user/repo.go', 'store.DB')), SQL_DB);
      const callee = r.calleeOf(t.node('user/repo.go', 'store.DB.QueryRow("x")'));
      assert.deepEqual(callee && { kind: callee.kind, name: callee.name, receiver: 'receiver' in callee ? callee.receiver : '' }, { kind: 'method', name: 'QueryRow', receiver: '"database/sql".DB' });
      assert.equal(r.typeOf(t.node('user/repo.go', 'store.DB.QueryRow("x")')), '*"database/sql".Row');
    } finally {
      t.dispose();
    }
  });

  it('reads a struct declared in another file of the package (r.db)', async () => {
    const t = await typedSources({
      'user/repo.go': 'package user\n\nimport "database/sql"\n\ntype Repo struct{ db *sql.DB }\n',
      'user/query.go': 'package user\n\nfunc (r *Repo) Count() { r.db.QueryRow("x") }\n',
    });
    try {
      assert.equal(t.resolver('user/query.go').typeOf(t.node('user/query.go', 'r.db')), SQL_DB);
    } finally {
      t.dispose();
    }
  });

  it('honours import aliases, constructors, embedding and locals', async () => {
    const t = await typedSources({
      'platform/db.go': 'package platform\n\nimport dbsql "database/sql"\n\ntype Store struct{ *dbsql.DB }\n\nfunc Primary() *dbsql.DB { return nil }\n\nfunc New() (*Store, error) { return nil, nil }\n\nvar Pool, openErr = dbsql.Open("mysql", "")\n',
      'order/svc.go': [
        'package order',
        '',
        'import st "example.com/shop/platform"',
        '',
        'type deps struct{ Store *st.Store }',
        'type Service struct{ deps deps }',
        '',
        'func (s *Service) Run() {',
        '\tdb := st.Primary()',
        '\ttx, err := db.Begin()',
        '\tq := s.deps.Store.QueryRow',
        '\tstore, _ := st.New()',
        '\t_, _, _, _ = tx, err, q, store',
        '\tst.Pool.Ping()',
        '}',
        '',
      ].join('\n'),
    });
    try {
      const r = t.resolver('order/svc.go');
      const at = (text: string) => r.typeOf(t.node('order/svc.go', text));
      assert.equal(at('st.Primary()'), SQL_DB);
      assert.equal(at('db'), SQL_DB);
      assert.equal(at('tx'), '*"database/sql".Tx');
      assert.equal(at('err'), 'error');
      assert.equal(at('s.deps.Store'), '*"example.com/shop/platform".Store');
      assert.equal(at('store'), '*"example.com/shop/platform".Store');
      assert.equal(at('st.Pool'), SQL_DB);
      // A method promoted from the embedded *sql.DB: the callee is sql.DB's method.
      const q = r.resolve(t.node('order/svc.go', 's.deps.Store.QueryRow'));
      assert.equal(q?.kind === 'method' ? q.receiver : null, '"database/sql".DB');
      const ping = r.calleeOf(t.node('order/svc.go', 'st.Pool.Ping()'));
      assert.equal(ping?.kind === 'method' ? `${ping.receiver}.${ping.name}` : null, '"database/sql".DB.Ping');
    } finally {
      t.dispose();
    }
  });

  it('follows method values bound to locals to the method they call', async () => {
    const t = await typedSources({
      'user/q.go': 'package user\n\nimport "database/sql"\n\nfunc F(db *sql.DB) {\n\tq := db.Query\n\tq("select 1")\n}\n',
    });
    try {
      const callee = t.resolver('user/q.go').calleeOf(t.node('user/q.go', 'q("select 1")'));
      assert.equal(callee?.kind === 'method' ? `${callee.receiver}.${callee.name}` : null, '"database/sql".DB.Query');
    } finally {
      t.dispose();
    }
  });

  it('keeps unknown what it cannot see: look-alikes stay apart from database handles', async () => {
    const t = await typedSources({
      'cache/cache.go': 'package cache\n\ntype Cache struct{}\n\nfunc (c *Cache) Query(k string) string { return k }\n\ntype DB interface{ QueryRow(q string) any }\n',
      'user/repo.go': [
        'package user',
        '',
        'import (',
        '\t"example.com/shop/cache"',
        '\t"github.com/unknown/thing"',
        ')',
        '',
        'type Repo struct{ db *cache.Cache; other cache.DB; ext *thing.Client }',
        '',
        'func (r *Repo) F(cache int) {',
        '\tr.db.Query("a")',
        '\tr.other.QueryRow("b")',
        '\tr.ext.Query("c")',
        '\t_ = cache',
        '}',
        '',
      ].join('\n'),
    });
    try {
      const r = t.resolver('user/repo.go');
      const q = r.calleeOf(t.node('user/repo.go', 'r.db.Query("a")'));
      assert.equal(q?.kind === 'method' ? q.receiver : null, '"example.com/shop/cache".Cache');
      const other = r.calleeOf(t.node('user/repo.go', 'r.other.QueryRow("b")'));
      assert.equal(other?.kind === 'method' ? other.receiver : null, '"example.com/shop/cache".DB');
      assert.equal(r.calleeOf(t.node('user/repo.go', 'r.ext.Query("c")')), null, 'an unknown third-party type stays unknown');
      assert.equal(r.typeOf(t.node('user/repo.go', 'cache', 1)), null, 'the import name shadowed by a parameter is not the package');
      assert.equal(r.typeOf(t.node('user/repo.go', 'cache', 3)), 'int');
    } finally {
      t.dispose();
    }
  });

  it('types range variables, type switches, channel receives and comma-ok forms', async () => {
    const t = await typedSources({
      'x/x.go': [
        'package x',
        '',
        'import "database/sql"',
        '',
        'func F(dbs []*sql.DB, m map[string]*sql.Tx, ch chan *sql.Conn, v any) {',
        '\tfor i, d := range dbs {',
        '\t\t_, _ = i, d',
        '\t}',
        '\tfor k, tx := range m {',
        '\t\t_, _ = k, tx',
        '\t}',
        '\tc, ok := <-ch',
        '\t_, _ = c, ok',
        '\tswitch w := v.(type) {',
        '\tcase *sql.DB:',
        '\t\t_ = w',
        '\t}',
        '}',
        '',
      ].join('\n'),
    });
    try {
      const r = t.resolver('x/x.go');
      const at = (text: string, nth = 0) => r.typeOf(t.node('x/x.go', text, nth));
      assert.equal(at('i', 1), 'int');
      assert.equal(at('d', 1), SQL_DB);
      assert.equal(at('k', 1), 'string');
      assert.equal(at('tx', 1), '*"database/sql".Tx');
      assert.equal(at('c', 1), '*"database/sql".Conn');
      assert.equal(at('ok', 1), 'bool');
      assert.equal(at('w', 1), SQL_DB);
    } finally {
      t.dispose();
    }
  });
});
