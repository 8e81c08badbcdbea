/**
 * Finds the Go files and go.mod modules below the paths given on the command line, and the modules a
 * go.work names: a Go workspace is analysed as one, each module placing its own files in domains.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isExcluded, Settings } from '../engine/config';
import { GoModule, moduleFromGoMod } from '../engine/domains';
import { parseGoWork } from './go-work';

export interface WalkResult {
  files: string[];
  modules: GoModule[];
  /** The go.work files that joined modules into the walk (absolute paths). */
  workspaces: string[];
}

export interface WalkOptions {
  /**
   * Also walk the modules a go.work at or below a root names, even outside the roots (`use ../shared`).
   * A go.work above the roots only adds its modules to the list, so their domains stay right.
   */
  followWorkspace?: boolean;
}

/** `/`-separated path relative to `base`, the form the engine and the output use. */
export function toEnginePath(file: string, base: string): string {
  const relative = path.relative(base, file);
  // '' is the base itself (a module rooted at the working directory); outside the base, keep the absolute path.
  if (relative === '') return '';
  return (!relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file).split(path.sep).join('/');
}

export async function walkGoFiles(roots: readonly string[], base: string, settings: Settings, options: WalkOptions = {}): Promise<WalkResult> {
  const files = new Set<string>();
  const modules = new Map<string, GoModule>();
  const workspaces = new Map<string, string[]>();
  const exists = (file: string) => fs.stat(file).then(() => true, () => false);

  async function addModule(goMod: string): Promise<void> {
    const dir = path.dirname(goMod);
    if (modules.has(dir)) return;
    const text = await fs.readFile(goMod, 'utf8').catch(() => '');
    modules.set(dir, moduleFromGoMod(toEnginePath(dir, base), text));
  }

  /** Reads a go.work once; returns the absolute directories of its modules. */
  async function readWorkspace(goWork: string): Promise<string[]> {
    const known = workspaces.get(goWork);
    if (known) return known;
    const text = await fs.readFile(goWork, 'utf8').catch(() => '');
    const dirs = parseGoWork(text).map((dir) => path.resolve(path.dirname(goWork), dir));
    workspaces.set(goWork, dirs);
    for (const dir of dirs) {
      const goMod = path.join(dir, 'go.mod');
      if (await exists(goMod)) await addModule(goMod);
    }
    return dirs;
  }

  const visited = new Set<string>();
  async function visit(entry: string): Promise<void> {
    if (visited.has(entry)) return;
    visited.add(entry);
    const relative = toEnginePath(entry, base);
    if (relative !== '' && relative !== '.' && isExcluded(relative, settings)) return;
    const stat = await fs.stat(entry).catch(() => undefined);
    if (!stat) return;
    if (stat.isDirectory()) {
      const names = (await fs.readdir(entry)).sort();
      const outside: string[] = [];
      for (const name of names) {
        if (name === 'go.mod') await addModule(path.join(entry, name));
        else if (name === 'go.work' && options.followWorkspace) outside.push(...(await readWorkspace(path.join(entry, name))));
        else if (!name.startsWith('.') || name === '.') await visit(path.join(entry, name));
      }
      for (const dir of outside) await visit(dir);
    } else if (entry.endsWith('.go')) files.add(entry);
  }

  for (const root of roots) {
    const absolute = path.resolve(root);
    await visit(absolute);
    // A path inside a module still needs that module's go.mod to place its files in domains.
    for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
      const goMod = path.join(dir, 'go.mod');
      if (await exists(goMod)) {
        await addModule(goMod);
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    // ... and a path inside a Go workspace, the workspace's other modules.
    if (options.followWorkspace) {
      for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
        const goWork = path.join(dir, 'go.work');
        if (await exists(goWork)) {
          await readWorkspace(goWork);
          break;
        }
        if (path.dirname(dir) === dir) break;
      }
    }
  }
  return { files: [...files].sort(), modules: [...modules.values()], workspaces: [...workspaces.keys()] };
}
