/**
 * V8 tuned for one pass over a workspace. Its defaults suit code that runs for minutes: a function is handed to
 * the optimizing compiler after a short warm-up, with a generous inlining budget. A CLI run analyses each file
 * once, and every worker thread warms up the same rules in its own isolate: on the Go standard library the
 * optimizing compiler's own work came to 2.4-3.8 s (`--trace-opt`) of 10-11 s of CPU. With a function asked to
 * run about eight times longer before it is optimized, and less inlined into it, that work falls to 0.5-0.7 s and
 * the run's CPU by about a tenth (bench/RESULTS.md). The language server keeps V8's defaults: it runs for hours.
 */
import { setFlagsFromString } from 'node:v8';

/** Bytecode budget a function spends before V8 considers optimizing it (V8's default: 132 KiB). */
const INTERRUPT_BUDGET = 1_000_000;
/** Bytecode V8 may inline into one optimized function (V8's default: 920). */
const CUMULATIVE_INLINING = 150;

/**
 * Sets the flags for this process and every worker thread it starts afterwards (V8's flags are process-wide; these
 * two are read whenever a function is compiled, so setting them at start-up takes effect). `node --interrupt-budget=…`
 * on the command line still wins: flags given there are left alone.
 */
export function tuneJitForBatchRun(execArgv: readonly string[] = process.execArgv): void {
  if (!execArgv.some((flag) => /^--interrupt[-_]budget\b/.test(flag))) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  if (!execArgv.some((flag) => /^--max[-_]inlined[-_]bytecode[-_]size[-_]cumulative\b/.test(flag))) {
    setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${CUMULATIVE_INLINING}`);
  }
}
