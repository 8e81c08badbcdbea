/**
 * What every analysing subcommand does first: check the paths, load the team's settings, apply the
 * command-line overrides, find the Go files and modules, and run the engine over them.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import type { AnalyzeResult } from '../engine/analyze';
import { defaultCacheDir } from '../engine/result-cache';
import { grammarVersion } from '../go/parser';
import { TOOL_VERSION } from './format';
import type { Settings } from '../engine/config';
import type { GoModule } from '../engine/domains';
import { localeFrom } from '../engine/messages';
import { RULES } from '../traps/index';
import { loadConfigFile } from './config-file';
import { toEnginePath, walkGoFiles, WalkResult } from './walk';
import { analyze } from '../engine/analyze';
import { readTextFile } from './safe-fs';

let build: string | undefined;

/**
 * A digest of the engine bundles themselves: results cached by one build are never served to another, even
 * with the same version number (a development build, a patched install).
 */
function buildVersion(): string {
  if (build) return build;
  const hash = createHash('sha256');
  for (const file of [__filename, path.join(__dirname, 'analysis-worker.js')]) {
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update(`missing ${file}`);
    }
  }
  build = hash.digest('hex').slice(0, 16);
  return build;
}

/** How long one file may hold the analysis by default before it is skipped with a notice. */
export const DEFAULT_FILE_BUDGET_MS = 20_000;

/** A mistake on the command line: reported with a hint, exit status 2. */
export class UsageError extends Error {}

export interface ProjectOptions {
  config?: string;
  locale?: string;
  /** Run only these rule ids. */
  rules?: string[];
  /** Worker threads (default: one per core). */
  jobs?: number;
  /** False for --no-cache. */
  cache?: boolean;
  /** Seconds one file's analysis may take before it is skipped. */
  fileBudget?: number;
}

export interface Project {
  /** The directory engine paths are relative to (the working directory). */
  base: string;
  options: ProjectOptions;
  /** The paths given, absolute. */
  roots: string[];
  settings: Settings;
  /** Engine paths of the Go files found. */
  files: string[];
  modules: GoModule[];
  read(enginePath: string): Promise<string> | string;
  /** What the walk left out (links, pipes) and could not read: part of every report. */
  walk: Pick<WalkResult, 'skipped' | 'problems'>;
}

/** The display language: the option, else the environment's. */
export function chosenLocale(option: string | undefined): Settings['locale'] {
  return localeFrom(option ?? process.env.LC_ALL ?? process.env.LANG?.split('.')[0]?.replace('_', '-'));
}

export async function loadProject(paths: readonly string[], options: ProjectOptions): Promise<Project> {
  const given = paths.length > 0 ? [...paths] : ['.'];
  for (const p of given) {
    if (!(await fs.stat(p).then(() => true, () => false))) throw new UsageError(`no such file or directory: ${p}`);
  }
  const base = process.cwd();
  const { settings, problems, source } = await loadConfigFile(options.config, given[0]);
  settings.locale = chosenLocale(options.locale);
  if (options.rules) {
    const unknown = options.rules.filter((id) => !RULES.some((r) => r.meta.id === id));
    if (unknown.length > 0) throw new UsageError(`unknown rule ${unknown.length === 1 ? 'id' : 'ids'}: ${unknown.join(', ')}`);
    for (const rule of RULES) if (!options.rules.includes(rule.meta.id)) settings.rules[rule.meta.id] = 'off';
  }
  for (const problem of problems) {
    process.stderr.write(`go-traps: ${source}: ${problem.key ? `"${problem.key}": ` : ''}${problem.message} (defaults apply)\n`);
  }
  const { files, modules, skipped, problems: unreadable } = await walkGoFiles(given, base, settings, { followWorkspace: true, sync: true });
  return {
    base,
    options,
    roots: given.map((p) => path.resolve(p)),
    settings,
    files: files.map((f) => toEnginePath(f, base)),
    modules,
    read: (p) => readTextFile(path.resolve(base, p)),
    walk: { skipped, problems: unreadable },
  };
}

/** Runs the engine over the project, with a progress line on a terminal for large runs. */
export async function analyzeProject(project: Project): Promise<AnalyzeResult> {
  const showProgress = process.stderr.isTTY && project.files.length > 200;
  const progress = (done: number, total: number) => {
    if (showProgress && (done % 50 === 0 || done === total)) process.stderr.write(`\rgo-traps: ${done}/${total} files`);
  };
  const { settings } = project;
  const jobs = project.options.jobs ?? os.availableParallelism();
  const limitMb = Number(process.env.GO_TRAPS_CACHE_LIMIT_MB);
  const limit = Number.isFinite(limitMb) && limitMb > 0 ? limitMb * 1024 * 1024 : undefined;
  const scope = `${TOOL_VERSION}\u0000${buildVersion()}\u0000${grammarVersion()}\u0000${JSON.stringify(settings)}`;
  const cache = project.options.cache === false ? undefined : { root: defaultCacheDir(), scope, limitBytes: limit };
  // The engine runs in worker threads (at least one), so that a file past the per-file budget can be given up.
  const result = await analyze(project.files, project.read, settings, project.modules, {
    onProgress: progress,
    jobs,
    fsPathOf: (p) => path.resolve(project.base, p),
    workerScript: path.join(__dirname, 'analysis-worker.js'),
    cache,
    collectors: false,
    fileBudgetMs: (project.options.fileBudget ?? DEFAULT_FILE_BUDGET_MS / 1000) * 1000,
    workerHeapMb: workerHeapMb(),
  });
  if (showProgress) process.stderr.write('\n');
  result.skipped.push(...project.walk.skipped);
  result.problems.push(...project.walk.problems);
  return result;
}

/** Workers' heap limit: GO_TRAPS_WORKER_HEAP_MB, else a default that keeps their garbage in check (bench/RESULTS.md). */
function workerHeapMb(): number | undefined {
  const chosen = Number(process.env.GO_TRAPS_WORKER_HEAP_MB);
  if (Number.isFinite(chosen) && chosen > 0) return chosen;
  return process.env.GO_TRAPS_WORKER_HEAP_MB === '0' ? undefined : DEFAULT_WORKER_HEAP_MB;
}
const DEFAULT_WORKER_HEAP_MB = 192;

/** Whether a rule runs under these settings. */
export function ruleEnabled(settings: Settings, ruleId: string): boolean {
  return settings.rules[ruleId] !== 'off';
}
