/** A few worker threads running analysis-worker.ts, fed one request at a time, least-busy first. */
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerRequest, WorkerResult } from './analysis-worker';

interface Slot {
  worker: Worker;
  busy: number;
}

type Request = Exclude<WorkerRequest, { type: 'index' }>;
type Payload<T extends Request['type']> = Omit<Extract<Request, { type: T }>, 'id' | 'type'>;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (result: WorkerResult) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(script: string, jobs: number, init: WorkerInit) {
    for (let i = 0; i < jobs; i++) {
      const worker = new Worker(script, { workerData: init });
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (result: WorkerResult) => {
        slot.busy--;
        const waiting = this.pending.get(result.id);
        this.pending.delete(result.id);
        waiting?.resolve(result);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.failAll(new Error(`an analysis worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Sends the same message to every worker (the type index). */
  broadcast(request: Extract<WorkerRequest, { type: 'index' }>): void {
    for (const slot of this.slots) slot.worker.postMessage(request);
  }

  request<T extends Request['type']>(type: T, payload: Payload<T>): Promise<WorkerResult> {
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ type, id, ...payload } as WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
