/**
 * A worker thread of the parallel pipeline (see pipeline.ts) and of the language server's folders: it holds its
 * own parser, its own copy of the type index, and reads the files it is handed from disk (or takes the text of
 * an editor's unsaved buffer) — declarations first, then analyses, as the main thread asks. Results go back as
 * plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FileDecls } from '../go/declarations';
import { knowledgeIndex } from '../go/knowledge';
import { loadGoLanguage } from '../go/parser';
import { TypeIndex } from '../go/type-index';
import type { Settings } from './config';
import { Analysed, CacheSpec, Declared, declaredFromCache, FileWork } from './file-work';
import type { FileLocation } from './rule';
import { readTextFileSync } from '../cli/safe-fs';
import { lowerThisThreadsPriority } from './thread-priority';
import { skipReason } from './analyze';
import { hashText } from './result-cache';

export interface WorkerInit {
  settings: Settings;
  collectors: boolean;
  cache?: CacheSpec;
  /**
   * Work in the background: the thread lowers its scheduling priority, so that on a machine whose cores are all
   * busy with workers the thread that created them (the editor's keystrokes) still gets a core when it needs one.
   */
  background?: boolean;
  /**
   * Set by the pool: the worker writes here the id of each request it starts (an Int32 at byte 0) and when
   * (Date.now(), a Float64 at byte 8), so that the pool can time a request against its budget without a message.
   */
  started?: SharedArrayBuffer;
}

/**
 * What the main thread sends. `index` sets files' declarations (after dropping every file first with `reset`,
 * and the `remove`d ones); it applies as it arrives, before any request still queued. With `order`, the index is
 * rebuilt in that order of paths from the files sent and the ones this worker kept when it declared them (`keep`):
 * the main thread need not send a worker back what it read itself; `derived` are answers known for that very index
 * (TypeIndex.presetDerived). `text` stands in for the
 * file on disk (an open editor buffer); `record` asks for the declarations the analysis looked up. `hashes` asks
 * a declaration for its text's hash; with `knownHash`, a file whose text still has that hash answers `unchanged`
 * instead (declarations depend on the text and the place alone: the caller keeps the ones it has).
 */
export type WorkerRequest =
  | { type: 'index'; files: [path: string, packageKey: string, decls: FileDecls][]; remove?: string[]; reset?: boolean; order?: string[]; derived?: Record<string, string> }
  | { type: 'declare'; id: number; path: string; fsPath: string; location: FileLocation; text?: string; hashes?: true; knownHash?: string; keep?: true }
  | { type: 'analyze'; id: number; path: string; fsPath: string; location: FileLocation; text?: string; record?: boolean };

/** What a worker answers (as JSON text, but for a cache hit). */
export interface WorkerResult {
  id: number;
  declared?: Declared;
  /** A cache hit as the entry's JSON text, turned into `declared` by the pool when the answer arrives. */
  cachedEntry?: { raw: string; key: string };
  /** The text's hash, when the declare request asked for hashes. */
  hash?: string;
  /** The text still has the request's `knownHash` (and is not skipped): no declarations were read. */
  unchanged?: true;
  /** The worker kept the declarations it answered (the request asked `keep`), for an `index` with `order`. */
  kept?: true;
  analysed?: Analysed;
  error?: string;
  /** Set by the pool when the request was given up past the per-file budget (or out of memory). */
  budget?: true;
  /** Set by the pool when it has no worker left to ask (they kept dying at start-up): do the work elsewhere. */
  unavailable?: true;
}

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const started = init.started && { id: new Int32Array(init.started, 0, 1), at: new Float64Array(init.started, 8, 1) };
  if (init.background) lowerThisThreadsPriority();
  const work = new FileWork(init.settings, init.collectors, init.cache);
  // Built when declarations first arrive: a warm run's workers only read the cache, and the library signatures
  // cost each worker ~40 ms to read.
  let typeIndex: TypeIndex | undefined;
  const indexOf = () => (typeIndex ??= new TypeIndex(knowledgeIndex()));
  /** Declarations this worker read in pass 1, or the cache entry holding them (parsed only if pass 2 needs them). */
  const kept = new Map<string, [packageKey: string, decls: FileDecls] | { raw: string; key: string; location: FileLocation }>();
  // One request at a time, in order: a file is read only when its turn comes, and one parser serves them all.
  let queue: Promise<unknown> = Promise.resolve();
  // Loaded when the first analysis needs it: declarations are read from the text (and a warm run needs no more).
  let grammar: Promise<unknown> | undefined;
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'index') {
      const index = indexOf();
      if (request.order) {
        // Rebuilt in the main thread's order: a package's files are listed in the order they were added.
        const sent = new Map(request.files.map(([path, key, decls]) => [path, [key, decls] as [string, FileDecls]]));
        index.clear();
        for (const path of request.order) {
          let entry = sent.get(path) ?? kept.get(path);
          if (entry && !Array.isArray(entry)) {
            const declared = declaredFromCache(entry.raw, entry.key, entry.location);
            entry = declared && !('skipped' in declared) ? [declared.packageKey, declared.decls] : undefined;
          }
          if (entry) index.setFile(path, entry[0], entry[1]);
        }
        kept.clear();
        if (request.derived) index.presetDerived(request.derived);
        return;
      }
      if (request.reset) index.clear();
      for (const path of request.remove ?? []) index.deleteFile(path);
      for (const [path, key, decls] of request.files) index.setFile(path, key, decls);
      return;
    }
    queue = queue.then(async () => {
      if (started) {
        started.at[0] = Date.now();
        Atomics.store(started.id, 0, request.id);
      }
      const answer: WorkerResult = { id: request.id };
      try {
        // Never through a link, never blocked on a pipe (safe-fs.ts).
        const text = request.text ?? readTextFileSync(request.fsPath);
        if (request.type === 'declare') {
          if (request.hashes) answer.hash = hashText(text);
          if (request.knownHash !== undefined && answer.hash === request.knownHash && !skipReason(request.path, text, work.settings)) answer.unchanged = true;
          else {
            const found = await work.declareOrFind(request.path, text, request.location);
            if ('raw' in found) {
              // A cache hit goes on as the JSON text it was stored as: one copy to the main thread, parsed there.
              answer.cachedEntry = { raw: found.raw, key: found.key };
              if (request.keep) {
                kept.set(request.path, { raw: found.raw, key: found.key, location: request.location });
                answer.kept = true;
              }
            } else {
              answer.declared = found;
              if (request.keep && !('skipped' in found)) {
                kept.set(request.path, [found.packageKey, found.decls]);
                answer.kept = true;
              }
            }
          }
        }
        else {
          await (grammar ??= loadGoLanguage());
          answer.analysed = await work.analyze(request.path, text, request.location, indexOf(), request.record);
        }
      } catch (error) {
        answer.error = error instanceof Error ? error.message : String(error);
      }
      // As JSON text: V8's JSON is several times quicker than the structured clone of the same objects, on
      // both sides (a cache hit's entry is JSON text already, and goes as it is).
      port.postMessage(answer.cachedEntry ? answer : JSON.stringify(answer));
    });
  });
}
