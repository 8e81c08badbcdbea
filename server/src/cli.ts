#!/usr/bin/env node
/**
 * The command line. `go-traps [paths...]` analyses; `baseline`, `init` and `split` are subcommands. The
 * argument parsing is commander's: per-command --help, "did you mean" for a mistyped option, `--` to end
 * the options. Exit status: 0 nothing to report, 1 findings, 2 usage or internal error.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FORMATS, runAnalyze } from './cli/analyze-command';
import { runBaseline } from './cli/baseline-command';
import { TOOL_VERSION } from './cli/format';
import { runDomains } from './cli/domains-command';
import { cleanCache, defaultCacheDir } from './engine/result-cache';
import { runInit } from './cli/init-command';
import { UsageError } from './cli/project';
import { addSplitCommand } from './cli/split-command';
import { tuneJitForBatchRun } from './cli/batch-jit';
import { DEFAULT_FILE_BUDGET_MS } from './cli/project';

const EXIT_STATUS = `
Exit status: 0 no findings, 1 findings, 2 usage or internal error.`;

const ruleList = (value: string) => value.split(',').filter(Boolean);

function budgetSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new InvalidArgumentError('a number of seconds between 0 and 3600');
  return seconds;
}

function jobCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected a whole number of workers from 1 to 256');
  return n;
}

/** Options every analysing command shares. */
function withProjectOptions(command: Command): Command {
  return command
    .option('--config <file>', 'settings file (default: the nearest .go-traps.json)')
    .option('-j, --jobs <n>', 'worker threads that parse and run the rules (default: one per core)', jobCount)
    .option('--no-cache', 'analyze every file again instead of reusing unchanged results from the cache')
    .addOption(new Option('--locale <locale>', 'message language (default: from LANG)').choices(['en', 'zh-cn']))
    .option('--rules <ids>', 'run only these rules (comma-separated ids)', ruleList)
    .option('--file-budget <seconds>', `skip a file whose analysis takes longer (default: ${DEFAULT_FILE_BUDGET_MS / 1000})`, budgetSeconds);
}

function buildProgram(setStatus: (status: number) => void): Command {
  const program = new Command('go-traps');
  program
    .description(
      'Finds the architecture traps of Go services (shared DB pools, missing deadlines, leaking goroutines, ' +
        'unstructured logs, unchecked config) in the Go files below the given paths (default: .).',
    )
    .version(TOOL_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [command]', 'show the help of a command')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .argument('[paths...]', 'files or folders to analyze (default: .)')
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .option('--fix', 'apply every safe fix in place, then report what is left')
    .option('--exit-zero', 'exit 0 even when traps are found')
    .option('--baseline <file>', 'baseline file (default: the nearest .go-traps-baseline.json)')
    .option('--no-baseline', 'report every finding, baselined or not')
    .option('--new-from-rev <rev>', 'report only findings on lines added or changed since the git revision')
    .option('--new-from-patch <file>', 'report only findings on lines the unified diff adds');
  withProjectOptions(program)
    .addHelpText('after', EXIT_STATUS)
    .action(async (paths: string[], options) => {
      if (options.newFromRev !== undefined && options.newFromPatch !== undefined) throw new UsageError('give --new-from-rev or --new-from-patch, not both');
      setStatus(await runAnalyze(paths, options));
    });

  withProjectOptions(
    program
      .command('baseline')
      .description('record today\'s findings in .go-traps-baseline.json; later runs report only new ones')
      .argument('[paths...]', 'files or folders to analyze (default: .)')
      .option('--baseline <file>', 'baseline file to write (default: the nearest one, else beside .go-traps.json, else here)')
      .option('--prune', 'only drop the entries that no longer match a finding; accept nothing new'),
  )
    .addHelpText('after', '\nExit status: 0 written, 2 usage or internal error.')
    .action(async (paths: string[], options) => setStatus(await runBaseline(paths, options)));

  program
    .command('init')
    .description('write a commented .go-traps.json with the domains and infrastructure packages inferred from the code')
    .argument('[dir]', 'the folder to analyze and write the file into (default: .)')
    .option('--force', 'overwrite an existing .go-traps.json')
    .option('--config <file>', 'settings to start from (exclusions, known infrastructure names)')
    .addHelpText('after', '\nExit status: 0 written, 2 the file exists (without --force) or a usage error.')
    .action(async (dir: string | undefined, options) => setStatus(await runInit(dir, options)));

  program
    .command('domains')
    .description('list the packages taken for business domains, and what the others are (entry, wiring, infrastructure, front-end, batch, test harness), with why')
    .argument('[paths...]', 'files or folders to look at (default: .)')
    .option('--config <file>', 'settings file (default: the nearest .go-traps.json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--json', 'same as --format json')
    .addOption(new Option('--locale <locale>', 'reason language (default: from LANG)').choices(['en', 'zh-cn']))
    .addHelpText('after', '\nEach package is a domain or set apart (entry, wiring, infrastructure, transport, batch, harness), with the\nreason: the domains setting, the folder layout, the folder name, or the code (mostly handlers, package main).\nExit status: 0 listed, 2 usage or internal error.')
    .action(async (paths: string[], options) => setStatus(await runDomains(paths, options)));

  program
    .command('cache')
    .description('the result cache (under $XDG_CACHE_HOME/go-traps, else ~/.cache/go-traps)')
    .addCommand(
      new Command('clean')
        .description('delete the cache')
        .action(async () => {
          await cleanCache();
          process.stdout.write(`go-traps: removed ${defaultCacheDir()}\n`);
          setStatus(0);
        }),
    )
    .addCommand(
      new Command('dir').description('print where the cache is').action(() => {
        process.stdout.write(`${defaultCacheDir()}\n`);
        setStatus(0);
      }),
    );

  addSplitCommand(program, setStatus);

  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = buildProgram((s) => (status = s));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed the message (and the suggestion); help and version are not errors.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`go-traps: ${error.message}\n(go-traps --help lists the options)\n`);
      return 2;
    }
    throw error;
  }
}

function run(): void {
  tuneJitForBatchRun();
  // `go-traps ... | head` closes the pipe early: the reader has what it wanted, so stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`go-traps: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

run();
