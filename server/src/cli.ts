#!/usr/bin/env node
/** The command line: `go-traps [paths...] [--format text|json|sarif] [--output FILE] [--config FILE] [--fix]`. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyze, AnalyzeResult } from './engine/analyze';
import { applyEdits } from './engine/edits';
import { planFixes } from './engine/fix-all';
import { loadConfigFile } from './cli/config-file';
import { formatJson, formatSarif, formatText, TOOL_VERSION } from './cli/format';
import { toEnginePath, walkGoFiles } from './cli/walk';
import { RULES } from './traps/index';
import { countOf, localeFrom } from './engine/messages';
import { runSplitCommand } from './cli/split-command';

const USAGE = `Usage: go-traps [paths...] [options]
       go-traps split --qps N --team N [--coupling X] [paths...]   (split-threshold model; split --help)

Finds the architecture traps of Go services (shared DB pools, missing deadlines, leaking goroutines,
unstructured logs, unchecked config) in the Go files below the given paths (default: .).

Options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of standard output
  --config FILE              settings file (default: the nearest .go-traps.json)
  --fix                      apply every safe fix in place, then report what is left
  --locale en|zh-cn          message language (default: from LANG)
  --rules ID[,ID...]         run only these rules
  --exit-zero                exit 0 even when traps are found
  --help, --version

Exit status: 0 no findings, 1 findings, 2 usage or internal error.`;

interface Options {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  config?: string;
  fix: boolean;
  exitZero: boolean;
  locale?: string;
  only?: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const options: Options = { paths: [], format: 'text', fix: false, exitZero: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
      options.format = format;
    } else if (arg === '--output' || arg === '-o') options.output = value();
    else if (arg === '--config') options.config = value();
    else if (arg === '--locale') options.locale = value();
    else if (arg === '--rules') options.only = value().split(',').filter(Boolean);
    else if (arg === '--fix') options.fix = true;
    else if (arg === '--exit-zero') options.exitZero = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'split') return runSplitCommand(argv.slice(1));
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(TOOL_VERSION + '\n');
    return 0;
  }
  const options = parseArgs(argv);
  for (const p of options.paths) {
    if (!(await fs.stat(p).then(() => true, () => false))) throw new UsageError(`no such file or directory: ${p}`);
  }
  const base = process.cwd();
  const { settings, problems: configProblems, source } = await loadConfigFile(options.config, options.paths[0]);
  settings.locale = localeFrom(options.locale ?? process.env.LC_ALL ?? process.env.LANG?.split('.')[0]?.replace('_', '-'));
  if (options.only) {
    const unknown = options.only.filter((id) => !RULES.some((r) => r.meta.id === id));
    if (unknown.length > 0) throw new UsageError(`unknown rule ${unknown.length === 1 ? 'id' : 'ids'}: ${unknown.join(', ')}`);
    for (const rule of RULES) if (!options.only.includes(rule.meta.id)) settings.rules[rule.meta.id] = 'off';
  }
  for (const problem of configProblems) {
    process.stderr.write(`go-traps: ${source}: ${problem.key ? `"${problem.key}": ` : ''}${problem.message} (defaults apply)\n`);
  }

  const { files, modules } = await walkGoFiles(options.paths, base, settings);
  const showProgress = process.stderr.isTTY && files.length > 200;
  const progress = (done: number, total: number) => {
    if (showProgress && (done % 50 === 0 || done === total)) process.stderr.write(`\rgo-traps: ${done}/${total} files`);
  };
  const enginePaths = files.map((f) => toEnginePath(f, base));
  const read = (p: string) => fs.readFile(path.resolve(base, p), 'utf8');
  let result = await analyze(enginePaths, read, settings, modules, progress);
  if (showProgress) process.stderr.write('\n');

  if (options.fix) {
    // Fixes can overlap or unlock others; a few passes settle them.
    for (let pass = 0; pass < 5; pass++) {
      const plan = planFixes(result.findings);
      if (plan.applied === 0) break;
      for (const [file, edits] of plan.edits) {
        const absolute = path.resolve(base, file);
        await fs.writeFile(absolute, applyEdits(await fs.readFile(absolute, 'utf8'), edits));
      }
      process.stderr.write(`go-traps: applied ${countOf(plan.applied, 'fix', 'fixes')} in ${countOf(plan.edits.size, 'file')}\n`);
      result = await analyze(enginePaths, read, settings, modules);
    }
  }

  await writeReport(result, options, settings.locale);
  for (const problem of result.problems) {
    process.stderr.write(`go-traps: ${problem.path || 'workspace'}: rule ${problem.ruleId ?? '?'} failed: ${problem.message.split('\n')[0]}\n`);
  }
  const oversized = result.skipped.filter((s) => !s.reason.startsWith('excluded') && !s.reason.startsWith('generated'));
  for (const skip of oversized) process.stderr.write(`go-traps: skipped ${skip.path}: ${skip.reason}\n`);
  if (result.problems.length > 0) return 2;
  return result.findings.length > 0 && !options.exitZero ? 1 : 0;
}

async function writeReport(result: AnalyzeResult, options: Options, locale: 'en' | 'zh-cn'): Promise<void> {
  let report: string;
  if (options.format === 'json') report = formatJson(result);
  else if (options.format === 'sarif') report = formatSarif(result, RULES, locale);
  else {
    report = formatText(result);
    const count = result.findings.length;
    const summary = `${count} trap${count === 1 ? '' : 's'} in ${result.filesAnalyzed} file${result.filesAnalyzed === 1 ? '' : 's'}`;
    report = report ? `${report}\n${summary}` : summary;
  }
  if (options.output) await fs.writeFile(options.output, report + '\n');
  else process.stdout.write(report + '\n');
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) process.stderr.write(`go-traps: ${error.message}\n\n${USAGE}\n`);
    else process.stderr.write(`go-traps: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
