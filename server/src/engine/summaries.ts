/**
 * File summaries without findings: parse each file once, run only the fact collectors, free the tree. The
 * CLI's `split` command and the tests measure coupling with it; the language server keeps its own index.
 */
import { Engine, FileSummary, skipReason } from './analyze';
import type { Settings } from './config';
import { GoModule, locateFile } from './domains';
import { parseGo } from '../go/parser';
import { SourceFile } from '../go/source';

export async function collectSummaries(
  paths: readonly string[],
  read: (path: string) => Promise<string> | string,
  settings: Settings,
  modules: readonly GoModule[] = [],
): Promise<FileSummary[]> {
  const engine = new Engine(settings, []);
  const summaries: FileSummary[] = [];
  for (const path of paths) {
    const text = await read(path);
    if (skipReason(path, text, settings)) continue;
    const tree = await parseGo(text);
    try {
      summaries.push(engine.analyzeFile(new SourceFile(path, text, tree), locateFile(path, modules, settings)).summary);
    } finally {
      tree.delete();
    }
  }
  return summaries;
}
