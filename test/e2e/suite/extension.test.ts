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
  Expected,
  expectExactly,
  goTrapsDiagnostics,
  gofmtPath,
  openGo,
  SOURCE,
  waitFor,
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

const MAIN_GO: Expected[] = [
  { code: 'db-shared-pool', line: 'db, err := store.Open(cfg.DSN)', text: 'db' },
  { code: 'db-shared-pool', line: 'users := user.NewRepo(db)', text: 'db' },
  { code: 'db-shared-pool', line: 'orders := order.NewService(db, tracer)', text: 'db' },
  { code: 'db-shared-pool', line: 'coupons := coupon.NewService(db)', text: 'db' },
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
    for (const id of ['goTraps.showChecklist', 'goTraps.exportReport', 'goTraps.openCalculator', 'goTraps.showRuleDocumentation']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });

  it('publishes the expected rule codes and ranges for a handful of files', async () => {
    for (const [file, expected] of [
      ['/internal/store/db.go', DB_GO],
      ['/internal/order/service.go', ORDER_SERVICE_GO],
      ['/internal/payment/client.go', PAYMENT_CLIENT_GO],
      ['/internal/user/repo.go', USER_REPO_GO],
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
    // Each hand-off names the handle's declaration back.
    for (const handoff of shared.filter((d) => d !== declaration)) {
      assert.ok(
        handoff.relatedInformation?.some((r) => r.location.uri.path.endsWith('/cmd/shop/main.go') && r.location.range.start.line === declaration.range.start.line),
        `the hand-off at line ${handoff.range.start.line + 1} points back at the shared handle`,
      );
    }
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
    const suppress = actions.find((a) => /^Suppress db-open-error-ignored on this line/.test(a.title));
    assert.ok(suppress?.edit, `a suppress action with an edit among: ${titles}`);
    const docs = actions.find((a) => a.title === 'Show documentation for db-open-error-ignored');
    assert.ok(docs, `a documentation action among: ${titles}`);
    assert.equal(docs.command?.command, 'goTraps.showRuleDocumentation');
    assert.deepEqual(docs.command?.arguments, ['db-open-error-ignored']);

    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the fix applies');
    await waitFor('db-open-error-ignored to clear after the fix', () => goTrapsDiagnostics(document.uri, 'db-open-error-ignored').length === 0);
    assert.match(document.getText(), /\tdb, err := sql\.Open\("mysql", dsn\)\n\tif err != nil \{\n/);
    assertValidGo(document.getText(), 'internal/store/db.go after the fix');

    // The suppression, applied to the remaining pool finding, silences exactly that line.
    const pool = goTrapsDiagnostics(document.uri, 'db-pool-unbounded');
    assert.ok(pool.length > 0, 'db-pool-unbounded is still reported');
    const before = pool.length;
    const suppressPool = (await actionsAt(document.uri, pool[0].range)).find((a) => /^Suppress db-pool-unbounded/.test(a.title));
    assert.ok(suppressPool?.edit, 'a suppress action for db-pool-unbounded');
    assert.ok(await vscode.workspace.applyEdit(suppressPool.edit));
    await waitFor('the suppressed finding to clear', () => goTrapsDiagnostics(document.uri, 'db-pool-unbounded').length === before - 1);
    assert.match(document.getText(), /\/\/go-traps:ignore db-pool-unbounded /);
    assertValidGo(document.getText(), 'internal/store/db.go after the suppression');
    assert.ok(await document.save());
  });

  it('fixes every safe trap on save with editor.codeActionsOnSave source.fixAll.goTraps', async () => {
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
      assert.match(onDisk, /http: &http\.Client\{Timeout: 800 \* time\.Millisecond\}/);
      assert.match(onDisk, /http\.NewRequestWithContext\(ctx, http\.MethodPost, /);
      assertValidGo(onDisk, 'internal/payment/client.go after fix-all on save');
      await waitFor('the fixed traps to clear', () => goTrapsDiagnostics(document.uri).length === 0);
    } finally {
      await config.update('editor.codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
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
    assert.equal(pools.findings.filter((f) => f.ruleId === 'db-shared-pool').length, 4, 'the four db-shared-pool findings of cmd/shop/main.go');
    // Fix-all on save fixed both outbound HTTP traps in the previous test: the concern now passes.
    assert.equal(items.find((i) => i.id === 'outbound-http')!.status, 'pass');

    const markdown = await vscode.commands.executeCommand<string>('goTraps.exportReport');
    assert.equal(typeof markdown, 'string');
    assert.match(markdown, /^# /m, 'a Markdown heading');
    assert.match(markdown, /db-shared-pool/);
    assert.match(markdown, /Per-domain DB pools/);
    const shown = vscode.window.activeTextEditor?.document;
    assert.equal(shown?.languageId, 'markdown', 'the report opens as a Markdown document');
    assert.equal(shown?.getText(), markdown);
  });

  it('Analyze Workspace resolves with the trap count of the finished scan', async () => {
    const count = await vscode.commands.executeCommand<number | undefined>('goTraps.analyzeWorkspace');
    const items = await vscode.commands.executeCommand<{ findings: unknown[] }[]>('goTraps.showChecklist', { noUi: true });
    const listed = items.reduce((sum, i) => sum + i.findings.length, 0);
    assert.equal(count, listed, 'the count goTraps.analyzeWorkspace resolves with (and shows) equals the findings the checklist lists right after');
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
});
