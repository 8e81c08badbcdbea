/**
 * The language server as the VS Code client drives it (`initializationOptions.features`): suppressions that
 * ask for a reason, rule-level actions, fix-all in the light bulb, completion of rule ids, the whole workspace
 * in Problems with a status count that matches it, and one progress indicator per scan.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/edits';
import { fileUri, LspClient, Notification, VSCODE_FEATURES } from '../support/lsp-client';
import { gofmtProblem } from '../support/repo';
import { tempWorkspaces } from '../support/temp-workspace';

const TWO_OPENS = `package store

import (
	"database/sql"
	"fmt"
)

// Open opens two scratch databases.
func Open() {
	a, _ := sql.Open("postgres", "a")
	b, _ := sql.Open("postgres", "b")
	fmt.Println(a, b)
}
`;


const workspace = tempWorkspaces('go-traps-editor-');

const codes = (diagnostics: any[]) => diagnostics.map((d) => d.code).sort();

/** The text after the client inserted `prefix + reason + suffix` where the suppress command says. */
function withSuppression(text: string, args: any, reason: string): string {
  return applyEdits(text, [{ range: { start: args.position, end: args.position }, newText: args.prefix + reason + args.suffix }]);
}

describe('code actions for the VS Code client', () => {
  let client: LspClient;
  let uri: string;
  let version = 1;

  before(async () => {
    const root = workspace({
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      '.go-traps.json': '{"rules": {"db-pool-unbounded": "off"}}',
      'internal/store/open.go': TWO_OPENS,
    });
    uri = fileUri(path.join(root, 'internal/store/open.go'));
    client = new LspClient({ initializationOptions: VSCODE_FEATURES });
    const result = await client.initialize(root);
    assert.deepEqual(result.capabilities.executeCommandProvider.commands, [], 'the client registers goTraps.showRuleDocumentation itself');
    assert.deepEqual(result.capabilities.completionProvider.triggerCharacters, [' ', ',', ':']);
  });

  after(() => client.shutdown());

  /** Replaces the document's text and waits for its diagnostics. */
  async function setText(text: string): Promise<any[]> {
    version++;
    const published = client.diagnostics(uri, version);
    if (version === 2) client.open(uri, text, version);
    else client.change(uri, version, [{ text }]);
    return published;
  }

  async function actionsFor(diagnostic: any): Promise<any[]> {
    return client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
  }

  it('suppresses on the line only with a reason: the command asks for it, a placeholder silences nothing', async () => {
    const diagnostics = await setText(TWO_OPENS);
    const first = diagnostics.find((d) => d.code === 'db-open-error-ignored');
    const actions = await actionsFor(first);
    const titles = actions.map((a) => a.title);
    const suppress = actions.find((a) => a.title === 'Suppress db-open-error-ignored on this line…');
    assert.ok(suppress, titles.join(' | '));
    assert.equal(suppress.edit, undefined, 'nothing is inserted before the reason is given');
    assert.equal(suppress.command.command, 'goTraps.suppress');
    const [args] = suppress.command.arguments;
    assert.deepEqual({ scope: args.scope, ruleId: args.ruleId, uri: args.uri, position: args.position }, { scope: 'line', ruleId: 'db-open-error-ignored', uri, position: { line: first.range.start.line, character: 0 } });

    const reasoned = withSuppression(TWO_OPENS, args, 'scratch databases for a local demo');
    assert.equal(gofmtProblem(reasoned), null);
    const quiet = await setText(reasoned);
    assert.deepEqual(codes(quiet), ['db-open-error-ignored'], 'only the other open is left');

    // What the old action inserted, and other placeholders, are not reasons: the trap stays, and a visible
    // (info, shown in Problems) invalid-suppression says why.
    for (const placeholder of ['TODO: say why this trap is acceptable here', '<reason>', '...', 'FIXME']) {
      const flagged = await setText(withSuppression(TWO_OPENS, args, placeholder));
      assert.deepEqual(codes(flagged), ['db-open-error-ignored', 'db-open-error-ignored', 'invalid-suppression'], placeholder);
      const invalid = flagged.find((d) => d.code === 'invalid-suppression');
      assert.equal(invalid.severity, 3, 'information, which the Problems panel lists (hints it does not)');
      assert.match(invalid.message, /silences nothing/);
    }
  });

  it('suppresses in the file with a reason, below the package clause, leaving gofmt-clean Go', async () => {
    const diagnostics = await setText(TWO_OPENS);
    const actions = await actionsFor(diagnostics.find((d) => d.code === 'db-open-error-ignored'));
    const fileWide = actions.filter((a) => a.title === 'Suppress db-open-error-ignored in this file…');
    assert.equal(fileWide.length, 1);
    const [args] = fileWide[0].command.arguments;
    assert.equal(args.scope, 'file');
    const text = withSuppression(TWO_OPENS, args, 'the demo never runs in production');
    assert.match(text, /^package store\n\n\/\/go-traps:ignore-file db-open-error-ignored the demo never runs in production\n\nimport \(/);
    assert.equal(gofmtProblem(text), null);
    assert.deepEqual(codes(await setText(text)), []);
  });

  it('offers to turn the rule off for the team, and the rule page, once per rule', async () => {
    const diagnostics = await setText(TWO_OPENS);
    const both = diagnostics.filter((d) => d.code === 'db-open-error-ignored');
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: both[0].range.start, end: both[1].range.end },
      context: { diagnostics: both, only: ['quickfix'] },
    });
    const turnOff = actions.filter((a) => a.title === 'Turn db-open-error-ignored off in .go-traps.json');
    assert.equal(turnOff.length, 1, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(turnOff[0].command, { title: turnOff[0].title, command: 'goTraps.turnRuleOff', arguments: [{ uri, ruleId: 'db-open-error-ignored' }] });
    const docs = actions.filter((a) => a.title === 'Show documentation for db-open-error-ignored');
    assert.equal(docs.length, 1);
    assert.deepEqual(docs[0].command.arguments, ['db-open-error-ignored']);
    assert.equal(actions.filter((a) => a.title.endsWith('in this file…')).length, 1);
  });

  it('offers fix-all in the light bulb menu when there is more than the finding\'s own fix to apply', async () => {
    const diagnostics = await setText(TWO_OPENS);
    const actions = await actionsFor(diagnostics.find((d) => d.code === 'db-open-error-ignored'));
    const titles = actions.map((a) => a.title);
    const fixAll = actions.find((a) => a.title === 'Fix all 2 auto-fixable Go Traps problems in this file');
    assert.ok(fixAll, titles.join(' | '));
    assert.equal(fixAll.kind, 'quickfix');
    assert.ok(titles.indexOf(fixAll.title) > titles.findIndex((t) => t.startsWith('Bind and check')), 'after the finding\'s own fix');
    const fixed = applyEdits(TWO_OPENS, fixAll.edit.documentChanges[0].edits);
    assert.equal(gofmtProblem(fixed), null);
    assert.deepEqual(codes(await setText(fixed)), [], 'both traps gone, none added');
    // One fixable finding left: its own fix says it all.
    const one = TWO_OPENS.replace('b, _ := sql.Open("postgres", "b")', 'b, err := sql.Open("postgres", "b")\n\tif err != nil {\n\t\treturn\n\t}');
    const single = await actionsFor((await setText(one)).find((d) => d.code === 'db-open-error-ignored'));
    assert.ok(!single.some((a) => a.title.startsWith('Fix all')), single.map((a) => a.title).join(' | '));
  });

  it('links the hover to the shipped page through the client\'s command', async () => {
    const diagnostics = await setText(TWO_OPENS);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: diagnostics[0].range.start });
    const link = /\]\((command:goTraps\.showRuleDocumentation\?[^)]+)\)/.exec(hover.contents.value)?.[1];
    assert.ok(link, hover.contents.value);
    assert.deepEqual(JSON.parse(decodeURIComponent(link.split('?')[1])), ['db-open-error-ignored']);
  });

  it('completes rule ids in suppression comments, and nothing elsewhere', async () => {
    const text = TWO_OPENS.replace('fmt.Println(a, b)', 'fmt.Println(a, b) //go-traps:ignore db-o\n\t//nolint:\n\tx := 1 // db-');
    await setText(text);
    const lines = text.split('\n');
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return { line, character: lines[line].indexOf(needle) + needle.length };
    };
    const complete = (position: { line: number; character: number }) => client.request('textDocument/completion', { textDocument: { uri }, position });
    const ignore: any[] = await complete(at('//go-traps:ignore db-o'));
    const labels = ignore.map((i) => i.label);
    assert.ok(labels.includes('db-open-error-ignored') && labels.includes('db-shared-pool'), labels.join(', '));
    assert.ok(!labels.includes('invalid-suppression'), 'its own findings are never silenced');
    const item = ignore.find((i) => i.label === 'db-open-error-ignored');
    assert.deepEqual(item.textEdit.range.start, { line: at('//go-traps:ignore db-o').line, character: at('//go-traps:ignore db-o').character - 4 });
    const nolint: any[] = await complete(at('//nolint:'));
    assert.equal(nolint[0].label, 'go-traps');
    assert.equal(await complete(at('x := 1 // db-')), null, 'a comment that is no directive');
    assert.equal(await complete({ line: 0, character: 3 }), null);
  });
});

describe('the whole workspace in Problems', () => {
  const store = `package store

import "database/sql"

// Open opens the pool, dropping its error.
func Open(dsn string) *sql.DB {
	db, _ := sql.Open("mysql", dsn)
	db.SetMaxOpenConns(10)
	db.SetConnMaxLifetime(0)
	return db
}
`;
  const order = `package order

import "database/sql"

// Count counts orders without a context.
func Count(db *sql.DB) int {
	var n int
	_ = db.QueryRow("SELECT COUNT(*) FROM orders").Scan(&n)
	return n
}
`;
  const files = {
    'go.mod': 'module example.com/shop\n\ngo 1.21\n',
    'internal/store/db.go': store,
    'internal/order/count.go': order,
    'internal/order/zz_generated.go': '// Code generated by hand for this test. DO NOT EDIT.\n\npackage order\n',
    'internal/order/huge.go': `package order\n\nvar blob = "${'x'.repeat(2048)}"\n`,
  };

  /** The diagnostics VS Code would hold now: the last publication per URI. */
  function held(client: LspClient): Map<string, any[]> {
    const byUri = new Map<string, any[]>();
    for (const n of client.notifications) if (n.method === 'textDocument/publishDiagnostics') byUri.set(n.params.uri, n.params.diagnostics);
    return byUri;
  }
  /** What the Problems panel lists of go-traps: everything published but hints. */
  const inProblems = (client: LspClient) => [...held(client).values()].flat().filter((d) => d.source === 'go-traps' && d.severity !== 4).length;
  const lastStatus = (client: LspClient) => client.notifications.filter((n) => n.method === 'goTraps/status').pop()?.params;

  async function settled(client: LspClient): Promise<void> {
    await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing, 15_000);
    // Publication follows the scan's end by a short delay: wait until nothing new arrives for a while.
    let count = -1;
    while (count !== client.notifications.length) {
      count = client.notifications.length;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  }

  it('publishes every indexed file, and the status count equals what Problems lists', async () => {
    const root = workspace({ ...files, '.go-traps.json': '{"maxFileSize": 1024, "rules": {"db-no-context": "hint"}}' });
    const client = new LspClient({ initializationOptions: VSCODE_FEATURES });
    try {
      await client.initialize(root);
      await settled(client);
      const orderUri = fileUri(path.join(root, 'internal/order/count.go'));
      const storeUri = fileUri(path.join(root, 'internal/store/db.go'));
      const byUri = held(client);
      assert.deepEqual(codes(byUri.get(storeUri) ?? []), ['db-open-error-ignored'], 'a file never opened is in Problems');
      assert.deepEqual(codes(byUri.get(orderUri) ?? []), ['db-no-context']);
      const status = lastStatus(client);
      assert.equal(status.trapCount, inProblems(client), 'hints are not in Problems, so not in the count');
      assert.equal(status.trapCount, 1);
      assert.equal(status.filesSkipped, 2);
      assert.ok(!client.notifications.some((n) => n.method === '$/progress'), 'the status item is the one progress indicator');
      assert.ok(!client.serverRequests.some((r) => r.method === 'window/workDoneProgress/create'));
      assert.ok(
        client.notifications.some((n) => n.method === 'goTraps/status' && n.params.indexing && n.params.scan?.done === 0 && n.params.scan.total >= 3),
        `the status carries the scan's progress from its start: files read of the Go files to read (${JSON.stringify(client.notifications.filter((n) => n.method === 'goTraps/status').map((n) => n.params))})`,
      );
      const log = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params.message).join('\n');
      assert.match(log, /skipped 2 files:/);
      assert.match(log, /internal\/order\/zz_generated\.go/, 'skipped files are named in the output');
      assert.match(log, /internal\/order\/huge\.go \(\d+ > 1024 bytes\)/);

      // A closed file changes on disk: its problems follow, and the count with them.
      writeFileSync(path.join(root, 'internal/store/db.go'), store.replace('db, _ :=', 'db, err :=').replace('return db', 'if err != nil {\n\t\treturn nil\n\t}\n\treturn db'));
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: storeUri, type: 2 }] });
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === storeUri && n.params.diagnostics.length === 0);
      await settled(client);
      assert.equal(lastStatus(client).trapCount, inProblems(client));
      assert.equal(lastStatus(client).trapCount, 0);

      // Opened, the editor's own publication stands; closed again, the file is published from disk again.
      client.open(orderUri, order.replace('_ = db.QueryRow', '_ = db.QueryRow'), 1);
      await client.diagnostics(orderUri, 1);
      const since = client.notifications.length;
      client.notify('textDocument/didClose', { textDocument: { uri: orderUri } });
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === orderUri && n.params.diagnostics.length > 0, 10_000, since);
    } finally {
      await client.shutdown();
    }
  });

  it('lists open files only with goTraps.problems "openFiles"', async () => {
    const root = workspace(files);
    const client = new LspClient({ initializationOptions: VSCODE_FEATURES });
    try {
      await client.initialize(root);
      await settled(client);
      const storeUri = fileUri(path.join(root, 'internal/store/db.go'));
      assert.ok((held(client).get(storeUri) ?? []).length > 0);
      client.settings = { problems: 'openFiles' };
      const since = client.notifications.length;
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await client.waitFor((n: Notification) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === storeUri && n.params.diagnostics.length === 0, 10_000, since);
      await settled(client);
      assert.equal(inProblems(client), 0);
    } finally {
      await client.shutdown();
    }
  });
});
