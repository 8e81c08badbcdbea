/**
 * The shipped analysis worker with two faults, for the language server's tests: analysing a file that holds
 * WORKER_CRASH_MARKER ends the worker thread, as a crash would; analysing one that holds WORKER_SLOW_MARKER
 * first waits SLOW_MS, so that the answer arrives after the document moved on. Bundled on the fly by the tests.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import '../../server/src/engine/analysis-worker';
import type { WorkerRequest } from '../../server/src/engine/analysis-worker';

export const WORKER_CRASH_MARKER = 'GO_TRAPS_TEST_WORKER_CRASH';
export const WORKER_SLOW_MARKER = 'GO_TRAPS_TEST_WORKER_SLOW';
export const SLOW_MS = 1500;

const crashing = new Set<number>();
const slow = new Set<number>();

// Requests are marked as they arrive and the fault strikes when the worker starts one (it writes the request's id
// where the pool reads it, with Atomics.store), as a real crash would: the requests queued behind it are not to blame.
parentPort?.on('message', (request: WorkerRequest) => {
  if (request.type !== 'analyze') return;
  let text = request.text;
  try {
    text ??= readFileSync(request.fsPath, 'utf8');
  } catch {
    return;
  }
  if (text.includes(WORKER_CRASH_MARKER)) crashing.add(request.id);
  if (text.includes(WORKER_SLOW_MARKER)) slow.add(request.id);
});

if (parentPort) {
  const store = Atomics.store;
  Atomics.store = ((array: Int32Array, index: number, id: number) => {
    const stored = store(array, index, id);
    if (crashing.has(id)) process.exit(3);
    if (slow.delete(id)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SLOW_MS);
    return stored;
  }) as typeof Atomics.store;
}
