/**
 * The language server's worker threads (issue 11): the scan and full analyses run off the main thread and must
 * give what the in-thread server gives; an edit during a scan, a stale answer and a dying worker are handled.
 */
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileUri, LspClient, Notification, repoRoot } from '../support/lsp-client';
import { SLOW_MS, WORKER_CRASH_MARKER, WORKER_SLOW_MARKER } from './fault-worker';
import { tempWorkspaces } from '../support/temp-workspace';


const workspace = tempWorkspaces('go-traps-workers-');

/** Bundles a test entry (not a test file itself) next to the test bundles, with the project's bundle options. */
function bundle(entry: string): string {
  const out = path.join(repoRoot(), 'test', 'out', 'lsp', `${entry}.js`);
  execFileSync(path.join(repoRoot(), 'node_modules', 'esbuild', 'bin', 'esbuild'), [
    path.join(repoRoot(), 'test', 'lsp', `${entry}.ts`),
    '--bundle',
    '--platform=node',
    '--target=node20',
    '--format=cjs',
    '--log-level=warning',
    `--outfile=${out}`,
    '--define:import.meta.url=__goTrapsImportMetaUrl',
    '--alias:jsonc-parser=jsonc-parser/lib/esm/main.js',
    "--banner:js=const __goTrapsImportMetaUrl = require('url').pathToFileURL(__filename).href;",
  ]);
  return out;
}

let faultServer: string | undefined;
/** The server whose workers run fault-worker.ts. */
function workerFaultServer(): string {
  if (!faultServer) {
    bundle('fault-worker');
    faultServer = bundle('worker-fault-server');
  }
  return faultServer;
}

const isStatus = (n: Notification) => n.method === 'goTraps/status';
const codes = (diagnostics: any[]) => diagnostics.map((d) => d.code).sort();

/** The diagnostics an editor holds now: the last publication per URI. */
function held(client: LspClient): Map<string, any[]> {
  const byUri = new Map<string, any[]>();
  for (const n of client.notifications) if (n.method === 'textDocument/publishDiagnostics') byUri.set(n.params.uri, n.params.diagnostics);
  return byUri;
}

/** Waits for the scan to end, then until nothing new arrives for a while (publication follows with a delay). */
async function settled(client: LspClient, timeoutMs = 30_000): Promise<void> {
  await client.waitFor((n) => isStatus(n) && !n.params.indexing && n.params.filesIndexed > 0, timeoutMs);
  let count = -1;
  while (count !== client.notifications.length) {
    count = client.notifications.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const logged = (client: LspClient, pattern: RegExp) => client.notifications.filter((n) => n.method === 'window/logMessage' && pattern.test(n.params.message));

/** Every file's diagnostics and the status, as the server publishes them after its scan. */
async function publishedAfterScan(root: string, env: NodeJS.ProcessEnv): Promise<{ byUri: Record<string, any[]>; status: any; scanLog: string }> {
  const client = new LspClient({ env });
  try {
    await client.initialize(root);
    await settled(client);
    const byUri: Record<string, any[]> = {};
    for (const [uri, diagnostics] of [...held(client)].sort(([a], [b]) => a.localeCompare(b))) byUri[uri] = diagnostics;
    const status = client.notifications.filter(isStatus).pop()!.params;
    return { byUri, status, scanLog: logged(client, /^go-traps: indexed/)[0]?.params.message ?? '' };
  } finally {
    await client.shutdown();
  }
}

describe('language server workers', () => {
  for (const fixture of ['workspace', 'layouts/constructor']) {
    it(`publishes on test-fixtures/${fixture} exactly what the in-thread server publishes`, async () => {
      const root = workspace({});
      cpSync(path.join(repoRoot(), 'test-fixtures', fixture), root, { recursive: true });
      const inThread = await publishedAfterScan(root, { GO_TRAPS_WORKERS: '0' });
      const inWorkers = await publishedAfterScan(root, {});
      assert.match(inThread.scanLog, /on the main thread/);
      assert.match(inWorkers.scanLog, /in \d+ worker threads?/);
      const count = Object.values(inThread.byUri).flat().length;
      assert.ok(count > 0, 'the fixture has findings to compare');
      assert.deepEqual(inWorkers.byUri, inThread.byUri);
      assert.equal(inWorkers.status.trapCount, inThread.status.trapCount);
      assert.equal(inWorkers.status.filesIndexed, inThread.status.filesIndexed);
    });
  }

  it('an edit made while the scan runs ends with the right diagnostics, types from other files included', async () => {
    const files: Record<string, string> = {
      'go.mod': 'module example.com/shop\n\ngo 1.21\n',
      'store/db.go': 'package store\n\nimport "database/sql"\n\n// Pool is the shared pool.\nvar Pool *sql.DB\n',
      'order/count.go': 'package order\n\nfunc Count() int {\n\treturn 0\n}\n',
    };
    // Enough files that the scan is still running when the edit lands.
    const body = Array.from({ length: 40 }, (_, i) => `func F${i}(xs []int) int {\n\tn := 0\n\tfor _, x := range xs {\n\t\tn += x * ${i}\n\t}\n\treturn n\n}\n`).join('\n');
    for (let i = 0; i < 400; i++) files[`filler/f${i}.go`] = `package filler\n\n${body.replaceAll('func F', `func G${i}_`)}`;
    const root = workspace(files);
    const uri = fileUri(path.join(root, 'order/count.go'));
    const client = new LspClient();
    try {
      await client.initialize(root);
      await client.waitFor((n) => isStatus(n) && n.params.indexing && n.params.scan?.total > 0, 20_000);
      client.open(uri, files['order/count.go']);
      const edited = 'package order\n\nimport "example.com/shop/store"\n\nfunc Count() int {\n\tvar n int\n\t_ = store.Pool.QueryRow("SELECT COUNT(*) FROM orders").Scan(&n)\n\treturn n\n}\n';
      client.change(uri, 2, [{ text: edited }]);
      const editedAt = client.now();
      await settled(client);
      const scanEnd = client.notifications.find((n) => isStatus(n) && !n.params.indexing && n.params.filesIndexed > 0)!;
      assert.ok(scanEnd.at > editedAt, 'the edit landed while the scan ran');
      const last = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).pop()!;
      assert.equal(last.params.version, 2);
      assert.deepEqual(codes(last.params.diagnostics), ['db-no-context'], 'store.Pool resolves to *sql.DB through the folder index');
    } finally {
      await client.shutdown();
    }
  });

  it('drops a worker answer for a version the document has left', async () => {
    const flagged = `package main\n\n// ${WORKER_SLOW_MARKER}\n\nimport (\n\t"database/sql"\n\t"fmt"\n)\n\nfunc main() {\n\tdb, _ := sql.Open("postgres", "dsn")\n\tfmt.Println(db)\n}\n`;
    const clean = `package main\n\n// ${WORKER_SLOW_MARKER}\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("no database")\n}\n`;
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'other.go': 'package main\n' });
    const uri = fileUri(path.join(root, 'main.go'));
    const client = new LspClient({ script: workerFaultServer() });
    try {
      await client.initialize(root);
      await settled(client);
      const since = client.notifications.length;
      client.open(uri, flagged);
      // The light analysis answers at once; the worker's full analysis of version 1 is held SLOW_MS.
      assert.deepEqual(codes(await client.diagnostics(uri, 1)), ['db-open-error-ignored']);
      client.change(uri, 2, [{ text: clean }]);
      const dropped = await client.waitFor((n) => n.method === 'window/logMessage' && /dropped a stale analysis of main\.go \(v1/.test(n.params.message), SLOW_MS * 4, since);
      // Version 2's own full analysis (also held) publishes after the drop.
      await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.at > dropped.at, SLOW_MS * 4);
      const afterEdit = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === 2);
      assert.ok(afterEdit.length >= 2, 'a light and a full publication of version 2');
      for (const n of afterEdit) assert.deepEqual(codes(n.params.diagnostics), [], 'nothing of version 1 comes back');
      assert.ok(!client.notifications.slice(since).some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === 1 && n.at > dropped.at));
    } finally {
      await client.shutdown();
    }
  });

  it('a worker that dies costs one file, reported, and the server carries on', async () => {
    const flagged = (name: string) => `package app\n\nimport (\n\t"database/sql"\n\t"fmt"\n)\n\nfunc ${name}() {\n\tdb, _ := sql.Open("postgres", "dsn")\n\tfmt.Println(db)\n}\n`;
    const files: Record<string, string> = { 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'crash.go': `package app\n\n// ${WORKER_CRASH_MARKER}\n${flagged('Crash').slice('package app\n'.length)}` };
    for (let i = 0; i < 12; i++) files[`f${i}.go`] = flagged(`F${i}`);
    const root = workspace(files);
    const client = new LspClient({ script: workerFaultServer() });
    try {
      await client.initialize(root);
      await settled(client);
      assert.equal(client.exitCode, null, 'the server is alive');
      const byUri = held(client);
      for (let i = 0; i < 12; i++) {
        assert.ok(codes(byUri.get(fileUri(path.join(root, `f${i}.go`))) ?? []).includes('db-open-error-ignored'), `f${i}.go analysed despite the crash`);
      }
      assert.equal(logged(client, /skipped crash\.go: an analysis worker exited with code 3/).length, 1);
      const status = client.notifications.filter(isStatus).pop()!.params;
      assert.equal(status.filesSkipped, 1);
      assert.equal(status.filesIndexed, 12);
      // Open documents still get their diagnostics: the light analysis here, full ones from a new worker.
      const crashUri = fileUri(path.join(root, 'crash.go'));
      client.open(crashUri, files['crash.go']);
      assert.ok(codes(await client.diagnostics(crashUri, 1)).includes('db-open-error-ignored'));
      await client.waitFor((n) => n.method === 'window/logMessage' && /skipped the full analysis of crash\.go/.test(n.params.message), 10_000);
      const f0 = fileUri(path.join(root, 'f0.go'));
      client.open(f0, files['f0.go'] + '\nfunc Extra() {}\n');
      assert.ok(codes(await client.diagnostics(f0, 1)).includes('db-open-error-ignored'));
      assert.equal(client.exitCode, null);
    } finally {
      await client.shutdown();
    }
  });

  // V8's helper threads collect the workers' garbage during a scan: at the editor thread's priority they took a
  // core from keystrokes. Linux keeps a nice value per thread.
  it('runs V8\'s helper threads below the main thread, and libuv\'s file-system threads at its priority', { skip: process.platform !== 'linux' ? 'per-thread priorities are Linux only' : false }, async () => {
    const niceOf = (stat: string) => Number(stat.split(') ')[1].split(' ')[16]);
    const threadsOf = (pid: number) =>
      readdirSync(`/proc/${pid}/task`).map((tid) => ({ tid: Number(tid), nice: niceOf(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')) }));
    const own = niceOf(readFileSync('/proc/self/stat', 'utf8'));
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'a.go': 'package app\n' });
    for (const [env, lowered] of [[{}, true], [{ GO_TRAPS_WORKERS: '0' }, false]] as const) {
      const client = new LspClient({ env });
      try {
        await client.initialize(root);
        await settled(client);
        const threads = threadsOf(client.pid!);
        const main = threads.find((t) => t.tid === client.pid)!;
        const others = threads.filter((t) => t !== main);
        assert.equal(main.nice, own, 'the main thread keeps its priority');
        if (lowered) {
          // V8's four platform threads and its delayed-task thread; the walk started libuv's threads afterwards.
          assert.ok(others.filter((t) => t.nice === 10).length >= 4, JSON.stringify(threads));
          assert.ok(others.some((t) => t.nice === own), `libuv's threads keep the main thread's priority: ${JSON.stringify(threads)}`);
        } else {
          assert.deepEqual(others.filter((t) => t.nice !== own), [], 'without workers nothing is lowered');
        }
      } finally {
        await client.shutdown();
      }
    }
  });

  // A re-scan keeps the declarations of files whose text and place did not change; a changed file is read again,
  // and every file's rules run again against what the files now declare.
  it('a re-scan keeps unchanged files\' declarations and reads a changed one again, even unannounced', async () => {
    const store = 'package store\n\nimport "database/sql"\n\nvar DB *sql.DB\n';
    const cache = 'package store\n\ntype Cache struct{}\n\nfunc (Cache) QueryRow(q string) int { return 0 }\n\nvar DB Cache\n';
    const repo = 'package user\n\nimport "example.com/app/store"\n\nfunc Count() int {\n\treturn store.DB.QueryRow(`SELECT count(*) FROM users`)\n}\n';
    const root = workspace({ 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'store/db.go': store, 'user/repo.go': repo, 'user/other.go': 'package user\n\nfunc Other() {}\n' });
    const client = new LspClient();
    try {
      await client.initialize(root);
      await settled(client);
      const repoUri = fileUri(path.join(root, 'user/repo.go'));
      const queryFindings = () => codes(held(client).get(repoUri) ?? []).filter((code) => code === 'db-no-context');
      assert.deepEqual(queryFindings(), ['db-no-context'], 'the pool from the other package is seen');
      // No watcher event: only the re-scan can notice.
      writeFileSync(path.join(root, 'store/db.go'), cache);
      await client.request('goTraps/analyzeWorkspace', null);
      await settled(client);
      assert.deepEqual(queryFindings(), [], 'the changed declaration was read again');
      const scans = logged(client, /^go-traps: indexed/).map((n) => n.params.message as string);
      assert.equal(scans.length, 2, scans.join('\n'));
      assert.doesNotMatch(scans[0], /kept/);
      assert.match(scans[1], /declarations of 2 unchanged files kept/);
      // And back: the store's old text is read again too (its earlier declarations are not taken for the new ones').
      writeFileSync(path.join(root, 'store/db.go'), store);
      await client.request('goTraps/analyzeWorkspace', null);
      await settled(client);
      assert.deepEqual(queryFindings(), ['db-no-context']);
    } finally {
      await client.shutdown();
    }
  });
});
