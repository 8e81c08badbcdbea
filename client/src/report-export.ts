/**
 * Export Architecture Report: the checklist, coupling and findings as a Markdown file for reviews and PRs,
 * saved where the user picks (`go-traps-report.md` at the folder root by default), with every location a link
 * relative to the file, so it works in the editor, on GitHub and in the Markdown preview.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SplitDecision, WorkspaceReport } from '@protocol';
import { renderReportMarkdown } from '../../server/src/architecture/report-markdown';
import { currentLocale, t } from './strings';

export const REPORT_FILE_NAME = 'go-traps-report.md';

/** The report's Markdown, with links relative to `target` when the report is saved there. */
export function reportText(report: WorkspaceReport, decision: SplitDecision | undefined, target?: vscode.Uri): string {
  const now = new Date();
  const relative = (uri: string) => {
    const file = vscode.Uri.parse(uri);
    if (!target || file.scheme !== target.scheme) return undefined;
    return path.posix.relative(path.posix.dirname(target.path), file.path);
  };
  return renderReportMarkdown(
    {
      checklist: report.checklist,
      coupling: report.coupling,
      decision,
      workspaceName: vscode.workspace.name,
      generatedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      filesIndexed: report.filesIndexed,
      indexing: report.indexing,
    },
    {
      locale: currentLocale(),
      label: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)),
      href: (uri, line) => {
        const link = relative(uri);
        return link === undefined ? undefined : `${encodeURI(link)}#L${line}`;
      },
    },
  );
}

/** The default place of the report: the first workspace folder's root. */
export function defaultReportUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, REPORT_FILE_NAME) : undefined;
}

/**
 * Asks where to save the report (unless `target` is given), writes it, and opens it. Resolves with the file
 * and its text, or undefined when the user cancelled.
 */
export async function saveReport(report: WorkspaceReport, decision: SplitDecision | undefined, target?: vscode.Uri): Promise<{ uri: vscode.Uri; text: string } | undefined> {
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: t('reportSaveTitle'),
      defaultUri: defaultReportUri(),
      filters: { Markdown: ['md'] },
    }));
  if (!uri) return undefined;
  const text = reportText(report, decision, uri);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  void vscode.window.setStatusBarMessage(t('reportSaved', { file: vscode.workspace.asRelativePath(uri) }), 5000);
  return { uri, text };
}
