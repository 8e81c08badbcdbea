/**
 * The status bar item. It names itself ("Go Traps"), so it cannot be mistaken for VS Code's own problem
 * counter beside it, and says one of: starting, indexing n of N, the trap count (the same number Problems lists),
 * config error, stopped. It is the one progress indicator of a scan, and while a scan runs it keeps showing the
 * count of the last finished one. Clicking it opens a menu (goTraps.showStatusMenu).
 */
import * as vscode from 'vscode';
import type { StatusParams } from '@protocol';
import type { ServerConnection } from './server-connection';
import { figure, t } from './strings';

/** What the item shows, kept for the menu and for tests (the extension's API returns it). */
export interface StatusView {
  text: string;
  tooltip: string;
  /** The trap count on show: the last finished scan's while indexing. */
  count: number | undefined;
  state: 'starting' | 'indexing' | 'ready' | 'configError' | 'stopped';
}

export class TrapStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('goTraps.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  /** The count when the last scan finished: what the item shows while the next one runs. */
  private settledCount: number | undefined;
  private current: StatusView = { text: '', tooltip: '', count: undefined, state: 'starting' };
  private everStarted = false;

  constructor(private readonly connection: ServerConnection) {
    this.item.name = 'Go Traps';
    this.item.command = 'goTraps.showStatusMenu';
    this.subscription = connection.onStatus((status) => this.render(status));
    this.render(connection.lastStatus);
    this.item.show();
  }

  get view(): StatusView {
    return this.current;
  }

  /** The status last sent by the server, if it runs. */
  get status(): StatusParams | undefined {
    return this.connection.lastStatus;
  }

  private render(status: StatusParams | undefined): void {
    if (!status) {
      const state = this.everStarted ? 'stopped' : 'starting';
      this.show(state, `$(${state === 'stopped' ? 'circle-slash' : 'sync~spin'}) Go Traps: ${t(state === 'stopped' ? 'statusStopped' : 'statusStarting')}`, [t('tooltipStopped')], undefined);
      return;
    }
    this.everStarted = true;
    if (!status.indexing) this.settledCount = status.trapCount;
    const count = status.indexing ? this.settledCount : status.trapCount;
    const countText = count === undefined ? '' : figure(count);
    const lines: string[] = [];
    let text: string;
    let state: StatusView['state'];
    if (status.indexing) {
      state = 'indexing';
      const progress = status.scan ? t('statusIndexing', { done: figure(status.scan.done), total: figure(status.scan.total) }) : t('statusIndexingStarted');
      text = `$(sync~spin) Go Traps: ${countText ? `${countText} · ` : ''}${progress}`;
      if (status.scan) lines.push(t('tooltipIndexing', { done: figure(status.scan.done), total: figure(status.scan.total) }));
      if (count !== undefined) lines.push(t('tooltipLastScan', { count: figure(count) }));
    } else {
      state = status.configError ? 'configError' : 'ready';
      text = `$(${status.trapCount > 0 ? 'warning' : 'check'}) Go Traps: ${countText}`;
      const openFilesOnly = vscode.workspace.getConfiguration('goTraps').get<string>('problems') === 'openFiles';
      lines.push(t(openFilesOnly ? 'tooltipOpenFilesOnly' : 'tooltipReady', { count: figure(status.trapCount), files: figure(status.filesIndexed) }));
    }
    if (status.filesSkipped) lines.push(t('tooltipSkipped', { count: figure(status.filesSkipped) }));
    if (status.configError) {
      // Said in words, on a warning background: a red item with a number reads as that many errors.
      text += ` · ${t('statusConfigError')}`;
      lines.push(t('tooltipConfigError', { error: status.configError }));
    }
    this.show(state, text, lines, count);
  }

  private show(state: StatusView['state'], text: string, lines: string[], count: number | undefined): void {
    this.item.text = text;
    this.item.backgroundColor = state === 'configError' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: count === undefined ? `Go Traps: ${text.replace(/\$\([^)]*\)\s*/g, '').replace(/^Go Traps: /, '')}` : t('statusAccessible', { count: figure(count) }) };
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = { enabledCommands: ['goTraps.showChecklist', 'goTraps.analyzeWorkspace', 'goTraps.showOutput', 'goTraps.openConfig', 'workbench.action.openSettings'] };
    tooltip.appendMarkdown(`**Go Traps**\n\n${lines.join('\n\n')}\n\n`);
    const settings = `command:workbench.action.openSettings?${encodeURIComponent(JSON.stringify(['goTraps']))}`;
    const links = [
      `[${t('linkChecklist')}](command:goTraps.showChecklist)`,
      `[${t('linkRescan')}](command:goTraps.analyzeWorkspace)`,
      `[${t('linkOutput')}](command:goTraps.showOutput)`,
      `[${t('linkSettings')}](${settings})`,
    ];
    tooltip.appendMarkdown(links.join(' &nbsp;·&nbsp; '));
    this.item.tooltip = tooltip;
    this.current = { text, tooltip: `${lines.join('\n')}`, count, state };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
