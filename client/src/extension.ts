/**
 * The Go Traps VS Code client: starts the language server, shows its state in the status bar and registers the
 * commands. Commands resolve with useful values (checklist items, the report's Markdown, the calculator's
 * decision) so tests can call them through `executeCommand`; `activate` returns a small API for the same reason.
 */
import * as vscode from 'vscode';
import {
  AnalyzeWorkspaceRequest,
  ChecklistItem,
  CouplingReport,
  ShowRuleDocumentationCommand,
  SplitDecision,
  SplitDecisionRequest,
  SplitInput,
  SuppressArgs,
  SuppressCommand,
  TurnRuleOffArgs,
  TurnRuleOffCommand,
  WorkspaceReport,
  WorkspaceReportRequest,
} from '@protocol';
import { decideSplit } from '../../server/src/architecture/split-model';
import { CalculatorHost, CalculatorPanel, CalculatorSnapshot, registerCalculatorSerializer } from './calculator-panel';
import { showChecklist } from './checklist-view';
import { registerCliTasks } from './cli-task';
import { reportText, saveReport } from './report-export';
import { showRuleDocumentation } from './rule-docs';
import { ServerConnection } from './server-connection';
import { StatusView, TrapStatusBar } from './status-bar';
import { showStatusMenu } from './status-menu';
import { suppressWithReason } from './suppress';
import { openConfig, turnRuleOff } from './team-config';
import { currentLocale, figure, t } from './strings';

let connection: ServerConnection | undefined;

/** Options tests may pass to the commands: `noUi` returns the value without showing a picker or a document. */
interface CommandOptions {
  noUi?: boolean;
}

/** Where Export Architecture Report writes without asking (tests, scripts). */
interface ExportOptions extends CommandOptions {
  target?: vscode.Uri | string;
}

/** What the extension gives other extensions and its end-to-end tests. */
export interface GoTrapsApi {
  /** What the status item shows now. */
  status(): StatusView;
}

export async function activate(context: vscode.ExtensionContext): Promise<GoTrapsApi> {
  const output = vscode.window.createOutputChannel('Go Traps');
  const server = new ServerConnection(context, output);
  connection = server;
  const statusBar = new TrapStatusBar(server);
  context.subscriptions.push(output, server, statusBar);

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
    vscode.commands.registerCommand('goTraps.exportReport', async (options?: ExportOptions): Promise<string> => {
      const report = await workspaceReport();
      if (!report) return '';
      if (options?.noUi) return reportText(report, CalculatorPanel.snapshot());
      const target = typeof options?.target === 'string' ? vscode.Uri.parse(options.target) : options?.target;
      return (await saveReport(report, CalculatorPanel.snapshot(), target))?.text ?? '';
    }),
    vscode.commands.registerCommand('goTraps.openCalculator', (prefill?: Partial<SplitInput>): Promise<CalculatorSnapshot> =>
      CalculatorPanel.createOrShow(calculator, prefill && typeof prefill === 'object' ? prefill : undefined),
    ),
    // The status item is this scan's one progress indicator; the command only reports the outcome.
    vscode.commands.registerCommand('goTraps.analyzeWorkspace', async (): Promise<number | undefined> => {
      const started = Date.now();
      await server.request<void>(AnalyzeWorkspaceRequest);
      const status = server.lastStatus;
      output.appendLine(`[client] workspace analyzed in ${Date.now() - started} ms`);
      if (status) void vscode.window.setStatusBarMessage(t('analyzed', { count: figure(status.trapCount), files: figure(status.filesIndexed) }), 5000);
      return status?.trapCount;
    }),
    vscode.commands.registerCommand('goTraps.restartServer', async (): Promise<void> => {
      output.appendLine('[client] restarting the language server on request');
      await server.restart();
    }),
    vscode.commands.registerCommand('goTraps.showOutput', (): void => output.show(true)),
    vscode.commands.registerCommand('goTraps.showStatusMenu', (options?: CommandOptions): string[] => showStatusMenu(server.lastStatus, options)),
    vscode.commands.registerCommand('goTraps.openConfig', (resource?: vscode.Uri) => openConfig(resource instanceof vscode.Uri ? resource : undefined)),
    vscode.commands.registerCommand(ShowRuleDocumentationCommand, (ruleId?: unknown) => showRuleDocumentation(context.extensionUri, ruleId)),
    vscode.commands.registerCommand(SuppressCommand, (args: SuppressArgs, reason?: string) => suppressWithReason(args, reason)),
    vscode.commands.registerCommand(TurnRuleOffCommand, (args: TurnRuleOffArgs) => turnRuleOff(args)),
    registerCalculatorSerializer(calculator),
    registerCliTasks(),
  );

  try {
    await server.start();
  } catch (error) {
    output.appendLine(`[client] the language server did not start: ${(error as Error).message}`);
    void vscode.window.showErrorMessage(`Go Traps: ${(error as Error).message}`, t('showOutput')).then((choice) => {
      if (choice) output.show(true);
    });
  }
  return { status: () => statusBar.view };
}

export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}
