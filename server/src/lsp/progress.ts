/**
 * The background scan's progress: told to `track` (which feeds `goTraps/status`, where the VS Code client shows
 * it in its status item), and as LSP work-done progress for clients that show that instead. One scan, one
 * indicator: a client that shows the status item's progress does not get the work-done progress too.
 */
import type { Connection } from 'vscode-languageserver';

export interface ProgressReporter {
  report(done: number, total: number): void;
  done(message?: string): void;
}

export type ProgressTracker = (progress: { done: number; total: number } | undefined) => void;

const SILENT: ProgressReporter = { report() {}, done() {} };

/** Starts a progress bar; reports are throttled to whole percents so a large scan does not flood the pipe. */
export async function startProgress(connection: Connection, supported: boolean, title: string, track?: ProgressTracker): Promise<ProgressReporter> {
  const workDone = supported ? await workDoneProgress(connection, title) : SILENT;
  if (!track) return workDone;
  let ended = false;
  return {
    report(done, total) {
      if (ended) return;
      track({ done, total });
      workDone.report(done, total);
    },
    done(message) {
      if (ended) return;
      ended = true;
      track(undefined);
      workDone.done(message);
    },
  };
}

async function workDoneProgress(connection: Connection, title: string): Promise<ProgressReporter> {
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
      reporter.report(percent, `${done} of ${total} files`);
    },
    done(message) {
      if (ended) return;
      ended = true;
      if (message) reporter.report(100, message);
      reporter.done();
    },
  };
}
