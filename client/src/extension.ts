/**
 * The Go Traps VS Code client: starts the language server, shows the trap count in the status bar and
 * registers the commands. Commands resolve with useful values (checklist items, the report's Markdown, the
 * calculator's decision) so tests can call them through `executeCommand`.
 */
import * as vscode from 'vscode';
import {
  AnalyzeWorkspaceRequest,
  ChecklistItem,
  CouplingReport,
  SplitDecision,
  SplitDecisionRequest,
  SplitInput,
  WorkspaceReport,
  WorkspaceReportRequest,
} from '@protocol';
import { decideSplit } from '../../server/src/architecture/split-model';
import { CalculatorHost, CalculatorPanel, CalculatorSnapshot, registerCalculatorSerializer } from './calculator-panel';
import { showChecklist } from './checklist-view';
import { exportReport } from './report-export';
import { ServerConnection } from './server-connection';
import { TrapStatusBar } from './status-bar';
import { currentLocale, t } from './strings';

let connection: ServerConnection | undefined;

/** Options tests may pass to the commands: `noUi` returns the value without showing a picker or a document. */
interface CommandOptions {
  noUi?: boolean;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Go Traps');
  const server = new ServerConnection(context, output);
  connection = server;
  context.subscriptions.push(output, server, new TrapStatusBar(server));

  /** The workspace report, with the failure said once to the user and logged. */
  const workspaceReport = async (): Promise<WorkspaceReport | undefined> => {
    try {
      return await server.request<WorkspaceReport>(WorkspaceReportRequest);
    } catch (error) {
      const message = t('reportFailed', { error: (error as Error).message });
      output.appendLine(`[client] ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };

  const calculator: CalculatorHost = {
    extensionUri: context.extensionUri,
    memento: context.workspaceState,
    // The model lives in the engine; the server runs it, and the same module answers when the server cannot.
    decide: (input: SplitInput) =>
      server.request<SplitDecision>(SplitDecisionRequest, input).catch((error: Error) => {
        output.appendLine(`[client] split decision from the server failed (${error.message}); deciding locally`);
        return decideSplit(input, currentLocale());
      }),
    measure: async (): Promise<{ coupling: CouplingReport; indexing: boolean } | undefined> => {
      const report = await workspaceReport();
      return report ? { coupling: report.coupling, indexing: report.indexing } : undefined;
    },
  };

  context.subscriptions.push(
    server.onStatus((status) => {
      if (status && !status.indexing) void CalculatorPanel.scanFinished();
    }),
    vscode.commands.registerCommand('goTraps.showChecklist', async (options?: CommandOptions): Promise<ChecklistItem[]> => {
      const report = await workspaceReport();
      if (!report) return [];
      return options?.noUi ? report.checklist : showChecklist(report);
    }),
    vscode.commands.registerCommand('goTraps.exportReport', async (options?: CommandOptions): Promise<string> => {
      const report = await workspaceReport();
      return report ? exportReport(report, CalculatorPanel.snapshot(), { open: !options?.noUi }) : '';
    }),
    vscode.commands.registerCommand('goTraps.openCalculator', (prefill?: Partial<SplitInput>): Promise<CalculatorSnapshot> =>
      CalculatorPanel.createOrShow(calculator, prefill && typeof prefill === 'object' ? prefill : undefined),
    ),
    vscode.commands.registerCommand('goTraps.analyzeWorkspace', async (): Promise<number | undefined> => {
      const started = Date.now();
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('analyzing') }, () =>
        server.request<void>(AnalyzeWorkspaceRequest),
      );
      const count = server.lastStatus?.trapCount;
      output.appendLine(`[client] workspace analysed in ${Date.now() - started} ms`);
      if (count !== undefined) void vscode.window.showInformationMessage(t('analyzed', { count }));
      return count;
    }),
    vscode.commands.registerCommand('goTraps.restartServer', async (): Promise<void> => {
      output.appendLine('[client] restarting the language server on request');
      await server.restart();
    }),
    vscode.commands.registerCommand('goTraps.showOutput', (): void => output.show(true)),
    registerCalculatorSerializer(calculator),
  );

  try {
    await server.start();
  } catch (error) {
    output.appendLine(`[client] the language server did not start: ${(error as Error).message}`);
    void vscode.window.showErrorMessage(`Go Traps: ${(error as Error).message}`, t('showOutput')).then((choice) => {
      if (choice) output.show(true);
    });
  }
}

export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}
