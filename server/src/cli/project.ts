/**
 * What every analysing subcommand does first: check the paths, load the team's settings, apply the
 * command-line overrides, find the Go files and modules, and run the engine over them.
 */
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { analyze, AnalyzeResult } from '../engine/analyze';
import { defaultCacheDir } from '../engine/result-cache';
import { grammarVersion } from '../go/parser';
import { TOOL_VERSION } from './format';
import type { Settings } from '../engine/config';
import type { GoModule } from '../engine/domains';
import { localeFrom } from '../engine/messages';
import { RULES } from '../traps/index';
import { loadConfigFile } from './config-file';
import { toEnginePath, walkGoFiles } from './walk';

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
    if (unknown.length > 0) throw new UsageError(`unknown rule id(s): ${unknown.join(', ')}`);
    for (const rule of RULES) if (!options.rules.includes(rule.meta.id)) settings.rules[rule.meta.id] = 'off';
  }
  for (const problem of problems) {
    process.stderr.write(`go-traps: ${source}: ${problem.key ? `"${problem.key}": ` : ''}${problem.message} (defaults apply)\n`);
  }
  const { files, modules } = await walkGoFiles(given, base, settings, { followWorkspace: true });
  return {
    base,
    options,
    roots: given.map((p) => path.resolve(p)),
    settings,
    files: files.map((f) => toEnginePath(f, base)),
    modules,
    // Synchronous reads: a promise per file costs more than the read itself on thousands of small files.
    read: (p) => readFileSync(path.resolve(base, p), 'utf8'),
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
  const scope = `${TOOL_VERSION}\u0000${grammarVersion()}\u0000${JSON.stringify(settings)}`;
  const cache = project.options.cache === false ? undefined : { root: defaultCacheDir(), scope, limitBytes: limit };
  const result = await analyze(project.files, project.read, settings, project.modules, {
    onProgress: progress,
    jobs,
    fsPathOf: (p) => path.resolve(project.base, p),
    workerScript: path.join(__dirname, 'analysis-worker.js'),
    cache,
    collectors: false,
  });
  if (showProgress) process.stderr.write('\n');
  return result;
}

/** Whether a rule runs under these settings. */
export function ruleEnabled(settings: Settings, ruleId: string): boolean {
  return settings.rules[ruleId] !== 'off';
}
