/** End-to-end: the extension in a real VS Code, on a copy of test-fixtures/workspace. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const SOURCE = 'go-traps';

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function goTrapsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function findGoFile(suffix: string): Promise<vscode.Uri> {
  const files = await vscode.workspace.findFiles('**/*.go');
  const match = files.find((f) => f.path.endsWith(suffix));
  assert.ok(match, `no ${suffix} in the workspace (have ${files.map((f) => f.path).join(', ')})`);
  return match;
}

describe('Go Traps in VS Code', () => {
  it('activates on a Go file and the server publishes diagnostics', async () => {
    const files = await vscode.workspace.findFiles('**/*.go');
    assert.ok(files.length > 0, 'the workspace has Go files');
    const document = await vscode.workspace.openTextDocument(files[0]);
    await vscode.window.showTextDocument(document);
    const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'go-traps');
    assert.ok(extension, 'the extension is installed in development mode');
    await waitFor('the extension to activate', () => extension.isActive || undefined);
    await waitFor('any go-traps diagnostic in the workspace', () =>
      vscode.languages.getDiagnostics().some(([, list]) => list.some((d) => d.source === SOURCE)) || undefined,
    );
  });

  it('reports the shared database handle with related locations in each domain', async () => {
    const all = await waitFor('db-shared-pool', () => {
      const found = vscode.languages.getDiagnostics().flatMap(([uri, list]) => list.filter((d) => codeOf(d) === 'db-shared-pool').map((d) => ({ uri, d })));
      return found.length > 0 ? found : undefined;
    });
    const declaration = all.find(({ d }) => (d.relatedInformation?.length ?? 0) >= 3);
    assert.ok(declaration, 'a db-shared-pool diagnostic with related locations in three domains');
    const relatedPaths = declaration.d.relatedInformation!.map((r) => r.location.uri.path).join(' ');
    for (const domain of ['user', 'order', 'coupon']) assert.match(relatedPaths, new RegExp(`/${domain}/`));
    assert.equal(declaration.d.source, SOURCE);
    assert.match(String((declaration.d.code as { target: vscode.Uri }).target), /docs\/rules\/db-shared-pool/);
  });

  it('updates diagnostics on edit, offers fix, suppress and docs actions, and the fix clears the trap', async () => {
    const uri = await findGoFile('/internal/user/repo.go').catch(async () => (await vscode.workspace.findFiles('**/internal/**/*.go'))[0]);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = goTrapsDiagnostics(uri).filter((d) => codeOf(d) === 'db-open-error-ignored').length;
    const trap = '\nfunc openForTest(dsn string) *sql.DB {\n\tdb, _ := sql.Open("mysql", dsn)\n\treturn db\n}\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(document.lineCount, 0), trap);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const added = await waitFor('the added trap to be reported', () => {
      const list = goTrapsDiagnostics(uri).filter((d) => codeOf(d) === 'db-open-error-ignored');
      return list.length > before ? list[list.length - 1] : undefined;
    });
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, added.range);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix, `a preferred fix among: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => /suppress/i.test(t)), `a suppress action among: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => /documentation/i.test(t)), `a documentation action among: ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await waitFor('the fixed trap to clear', () => (goTrapsDiagnostics(uri).filter((d) => codeOf(d) === 'db-open-error-ignored').length === before ? true : undefined));
    assert.match(document.getText(), /db, err := sql\.Open\("mysql", dsn\)\n\tif err != nil \{/);
  });

  it('the checklist, report export and split calculator commands answer', async () => {
    const items = await vscode.commands.executeCommand<{ id: string; status: string }[]>('goTraps.showChecklist', { noUi: true });
    assert.ok(Array.isArray(items) && items.length >= 10, 'checklist items');
    const markdown = await vscode.commands.executeCommand<string>('goTraps.exportReport', { noUi: true });
    assert.match(markdown, /db-shared-pool/);
    const decision = await vscode.commands.executeCommand<{ split: boolean }>('goTraps.openCalculator', { qps: 6000, teamSize: 4, couplingScore: 0.2 });
    assert.equal(decision?.split, true);
  });
});
