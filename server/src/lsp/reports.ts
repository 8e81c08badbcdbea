/** The `goTraps/*` requests behind the client's panel: workspace report and split decision. */
import * as path from 'node:path';
import { Connection, ErrorCodes, ResponseError } from 'vscode-languageserver';
import { SplitDecisionRequest, WorkspaceReport, WorkspaceReportRequest } from '../protocol';
import type { FileSummary } from '../engine/analyze';
import { buildChecklist } from '../architecture/checklist';
import { defaultSettings } from '../engine/config';
import { measureCoupling } from '../architecture/coupling';
import { decideSplit, SplitInputError, validateSplitInput } from '../architecture/split-model';
import type { Finding } from '../engine/types';
import type { Session } from './session';

/** Registers on `connection` (the session's, possibly held back until initialize is answered). */
export function registerReportRequests(session: Session, connection: Connection = session.connection): void {
  connection.onRequest(WorkspaceReportRequest, () => workspaceReport(session));
  connection.onRequest(SplitDecisionRequest, (input: unknown) => {
    try {
      return decideSplit(validateSplitInput(input), session.currentLocale);
    } catch (error) {
      if (error instanceof SplitInputError) return new ResponseError(ErrorCodes.InvalidParams, `goTraps/splitDecision: ${error.message}`);
      throw error;
    }
  });
}

/**
 * The checklist and coupling over every folder's index. With several folders, paths get the folder's name in
 * front so that two `main.go` stay apart; `toUri` undoes it.
 */
export function workspaceReport(session: Session): WorkspaceReport {
  const folders = session.workspaceFolders.filter((f) => f.client.enable);
  const prefixed = folders.length > 1;
  const uris = new Map<string, string>();
  const findings: Finding[] = [];
  const summaries: FileSummary[] = [];
  for (const folder of folders) {
    const name = (p: string) => (prefixed ? `${path.basename(folder.root!)}/${p}` : p);
    for (const p of folder.index.paths()) uris.set(name(p), folder.uriOf(p));
    for (const finding of folder.index.allFindings(folder.engine)) findings.push({ ...finding, path: name(finding.path) });
    for (const summary of folder.index.summaries()) summaries.push({ ...summary, location: { ...summary.location, path: name(summary.location.path) } });
  }
  const settings = folders[0]?.settings ?? { ...defaultSettings(), locale: session.currentLocale };
  return {
    indexing: folders.some((f) => f.indexing),
    filesIndexed: summaries.length,
    checklist: buildChecklist(findings, summaries, settings, (p) => uris.get(p) ?? p),
    coupling: measureCoupling(summaries, settings),
  };
}
