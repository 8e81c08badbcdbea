/** The worker pool survives its workers: a crash or a stuck file never leaves a request unanswered. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { WorkerPool } from '../../server/src/engine/worker-pool';
import { defaultSettings } from '../../server/src/engine/config';
import { REPO_ROOT } from '../support/repo';

/**
 * A stand-in for analysis-worker.js speaking the same protocol: `crash` kills the thread, `loop` never ends,
 * `index` answers with the paths whose declarations it holds.
 */
const FAKE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const startedId = new Int32Array(workerData.started, 0, 1);
const startedAt = new Float64Array(workerData.started, 8, 1);
let held = new Set();
const kept = new Set();
let sent = [];
parentPort.on('message', (request) => {
  if (request.type === 'index') {
    if (request.order) {
      sent = request.files.map(([path]) => path);
      held = new Set(request.order.filter((path) => sent.includes(path) || kept.has(path)));
      kept.clear();
      return;
    }
    if (request.reset) held.clear();
    for (const path of request.remove || []) held.delete(path);
    for (const [path] of request.files) held.add(path);
    return;
  }
  startedAt[0] = Date.now();
  Atomics.store(startedId, 0, request.id);
  if (request.path === 'index') return parentPort.postMessage({ id: request.id, declared: { skipped: [...held].sort().join(',') } });
  if (request.path === 'who') return parentPort.postMessage({ id: request.id, declared: { skipped: String(require('node:worker_threads').threadId) } });
  if (request.path === 'sent') return parentPort.postMessage({ id: request.id, declared: { skipped: sent.join(',') } });
  if (request.keep) {
    kept.add(request.path);
    return parentPort.postMessage({ id: request.id, declared: { skipped: 'kept ' + request.path }, kept: true });
  }
  if (request.path === 'crash') process.exit(3);
  if (request.path === 'throw') setImmediate(() => { throw new Error('outside any request'); });
  if (request.path === 'loop') for (;;) {}
  parentPort.postMessage({ id: request.id, declared: { skipped: 'answered ' + request.path } });
});
`;

function fakeWorker(script = FAKE_WORKER): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'go-traps-pool-')), 'worker.js');
  writeFileSync(file, script);
  return file;
}

/** A worker that dies at start-up every time, as one with too little heap for the parser does. */
const DYING_WORKER = `process.exit(1);`;

const location = { path: 'x.go', modulePath: '', packageDir: '', domain: '', goVersion: '' };

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}

describe('worker pool', () => {
  it('replaces a worker that exits, and answers the requests after it', async () => {
    const pool = new WorkerPool(fakeWorker(), 1, { settings: defaultSettings(), collectors: false });
    try {
      await assert.rejects(within(pool.request('declare', { path: 'crash', fsPath: 'crash', location }), 10_000, 'crash'), /exited with code 3/);
      const after = await within(pool.request('declare', { path: 'ok', fsPath: 'ok', location }), 10_000, 'the request after the crash');
      assert.deepEqual(after.declared, { skipped: 'answered ok' });
    } finally {
      await pool.close();
    }
  });

  it('fails only the request a worker died on: the ones queued behind it are answered by its replacement', async () => {
    const pool = new WorkerPool(fakeWorker(), 1, { settings: defaultSettings(), collectors: false });
    try {
      const crash = pool.request('declare', { path: 'crash', fsPath: 'crash', location });
      const queued = pool.request('declare', { path: 'queued', fsPath: 'queued', location });
      await assert.rejects(within(crash, 10_000, 'crash'), /exited with code 3/);
      assert.deepEqual((await within(queued, 10_000, 'the request queued behind the crash')).declared, { skipped: 'answered queued' });
    } finally {
      await pool.close();
    }
  });

  it('brings a replacement worker to the declarations the others hold', async () => {
    const pool = new WorkerPool(fakeWorker(), 1, { settings: defaultSettings(), collectors: false });
    const decls = { package: 'p', imports: [], members: [] } as never;
    try {
      pool.update([['a.go', 'p', decls], ['b.go', 'p', decls]], []);
      pool.update([['c.go', 'p', decls]], ['a.go']);
      assert.deepEqual((await pool.request('declare', { path: 'index', fsPath: 'index', location })).declared, { skipped: 'b.go,c.go' });
      await assert.rejects(pool.request('declare', { path: 'crash', fsPath: 'crash', location }), /exited with code 3/);
      const replayed = await within(pool.request('declare', { path: 'index', fsPath: 'index', location }), 10_000, 'after the crash');
      assert.deepEqual(replayed.declared, { skipped: 'b.go,c.go' }, 'the new worker holds what the dead one held');
    } finally {
      await pool.close();
    }
  });

  it('shares declarations: each worker is sent only the files it did not keep, and holds them all', async () => {
    const pool = new WorkerPool(fakeWorker(), 2, { settings: defaultSettings(), collectors: false });
    const decls = { package: 'p', imports: [], members: [] } as never;
    try {
      // Asked together, the requests alternate between the two workers: a.go and c.go to one, b.go and d.go to the other.
      await Promise.all(['a.go', 'b.go', 'c.go', 'd.go'].map((p) => pool.request('declare', { path: p, fsPath: p, location, keep: true })));
      pool.share(['a.go', 'b.go', 'c.go', 'd.go'].map((p) => [p, 'p', decls]));
      const ask = (what: string) => Promise.all([0, 1].map(() => pool.request('declare', { path: what, fsPath: what, location })));
      const held = (await ask('index')).map((a) => (a.declared as { skipped: string }).skipped);
      assert.deepEqual(held, ['a.go,b.go,c.go,d.go', 'a.go,b.go,c.go,d.go']);
      const sent = (await ask('sent')).map((a) => (a.declared as { skipped: string }).skipped).sort();
      assert.deepEqual(sent, ['a.go,c.go', 'b.go,d.go']);
    } finally {
      await pool.close();
    }
  });

  it('sends requests with the same affinity to the same worker', async () => {
    const pool = new WorkerPool(fakeWorker(), 2, { settings: defaultSettings(), collectors: false });
    try {
      const affinities = [0, 0, 0, 1, 1, 1, 2, 2];
      const answers = await Promise.all(affinities.map((a) => pool.request('declare', { path: 'who', fsPath: 'who', location }, a)));
      const threads = answers.map((a) => (a.declared as { skipped: string }).skipped);
      assert.deepEqual(new Set(threads.slice(0, 3)).size, 1);
      assert.deepEqual(new Set(threads.slice(3, 6)).size, 1);
      assert.notEqual(threads[0], threads[3]);
      assert.deepEqual(threads.slice(6), [threads[0], threads[0]], 'affinity 2 picks the first worker again');
    } finally {
      await pool.close();
    }
  });

  it('sends every request to the first worker after sharing the index with it alone', async () => {
    const pool = new WorkerPool(fakeWorker(), 2, { settings: defaultSettings(), collectors: false });
    const decls = { package: 'p', imports: [], members: [] } as never;
    try {
      pool.share([['a.go', 'p', decls]], 1);
      const answers = await Promise.all([0, 1, 2, 3].map((a) => pool.request('declare', { path: 'who', fsPath: 'who', location }, a)));
      assert.equal(new Set(answers.map((a) => (a.declared as { skipped: string }).skipped)).size, 1);
      pool.update([], []);
      const spread = await Promise.all([0, 1].map((a) => pool.request('declare', { path: 'who', fsPath: 'who', location }, a)));
      assert.equal(new Set(spread.map((a) => (a.declared as { skipped: string }).skipped)).size, 2, 'an update gives both workers requests again');
    } finally {
      await pool.close();
    }
  });

  it('fails the requests still waiting when it closes', async () => {
    const pool = new WorkerPool(fakeWorker(), 1, { settings: defaultSettings(), collectors: false });
    const stuck = assert.rejects(within(pool.request('declare', { path: 'loop', fsPath: 'loop', location }), 10_000, 'closing'), /closed/);
    await pool.close();
    await stuck;
  });

  it('replaces a worker that throws outside a request', async () => {
    const pool = new WorkerPool(fakeWorker(), 1, { settings: defaultSettings(), collectors: false });
    try {
      // The worker answers and then dies; the pool may hear of the death before the answer (then the request
      // fails) — either is right. What matters is the request after it.
      await within(pool.request('declare', { path: 'throw', fsPath: 'throw', location }), 10_000, 'throw').catch((error: Error) => {
        assert.match(error.message, /outside any request/);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await within(pool.request('declare', { path: 'ok', fsPath: 'ok', location }), 10_000, 'the request after the throw');
      assert.deepEqual(after.declared, { skipped: 'answered ok' });
    } finally {
      await pool.close();
    }
  });

  it('stops replacing workers that die at start-up, and answers every request as unavailable instead of looping', async () => {
    const pool = new WorkerPool(fakeWorker(DYING_WORKER), 2, { settings: defaultSettings(), collectors: false });
    try {
      const answers = await within(
        Promise.all(['a', 'b', 'c', 'd'].map((p) => pool.request('declare', { path: p, fsPath: p, location }))),
        20_000,
        'requests to workers that die at start-up',
      );
      for (const answer of answers) assert.equal(answer.unavailable, true, JSON.stringify(answer));
      const later = await within(pool.request('declare', { path: 'e', fsPath: 'e', location }), 5_000, 'a later request');
      assert.equal(later.unavailable, true);
    } finally {
      await pool.close();
    }
  });

  it('gives up a request past the budget and carries on with the next', async () => {
    const pool = new WorkerPool(fakeWorker(), 1, { settings: defaultSettings(), collectors: false }, { budgetMs: 300 });
    try {
      const [stuck, next] = await within(
        Promise.all([pool.request('declare', { path: 'loop', fsPath: 'loop', location }), pool.request('declare', { path: 'ok', fsPath: 'ok', location })]),
        20_000,
        'budget',
      );
      assert.equal(stuck.budget, true);
      assert.deepEqual(next.declared, { skipped: 'answered ok' });
    } finally {
      await pool.close();
    }
  });

  // The language server's workers yield the CPU to the editor's thread; Linux keeps a nice value per thread.
  it('runs background workers at a lower priority than the thread that made them', { skip: process.platform !== 'linux' ? 'per-thread priorities are Linux only' : false }, async () => {
    const niceOfThreads = () =>
      readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'go-traps-nice-')), 'a.go');
    writeFileSync(file, 'package a\n');
    const script = path.join(REPO_ROOT, 'server/out/analysis-worker.js');
    const own = Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')[16]);
    assert.ok(own < 10 && niceOfThreads().every((nice) => nice === own), 'every thread at this thread\'s priority before');
    const pool = new WorkerPool(script, 1, { settings: defaultSettings(), collectors: false, background: true });
    try {
      const answer = await within(pool.request('declare', { path: 'a.go', fsPath: file, location }), 20_000, 'declare');
      assert.ok(answer.declared && !('skipped' in answer.declared), JSON.stringify(answer));
      // The worker's thread only: libuv's shared file-system threads keep this thread's priority.
      assert.equal(niceOfThreads().filter((nice) => nice === 10).length, 1, 'one thread at nice 10');
      assert.equal(niceOfThreads().filter((nice) => nice === own).length, niceOfThreads().length - 1, 'the others keep their priority');
    } finally {
      await pool.close();
    }
  });
});
