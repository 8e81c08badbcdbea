/**
 * A worker thread of the parallel pipeline (see pipeline.ts): it holds its own parser, its own copy of the type
 * index, and reads the files it is handed from disk — declarations first, then analyses, as the main thread
 * asks. Results go back as plain data.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileDecls } from '../go/declarations';
import { knowledgeIndex } from '../go/knowledge';
import { loadGoLanguage } from '../go/parser';
import { TypeIndex } from '../go/type-index';
import type { Settings } from './config';
import { Analysed, CacheSpec, Declared, FileWork } from './file-work';
import type { FileLocation } from './rule';

export interface WorkerInit {
  settings: Settings;
  collectors: boolean;
  cache?: CacheSpec;
}

/** What the main thread sends. */
export type WorkerRequest =
  | { type: 'index'; files: [path: string, packageKey: string, decls: FileDecls][] }
  | { type: 'declare'; id: number; path: string; fsPath: string; location: FileLocation }
  | { type: 'analyze'; id: number; path: string; fsPath: string; location: FileLocation; key?: string };

/** What a worker answers (before an answer, `{ started: id }` says it began the request). */
export interface WorkerResult {
  id: number;
  declared?: Declared;
  analysed?: Analysed;
  error?: string;
  /** Set by the pool when the request was given up past the per-file budget (or out of memory). */
  budget?: true;
}

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const work = new FileWork(init.settings, init.collectors, init.cache);
  const index = new TypeIndex(knowledgeIndex());
  // One request at a time, in order: a file is read only when its turn comes, and one parser serves them all.
  let queue: Promise<unknown> = loadGoLanguage();
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'index') {
      for (const [path, key, decls] of request.files) index.setFile(path, key, decls);
      return;
    }
    queue = queue.then(async () => {
      port.postMessage({ started: request.id });
      const answer: WorkerResult = { id: request.id };
      try {
        const text = readFileSync(request.fsPath, 'utf8');
        if (request.type === 'declare') answer.declared = await work.declare(request.path, text, request.location);
        else answer.analysed = await work.analyze(request.path, text, request.location, index, request.key);
      } catch (error) {
        answer.error = error instanceof Error ? error.message : String(error);
      }
      port.postMessage(answer);
    });
  });
}
