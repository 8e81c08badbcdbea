/**
 * `go-traps split --qps N --team N [--coupling X] [paths]`: the split-threshold model on the command line.
 * When --coupling is omitted the coupling score is measured from the Go files below the paths.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { measureCoupling } from '../architecture/coupling';
import { decideSplit } from '../architecture/split-model';
import { collectSummaries } from '../engine/summaries';
import type { CouplingReport, SplitDecision, SplitInput } from '../protocol';
import { loadConfigFile } from './config-file';
import { chosenLocale, UsageError } from './project';
import { toEnginePath, walkGoFiles } from './walk';
import { countOf } from '../engine/messages';
import { readTextFile } from './safe-fs';

interface SplitOptions {
  input: Partial<SplitInput>;
  paths: string[];
  format: 'text' | 'json';
  config?: string;
  locale?: string;
}

/** A numeric option's parser: a clear message names the flag and the accepted range. */
function numberIn(min: number, max = Number.POSITIVE_INFINITY): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new InvalidArgumentError(`must be a number${max < Number.POSITIVE_INFINITY ? ` from ${min} to ${max}` : ` ≥ ${min}`}, not "${text}"`);
    }
    return value;
  };
}

/** `go-traps split`, on the program's parser; the decision's exit status goes to `setStatus`. */
export function addSplitCommand(program: Command, setStatus: (status: number) => void): Command {
  return program
    .command('split')
    .description('decide whether to split a Go monolith: split when qps > 5000, team > 8 or coupling > 0.65')
    .argument('[paths...]', 'Go code to measure the coupling of when --coupling is not given (default: .)')
    .requiredOption('--qps <n>', 'sustained queries per second', numberIn(0))
    .requiredOption('--team <n>', 'people on the core team', numberIn(0))
    .option('--coupling <x>', 'coupling score 0..1 (default: measured from the paths)', numberIn(0, 1))
    .option('--response-ms <n>', 'average response time of the slowest interface (signal: > 200)', numberIn(0))
    .option('--releases <n>', 'releases per day (signal: >= 8)', numberIn(0))
    .option('--cross-calls <x>', 'share of calls crossing a module, 0..1 (default: measured; signal: > 0.4)', numberIn(0, 1))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--config <file>', 'settings file (default: the nearest .go-traps.json)')
    .addOption(new Option('--locale <locale>', 'language (default: from LANG)').choices(['en', 'zh-cn']))
    .addHelpText('after', '\nExit status: 0 when a decision was made (split or converge: read the output), 2 usage error.')
    .action(async (paths: string[], o) => {
      const options: SplitOptions = {
        input: {
          qps: o.qps,
          teamSize: o.team,
          couplingScore: o.coupling,
          slowestResponseMs: o.responseMs,
          releasesPerDay: o.releases,
          crossModuleCallShare: o.crossCalls,
        },
        paths: paths.length > 0 ? paths : ['.'],
        format: o.format,
        config: o.config,
        locale: o.locale,
      };
      setStatus(await runSplit(options));
    });
}

/** Measures the coupling of the Go files below the paths, with the settings of the nearest config file. */
async function measurePaths(options: SplitOptions, locale: 'en' | 'zh-cn'): Promise<CouplingReport> {
  for (const p of options.paths) {
    if (!(await fs.stat(p).then(() => true, () => false))) throw new UsageError(`no such file or directory: ${p}`);
  }
  const base = process.cwd();
  const { settings, problems, source } = await loadConfigFile(options.config, options.paths[0]);
  settings.locale = locale;
  for (const problem of problems) {
    process.stderr.write(`go-traps: ${source}: ${problem.key ? `"${problem.key}": ` : ''}${problem.message} (defaults apply)\n`);
  }
  const { files, modules } = await walkGoFiles(options.paths, base, settings, { followWorkspace: true });
  const summaries = await collectSummaries(
    files.map((f) => toEnginePath(f, base)),
    (p) => readTextFile(path.resolve(base, p)),
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

/** Decides, measuring the coupling first unless it was given; resolves to the exit status. */
async function runSplit(options: SplitOptions): Promise<number> {
  const locale = chosenLocale(options.locale);
  const coupling = options.input.couplingScore === undefined ? await measurePaths(options, locale) : undefined;
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
