/** Export Architecture Report: the checklist, coupling and findings as a Markdown document for reviews and PRs. */
import * as vscode from 'vscode';
import type { SplitDecision, WorkspaceReport } from '@protocol';
import { renderReportMarkdown } from '../../server/src/architecture/report-markdown';
import { currentLocale } from './strings';

/** Renders the report, opens it as an untitled Markdown document (unless told not to) and returns its text. */
export async function exportReport(report: WorkspaceReport, decision: SplitDecision | undefined, options: { open: boolean }): Promise<string> {
  const now = new Date();
  const text = renderReportMarkdown(
    {
      checklist: report.checklist,
      coupling: report.coupling,
      decision,
      workspaceName: vscode.workspace.name,
      generatedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      filesIndexed: report.filesIndexed,
      indexing: report.indexing,
    },
    { locale: currentLocale(), label: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)) },
  );
  if (options.open) {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(document, { preview: false });
  }
  return text;
}
