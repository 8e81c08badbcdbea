/**
 * Finds the Go files and go.mod modules below the paths given on the command line (or a workspace folder),
 * and the modules a go.work names: a Go workspace is analysed as one, each module placing its own files in
 * domains. The walk never hangs and never leaves the tree: entries are `lstat`ed, symbolic links below a
 * root are not followed, a directory reached twice (a bind-mount loop) is entered once, named pipes, sockets
 * and devices are skipped, and an unreadable entry becomes a problem while the rest is walked.
 */
import { Dirent, lstatSync, promises as fs, readdirSync, Stats } from 'node:fs';
import * as path from 'node:path';
import { isExcluded, Settings } from '../engine/config';
import { GoModule, moduleFromGoMod } from '../engine/domains';
import { parseGoWork } from './go-work';
import { kindOf, readTextFile } from './safe-fs';

/** The regular files the walk reads: Go source, go.mod and go.work. */
const WALKED_FILE = /\.go$|^go\.(mod|work)$/;

export interface WalkResult {
  files: string[];
  modules: GoModule[];
  /** The go.work files that joined modules into the walk (absolute paths). */
  workspaces: string[];
  /** Go files (or directories) left out, with why: links, pipes, oversized files. Exclusions are silent. */
  skipped: { path: string; reason: string }[];
  /** Entries that could not be read; the rest of the tree was still walked. */
  problems: { path: string; message: string }[];
}

export interface WalkOptions {
  /**
   * Also walk the modules a go.work at or below a root names, even outside the roots (`use ../shared`).
   * A go.work above the roots only adds its modules to the list, so their domains stay right.
   */
  followWorkspace?: boolean;
  /**
   * Read directories and entries synchronously: the CLI has nothing else to do meanwhile, and a promise per entry
   * cost it a tenth of a warm run. The language server walks asynchronously (its thread serves keystrokes).
   */
  sync?: boolean;
}

function lstatOrError(file: string): Stats | Error {
  try {
    return lstatSync(file);
  } catch (error) {
    return error as Error;
  }
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
  const skipped: WalkResult['skipped'] = [];
  const problems: WalkResult['problems'] = [];
  /** Directories entered, by device and inode: a loop through a bind mount is walked once. */
  const entered = new Set<string>();
  const enginePath = (entry: string) => toEnginePath(entry, base) || '.';
  const isRegularFile = (file: string) => fs.lstat(file).then((s) => s.isFile(), () => false);

  async function addModule(goMod: string): Promise<void> {
    const dir = path.dirname(goMod);
    if (modules.has(dir)) return;
    const text = await readTextFile(goMod).catch(() => '');
    modules.set(dir, moduleFromGoMod(toEnginePath(dir, base), text));
  }

  /** Reads a go.work once; returns the absolute directories of its modules. */
  async function readWorkspace(goWork: string): Promise<string[]> {
    const known = workspaces.get(goWork);
    if (known) return known;
    const text = await readTextFile(goWork).catch(() => '');
    const dirs = parseGoWork(text).map((dir) => path.resolve(path.dirname(goWork), dir));
    workspaces.set(goWork, dirs);
    for (const dir of dirs) {
      const goMod = path.join(dir, 'go.mod');
      if (await isRegularFile(goMod)) await addModule(goMod);
    }
    return dirs;
  }

  async function visit(entry: string, stat: Stats): Promise<void> {
    const relative = toEnginePath(entry, base);
    if (relative !== '' && relative !== '.' && isExcluded(relative, settings)) return;
    if (stat.isDirectory()) {
      const id = `${stat.dev}:${stat.ino}`;
      if (entered.has(id)) return;
      entered.add(id);
      let entries: Dirent[];
      try {
        entries = (options.sync ? readdirSync(entry, { withFileTypes: true }) : await fs.readdir(entry, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        problems.push({ path: enginePath(entry), message: `cannot read directory: ${(error as Error).message}` });
        return;
      }
      // Only what the walk may use is looked at, all at once: one lstat after another left the CLI waiting on
      // libuv for a third of a warm run. A regular file that is not Go source or a module file needs no lstat.
      const names = entries.filter((e) => !e.name.startsWith('.') && !(e.isFile() && !WALKED_FILE.test(e.name))).map((e) => e.name);
      const stats = options.sync ? names.map((name) => lstatOrError(path.join(entry, name))) : await Promise.all(names.map((name) => fs.lstat(path.join(entry, name)).catch((error: Error) => error)));
      const outside: string[] = [];
      for (const [n, name] of names.entries()) {
        const child = path.join(entry, name);
        const childStat = stats[n];
        if (childStat instanceof Error) {
          problems.push({ path: enginePath(child), message: `cannot read: ${childStat.message}` });
          continue;
        }
        if (name === 'go.mod' && childStat.isFile()) await addModule(child);
        else if (name === 'go.work' && childStat.isFile() && options.followWorkspace) outside.push(...(await readWorkspace(child)));
        else if (childStat.isSymbolicLink()) await noteLink(child, name);
        else await visit(child, childStat);
      }
      // A go.work's modules are roots the team named, like the command line's: taken even through a link.
      for (const dir of outside) await visitRoot(dir);
    } else if (entry.endsWith('.go')) {
      if (!stat.isFile()) skipped.push({ path: enginePath(entry), reason: `${kindOf(stat)}, not read` });
      else if (stat.size > settings.maxFileSize) skipped.push({ path: enginePath(entry), reason: `larger than maxFileSize (${stat.size} > ${settings.maxFileSize} bytes)` });
      else files.add(entry);
    }
  }

  /** Links below a root are never followed: a Go file or directory behind one is named as skipped. */
  async function noteLink(link: string, name: string): Promise<void> {
    const target = await fs.stat(link).catch(() => undefined);
    if (name.endsWith('.go') || target?.isDirectory()) {
      const reason = target ? 'a symbolic link, not followed' : 'a symbolic link whose target is missing or loops, not followed';
      skipped.push({ path: enginePath(link), reason });
    }
  }

  /** A root is taken as the user means it, even through a link. */
  async function visitRoot(root: string): Promise<void> {
    let stat: Stats;
    try {
      stat = await fs.stat(root);
    } catch (error) {
      problems.push({ path: enginePath(root), message: `cannot read: ${(error as Error).message}` });
      return;
    }
    await visit(root, stat);
  }

  for (const root of roots) {
    const absolute = path.resolve(root);
    await visitRoot(absolute);
    // A path inside a module still needs that module's go.mod to place its files in domains.
    for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
      const goMod = path.join(dir, 'go.mod');
      if (await isRegularFile(goMod)) {
        await addModule(goMod);
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    // ... and a path inside a Go workspace, the workspace's other modules.
    if (options.followWorkspace) {
      for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
        const goWork = path.join(dir, 'go.work');
        if (await isRegularFile(goWork)) {
          await readWorkspace(goWork);
          break;
        }
        if (path.dirname(dir) === dir) break;
      }
    }
  }
  return { files: [...files].sort(), modules: [...modules.values()], workspaces: [...workspaces.keys()], skipped, problems };
}
