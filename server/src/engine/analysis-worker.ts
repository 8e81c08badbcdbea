/**
 * A worker thread of the parallel pipeline (see analyze.ts): it holds its own parser and a copy of the type
 * index, and analyses the files the main thread hands it, reading them from disk. Results go back as plain data.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileDecls } from '../go/declarations';
import { knowledgeIndex } from '../go/knowledge';
import { createParserSync, loadGoLanguage, type Parser } from '../go/parser';
import { SourceFile } from '../go/source';
import { TypeIndex } from '../go/type-index';
import { Engine } from './analyze';
import type { Settings } from './config';
import type { FileLocation } from './rule';

/** What the main thread sends. */
export type WorkerRequest =
  | { type: 'index'; files: [path: string, packageKey: string, decls: FileDecls][] }
  | { type: 'analyze'; id: number; path: string; fsPath: string; location: FileLocation };

/** What a worker answers to an `analyze`. */
export interface WorkerResult {
  id: number;
  analysis?: ReturnType<Engine['analyzeFile']> & { dependencies: string[] };
  error?: string;
}

const port = parentPort;
if (port) {
  const { settings } = workerData as { settings: Settings };
  const engine = new Engine(settings);
  const index = new TypeIndex(knowledgeIndex());
  // One request at a time, in order: a file is read only when its turn comes, and one parser serves them all.
  let queue: Promise<unknown> = loadGoLanguage();
  let parser: Parser | undefined;
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'index') {
      for (const [path, key, decls] of request.files) index.setFile(path, key, decls);
      return;
    }
    queue = queue.then(() => {
      const answer: WorkerResult = { id: request.id };
      try {
        parser ??= createParserSync();
        const text = readFileSync(request.fsPath, 'utf8');
        const tree = parser.parse(text);
        if (!tree) throw new Error('the parser returned no tree');
        try {
          const dependencies = new Set<string>();
          const analysis = engine.analyzeFile(new SourceFile(request.path, text, tree), request.location, index, dependencies);
          answer.analysis = { ...analysis, dependencies: [...dependencies].sort() };
        } finally {
          tree.delete();
        }
      } catch (error) {
        answer.error = error instanceof Error ? error.message : String(error);
      }
      port.postMessage(answer);
    });
  });
}
