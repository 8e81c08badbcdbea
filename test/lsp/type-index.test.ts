/**
 * The language server keeps the type index live: when a declaration changes in one file, the findings of the
 * files that looked it up follow — in the same package and across packages, open or closed.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileUri, LspClient } from '../support/lsp-client';
import { tempWorkspaces } from '../support/temp-workspace';

const workspace = tempWorkspaces('go-traps-types-');

const GO_MOD = 'module example.com/shop\n\ngo 1.21\n';
const REPO = (fieldType: string) => `package user

import "database/sql"

type Cache struct{}

func (c *Cache) QueryRow(key string) string { return key }

var _ = sql.ErrNoRows

type Repo struct {
	db ${fieldType}
}
`;
const QUERY = `package user

func (r *Repo) Name(id int64) string {
	var name string
	_ = r.db.QueryRow("SELECT name FROM users WHERE id = ?", id)
	return name
}
`;
const STORE = (type: string) => `package store

import "database/sql"

type Cache struct{}

func (c *Cache) QueryRow(q string) *sql.Row { return nil }

var DB ${type}
`;
const COUNT = `package order

import "example.com/shop/store"

func Count() {
	_ = store.DB.QueryRow("SELECT count(*) FROM orders")
}
`;

const codes = (diagnostics: any[]) => diagnostics.map((d) => d.code);

/** The next diagnostics of `uri` that `test` accepts. */
async function until(client: LspClient, uri: string, test: (codes: string[]) => boolean, since = 0): Promise<string[]> {
  const note = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && test(codes(n.params.diagnostics)), 10_000, since);
  return codes(note.params.diagnostics);
}

function replaceAll(client: LspClient, uri: string, version: number, text: string): void {
  client.change(uri, version, [{ text }]);
}

describe('language server: the live type index', () => {
  it('follows a field type changed in another file of the package, both ways', async () => {
    const root = workspace({ 'go.mod': GO_MOD, 'user/repo.go': REPO('*sql.DB'), 'user/query.go': QUERY });
    const client = new LspClient();
    try {
      await client.initialize(root);
      const repoUri = fileUri(path.join(root, 'user/repo.go'));
      const queryUri = fileUri(path.join(root, 'user/query.go'));
      client.open(queryUri, QUERY, 1);
      await until(client, queryUri, (c) => c.includes('db-no-context'));
      client.open(repoUri, REPO('*sql.DB'), 1);
      let since = client.notifications.length;
      replaceAll(client, repoUri, 2, REPO('*Cache'));
      await until(client, queryUri, (c) => !c.includes('db-no-context'), since);
      since = client.notifications.length;
      replaceAll(client, repoUri, 3, REPO('*sql.DB'));
      await until(client, queryUri, (c) => c.includes('db-no-context'), since);
    } finally {
      await client.shutdown();
    }
  });

  it('follows a package variable changed in another package, into a closed file too', async () => {
    const root = workspace({ 'go.mod': GO_MOD, 'store/db.go': STORE('*sql.DB'), 'order/count.go': COUNT });
    const client = new LspClient();
    try {
      await client.initialize(root);
      await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && n.params.filesIndexed === 2);
      const storeUri = fileUri(path.join(root, 'store/db.go'));
      const countUri = fileUri(path.join(root, 'order/count.go'));
      client.open(countUri, COUNT, 1);
      await until(client, countUri, (c) => c.includes('db-no-context'));
      client.open(storeUri, STORE('*sql.DB'), 1);
      let since = client.notifications.length;
      replaceAll(client, storeUri, 2, STORE('*Cache'));
      await until(client, countUri, (c) => !c.includes('db-no-context'), since);
      since = client.notifications.length;
      replaceAll(client, storeUri, 3, STORE('*sql.DB'));
      await until(client, countUri, (c) => c.includes('db-no-context'), since);

      // Closed: the workspace count (the status) moves with the declaration.
      client.notify('textDocument/didClose', { textDocument: { uri: countUri } });
      const status = (predicate: (count: number) => boolean, from: number) =>
        client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && predicate(n.params.trapCount), 10_000, from);
      since = client.notifications.length;
      replaceAll(client, storeUri, 4, STORE('*Cache'));
      const down = await status((count) => count === 0, since);
      assert.equal(down.params.trapCount, 0);
      since = client.notifications.length;
      replaceAll(client, storeUri, 5, STORE('*sql.DB'));
      const up = await status((count) => count === 1, since);
      assert.equal(up.params.trapCount, 1);
    } finally {
      await client.shutdown();
    }
  });
});
