/**
 * Background work at a lower priority, so that on a machine whose cores are all busy with analysis workers the
 * thread that serves the editor's keystrokes still gets a core when it needs one. Linux keeps a nice value per
 * thread and names each thread under /proc; elsewhere every thread keeps the process's priority (lowering the
 * whole process would slow the editor's thread too), which is only slower for the editor, never wrong.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Linux's CFS gives a thread at nice 10 about a tenth of the CPU a nice-0 thread gets when both want it. */
export const BACKGROUND_NICE = 10;

/** Lowers the priority of the calling thread (a worker thread) only. */
export function lowerThisThreadsPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(threadId) && threadId > 0 && threadId !== process.pid) setPriority(threadId, BACKGROUND_NICE);
  } catch {
    // No /proc, or not allowed.
  }
}

/**
 * Lowers every thread of the process but the main one, as they stand now. Called first thing in the language
 * server, these are V8's platform threads (concurrent marking, sweeping and compiling for every heap): while
 * analysis workers run they mostly collect the workers' garbage, and at the main thread's priority they took a
 * core from keystrokes (a 1,000-line file's key during a re-scan waited 20–40 ms instead of 10). libuv's
 * file-system threads, started later from the main thread, keep its priority.
 */
export function lowerHelperThreads(): void {
  if (process.platform !== 'linux') return;
  let threads: number[];
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    return;
  }
  for (const threadId of threads) {
    if (!Number.isSafeInteger(threadId) || threadId <= 0 || threadId === process.pid) continue;
    try {
      setPriority(threadId, BACKGROUND_NICE);
    } catch {
      // A thread that ended meanwhile, or not allowed.
    }
  }
}
