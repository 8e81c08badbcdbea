/** LSP work-done progress for the background scan, or nothing when the client cannot show it. */
import type { Connection } from 'vscode-languageserver';

export interface ProgressReporter {
  report(done: number, total: number): void;
  done(message?: string): void;
}

const SILENT: ProgressReporter = { report() {}, done() {} };

/** Starts a progress bar; reports are throttled to whole percents so a large scan does not flood the pipe. */
export async function startProgress(connection: Connection, supported: boolean, title: string): Promise<ProgressReporter> {
  if (!supported) return SILENT;
  let reporter;
  try {
    reporter = await connection.window.createWorkDoneProgress();
  } catch {
    return SILENT;
  }
  reporter.begin(title, 0, undefined, false);
  let lastPercent = -1;
  let ended = false;
  return {
    report(done, total) {
      const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
      if (percent === lastPercent || ended) return;
      lastPercent = percent;
      reporter.report(percent, `${done}/${total} files`);
    },
    done(message) {
      if (ended) return;
      ended = true;
      if (message) reporter.report(100, message);
      reporter.done();
    },
  };
}
