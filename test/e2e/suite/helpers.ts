/** Helpers of the end-to-end suite: waiting on the extension host, reading go-traps diagnostics, checking Go with gofmt. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The `source` of every go-traps diagnostic. */
export const SOURCE = 'go-traps';

/** Polls `probe` until it gives a value other than undefined/false; throws after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The rule id of a diagnostic, whether VS Code gives the code plain or with its documentation target. */
export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** The go-traps diagnostics VS Code holds for a file, optionally of one rule. */
export function goTrapsDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (code === undefined || codeOf(d) === code));
}

/** What the status item shows, from the extension's API (see client/src/extension.ts). */
export interface StatusView {
  text: string;
  tooltip: string;
  count: number | undefined;
  state: 'starting' | 'indexing' | 'ready' | 'configError' | 'stopped';
}

/** The Go Traps extension's API, once it is active. */
export async function goTrapsApi(): Promise<{ status(): StatusView }> {
  const extension = vscode.extensions.getExtension<{ status(): StatusView }>('go-traps.go-traps');
  assert.ok(extension, 'go-traps.go-traps is installed');
  return extension.isActive ? extension.exports : extension.activate();
}

/** The go-traps problems the Problems panel lists: every go-traps diagnostic but hints, which it leaves out. */
export function problemsCount(): number {
  let count = 0;
  for (const [, list] of vscode.languages.getDiagnostics()) {
    for (const d of list) if (d.source === SOURCE && d.severity !== vscode.DiagnosticSeverity.Hint) count++;
  }
  return count;
}

/** The workspace file whose path ends with `suffix` (the suite runs on a temporary copy of the example workspace). */
export async function workspaceFile(suffix: string): Promise<vscode.Uri> {
  const files = await vscode.workspace.findFiles('**/*.go');
  const match = files.find((f) => f.path.endsWith(suffix));
  assert.ok(match, `no ${suffix} in the workspace (have ${files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')})`);
  return match;
}

/** Opens a workspace file in an editor, which is what makes the language server analyse and publish it. */
export async function openGo(suffix: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(await workspaceFile(suffix));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/**
 * An expected finding, anchored by text rather than line numbers so the example workspace can grow:
 * `text` is the exact text the range covers, found first on the first line containing `line`.
 */
export interface Expected {
  code: string;
  line: string;
  text: string;
}

/** `code@line:col-line:col` for a diagnostic, the unit the suite compares. */
export function findingKey(code: string, range: vscode.Range): string {
  return `${code}@${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** The ranges the expectations stand for in `document`, sorted. */
export function expectedFindings(document: vscode.TextDocument, expected: readonly Expected[]): string[] {
  const lines = document.getText().split('\n');
  return expected
    .map(({ code, line, text }) => {
      const index = lines.findIndex((l) => l.includes(line));
      assert.ok(index >= 0, `the workspace file ${document.fileName} has no line with ${JSON.stringify(line)}`);
      const character = lines[index].indexOf(text);
      assert.ok(character >= 0, `line ${index + 1} of ${document.fileName} has no ${JSON.stringify(text)}`);
      return findingKey(code, new vscode.Range(index, character, index, character + text.length));
    })
    .sort();
}

/** The file's go-traps diagnostics as sorted `code@range` keys. */
export function actualFindings(uri: vscode.Uri): string[] {
  return goTrapsDiagnostics(uri).map((d) => findingKey(codeOf(d), d.range)).sort();
}

/** Waits until the file's go-traps diagnostics are exactly `expected`, then asserts it (so a timeout shows the difference). */
export async function expectExactly(document: vscode.TextDocument, expected: readonly Expected[], timeoutMs = 30_000): Promise<void> {
  const want = expectedFindings(document, expected);
  await waitFor(`the findings of ${path.basename(document.fileName)}`, () => JSON.stringify(actualFindings(document.uri)) === JSON.stringify(want), timeoutMs).catch(() => undefined);
  assert.deepEqual(actualFindings(document.uri), want, `go-traps findings of ${vscode.workspace.asRelativePath(document.uri)}`);
}

/** gofmt from PATH or the usual Go install places; the suite fails (never skips) without it. */
export function gofmtPath(): string {
  const candidates = [
    process.env.GOFMT,
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'gofmt')),
    '/usr/bin/gofmt',
    '/usr/lib/go/bin/gofmt',
    '/usr/local/go/bin/gofmt',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  assert.ok(found, 'gofmt is needed to check that fixed Go is valid (install golang-go, or set GOFMT)');
  return found;
}

/** Asserts that `text` parses as Go (`gofmt -e` reports no error) and is gofmt-clean byte for byte. */
export function assertValidGo(text: string, what: string): void {
  let formatted: string;
  try {
    formatted = execFileSync(gofmtPath(), ['-e'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    assert.fail(`${what} is not valid Go:\n${stderr}\n--- text ---\n${text}`);
  }
  assert.equal(text, formatted, `${what} is not gofmt-clean`);
}

/** Code actions VS Code offers at a diagnostic's range, as the light bulb would ask for them. */
export async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}
