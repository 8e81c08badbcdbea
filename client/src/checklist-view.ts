/**
 * The architecture checklist in a quick pick: one row per concern with its status, finding count and rules;
 * picking a concern lists its findings, picking a finding opens it. The pickers never block the command, so
 * `executeCommand('goTraps.showChecklist')` resolves with the items at once.
 */
import * as vscode from 'vscode';
import type { ChecklistItem, ChecklistStatus, WireFinding, WorkspaceReport } from '@protocol';
import { placementGroups } from './placement-picks';
import { currentLocale, t } from './strings';

const STATUS_ICON: Record<ChecklistStatus, string> = { pass: '$(pass)', warn: '$(warning)', fail: '$(error)' };
const SEVERITY_ICON: Record<WireFinding['severity'], string> = { error: '$(error)', warning: '$(warning)', info: '$(info)', hint: '$(lightbulb)' };

interface ConcernPick extends vscode.QuickPickItem {
  item: ChecklistItem;
}

interface FindingPick extends vscode.QuickPickItem {
  finding: WireFinding;
}

/** Shows the checklist of a workspace report and returns its items. */
export function showChecklist(report: WorkspaceReport): ChecklistItem[] {
  const picker = vscode.window.createQuickPick<ConcernPick>();
  picker.title = t('checklistTitle');
  picker.placeholder = report.indexing ? t('checklistIndexing') : undefined;
  picker.matchOnDetail = true;
  picker.items = report.checklist.map((item) => ({
    item,
    label: `${STATUS_ICON[item.status]} ${item.title}`,
    description: item.placements ? t('packagesCount', { count: item.placements.length }) : item.rules.length === 0 ? item.command?.title : item.findings.length > 0 ? t('findings', { count: item.findings.length }) : t('noFindingsCount'),
    detail: item.detail,
  }));
  picker.onDidAccept(() => {
    const picked = picker.selectedItems[0]?.item;
    picker.hide();
    if (picked) void openConcern(picked);
  });
  picker.onDidHide(() => picker.dispose());
  picker.show();
  return report.checklist;
}

/** A concern with findings lists them; the domains item lists the packages; one with a command runs it; otherwise its detail is shown. */
async function openConcern(item: ChecklistItem): Promise<void> {
  if (item.placements) return openPlacements(item);
  if (item.findings.length === 0) {
    if (item.command) await vscode.commands.executeCommand(item.command.id);
    else void vscode.window.showInformationMessage(t('noFindings', { title: item.title, detail: item.detail }));
    return;
  }
  const picks: FindingPick[] = item.findings.map((finding) => {
    const uri = vscode.Uri.parse(finding.uri);
    // Messages are long: the place and the rule go on the second line, where they are never cut off.
    return {
      finding,
      label: `${SEVERITY_ICON[finding.severity]} ${finding.message}`,
      detail: `${vscode.workspace.asRelativePath(uri)}:${finding.range.start.line + 1}  ·  ${finding.ruleId}`,
    };
  });
  const picked = await vscode.window.showQuickPick(picks, { title: t('findingsOf', { title: item.title }), matchOnDetail: true });
  if (picked) await openFinding(picked.finding);
}

/**
 * Which packages were taken as business domains and why, and which were set apart; the last row opens the team
 * config, where one setting corrects it.
 */
async function openPlacements(item: ChecklistItem): Promise<void> {
  const groups = placementGroups(item.placements ?? [], currentLocale());
  const separator = (label: string): vscode.QuickPickItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const correct: vscode.QuickPickItem & { command?: string } = item.command
    ? { label: `$(gear) ${item.command.title}`, detail: item.detail, command: item.command.id }
    : { label: item.detail };
  const picks: (vscode.QuickPickItem & { command?: string })[] = [
    separator(groups.domains.title),
    ...groups.domains.picks,
    separator(groups.apart.title),
    ...groups.apart.picks,
    separator(''),
    correct,
  ];
  const picked = await vscode.window.showQuickPick(picks, { title: item.title, matchOnDescription: true, matchOnDetail: true });
  if (picked?.command) await vscode.commands.executeCommand(picked.command);
}

/** Opens a finding's file with its range selected. */
export async function openFinding(finding: WireFinding): Promise<void> {
  const { start, end } = finding.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(finding.uri), { selection, preview: false });
}
