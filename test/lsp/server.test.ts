/** The built language server, driven over stdio (and node-ipc) like an editor drives it. */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/edits';
import { parseGo } from '../../server/src/go/parser';
import { fileUri, LspClient } from '../support/lsp-client';
import { gofmtProblem } from '../support/repo';
import { tempWorkspaces } from '../support/temp-workspace';

const OPEN_IGNORED = `package main

import (
	"database/sql"
	"fmt"
)

func main() {
	db, _ := sql.Open("postgres", "dsn")
	fmt.Println(db)
}
`;


/** A throwaway workspace folder holding the given files. */
const workspace = tempWorkspaces('go-traps-lsp-');

/** Applies a WorkspaceEdit's edits for one URI, as the editor would. */
function applyWorkspaceEdit(edit: any, uri: string, text: string): string {
  const edits = (edit.documentChanges ?? [])
    .filter((change: any) => change.textDocument.uri === uri)
    .flatMap((change: any) => change.edits);
  return applyEdits(text, edits);
}

async function assertValidGo(text: string): Promise<void> {
  const tree = await parseGo(text);
  try {
    assert.equal(tree.rootNode.hasError, false, `syntax error in:\n${text}`);
  } finally {
    tree.delete();
  }
  assert.equal(gofmtProblem(text), null);
}

function codes(diagnostics: any[]): string[] {
  return diagnostics.map((d) => d.code).sort();
}

describe('language server over stdio', () => {
  let client: LspClient;
  let root: string;
  let uri: string;

  before(async () => {
    // The sample's pool is also unbounded; that rule is off so these cases see db-open-error-ignored alone.
    root = workspace({
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      '.go-traps.json': '{"rules": {"db-pool-unbounded": "off"}}',
      'cmd/app/main.go': OPEN_IGNORED,
    });
    uri = fileUri(path.join(root, 'cmd/app/main.go'));
    client = new LspClient();
    const result = await client.initialize(root);
    assert.equal(result.capabilities.textDocumentSync.change, 2, 'incremental sync');
    assert.deepEqual(result.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.goTraps']);
  });

  after(() => client.shutdown());

  it('publishes diagnostics with a full identity after didOpen', async () => {
    const published = client.diagnostics(uri, 1);
    client.open(uri, OPEN_IGNORED, 1);
    const diagnostics = await published;
    const diagnostic = diagnostics.find((d) => d.code === 'db-open-error-ignored');
    assert.ok(diagnostic, `no db-open-error-ignored in ${JSON.stringify(diagnostics)}`);
    assert.equal(diagnostic.source, 'go-traps');
    assert.match(diagnostic.codeDescription.href, /docs\/rules\/db-open-error-ignored\.md$/);
    assert.deepEqual(diagnostic.range, { start: { line: 8, character: 5 }, end: { line: 8, character: 6 } });
    assert.equal(diagnostic.severity, 1);
    assert.equal(diagnostic.data.ruleId, 'db-open-error-ignored');
    assert.equal(diagnostic.data.version, 1);
    assert.ok(diagnostic.data.fixes[0].edits[0].edits.length > 0, 'fix edits travel in data');
  });

  it('updates diagnostics after incremental changes', async () => {
    // Two changes in one notification: a comment above the function, then a second line under it.
    const published = client.diagnostics(uri, 2);
    client.change(uri, 2, [
      { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '// main starts the app; 数据库 comes first.\n' },
      { range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '// second line\n' },
    ]);
    const diagnostics = await published;
    const moved = diagnostics.find((d) => d.code === 'db-open-error-ignored');
    assert.deepEqual(moved?.range.start, { line: 10, character: 5 });
    // Bind the error by hand: the finding goes away.
    const fixed = client.diagnostics(uri, 3);
    client.change(uri, 3, [{ range: { start: { line: 10, character: 5 }, end: { line: 10, character: 6 } }, text: 'err' }]);
    assert.deepEqual(codes(await fixed).filter((c) => c === 'db-open-error-ignored'), []);
    // And back again, so later cases start from a flagged file.
    const again = client.diagnostics(uri, 4);
    client.change(uri, 4, [{ range: { start: { line: 10, character: 5 }, end: { line: 10, character: 8 } }, text: '_' }]);
    assert.ok(codes(await again).includes('db-open-error-ignored'));
  });

  it('offers the fix and the documentation; the fix leaves valid Go without the finding', async () => {
    const text = OPEN_IGNORED.replace('func main', '// main starts the app; 数据库 comes first.\n// second line\nfunc main');
    const reopened = client.diagnostics(uri, 10);
    client.notify('textDocument/didClose', { textDocument: { uri } });
    client.open(uri, text, 10);
    const diagnostics = await reopened;
    const diagnostic = diagnostics.find((d) => d.code === 'db-open-error-ignored');
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `no preferred fix among ${titles.join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.ok(titles.includes('Show documentation for db-open-error-ignored'), titles.join(' | '));
    // A client that cannot ask for a reason gets no suppression: one without a reason would silence nothing.
    assert.ok(!titles.some((t) => t.startsWith('Suppress')), titles.join(' | '));

    const fixedText = applyWorkspaceEdit(fix.edit, uri, text);
    await assertValidGo(fixedText);
    const after = client.diagnostics(uri, 11);
    client.change(uri, 11, [{ text: fixedText }]);
    assert.deepEqual(codes(await after).filter((c) => c === 'db-open-error-ignored'), []);

    // Such a client asks the server to show the documentation: the web page of the rule.
    const docs = actions.find((a) => a.title.startsWith('Show documentation'));
    const before = client.serverRequests.length;
    await client.request('workspace/executeCommand', docs.command);
    const shown = client.serverRequests.slice(before).find((r) => r.method === 'window/showDocument');
    assert.match(shown?.params.uri, /docs\/rules\/db-open-error-ignored\.md$/);
    assert.equal(shown?.params.external, true);
    const back = client.diagnostics(uri, 12);
    client.change(uri, 12, [{ text }]);
    await back;
  });

  it('applies every safe fix with source.fixAll.goTraps', async () => {
    const text = `package main

import (
	"database/sql"
	"fmt"
)

func main() {
	a, _ := sql.Open("postgres", "a")
	b, _ := sql.Open("postgres", "b")
	fmt.Println(a, b)
}
`;
    const opened = client.diagnostics(uri, 20);
    client.change(uri, 20, [{ text }]);
    assert.equal(codes(await opened).filter((c) => c === 'db-open-error-ignored').length, 2);
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.goTraps']);
    const fixedText = applyWorkspaceEdit(actions[0].edit, uri, text);
    await assertValidGo(fixedText);
    const after = client.diagnostics(uri, 21);
    client.change(uri, 21, [{ text: fixedText }]);
    assert.deepEqual(codes(await after).filter((c) => c === 'db-open-error-ignored'), []);
    // Nothing left to fix: no action at all, rather than an empty one.
    const none: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.goTraps'] },
    });
    assert.deepEqual(none, []);
  });

  it('explains a finding on hover, with the link to its doc and without repeating the rule id', async () => {
    const published = client.diagnostics(uri, 30);
    client.change(uri, 30, [{ text: OPEN_IGNORED }]);
    await published;
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 5 } });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^\*\*Why it matters:\*\* /);
    // The editor shows the message with "go-traps(db-open-error-ignored)" right above the hover already.
    assert.doesNotMatch(hover.contents.value.replace(/\]\([^)]*\)/g, ']'), /db-open-error-ignored/);
    assert.match(hover.contents.value, /\]\(https:\/\/.*docs\/rules\/db-open-error-ignored\.md\)/);
    const nothing = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(nothing, null);
  });

  it('applies settings changes without a restart', async () => {
    const next = (test: (diagnostics: any[]) => boolean) =>
      client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && test(n.params.diagnostics), 10_000, client.notifications.length);
    client.settings = { rules: { 'db-open-error-ignored': 'hint' } };
    const hinted = next((d) => d.some((x) => x.code === 'db-open-error-ignored' && x.severity === 4));
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await hinted;
    client.settings = { enable: false };
    const off = next((d) => d.length === 0);
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await off;
    client.settings = {};
    const on = next((d) => d.some((x) => x.code === 'db-open-error-ignored' && x.severity === 1));
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await on;
  });
});

describe('language server workspace index', () => {
  const store = `package store

import "database/sql"

// DB is the pool every package reaches for.
var DB *sql.DB
`;
  const order = `package order

import (
	"context"

	"example.com/shop/internal/store"
)

// Place inserts an order row.
func Place(ctx context.Context, id int64) error {
	_, err := store.DB.ExecContext(ctx, "INSERT INTO orders (id) VALUES (?)", id)
	return err
}
`;
  const user = `package user

import (
	"context"

	"example.com/shop/internal/store"
)

// Hash reads a password hash.
func Hash(ctx context.Context, email string) (string, error) {
	var hash string
	err := store.DB.QueryRowContext(ctx, "SELECT hash FROM users WHERE email = ?", email).Scan(&hash)
	return hash, err
}
`;

  it('places files the scan read, never opened, in their module', async () => {
    const root = workspace({
      'go.mod': 'module example.com/shop\n\ngo 1.21\n',
      'internal/store/db.go': store,
      'internal/order/place.go': order,
      'internal/user/login.go': user,
    });
    const client = new LspClient();
    try {
      await client.initialize(root);
      await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && n.params.filesIndexed === 3);
      const storeUri = fileUri(path.join(root, 'internal/store/db.go'));
      client.open(storeUri, store, 1);
      const shared = await client.waitFor(
        (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === storeUri && codes(n.params.diagnostics).includes('db-shared-pool'),
      );
      const related = shared.params.diagnostics.find((d: any) => d.code === 'db-shared-pool').relatedInformation.map((r: any) => r.location.uri);
      assert.ok(related.some((u: string) => u.endsWith('/internal/order/place.go')) && related.some((u: string) => u.endsWith('/internal/user/login.go')), related.join(', '));
    } finally {
      await client.shutdown();
    }
  });

  it('scans in the background with progress, and a change in one file updates another', async () => {
    const root = workspace({
      'go.mod': 'module example.com/shop\n\ngo 1.21\n',
      'internal/store/db.go': store,
      'internal/order/place.go': order,
      'internal/user/login.go': user,
      'internal/user/testdata/skip.go': 'package broken {',
    });
    const client = new LspClient();
    try {
      await client.initialize(root);
      const storeUri = fileUri(path.join(root, 'internal/store/db.go'));
      const orderUri = fileUri(path.join(root, 'internal/order/place.go'));
      const userFile = path.join(root, 'internal/user/login.go');
      client.open(storeUri, store, 1);
      client.open(orderUri, order, 1);
      const shared = await client.waitFor(
        (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === storeUri && codes(n.params.diagnostics).includes('db-shared-pool'),
      );
      const finding = shared.params.diagnostics.find((d: any) => d.code === 'db-shared-pool');
      assert.ok(finding.relatedInformation?.length >= 2, `related: ${JSON.stringify(finding.relatedInformation)}`);
      assert.ok(finding.relatedInformation.some((r: any) => r.location.uri.endsWith('/internal/user/login.go')));
      const begin = client.notifications.find((n) => n.method === '$/progress' && n.params.value.kind === 'begin');
      const end = client.notifications.find((n) => n.method === '$/progress' && n.params.value.kind === 'end');
      assert.ok(begin && end, 'work-done progress begins and ends');
      const status = await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing);
      assert.equal(status.params.filesIndexed, 3, 'testdata is excluded');

      // Typing in the flagged file itself: the cross-file finding follows the text at once, before facts are redone.
      const declared = finding.range.start.line;
      const carried = client.diagnostics(storeUri, 2);
      client.change(storeUri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '// one\n// two\n' }]);
      const moved = (await carried).find((d: any) => d.code === 'db-shared-pool');
      assert.equal(moved?.range.start.line, declared + 2);
      // The full analysis after the pause publishes version 2 again, fixes and all.
      const refreshed = await client.waitFor(
        (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === storeUri && n.params.version === 2,
        10_000,
        client.notifications.length,
      );
      const full = refreshed.params.diagnostics.find((d: any) => d.code === 'db-shared-pool');
      assert.equal(full?.range.start.line, declared + 2);
      assert.equal(full.data.fixes.length, finding.data.fixes.length);

      // The order domain stops using the handle in the editor: only user is left, nothing is shared.
      const cleared = client.waitFor(
        (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === storeUri && !codes(n.params.diagnostics).includes('db-shared-pool'),
        10_000,
        client.notifications.length,
      );
      const line = order.split('\n').findIndex((l) => l.includes('store.DB'));
      client.change(orderUri, 2, [
        { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '\t_, err := ctx, error(nil)\n' },
      ]);
      await cleared;

      const sharedAgain = (since: number) =>
        client.waitFor(
          (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === storeUri && codes(n.params.diagnostics).includes('db-shared-pool'),
          10_000,
          since,
        );
      const clearedAgain = (since: number) =>
        client.waitFor(
          (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === storeUri && !codes(n.params.diagnostics).includes('db-shared-pool'),
          10_000,
          since,
        );
      let since = client.notifications.length;
      client.change(orderUri, 3, [{ text: order }]);
      await sharedAgain(since);

      // A closed file changes on disk (a checkout): user stops using the handle, so it is not shared any more.
      since = client.notifications.length;
      writeFileSync(userFile, user.replace('store.DB.QueryRowContext', 'other.QueryRowContext'));
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(userFile), type: 2 }] });
      await clearedAgain(since);

      // Codegen adds a file in a third domain that uses it: shared again.
      since = client.notifications.length;
      const reportFile = path.join(root, 'internal/report/daily.go');
      mkdirSync(path.dirname(reportFile), { recursive: true });
      writeFileSync(reportFile, user.replace('package user', 'package report'));
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(reportFile), type: 1 }] });
      await sharedAgain(since);

      // And deleted again.
      since = client.notifications.length;
      rmSync(reportFile);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(reportFile), type: 3 }] });
      await clearedAgain(since);
    } finally {
      await client.shutdown();
    }
  });
});
