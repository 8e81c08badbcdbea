/** Finds the Go files and go.mod modules below the paths given on the command line. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isExcluded, Settings } from '../engine/config';
import { GoModule, parseGoModPath } from '../engine/domains';

export interface WalkResult {
  files: string[];
  modules: GoModule[];
}

/** `/`-separated path relative to `base`, the form the engine and the output use. */
export function toEnginePath(file: string, base: string): string {
  const relative = path.relative(base, file);
  // '' is the base itself (a module rooted at the working directory); outside the base, keep the absolute path.
  if (relative === '') return '';
  return (!relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file).split(path.sep).join('/');
}

export async function walkGoFiles(roots: readonly string[], base: string, settings: Settings): Promise<WalkResult> {
  const files = new Set<string>();
  const modules = new Map<string, GoModule>();

  async function addModule(goMod: string): Promise<void> {
    const dir = path.dirname(goMod);
    if (modules.has(dir)) return;
    const text = await fs.readFile(goMod, 'utf8').catch(() => '');
    modules.set(dir, { root: toEnginePath(dir, base), path: parseGoModPath(text) });
  }

  async function visit(entry: string): Promise<void> {
    const relative = toEnginePath(entry, base);
    if (relative !== '' && relative !== '.' && isExcluded(relative, settings)) return;
    const stat = await fs.stat(entry);
    if (stat.isDirectory()) {
      const names = (await fs.readdir(entry)).sort();
      for (const name of names) {
        if (name === 'go.mod') await addModule(path.join(entry, name));
        else if (!name.startsWith('.') || name === '.') await visit(path.join(entry, name));
      }
    } else if (entry.endsWith('.go')) files.add(entry);
  }

  for (const root of roots) {
    const absolute = path.resolve(root);
    await visit(absolute);
    // A path inside a module still needs that module's go.mod to place its files in domains.
    for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
      const goMod = path.join(dir, 'go.mod');
      if (await fs.stat(goMod).then(() => true, () => false)) {
        await addModule(goMod);
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return { files: [...files].sort(), modules: [...modules.values()] };
}
