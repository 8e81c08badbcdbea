/** The status-bar item: the workspace's trap count from `goTraps/status`; clicking it opens the checklist. */
import * as vscode from 'vscode';
import type { StatusParams } from '@protocol';
import type { ServerConnection } from './server-connection';
import { t } from './strings';

export class TrapStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('goTraps.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(connection: ServerConnection) {
    this.item.name = 'Go Traps';
    this.subscription = connection.onStatus((status) => this.render(status));
    this.render(connection.lastStatus);
    this.item.show();
  }

  private render(status: StatusParams | undefined): void {
    if (!status) {
      this.item.text = '$(circle-slash) Go Traps';
      this.item.tooltip = t('statusStopped');
      this.item.command = 'goTraps.restartServer';
      this.item.backgroundColor = undefined;
      return;
    }
    this.item.command = 'goTraps.showChecklist';
    const icon = status.configError ? '$(error)' : status.indexing ? '$(sync~spin)' : status.trapCount > 0 ? '$(warning)' : '$(check)';
    this.item.text = `${icon} ${status.trapCount}`;
    this.item.backgroundColor = status.configError ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const lines = [status.indexing ? t('statusIndexing', { files: status.filesIndexed }) : t('statusTooltip', { count: status.trapCount, files: status.filesIndexed })];
    if (status.configError) lines.push(t('statusConfigError', { error: status.configError }));
    // The server itself tells the user about a broken config; the item only keeps it visible.
    this.item.tooltip = lines.join('\n\n');
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
