/**
 * `goTraps.baseline` over stdio: the findings a `go-traps baseline` run accepted show as hints, hidden or as
 * usual, follow the document's edits, and follow the baseline file on disk.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, LspClient } from '../support/lsp-client';
import { REPO_ROOT } from '../support/repo';

const OLD = `package svc

import "net/http"

func Old(url string) {
	http.Get(url)
}
`;

const BOTH = `${OLD}
func New(url string) {
	http.Get(url)
}
`;

const RULE = 'http-client-no-timeout';

describe('language server: baselined findings', () => {
  let root: string;
  let uri: string;
  let baselineUri: string;
  let client: LspClient;

  /** The next diagnostics for the document that pass `test`. */
  const next = (test: (diagnostics: any[]) => boolean) =>
    client
      .waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && test(n.params.diagnostics), 10_000, client.notifications.length)
      .then((n) => n.params.diagnostics as any[]);
  /** [line, severity, message ends with the baseline note] of each finding of the rule, by line. */
  const shape = (diagnostics: any[]) =>
    diagnostics
      .filter((d) => d.code === RULE)
      .map((d) => [d.range.start.line, d.severity, d.message.endsWith('(in the baseline)')])
      .sort((a, b) => a[0] - b[0]);

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'go-traps-lsp-baseline-'));
    writeFileSync(path.join(root, 'go.mod'), 'module example.com/svc\n');
    mkdirSync(path.join(root, 'svc'));
    const file = path.join(root, 'svc', 'fetch.go');
    writeFileSync(file, OLD);
    // The CLI accepts today's finding; then a new one is written beside it.
    const written = spawnSync(process.execPath, [path.join(REPO_ROOT, 'server/out/cli.js'), 'baseline'], { cwd: root, encoding: 'utf8' });
    assert.equal(written.status, 0, written.stderr);
    writeFileSync(file, BOTH);
    uri = fileUri(file);
    baselineUri = fileUri(path.join(root, '.go-traps-baseline.json'));
    client = new LspClient({ settings: {} });
    await client.initialize(root);
  });

  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows the accepted finding as a hint (by default) and the new one as usual', async () => {
    const published = next((d) => d.filter((x) => x.code === RULE).length === 2);
    client.open(uri, BOTH, 1);
    assert.deepEqual(shape(await published), [
      [5, 4, true],
      [9, 2, false],
    ]);
  });

  it('keeps recognising it after the document moves under it', async () => {
    const published = next((d) => d.some((x) => x.code === RULE && x.range.start.line === 7));
    client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// Package svc fetches.\n\n' }]);
    assert.deepEqual(shape(await published), [
      [7, 4, true],
      [11, 2, false],
    ]);
  });

  it('hides it with "hide" and shows it as usual with "ignore"', async () => {
    client.settings = { baseline: 'hide' };
    const hidden = next((d) => d.filter((x) => x.code === RULE).length === 1);
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(shape(await hidden), [[11, 2, false]]);

    client.settings = { baseline: 'ignore' };
    const shown = next((d) => d.filter((x) => x.code === RULE).length === 2);
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(shape(await shown), [
      [7, 2, false],
      [11, 2, false],
    ]);
    client.settings = {};
  });

  it('follows the baseline file on disk, and says so when it is broken', async () => {
    writeFileSync(path.join(root, '.go-traps-baseline.json'), '{"version": 1, "findings": []}\n');
    const emptied = next((d) => d.filter((x) => x.code === RULE && x.severity === 2).length === 2);
    client.notify('workspace/didChangeConfiguration', { settings: null });
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: baselineUri, type: 2 }] });
    assert.deepEqual(shape(await emptied), [
      [7, 2, false],
      [11, 2, false],
    ]);

    const since = client.notifications.length;
    writeFileSync(path.join(root, '.go-traps-baseline.json'), '{"version": 1, "findings": [');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: baselineUri, type: 2 }] });
    const warning = await client.waitFor((n) => n.method === 'window/showMessage' && n.params.type === 2, 10_000, since);
    assert.match(warning.params.message, /\.go-traps-baseline\.json: not valid JSON.*shown as new/);
  });
});
