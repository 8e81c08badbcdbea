/** The status item's menu: the checklist, a re-scan, the output, the settings, and the config file when broken. */
import * as vscode from 'vscode';
import type { StatusParams } from '@protocol';
import { t } from './strings';

interface MenuItem extends vscode.QuickPickItem {
  run: () => Thenable<unknown>;
}

function menuItems(status: StatusParams | undefined): MenuItem[] {
  const command = (id: string, ...args: unknown[]) => () => vscode.commands.executeCommand(id, ...args);
  const items: MenuItem[] = [];
  if (status?.configError) {
    items.push({ label: t('menuConfig', { file: '.go-traps.json' }), detail: status.configError, run: command('goTraps.openConfig') });
  }
  if (!status) items.push({ label: t('menuRestart'), run: command('goTraps.restartServer') });
  items.push(
    { label: t('menuChecklist'), run: command('goTraps.showChecklist') },
    { label: t('menuRescan'), run: command('goTraps.analyzeWorkspace') },
    { label: t('menuOutput'), run: command('goTraps.showOutput') },
    { label: t('menuSettings'), run: command('workbench.action.openSettings', 'goTraps') },
  );
  return items;
}

/** Shows the menu (without waiting for a pick) and resolves with its labels. */
export function showStatusMenu(status: StatusParams | undefined, options?: { noUi?: boolean }): string[] {
  const items = menuItems(status);
  if (!options?.noUi) {
    void vscode.window.showQuickPick(items, { title: t('menuTitle'), placeHolder: status?.configError }).then((picked) => picked?.run());
  }
  return items.map((item) => item.label);
}
