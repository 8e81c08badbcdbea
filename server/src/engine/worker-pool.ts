/**
 * A few worker threads running analysis-worker.ts, fed a few requests each, least-busy first. Each worker says
 * when it starts a request, so the pool always knows which file a worker is on: one that holds a worker past
 * the per-file budget (or runs it out of memory) is given up — the worker is replaced, its other requests go
 * to the new one, and that file's request answers with `budget` set. Synchronous work cannot be interrupted
 * on its own thread; a worker can be. The pool keeps the declarations it last sent, so a replacement worker is
 * brought to the same state before its first request.
 */
import { access } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileDecls } from '../go/declarations';
import type { WorkerInit, WorkerRequest, WorkerResult } from './analysis-worker';
import { declaredFromCache } from './file-work';
import type { FileLocation } from './rule';

type IndexRequest = Extract<WorkerRequest, { type: 'index' }>;

type Request = Exclude<WorkerRequest, { type: 'index' }>;
type Payload<T extends Request['type']> = Omit<Extract<Request, { type: T }>, 'id' | 'type'>;

interface Waiting {
  request: Request;
  resolve: (result: WorkerResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Requests sent to this worker, oldest first; the first is the one it works on. */
  queue: Waiting[];
  /**
   * What the worker is on, written by the worker itself in memory both threads share (no message per request to
   * send and to handle): the id of the request it started last, and when (Date.now()).
   */
  started: { id: Int32Array; at: Float64Array };
  /** Whether this worker has answered anything: one that dies before its first answer may die again at once. */
  answered?: boolean;
  /** Files whose declarations this worker kept when it declared them (see `share`). */
  kept: Set<string>;
}

/** Workers in a row that may die before answering anything before the pool stops replacing them. */
const MAX_BARREN_DEATHS = 3;

export interface PoolOptions {
  /** Milliseconds one request may hold a worker; unlimited when undefined. */
  budgetMs?: number;
  /**
   * A worker's old-generation heap limit in MiB (V8 collects sooner as it nears it); a request that needs more
   * is given up like one past the budget. Node's default when undefined.
   */
  maxHeapMb?: number;
}

/** Requests a preferred worker may have queued beyond the least busy one before a request goes elsewhere. */
const AFFINITY_SLACK = 16;

/** The young generation of a worker whose heap is limited (V8's default for a worker grows to 32 MiB or more). */
const YOUNG_GENERATION_MB = 8;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  /** Requests go to the first `active` workers only (see `share`). */
  private active: number;
  /** Every file's declarations as the workers hold them: path → [package key, decls]. */
  private readonly index = new Map<string, [string, FileDecls]>();
  private readonly watchdog: NodeJS.Timeout | undefined;
  private closed = false;
  /** Workers that died in a row before answering anything (at start-up, loading the index). */
  private barrenDeaths = 0;
  /** Set when workers keep dying at start-up: every request answers with this instead of respawning for ever. */
  private broken: string | undefined;

  constructor(
    private readonly script: string,
    jobs: number,
    private readonly init: WorkerInit,
    private readonly options: PoolOptions = {},
  ) {
    for (let i = 0; i < jobs; i++) this.slots.push(this.spawn());
    this.active = this.slots.length;
    const budget = options.budgetMs;
    if (budget !== undefined) {
      this.watchdog = setInterval(() => this.enforceBudget(budget), Math.max(10, Math.min(250, budget / 4)));
      this.watchdog.unref();
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /**
   * Replaces the workers' type index (every one that replaces a worker later gets it too), sending each worker only
   * the declarations it did not keep when it declared the files itself (declare requests with `keep`): with two
   * workers, half the copying. A few files to analyse are worth one worker's copy only (`workers`). `derived`: the
   * derived answers' fingerprints known for exactly this index (see TypeIndex.presetDerived).
   */
  share(files: IndexRequest['files'], workers = this.slots.length, derived?: Record<string, string>): void {
    this.remember(files, [], true);
    const order = files.map(([path]) => path);
    // With `workers` below the pool's size, the others get nothing and no request until the next index.
    this.active = Math.max(1, Math.min(workers, this.slots.length));
    for (const slot of this.slots.slice(0, this.active)) {
      const missing = slot.kept.size > 0 ? files.filter(([path]) => !slot.kept.has(path)) : files;
      slot.worker.postMessage({ type: 'index', files: missing, order, ...(derived ? { derived } : {}) } satisfies IndexRequest);
      slot.kept.clear();
    }
  }

  /** Sets some files' declarations and drops others' (`reset`: drop all first) in every worker. */
  update(files: IndexRequest['files'], remove: readonly string[], reset = false): void {
    this.active = this.slots.length;
    this.remember(files, remove, reset);
    const request: IndexRequest = { type: 'index', files, ...(remove.length > 0 ? { remove: [...remove] } : {}), ...(reset ? { reset } : {}) };
    for (const slot of this.slots) slot.worker.postMessage(request);
  }

  /** Keeps the declarations the workers hold, for a worker that replaces one (see `spawn`). */
  private remember(files: IndexRequest['files'], remove: readonly string[], reset: boolean): void {
    if (reset) this.index.clear();
    for (const path of remove) this.index.delete(path);
    for (const [path, key, decls] of files) this.index.set(path, [key, decls]);
  }

  /**
   * Sends a request to the least busy worker, or with `affinity` to the worker that number picks, unless that one
   * is far behind the least busy: requests with the same affinity (files of one directory) then share what a
   * worker keeps between requests (its directory's cache pack).
   */
  request<T extends Request['type']>(type: T, payload: Payload<T>, affinity?: number): Promise<WorkerResult> {
    const slots = this.active < this.slots.length ? this.slots.slice(0, this.active) : this.slots;
    const idlest = slots.reduce((a, b) => (b.queue.length < a.queue.length ? b : a));
    const preferred = affinity === undefined ? idlest : slots[affinity % slots.length];
    const slot = preferred.queue.length > idlest.queue.length + AFFINITY_SLACK ? idlest : preferred;
    const request = { type, id: this.nextId++, ...payload } as Request;
    if (this.closed) return Promise.reject(new Error('the analysis workers were closed'));
    if (this.broken) return Promise.resolve({ id: request.id, error: this.broken, unavailable: true });
    return new Promise((resolve, reject) => {
      slot.queue.push({ request, resolve, reject });
      slot.worker.postMessage(request);
    });
  }

  /** Ends every worker; requests still waiting fail, so nobody waits on them forever. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    const closed = new Error('the analysis workers were closed');
    for (const slot of this.slots) for (const waiting of slot.queue.splice(0)) waiting.reject(closed);
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    // With a heap limit the young generation is held small too: each worker's nursery otherwise grows to tens of
    // megabytes of short-lived nodes, which two workers add to the peak (stdlib CLI: 383–421 → 333–356 MB, same CPU).
    const limits = this.options.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } } : {};
    // A background worker lowers its thread's priority, and threads inherit the priority of the thread that
    // starts them: libuv's file-system threads, shared by the whole process, must be started from here first.
    if (this.init.background) access(this.script, () => undefined);
    const shared = new SharedArrayBuffer(16);
    const started = { id: new Int32Array(shared, 0, 1).fill(-1), at: new Float64Array(shared, 8, 1) };
    const worker = new Worker(this.script, { workerData: { ...this.init, started: shared } satisfies WorkerInit, ...limits });
    const slot: Slot = { worker, queue: [], kept: new Set(), started };
    worker.on('message', (answer: WorkerResult | string) => {
      const message: WorkerResult = typeof answer === 'string' ? JSON.parse(answer) : answer;
      const at = slot.queue.findIndex((w) => w.request.id === message.id);
      if (at < 0) return;
      if (message.cachedEntry) {
        // Parsed here, once: a structured clone of the same objects cost the main thread several times more.
        const request = slot.queue[at].request as { location: FileLocation };
        const declared = declaredFromCache(message.cachedEntry.raw, message.cachedEntry.key, request.location);
        delete message.cachedEntry;
        // An unreadable entry: the caller declares the file itself (and misses the cache there too).
        if (declared) message.declared = declared;
        else {
          message.unavailable = true;
          // Nor can the worker use what it kept of it: share must send it this file's declarations.
          delete message.kept;
        }
      }
      const [waiting] = slot.queue.splice(at, 1);
      if (message.kept) slot.kept.add((waiting.request as { path: string }).path);
      slot.answered = true;
      this.barrenDeaths = 0;
      waiting.resolve(message);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.giveUp(slot, 'analysis ran out of memory, skipped');
      else this.fail(slot, error);
    });
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.fail(slot, new Error(`an analysis worker exited with code ${code}`));
    });
    if (this.index.size > 0) {
      const files = [...this.index].map(([path, [key, decls]]) => [path, key, decls] as IndexRequest['files'][number]);
      worker.postMessage({ type: 'index', files, reset: true } satisfies IndexRequest);
    }
    return slot;
  }

  private enforceBudget(budget: number): void {
    for (const slot of [...this.slots]) {
      const since = this.startedAt(slot);
      if (since !== undefined && Date.now() - since > budget) {
        this.giveUp(slot, `analysis took longer than the per-file budget of ${budget / 1000} s, skipped`);
      }
    }
  }

  /** When the worker started the first request of its queue, or undefined when it has not started it yet. */
  private startedAt(slot: Slot): number | undefined {
    const head = slot.queue[0];
    // The worker writes the time first, then the id (an atomic store): the id read here comes with its time.
    if (head === undefined || Atomics.load(slot.started.id, 0) !== head.request.id) return undefined;
    return slot.started.at[0];
  }

  /** Drops the request a worker is stuck on, replaces the worker, and hands the rest of its queue to the new one. */
  private giveUp(slot: Slot, reason: string): void {
    const position = this.slots.indexOf(slot);
    if (position < 0 || this.closed) return;
    if (this.diesBarren(slot, reason)) return;
    // Only a request the worker had started is to blame; one it never began goes to the replacement.
    const stuck = this.startedAt(slot) !== undefined ? slot.queue[0] : undefined;
    const rest = stuck ? slot.queue.slice(1) : slot.queue;
    const replacement = this.spawn();
    this.slots[position] = replacement;
    void slot.worker.terminate();
    for (const waiting of rest) {
      replacement.queue.push(waiting);
      replacement.worker.postMessage(waiting.request);
    }
    stuck?.resolve({ id: stuck.request.id, error: reason, budget: true });
  }

  /**
   * A worker died (an exception outside a request, a crash): a fresh worker takes its place — a dead slot would
   * otherwise look idle and swallow every later request. The request it was on fails; the ones queued behind
   * it go to the new worker, so one bad file costs one file.
   */
  private fail(slot: Slot, error: Error): void {
    const position = this.slots.indexOf(slot);
    if (position >= 0 && !this.closed && this.diesBarren(slot, error.message)) return;
    void slot.worker.terminate();
    const begun = this.startedAt(slot) !== undefined;
    const queue = slot.queue.splice(0);
    const current = begun ? queue.shift() : undefined;
    const rest = queue;
    if (position < 0 || this.closed) {
      for (const waiting of [current, ...rest]) waiting?.reject(error);
      return;
    }
    const replacement = this.spawn();
    this.slots[position] = replacement;
    for (const waiting of rest) {
      replacement.queue.push(waiting);
      replacement.worker.postMessage(waiting.request);
    }
    current?.reject(error);
  }
  /**
   * Counts a worker that died before answering anything. After MAX_BARREN_DEATHS in a row (a heap too small to load
   * the parser or the index, a broken bundle) the pool stops replacing workers — that would loop for ever — and
   * answers every waiting and later request as `unavailable`, so the caller does the work without workers.
   */
  private diesBarren(slot: Slot, reason: string): boolean {
    if (slot.answered) return false;
    if (++this.barrenDeaths < MAX_BARREN_DEATHS) return false;
    this.broken = `the analysis workers keep dying at start-up (${reason})`;
    for (const dead of this.slots) {
      void dead.worker.terminate();
      for (const waiting of dead.queue.splice(0)) waiting.resolve({ id: waiting.request.id, error: this.broken, unavailable: true });
    }
    return true;
  }
}
