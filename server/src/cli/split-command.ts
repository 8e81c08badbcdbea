/**
 * `go-traps split --qps N --team N [--coupling X] [paths]`: the split-threshold model on the command line.
 * When --coupling is omitted the coupling score is measured from the Go files below the paths.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { measureCoupling } from '../architecture/coupling';
import { countOf, localeFrom } from '../engine/messages';
import { decideSplit } from '../architecture/split-model';
import { collectSummaries } from '../engine/summaries';
import type { CouplingReport, SplitDecision, SplitInput } from '../protocol';
import { loadConfigFile } from './config-file';
import { toEnginePath, walkGoFiles } from './walk';

export const SPLIT_USAGE = `Usage: go-traps split --qps N --team N [--coupling X] [signals] [paths...] [options]

Decides whether to split a Go monolith: split when qps > 5000, team > 8 or coupling > 0.65.
Coupling (0 = loose, 1 = tight) is measured from the Go files below the paths (default: .) unless given.

  --qps N                 sustained queries per second
  --team N                people on the core team
  --coupling X            coupling score 0..1 (default: measured)
  --response-ms N         average response time of the slowest interface (signal: > 200)
  --releases N            releases per day (signal: >= 8)
  --cross-calls X         share of calls crossing a module, 0..1 (default: measured; signal: > 0.4)
  --format text|json      output format (default: text)
  --config FILE           settings file (default: the nearest .go-traps.json)
  --locale en|zh-cn       language (default: from LANG)

Exit status: 0 when a decision was made (split or converge: read the output), 2 usage error.`;

interface SplitOptions {
  input: Partial<SplitInput>;
  paths: string[];
  format: 'text' | 'json';
  config?: string;
  locale?: string;
}

class SplitUsageError extends Error {}

function parseNumber(flag: string, text: string | undefined, min: number, max = Number.POSITIVE_INFINITY): number {
  if (text === undefined || text.startsWith('--')) throw new SplitUsageError(`${flag} needs a value`);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new SplitUsageError(`${flag} must be a number${max < Number.POSITIVE_INFINITY ? ` from ${min} to ${max}` : ` ≥ ${min}`}, not "${text}"`);
  }
  return value;
}

function parseSplitArgs(argv: string[]): SplitOptions {
  const options: SplitOptions = { input: {}, paths: [], format: 'text' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i];
    if (arg === '--qps') options.input.qps = parseNumber(arg, next(), 0);
    else if (arg === '--team') options.input.teamSize = parseNumber(arg, next(), 0);
    else if (arg === '--coupling') options.input.couplingScore = parseNumber(arg, next(), 0, 1);
    else if (arg === '--response-ms') options.input.slowestResponseMs = parseNumber(arg, next(), 0);
    else if (arg === '--releases') options.input.releasesPerDay = parseNumber(arg, next(), 0);
    else if (arg === '--cross-calls') options.input.crossModuleCallShare = parseNumber(arg, next(), 0, 1);
    else if (arg === '--format') {
      const format = next();
      if (format !== 'text' && format !== 'json') throw new SplitUsageError(`--format must be text or json, not "${format ?? ''}"`);
      options.format = format;
    } else if (arg === '--config') options.config = next();
    else if (arg === '--locale') options.locale = next();
    else if (arg.startsWith('-')) throw new SplitUsageError(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.input.qps === undefined) throw new SplitUsageError('--qps is required');
  if (options.input.teamSize === undefined) throw new SplitUsageError('--team is required');
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

/** Measures the coupling of the Go files below the paths, with the settings of the nearest config file. */
async function measurePaths(options: SplitOptions, locale: 'en' | 'zh-cn'): Promise<CouplingReport> {
  for (const p of options.paths) {
    if (!(await fs.stat(p).then(() => true, () => false))) throw new SplitUsageError(`no such file or directory: ${p}`);
  }
  const base = process.cwd();
  const { settings, problems, source } = await loadConfigFile(options.config, options.paths[0]);
  settings.locale = locale;
  for (const problem of problems) {
    process.stderr.write(`go-traps: ${source}: ${problem.key ? `"${problem.key}": ` : ''}${problem.message} (defaults apply)\n`);
  }
  const { files, modules } = await walkGoFiles(options.paths, base, settings);
  const summaries = await collectSummaries(
    files.map((f) => toEnginePath(f, base)),
    (p) => fs.readFile(path.resolve(base, p), 'utf8'),
    settings,
    modules,
  );
  return measureCoupling(summaries, settings);
}

function formatText(decision: SplitDecision, input: SplitInput, coupling: CouplingReport | undefined): string {
  const lines = [decision.verdict, ''];
  for (const check of decision.checks ?? []) {
    const value = check.value === undefined ? '—' : String(check.value);
    lines.push(`${check.fired ? '!' : ' '} ${check.id.padEnd(12)} ${value.padStart(8)}  ${`(${check.comparison} ${check.limit})`.padEnd(10)} ${check.note}`);
  }
  if (coupling) {
    lines.push('', `coupling ${input.couplingScore.toFixed(2)} measured from ${countOf(coupling.filesMeasured ?? 0, 'file')}, domains: ${coupling.domains.join(', ') || '(none)'}`);
    for (const c of coupling.components) lines.push(`  ${c.label}: ${c.value.toFixed(2)} × ${c.weight} — ${c.explanation}`);
    for (const h of coupling.sharedHandles) lines.push(`  shared handle ${h.handle}: ${h.domains.join(', ')}`);
    for (const t of coupling.sharedTables ?? []) lines.push(`  shared table ${t.table}: ${t.domains.join(', ')}`);
  }
  return lines.join('\n');
}

/** Runs the subcommand; resolves to the exit status. */
export async function runSplitCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SPLIT_USAGE + '\n');
    return 0;
  }
  let options: SplitOptions;
  try {
    options = parseSplitArgs(argv);
  } catch (error) {
    if (!(error instanceof SplitUsageError)) throw error;
    process.stderr.write(`go-traps split: ${error.message}\n\n${SPLIT_USAGE}\n`);
    return 2;
  }
  const locale = localeFrom(options.locale ?? process.env.LC_ALL ?? process.env.LANG?.split('.')[0]?.replace('_', '-'));
  let coupling: CouplingReport | undefined;
  if (options.input.couplingScore === undefined) {
    try {
      coupling = await measurePaths(options, locale);
    } catch (error) {
      if (!(error instanceof SplitUsageError)) throw error;
      process.stderr.write(`go-traps split: ${error.message}\n`);
      return 2;
    }
  }
  const input: SplitInput = {
    qps: options.input.qps!,
    teamSize: options.input.teamSize!,
    couplingScore: options.input.couplingScore ?? coupling?.score ?? 0,
    slowestResponseMs: options.input.slowestResponseMs,
    releasesPerDay: options.input.releasesPerDay,
    crossModuleCallShare: options.input.crossModuleCallShare ?? coupling?.crossModuleCallShare,
  };
  const decision = decideSplit(input, locale);
  const output = options.format === 'json' ? JSON.stringify({ input, decision, coupling }, null, 2) : formatText(decision, input, coupling);
  process.stdout.write(output + '\n');
  return 0;
}
