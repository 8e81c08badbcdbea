/**
 * End-to-end: the extension in a real VS Code, on a temporary copy of test-fixtures/workspace. Tests run in order
 * and share one window; the ones that edit files come after the ones that read the untouched workspace.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  actionsAt,
  assertValidGo,
  codeOf,
  Expected,
  expectExactly,
  goTrapsApi,
  goTrapsDiagnostics,
  gofmtPath,
  openGo,
  problemsCount,
  SOURCE,
  waitFor,
  workspaceFile,
} from './helpers';

const DB_GO: Expected[] = [
  { code: 'db-pool-unbounded', line: 'db, err := sql.Open("mysql", dsn)', text: 'sql.Open("mysql", dsn)' },
  { code: 'db-open-error-ignored', line: 'db, _ := sql.Open("mysql", dsn)', text: '_' },
  { code: 'db-pool-unbounded', line: 'db, _ := sql.Open("mysql", dsn)', text: 'sql.Open("mysql", dsn)' },
];

const ORDER_SERVICE_GO: Expected[] = [
  { code: 'trace-span-not-ended', line: 'ctx, span := s.tracer.Start(ctx, "order.Place")', text: 'span' },
  { code: 'db-context-no-deadline', line: 's.db.ExecContext(context.Background(),', text: 'context.Background()' },
  { code: 'goroutine-no-exit', line: 'for range ticker.C {', text: 'for' },
];

const PAYMENT_CLIENT_GO: Expected[] = [
  { code: 'http-client-no-timeout', line: 'http: &http.Client{}', text: 'http.Client{}' },
  { code: 'http-request-no-context', line: 'req, err := http.NewRequest(', text: 'http.NewRequest(http.MethodPost, c.base+"/charges", bytes.NewReader(body))' },
];

const USER_REPO_GO: Expected[] = [
  { code: 'db-no-context', line: 'err := r.db.QueryRow(', text: 'QueryRow("SELECT id, name, email FROM users WHERE id = ?", id)' },
];

// The query runs on a pool declared in another package (store.Replica): seen through the workspace's type index.
const COUPON_REPORT_GO: Expected[] = [
  { code: 'db-no-context', line: 'err := store.Replica.QueryRow(', text: 'QueryRow("SELECT COUNT(*) FROM redemptions WHERE DATE(at) = CURDATE()")' },
];

// One finding per shared pool, on the call that opens it; the domains it reaches are its related locations.
const MAIN_GO: Expected[] = [
  { code: 'db-shared-pool', line: 'db, err := store.Open(cfg.DSN)', text: 'store.Open(cfg.DSN)' },
  { code: 'trace-gin-no-middleware', line: 'r := gin.New()', text: 'gin.New()' },
];

/** What goTraps.openCalculator resolves with (the calculator's state and, spread in, the decision). */
interface Decision {
  split: boolean;
  reasons: string[];
  verdict: string;
}

/** Replaces the first occurrence of `from` in the document through a WorkspaceEdit, as another extension would. */
async function replaceText(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const offset = document.getText().indexOf(from);
  assert.ok(offset >= 0, `${document.fileName} has no ${JSON.stringify(from)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code applied the WorkspaceEdit');
}

describe('Go Traps in VS Code', () => {
  it('runs the extension installed from the packaged VSIX; it activates on a Go file and publishes diagnostics', async () => {
    const extension = vscode.extensions.getExtension('go-traps.go-traps');
    assert.ok(extension, 'go-traps.go-traps is installed');
    // What users install is what is tested: the extension comes from the VSIX, not from the source folder.
    const extensionsDir = process.env.GO_TRAPS_E2E_EXTENSIONS_DIR;
    if (extensionsDir) {
      assert.ok(extension.extensionPath.startsWith(extensionsDir), `the extension runs from ${extension.extensionPath}, not from the installed VSIX in ${extensionsDir}`);
      assert.equal(existsSync(path.join(extension.extensionPath, 'server', 'out', 'cli.js')), false, 'the CLI is not shipped');
      assert.equal(extension.packageJSON.icon, 'media/icon.png');
      assert.ok(existsSync(path.join(extension.extensionPath, 'media', 'icon.png')), 'the icon is shipped');
    }
    const document = await openGo('/internal/store/db.go');
    await waitFor('the extension to activate', () => extension.isActive);
    await waitFor('go-traps diagnostics on internal/store/db.go', () => goTrapsDiagnostics(document.uri).length > 0);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['goTraps.showChecklist', 'goTraps.exportReport', 'goTraps.openCalculator', 'goTraps.showRuleDocumentation', 'goTraps.suppress', 'goTraps.turnRuleOff', 'goTraps.openConfig', 'goTraps.showStatusMenu']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });

  it('lists the whole workspace in Problems, and the status item names itself with the same count', async () => {
    const api = await goTrapsApi();
    // Once the scan is over, the count on the item and the go-traps problems VS Code holds must agree.
    await waitFor('the status item to settle on the Problems count', () => api.status().state === 'ready' && api.status().count === problemsCount(), 45_000).catch(() => undefined);
    const view = api.status();
    assert.equal(view.state, 'ready', `state ${view.state}, "${view.text}"`);
    assert.equal(view.count, problemsCount(), `the item says "${view.text}", Problems holds ${problemsCount()} go-traps problems`);
    assert.match(view.text, /^\$\(warning\) Go Traps: \d+$/, 'the item names itself and shows the count');
    assert.ok(view.count! > 15, `the example workspace has many traps (${view.count})`);
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const neverOpened = vscode.languages.getDiagnostics().filter(([uri, list]) => !open.has(uri.toString()) && list.some((d) => d.source === SOURCE));
    assert.ok(neverOpened.length >= 5, `files never opened are in Problems too (${neverOpened.map(([u]) => vscode.workspace.asRelativePath(u)).join(', ')})`);
    const menu = await vscode.commands.executeCommand<string[]>('goTraps.showStatusMenu', { noUi: true });
    assert.deepEqual(menu.map((label) => label.replace(/^\$\([^)]*\) /, '')), ['Show Architecture Checklist', 'Re-scan Workspace', 'Show Output', 'Open Settings']);
  });

  it('opens the calculator without made-up inputs: load and team size are empty until given', async () => {
    const fresh = await vscode.commands.executeCommand<Decision & { input: { qps?: number; teamSize?: number }; checks: { id: string; value?: number }[] }>('goTraps.openCalculator');
    assert.equal(fresh.input.qps, undefined, 'QPS is not prefilled');
    assert.equal(fresh.input.teamSize, undefined, 'the team size is not prefilled');
    assert.equal(fresh.checks.find((c) => c.id === 'qps')?.value, undefined);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('publishes the expected rule codes and ranges for a handful of files', async () => {
    for (const [file, expected] of [
      ['/internal/store/db.go', DB_GO],
      ['/internal/order/service.go', ORDER_SERVICE_GO],
      ['/internal/payment/client.go', PAYMENT_CLIENT_GO],
      ['/internal/user/repo.go', USER_REPO_GO],
      ['/internal/coupon/report.go', COUPON_REPORT_GO],
    ] as const) {
      await expectExactly(await openGo(file), expected);
    }
    const db = goTrapsDiagnostics((await openGo('/internal/store/db.go')).uri, 'db-open-error-ignored')[0];
    assert.equal(db.severity, vscode.DiagnosticSeverity.Error, 'db-open-error-ignored is an error by default');
    assert.match(db.message, /sql\.Open/);
  });

  it('reports the shared database handle across files, with related locations in each domain', async () => {
    const main = await openGo('/cmd/shop/main.go');
    await expectExactly(main, MAIN_GO, 45_000);
    const shared = goTrapsDiagnostics(main.uri, 'db-shared-pool');
    const declaration = shared.find((d) => main.lineAt(d.range.start.line).text.includes('store.Open'));
    assert.ok(declaration, 'a db-shared-pool diagnostic on the handle itself');
    assert.equal(declaration.source, SOURCE);
    assert.match(String((declaration.code as { target: vscode.Uri }).target), /docs\/rules\/db-shared-pool(\.md)?$/);
    // The hand-offs into each domain are known once the background scan has read every domain's files.
    const domainsOf = (d: vscode.Diagnostic) => ['user', 'order', 'coupon'].filter((domain) => d.relatedInformation?.some((r) => r.location.uri.path.includes(`/internal/${domain}/`)));
    await waitFor('related locations in all three domains', () => {
      const current = goTrapsDiagnostics(main.uri, 'db-shared-pool').find((d) => d.range.isEqual(declaration.range));
      return current && domainsOf(current).length === 3;
    }).catch(() => undefined);
    const settled = goTrapsDiagnostics(main.uri, 'db-shared-pool').find((d) => d.range.isEqual(declaration.range))!;
    const related = settled.relatedInformation ?? [];
    for (const domain of ['user', 'order', 'coupon']) {
      const inDomain = related.filter((r) => r.location.uri.path.includes(`/internal/${domain}/`));
      assert.ok(
        inDomain.length > 0,
        `a related location in internal/${domain}/ (after waiting 30 s, "${settled.message}" relates ${related.map((r) => `${vscode.workspace.asRelativePath(r.location.uri)}:${r.location.range.start.line + 1}`).join(', ')})`,
      );
      const text = (await vscode.workspace.openTextDocument(inDomain[0].location.uri)).getText(inDomain[0].location.range);
      assert.ok(text.length > 0, `the related range in internal/${domain}/ covers code`);
    }
    assert.equal(shared.length, 1, 'one finding for the one shared pool');
  });

  it('updates diagnostics on a WorkspaceEdit: an added trap appears, a fixed trap clears', async () => {
    const document = await openGo('/internal/user/repo.go');
    await expectExactly(document, USER_REPO_GO);
    const trap = '\n// OpenForTest opens a scratch database.\nfunc OpenForTest(dsn string) *sql.DB {\n\tdb, _ := sql.Open("mysql", dsn)\n\treturn db\n}\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(document.lineCount, 0), trap);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the added sql.Open trap to be reported', () => goTrapsDiagnostics(document.uri, 'db-open-error-ignored').length === 1);
    const added = goTrapsDiagnostics(document.uri, 'db-open-error-ignored')[0];
    assert.equal(document.lineAt(added.range.start.line).text, '\tdb, _ := sql.Open("mysql", dsn)');
    await replaceText(document, 'r.db.QueryRow("SELECT', 'r.db.QueryRowContext(ctx, "SELECT');
    await waitFor('db-no-context to clear after the hand fix', () => goTrapsDiagnostics(document.uri, 'db-no-context').length === 0);
    assert.equal(goTrapsDiagnostics(document.uri, 'db-open-error-ignored').length, 1, 'the added trap is still reported');
    assert.ok(await document.save());
  });

  it('offers fix-all in the light bulb menu (Ctrl+.) where a file has several fixable traps', async () => {
    const document = await openGo('/internal/store/db.go');
    await expectExactly(document, DB_GO);
    const finding = goTrapsDiagnostics(document.uri, 'db-open-error-ignored')[0];
    const actions = await actionsAt(document.uri, finding.range);
    const fixAll = actions.find((a) => /^Fix all \d+ auto-fixable Go Traps problems in this file$/.test(a.title));
    assert.ok(fixAll, actions.map((a) => a.title).join(' | '));
    assert.equal(fixAll.kind?.value, vscode.CodeActionKind.QuickFix.value, 'a quick fix, so Ctrl+. lists it');
    assert.ok(Number(/\d+/.exec(fixAll.title)![0]) >= 2);
  });

  it('offers the fix, the suppression and the documentation; the fix clears the finding and leaves valid Go', async () => {
    gofmtPath();
    const document = await openGo('/internal/store/db.go');
    await expectExactly(document, DB_GO);
    const finding = goTrapsDiagnostics(document.uri, 'db-open-error-ignored')[0];
    const actions = await actionsAt(document.uri, finding.range);
    const titles = actions.map((a) => a.title).join(' | ');
    const fix = actions.find((a) => a.title === 'Bind and check the error of sql.Open');
    assert.ok(fix?.edit, `the rule's fix with an edit among: ${titles}`);
    assert.equal(fix.isPreferred, true, 'the rule fix is the preferred action');
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    // Suppressing asks for the reason: the actions insert nothing themselves.
    const suppress = actions.find((a) => a.title === 'Suppress db-open-error-ignored on this line…');
    assert.ok(suppress?.command && !suppress.edit, `a suppress action that asks first, among: ${titles}`);
    assert.equal(suppress.command.command, 'goTraps.suppress');
    assert.ok(actions.some((a) => a.title === 'Suppress db-open-error-ignored in this file…'), titles);
    assert.ok(actions.some((a) => a.title === 'Turn db-open-error-ignored off in .go-traps.json' && a.command?.command === 'goTraps.turnRuleOff'), titles);
    const docs = actions.find((a) => a.title === 'Show documentation for db-open-error-ignored');
    assert.ok(docs, `a documentation action among: ${titles}`);
    assert.equal(docs.command?.command, 'goTraps.showRuleDocumentation');
    assert.deepEqual(docs.command?.arguments, ['db-open-error-ignored']);

    // The shipped rule page opens inside VS Code, in the Markdown preview: no web address, works offline.
    const page = await vscode.commands.executeCommand<vscode.Uri>(docs.command!.command, ...docs.command!.arguments!);
    assert.ok(page && page.path.endsWith('/docs/rules/db-open-error-ignored.md'), `the shipped page (${page?.toString()})`);
    assert.ok(page.fsPath.startsWith(vscode.extensions.getExtension('go-traps.go-traps')!.extensionPath));
    await waitFor('the Markdown preview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(document, { preview: false });

    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the fix applies');
    await waitFor('db-open-error-ignored to clear after the fix', () => goTrapsDiagnostics(document.uri, 'db-open-error-ignored').length === 0);
    assert.match(document.getText(), /\tdb, err := sql\.Open\("mysql", dsn\)\n\tif err != nil \{\n/);
    assertValidGo(document.getText(), 'internal/store/db.go after the fix');

    // The suppression, applied to the remaining pool finding, silences exactly that line, once it has a reason.
    const pool = goTrapsDiagnostics(document.uri, 'db-pool-unbounded');
    assert.ok(pool.length > 0, 'db-pool-unbounded is still reported');
    const before = pool.length;
    const suppressPool = (await actionsAt(document.uri, pool[0].range)).find((a) => a.title === 'Suppress db-pool-unbounded on this line…');
    assert.ok(suppressPool?.command, 'a suppress action for db-pool-unbounded');
    const unchanged = document.getText();
    for (const placeholder of ['', 'TODO: say why this trap is acceptable here', '...']) {
      const refused: string | undefined = await vscode.commands.executeCommand<string | undefined>(suppressPool.command.command, ...suppressPool.command.arguments!, placeholder);
      assert.equal(refused, undefined, `"${placeholder}" is not a reason: nothing is inserted`);
      assert.equal(document.getText(), unchanged);
    }
    const inserted: string | undefined = await vscode.commands.executeCommand<string>(suppressPool.command.command, ...suppressPool.command.arguments!, 'the scratch pool lives for one request');
    assert.equal(inserted, '//go-traps:ignore db-pool-unbounded the scratch pool lives for one request');
    await waitFor('the suppressed finding to clear', () => goTrapsDiagnostics(document.uri, 'db-pool-unbounded').length === before - 1);
    assert.match(document.getText(), /\n\t\/\/go-traps:ignore db-pool-unbounded the scratch pool lives for one request\n/);
    assertValidGo(document.getText(), 'internal/store/db.go after the suppression');
    assert.ok(await document.save());
  });

  it('fixes every safe trap on save with editor.codeActionsOnSave source.fixAll.goTraps; a fix that needs review waits', async () => {
    const config = vscode.workspace.getConfiguration();
    await config.update('editor.codeActionsOnSave', { 'source.fixAll.goTraps': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      const document = await openGo('/internal/payment/client.go');
      await expectExactly(document, PAYMENT_CLIENT_GO);
      // A harmless edit makes the file dirty, as a person typing would.
      await replaceText(document, '// NewClient returns a Client', '// NewClient returns a new Client');
      assert.ok(document.isDirty);
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor('the save to finish', () => !document.isDirty);
      const onDisk = readFileSync(document.uri.fsPath, 'utf8');
      assert.match(onDisk, /http\.NewRequestWithContext\(ctx, http\.MethodPost, /);
      // The client is kept in a struct field: what it downloads is read elsewhere, so its Timeout is no bulk fix.
      assert.match(onDisk, /http: &http\.Client\{\},/);
      assertValidGo(onDisk, 'internal/payment/client.go after fix-all on save');
      await waitFor('only the timeout left', () => JSON.stringify(goTrapsDiagnostics(document.uri).map(codeOf)) === '["http-client-no-timeout"]');
    } finally {
      await config.update('editor.codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
    // Offered one at a time, it uses the timeout the constructor already takes.
    const document = await openGo('/internal/payment/client.go');
    const finding = goTrapsDiagnostics(document.uri, 'http-client-no-timeout')[0];
    const fix = (await actionsAt(document.uri, finding.range)).find((a) => a.isPreferred && a.edit);
    assert.ok(fix, 'the Timeout fix is offered on its own');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(document.getText(), /http: &http\.Client\{Timeout: timeout\}/);
    assertValidGo(document.getText(), 'internal/payment/client.go after the Timeout fix');
    await waitFor('no trap left in the file', () => goTrapsDiagnostics(document.uri).length === 0);
    assert.ok(await document.save());
  });

  it('the checklist and export commands produce the expected items', async () => {
    const items = await vscode.commands.executeCommand<{ id: string; status: string; rules: string[]; findings: { ruleId: string; uri: string }[] }[]>('goTraps.showChecklist');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(Array.isArray(items), 'showChecklist resolves with the checklist items');
    const listed = items.reduce((sum, i) => sum + i.findings.length, 0);
    assert.ok(listed > 15, `the checklist lists the workspace's findings (got ${listed})`);
    const ids = items.map((i) => i.id);
    for (const id of ['db-pool-per-domain', 'query-deadlines', 'pools-bounded', 'outbound-http', 'pprof', 'goleak', 'split-decision']) {
      assert.ok(ids.includes(id), `checklist item ${id} (have ${ids.join(', ')})`);
    }
    const pools = items.find((i) => i.id === 'db-pool-per-domain')!;
    assert.notEqual(pools.status, 'pass', 'per-domain pools fail: one pool is shared');
    assert.equal(pools.findings.filter((f) => f.ruleId === 'db-shared-pool').length, 1, 'the one shared pool of cmd/shop/main.go');
    // The previous test fixed both outbound HTTP traps (one on save, one by hand): the concern now passes.
    assert.equal(items.find((i) => i.id === 'outbound-http')!.status, 'pass');
    // Which packages were taken as domains and why: the engine's placements, as `go-traps domains` prints them.
    const domains = items.find((i) => i.id === 'domains') as { detail: string; placements?: { dir: string; role: string; reason: string }[] } | undefined;
    assert.match(domains?.detail ?? '', /^5 domains: coupon \(internal\/<domain> layout\), order /);
    assert.deepEqual(domains?.placements?.filter((p) => p.role !== 'domain').map((p) => `${p.dir} ${p.role}`), ['cmd/shop entry', 'internal/config infrastructure', 'internal/store infrastructure']);

    // The count is shown beside each concern; its detail says where and by what, without repeating it.
    for (const item of items) assert.doesNotMatch((item as { detail?: string }).detail ?? '', /\b\d+ findings?\b|\(s\)/, item.id);

    // The report is a file the user keeps (here the default place, without the dialog), locations as links.
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const target = vscode.Uri.joinPath(folder, 'go-traps-report.md');
    const markdown = await vscode.commands.executeCommand<string>('goTraps.exportReport', { target });
    assert.equal(typeof markdown, 'string');
    assert.match(markdown, /^# /m, 'a Markdown heading');
    assert.match(markdown, /db-shared-pool/);
    assert.match(markdown, /Per-domain DB pools/);
    assert.match(markdown, /^\| `cmd\/shop` \| entry point \| entry point \(cmd\/\) \|$/m, 'the Domains section lists what was set apart, and why');
    assert.equal(readFileSync(target.fsPath, 'utf8'), markdown, 'saved on disk');
    assert.match(markdown, /- \[`cmd\/shop\/main\.go:\d+:\d+`\]\(cmd\/shop\/main\.go#L\d+\) \[db-shared-pool\]/, 'locations are links relative to the report');
    assert.doesNotMatch(markdown, /[\u2600-\u27bf\u{1f300}-\u{1faff}]/u, 'no glyph that needs an emoji font');
    const shown = vscode.window.activeTextEditor?.document;
    assert.equal(shown?.uri.toString(), target.toString(), 'the saved file opens, not an untitled buffer');
    assert.equal(shown?.isDirty, false, 'closing it asks nothing');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Analyze Workspace resolves with the trap count of the finished scan; counts hold meanwhile', async () => {
    const api = await goTrapsApi();
    await waitFor('a settled count', () => api.status().state === 'ready' && api.status().count === problemsCount(), 30_000).catch(() => undefined);
    const before = { item: api.status().count, problems: problemsCount() };
    const seen: { item?: number; problems: number; state: string }[] = [];
    const sampler = setInterval(() => seen.push({ item: api.status().count, problems: problemsCount(), state: api.status().state }), 10);
    const count = await vscode.commands.executeCommand<number | undefined>('goTraps.analyzeWorkspace');
    clearInterval(sampler);
    // Nothing changed on disk: whatever the scan is doing, the item and Problems keep the last finished count.
    for (const sample of seen) assert.deepEqual({ item: sample.item, problems: sample.problems }, before, `during the re-scan (${sample.state})`);
    assert.equal(count, before.item);
    const items = await vscode.commands.executeCommand<{ findings: unknown[] }[]>('goTraps.showChecklist', { noUi: true });
    const listed = items.reduce((sum, i) => sum + i.findings.length, 0);
    assert.equal(count, listed, 'the count goTraps.analyzeWorkspace resolves with (and shows) equals the findings the checklist lists right after');
  });

  it('completes rule ids in //go-traps:ignore comments and in .go-traps.json', async () => {
    const document = await openGo('/internal/user/repo.go');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(document.lineCount, 0), '\n//go-traps:ignore db-\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const line = document.lineCount - 2;
    const position = new vscode.Position(line, document.lineAt(line).text.length);
    const items = await waitFor('rule ids offered in the comment', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return labels.includes('db-open-error-ignored') ? labels : undefined;
    });
    assert.ok(items.includes('db-shared-pool') && !items.includes('invalid-suppression'), items.join(', '));
    await vscode.commands.executeCommand('undo');
    assert.ok(await document.save());

    const folder = vscode.workspace.workspaceFolders![0].uri;
    const config = vscode.Uri.joinPath(folder, '.go-traps.json');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{\n  "rules": {\n    \n  }\n}\n'));
    const json = await vscode.workspace.openTextDocument(config);
    await vscode.window.showTextDocument(json);
    const ids = await waitFor('rule ids offered by the schema', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', config, new vscode.Position(2, 4));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
      return labels.includes('db-shared-pool') ? labels : undefined;
    });
    assert.ok(ids.includes('log-unstructured'), ids.join(', '));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(config);
  });

  it('lists every error of a broken .go-traps.json on the file, and says "config error" on the item', async () => {
    const api = await goTrapsApi();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const config = vscode.Uri.joinPath(folder, '.go-traps.json');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{\n  "rules": { "db-no-ctx": "off" },\n  "maxFileSize": "big"\n}\n'));
    await waitFor('two problems on .go-traps.json', () => goTrapsDiagnostics(config).length === 2);
    const messages = goTrapsDiagnostics(config).map((d) => d.message).sort();
    assert.match(messages[1], /"rules\.db-no-ctx": unknown rule id; did you mean "db-no-context"\?/);
    await waitFor('the item to say "config error"', () => api.status().state === 'configError');
    assert.match(api.status().text, /^\$\(warning\) Go Traps: \d+ · config error$/);
    const menu = await vscode.commands.executeCommand<string[]>('goTraps.showStatusMenu', { noUi: true });
    assert.match(menu[0], /Open \.go-traps\.json/, 'the menu leads to the file first');
    await vscode.workspace.fs.delete(config);
    await waitFor('the config error to clear', () => api.status().state === 'ready' && goTrapsDiagnostics(config).length === 0, 30_000);
  });

  it('turns a rule off for the team in .go-traps.json, and its findings leave Problems', async () => {
    const before = vscode.languages.getDiagnostics().flatMap(([, list]) => list).filter((d) => d.source === SOURCE && codeOf(d) === 'log-unstructured');
    assert.ok(before.length > 0, 'the workspace has log-unstructured findings');
    const any = vscode.languages.getDiagnostics().find(([, list]) => list.some((d) => d.source === SOURCE && codeOf(d) === 'log-unstructured'))![0];
    const file = await vscode.commands.executeCommand<vscode.Uri>('goTraps.turnRuleOff', { uri: any.toString(), ruleId: 'log-unstructured' });
    assert.ok(file && file.path.endsWith('/.go-traps.json'));
    assert.deepEqual(JSON.parse(readFileSync(file.fsPath, 'utf8')), { rules: { 'log-unstructured': 'off' } });
    await waitFor('log-unstructured to leave Problems', () =>
      vscode.languages.getDiagnostics().every(([, list]) => !list.some((d) => d.source === SOURCE && codeOf(d) === 'log-unstructured')),
    );
    const api = await goTrapsApi();
    await waitFor('the count to follow', () => api.status().state === 'ready' && api.status().count === problemsCount(), 30_000);
    await vscode.workspace.fs.delete(file);
    await waitFor('log-unstructured back after the file is gone', () =>
      vscode.languages.getDiagnostics().some(([, list]) => list.some((d) => d.source === SOURCE && codeOf(d) === 'log-unstructured')),
    );
  });

  it('the calculator panel opens and answers the decision for given inputs', async () => {
    const split = await vscode.commands.executeCommand<Decision>('goTraps.openCalculator', { qps: 6000, teamSize: 4, couplingScore: 0.2 });
    assert.equal(split?.split, true, `openCalculator resolves with the decision (got ${JSON.stringify(split)})`);
    assert.deepEqual(split.reasons, ['qps']);
    assert.match(split.verdict, /^Split/);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(
      tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('goTraps.calculator')),
      `a calculator webview tab (have ${tabs.map((t) => t.label).join(', ')})`,
    );
    const converge = await vscode.commands.executeCommand<Decision>('goTraps.openCalculator', { qps: 1200, teamSize: 4, couplingScore: 0.2 });
    assert.equal(converge.split, false);
    assert.deepEqual(converge.reasons, []);
    assert.match(converge.verdict, /^Converge/);
    const team = await vscode.commands.executeCommand<Decision>('goTraps.openCalculator', { qps: 1200, teamSize: 9, couplingScore: 0.7 });
    assert.deepEqual([...team.reasons].sort(), ['coupling', 'team']);
  });

  it('runs the CLI as a go-traps task whose $go-traps problem matcher fills Problems', async () => {
    const repo = process.env.GO_TRAPS_E2E_REPO;
    assert.ok(repo, 'the driver names the repository (the CLI is not in the VSIX)');
    const cli = path.join(repo, 'server', 'out', 'cli.js');
    assert.ok(existsSync(cli), cli);
    const provided = await vscode.tasks.fetchTasks({ type: 'go-traps' });
    assert.ok(provided.some((t) => t.source === 'go-traps'), `a provided go-traps task (${provided.map((t) => t.name).join(', ')})`);
    const folder = vscode.workspace.workspaceFolders![0];
    const task = new vscode.Task(
      { type: 'go-traps', command: process.execPath, args: [cli, '.', '--exit-zero'] },
      folder,
      'check with the CLI',
      'go-traps',
      new vscode.ShellExecution(process.execPath, [cli, '.', '--exit-zero'], { cwd: folder.uri.fsPath }),
      ['$go-traps'],
    );
    const ended = new Promise<number | undefined>((resolve) => {
      const listener = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.name !== task.name) return;
        listener.dispose();
        resolve(e.exitCode);
      });
    });
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 0);
    const store = await workspaceFile('/internal/store/db.go');
    const fromCli = await waitFor('the CLI\'s findings in Problems', () => {
      const list = vscode.languages.getDiagnostics(store).filter((d) => d.source === 'go-traps CLI');
      return list.length > 0 ? list : undefined;
    });
    assert.ok(fromCli.some((d) => codeOf(d) === 'db-open-error-ignored' || codeOf(d) === 'db-pool-unbounded'), fromCli.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
  });
});
