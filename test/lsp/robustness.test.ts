/** What must not take the server down: broken config, failing rules, huge or binary files; other transports and languages. */
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { fileUri, LspClient, Notification, repoRoot } from '../support/lsp-client';
import { tempWorkspaces } from '../support/temp-workspace';

const FLAGGED = `package main

import (
	"database/sql"
	"fmt"
)

func main() {
	db, _ := sql.Open("postgres", "dsn")
	fmt.Println(db)
}
`;


const workspace = tempWorkspaces('go-traps-lsp-');

let faultScript: string | undefined;

/** The server with the test rules of fault-server.ts, bundled once. */
function faultServer(): string {
  if (faultScript) return faultScript;
  const script = path.join(repoRoot(), 'test', 'out', 'lsp', 'fault-server.js');
  // The esbuild API cannot run inside a bundle; its command line can, with the project's bundle options.
  const cli = path.join(repoRoot(), 'node_modules', 'esbuild', 'bin', 'esbuild');
  execFileSync(cli, [
    path.join(repoRoot(), 'test', 'lsp', 'fault-server.ts'),
    '--bundle',
    '--platform=node',
    '--target=node20',
    '--format=cjs',
    '--log-level=warning',
    `--outfile=${script}`,
    '--define:import.meta.url=__goTrapsImportMetaUrl',
    '--alias:jsonc-parser=jsonc-parser/lib/esm/main.js',
    "--banner:js=const __goTrapsImportMetaUrl = require('url').pathToFileURL(__filename).href;",
  ]);
  return (faultScript = script);
}

const isDiagnostics = (uri: string, test: (d: any[]) => boolean) => (n: Notification) =>
  n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && test(n.params.diagnostics);
const severityOf = (diagnostics: any[], code: string) => diagnostics.find((d) => d.code === code)?.severity;

/** A message the server showed: a plain notification, or a request with buttons (VS Code gets buttons). */
const isMessage = (type: number) => (n: Notification) => (n.method === 'window/showMessage' || n.method === 'window/showMessageRequest') && n.params.type === type;

describe('a broken .go-traps.json', () => {
  it('is reported once, clearly, while defaults apply; fixing it clears the report', async () => {
    const root = workspace({
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      '.go-traps.json': '{\n  "rules": { "db-open-error-ignored": "warning" },\n',
      'main.go': FLAGGED,
    });
    const configUri = fileUri(path.join(root, '.go-traps.json'));
    const mainUri = fileUri(path.join(root, 'main.go'));
    // The person clicks the notification's button, as they would in VS Code.
    const client = new LspClient({ answers: { 'window/showMessageRequest': (params) => params.actions?.[0] ?? null } });
    try {
      await client.initialize(root);
      client.open(mainUri, FLAGGED);
      const shown = await client.waitFor(isMessage(1));
      assert.match(shown.params.message, /\.go-traps\.json: not valid JSON.*defaults apply/);
      assert.deepEqual(shown.params.actions, [{ title: 'Open .go-traps.json' }]);
      const opened = await client.waitFor((n) => n.method === 'window/showDocument');
      assert.equal(opened.params.uri, configUri, 'the button opens the broken file');
      const onConfig = await client.waitFor(isDiagnostics(configUri, (d) => d.length > 0));
      assert.equal(onConfig.params.diagnostics[0].severity, 1);
      // Defaults apply: the rule keeps its default severity (error), not the broken file's "warning".
      await client.waitFor(isDiagnostics(mainUri, (d) => severityOf(d, 'db-open-error-ignored') === 1));
      const status = await client.waitFor((n) => n.method === 'goTraps/status' && !!n.params.configError);
      assert.match(status.params.configError, /not valid JSON/);
      assert.equal(status.params.configUri, configUri);

      // A bad value names its key, with a warning on the key itself; the other keys still apply.
      let since = client.notifications.length;
      writeFileSync(path.join(root, '.go-traps.json'), '{\n  "rules": { "db-open-error-ignored": "warning" },\n  "maxFileSize": "big"\n}\n');
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
      const keyed = await client.waitFor(isDiagnostics(configUri, (d) => d.length > 0), 10_000, since);
      assert.equal(keyed.params.diagnostics.length, 1);
      assert.equal(keyed.params.diagnostics[0].severity, 2);
      assert.deepEqual(keyed.params.diagnostics[0].range.start, { line: 2, character: 2 });
      await client.waitFor(isDiagnostics(mainUri, (d) => severityOf(d, 'db-open-error-ignored') === 2), 10_000, since);

      since = client.notifications.length;
      writeFileSync(path.join(root, '.go-traps.json'), '{ "rules": { "db-open-error-ignored": "info" } }\n');
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
      await client.waitFor(isDiagnostics(configUri, (d) => d.length === 0), 10_000, since);
      await client.waitFor(isDiagnostics(mainUri, (d) => severityOf(d, 'db-open-error-ignored') === 3), 10_000, since);
      const errors = client.notifications.filter(isMessage(1));
      assert.equal(errors.length, 1, 'one error for the broken file, not one per analysis');
      const warnings = client.notifications.filter(isMessage(2));
      assert.equal(warnings.length, 1, 'one warning for the bad value');
      assert.match(warnings[0].params.message, /"maxFileSize": expected a positive whole number/);
    } finally {
      await client.shutdown();
    }
    assert.doesNotMatch(client.stderr, /Error|exception/i);
  });

  it('with several errors: one short notification, and every error in Problems on the file', async () => {
    const config = `{
  "rules": { "db-no-ctx": "off", "db-open-error-ignored": "loud" },
  "timeouts": { "db": "soon" },
  "maxFileSize": -1
}
`;
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', '.go-traps.json': config, 'main.go': FLAGGED });
    const configUri = fileUri(path.join(root, '.go-traps.json'));
    const client = new LspClient();
    try {
      await client.initialize(root);
      const shown = await client.waitFor(isMessage(2));
      assert.equal(shown.params.message, 'Go Traps: .go-traps.json has 4 problems; their defaults apply. Each is listed in Problems.');
      assert.deepEqual(shown.params.actions, [{ title: 'Open .go-traps.json' }]);
      const listed = await client.waitFor(isDiagnostics(configUri, (d) => d.length > 0));
      const messages = listed.params.diagnostics.map((d: any) => d.message);
      assert.equal(messages.length, 4, messages.join('\n'));
      assert.ok(messages.some((m: string) => m === '"rules.db-no-ctx": unknown rule id; did you mean "db-no-context"? (the default applies)'), messages.join('\n'));
      for (const message of messages) assert.ok(message.length < 120, `short enough to read in Problems: ${message}`);
      const status = await client.waitFor((n) => n.method === 'goTraps/status' && !!n.params.configError);
      assert.doesNotMatch(status.params.configError, /\+\d+ more/);
    } finally {
      await client.shutdown();
    }
  });
});

describe('goTraps.rules naming a rule that does not exist', () => {
  it('is said once, with the rule it probably means; the known ids still apply', async () => {
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'main.go': FLAGGED });
    const mainUri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient({ settings: { rules: { 'db-no-ctx': 'off', 'db-open-error-ignored': 'info' } } });
    try {
      await client.initialize(root);
      client.open(mainUri, FLAGGED);
      const warning = await client.waitFor(isMessage(2));
      assert.equal(warning.params.message, 'Go Traps: the setting goTraps.rules names a rule that does not exist: "db-no-ctx" (did you mean "db-no-context"?). It is ignored.');
      await client.waitFor(isDiagnostics(mainUri, (d) => severityOf(d, 'db-open-error-ignored') === 3));
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(client.notifications.filter(isMessage(2)).length, 1, 'said once, not at every settings change');
    } finally {
      await client.shutdown();
    }
  });
});

describe('a config file named in the settings', () => {
  it('is read instead of .go-traps.json, and a missing one is reported', async () => {
    const root = workspace({
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      '.go-traps.json': '{ "rules": { "db-open-error-ignored": "warning" } }\n',
      'config/traps.json': '{ "rules": { "db-open-error-ignored": "hint" } }\n',
      'main.go': FLAGGED,
    });
    const mainUri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient({ settings: { configFile: 'config/traps.json' } });
    try {
      await client.initialize(root);
      client.open(mainUri, FLAGGED);
      await client.waitFor(isDiagnostics(mainUri, (d) => severityOf(d, 'db-open-error-ignored') === 4));
      const watched = client.serverRequests.filter((r) => r.method === 'client/registerCapability').flatMap((r) => r.params.registrations);
      assert.ok(watched.some((r: any) => r.method === 'workspace/didChangeWatchedFiles' && r.registerOptions.watchers.some((w: any) => w.globPattern === '**/traps.json')));

      const since = client.notifications.length;
      client.settings = { configFile: 'config/missing.json' };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const error = await client.waitFor(isMessage(1), 10_000, since);
      assert.match(error.params.message, /missing\.json: cannot read/);
      await client.waitFor(isDiagnostics(mainUri, (d) => severityOf(d, 'db-open-error-ignored') === 1), 10_000, since);
    } finally {
      await client.shutdown();
    }
  });
});

describe('a rule that throws', () => {
  let script: string;
  before(() => {
    script = faultServer();
  });

  it('is logged once and the other rules still report', async () => {
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'main.go': FLAGGED });
    const uri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient({ script });
    try {
      await client.initialize(root);
      client.open(uri, FLAGGED);
      await client.waitFor(isDiagnostics(uri, (d) => d.some((x) => x.code === 'db-open-error-ignored')));
      const since = client.notifications.length;
      client.change(uri, 2, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '// end\n' }]);
      await client.waitFor(isDiagnostics(uri, (d) => d.some((x) => x.code === 'db-open-error-ignored')), 10_000, since);
      const logged = client.notifications.filter((n) => n.method === 'window/logMessage' && /always-throws/.test(n.params.message));
      assert.equal(logged.length, 1, 'logged exactly once');
      assert.equal(logged[0].params.type, 1);
      assert.match(logged[0].params.message, /deliberate failure/);
      const warned = client.notifications.filter((n) => n.method === 'window/showMessage' && /always-throws/.test(n.params.message));
      assert.equal(warned.length, 1);
    } finally {
      await client.shutdown();
    }
  });
});

describe('a file that crashes the server', () => {
  it('is skipped, with a notice, by the next server, until it changes on disk', async () => {
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'main.go': FLAGGED, 'crash.go': 'package main\n\n// GO_TRAPS_TEST_CRASH\n' });
    const storageDir = workspace({});
    const options = { script: faultServer(), initializationOptions: { storageDir } };
    const first = new LspClient(options);
    await first.initialize(root);
    assert.equal(await first.exited, null, 'the first server dies in the scan (killed)');

    const second = new LspClient(options);
    try {
      await second.initialize(root);
      const notice = await second.waitFor((n) => n.method === 'window/showMessage' && /crash\.go/.test(n.params.message));
      assert.match(notice.params.message, /skipped crash\.go: the Go Traps server stopped while analyzing it; it is skipped until it changes/);
      const status = await second.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && n.params.filesIndexed > 0);
      assert.equal(status.params.filesIndexed, 1, 'main.go is indexed, crash.go is not');
      const crashUri = fileUri(path.join(root, 'crash.go'));
      second.open(crashUri, 'package main\n\n// GO_TRAPS_TEST_CRASH\n');
      await second.waitFor(isDiagnostics(crashUri, (d) => d.length === 0));
      second.close(crashUri);

      writeFileSync(path.join(root, 'crash.go'), 'package main\n\n// harmless now\n');
      const since = second.notifications.length;
      second.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: crashUri, type: 2 }] });
      await second.request('goTraps/analyzeWorkspace', null);
      const after = await second.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && n.params.filesIndexed === 2, 10_000, since);
      assert.equal(after.params.filesIndexed, 2, 'a changed file is analysed again');
      assert.equal(second.exitCode, null);
    } finally {
      await second.shutdown();
    }
  });
});

describe('a tree the walk cannot fully read', () => {
  it('indexes what it can and says what it skipped', async () => {
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'main.go': FLAGGED });
    symlinkSync('missing.go', path.join(root, 'dangling.go'));
    symlinkSync('.', path.join(root, 'loop'));
    execFileSync('mkfifo', [path.join(root, 'pipe.go')]);
    const client = new LspClient();
    try {
      await client.initialize(root);
      const status = await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && n.params.filesIndexed > 0);
      assert.equal(status.params.filesIndexed, 1);
      const logged = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params.message).join('\n');
      assert.match(logged, /skipped dangling\.go: a symbolic link/);
      assert.match(logged, /skipped pipe\.go: a named pipe/);
      assert.match(logged, /indexed 1 file in .*; skipped 3 files:/);
      assert.doesNotMatch(logged, /scan of .* failed/);
    } finally {
      await client.shutdown();
    }
  });
});

describe('files the server will not analyse', () => {
  it('skips oversized and binary files with a notice, in the editor and in the scan', async () => {
    const big = FLAGGED + '\n' + Array.from({ length: 200 }, (_, i) => `var v${i} = ${i} // padding to pass the size limit`).join('\n') + '\n';
    const root = workspace({
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      '.go-traps.json': '{ "maxFileSize": 4096 }\n',
      'small.go': FLAGGED,
      'big.go': big,
    });
    const client = new LspClient();
    try {
      await client.initialize(root);
      const bigUri = fileUri(path.join(root, 'big.go'));
      client.open(bigUri, big);
      const notice = await client.waitFor((n) => n.method === 'window/showMessage' && n.params.type === 3);
      assert.match(notice.params.message, /skipped big\.go: larger than maxFileSize/);
      await client.waitFor(isDiagnostics(bigUri, (d) => d.length === 0));

      const binUri = fileUri(path.join(root, 'blob.go'));
      client.open(binUri, 'package main\n\x00\x01\x02');
      const binary = await client.waitFor((n) => n.method === 'window/showMessage' && /blob\.go/.test(n.params.message));
      assert.match(binary.params.message, /binary content/);

      const status = await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && n.params.filesIndexed > 0);
      assert.equal(status.params.filesIndexed, 1, 'only small.go is indexed');
    } finally {
      await client.shutdown();
    }
  });
});

describe('transports, languages and custom requests', () => {
  it('starts with --node-ipc', async () => {
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'main.go': FLAGGED });
    const uri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient({ transport: 'node-ipc' });
    try {
      const result = await client.initialize(root);
      assert.equal(result.serverInfo.name, 'go-traps');
      client.open(uri, FLAGGED);
      await client.waitFor(isDiagnostics(uri, (d) => d.some((x) => x.code === 'db-open-error-ignored')));
    } finally {
      await client.shutdown();
    }
  });

  it('speaks Simplified Chinese when the editor does', async () => {
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'main.go': FLAGGED });
    const uri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient({ locale: 'zh-cn' });
    try {
      await client.initialize(root);
      client.open(uri, FLAGGED);
      const published = await client.waitFor(isDiagnostics(uri, (d) => d.length > 0));
      const diagnostic = published.params.diagnostics.find((d: any) => d.code === 'db-open-error-ignored');
      assert.match(diagnostic.message, /[\u4e00-\u9fff]/);
      const actions: any[] = await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
      assert.ok(actions.every((a) => /[\u4e00-\u9fff]/.test(a.title)), actions.map((a) => a.title).join(' | '));
    } finally {
      await client.shutdown();
    }
  });

  it('answers the workspace report, analyse-workspace and split-decision requests', async () => {
    const root = workspace({
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      'cmd/app/main.go': FLAGGED,
      'internal/user/user.go': 'package user\n\n// Name is a user name.\ntype Name string\n',
    });
    const client = new LspClient();
    try {
      await client.initialize(root);
      await client.request('goTraps/analyzeWorkspace', null);
      // The status is sent before the response, so a client reading it on return sees the finished count.
      const statuses = client.notifications.filter((n) => n.method === 'goTraps/status');
      assert.equal(statuses[statuses.length - 1]?.params.indexing, false);
      assert.ok(statuses[statuses.length - 1].params.trapCount > 0);
      const report = await client.request('goTraps/workspaceReport', null);
      assert.equal(report.indexing, false);
      assert.equal(report.filesIndexed, 2);
      assert.ok(Array.isArray(report.checklist) && report.checklist.length > 0);
      const withFindings = report.checklist.flatMap((item: any) => item.findings);
      const finding = withFindings.find((f: any) => f.ruleId === 'db-open-error-ignored');
      assert.equal(finding?.uri, fileUri(path.join(root, 'cmd/app/main.go')));
      assert.equal(typeof report.coupling.score, 'number');
      const status = await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing && n.params.trapCount > 0);
      assert.equal(status.params.trapCount, withFindings.filter((f: any) => f.uri.endsWith('/cmd/app/main.go')).length || status.params.trapCount);
      const decision = await client.request('goTraps/splitDecision', { qps: 100, teamSize: 3, couplingScore: 0.2 });
      assert.equal(decision.split, false);
    } finally {
      await client.shutdown();
    }
  });

  it('runs on save only when asked to', async () => {
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'main.go': FLAGGED });
    const uri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient({ settings: { run: 'onSave' } });
    try {
      await client.initialize(root);
      client.open(uri, FLAGGED);
      await client.waitFor(isDiagnostics(uri, (d) => d.length > 0));
      await client.waitFor((n) => n.method === 'goTraps/status' && !n.params.indexing);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const since = client.notifications.length;
      client.change(uri, 2, [{ text: FLAGGED.replace('db, _ :=', 'db, err :=').replace('fmt.Println(db)', 'fmt.Println(db, err)') }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(client.notifications.slice(since).filter((n) => n.method === 'textDocument/publishDiagnostics').length, 0);
      client.notify('textDocument/didSave', { textDocument: { uri } });
      await client.waitFor(isDiagnostics(uri, (d) => !d.some((x) => x.code === 'db-open-error-ignored')), 10_000, since);
    } finally {
      await client.shutdown();
    }
  });
});
