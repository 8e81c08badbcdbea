/**
 * "Show documentation": the rule's page shipped with the extension (docs/rules/<id>.md), in VS Code's Markdown
 * preview, so it works offline and matches the installed version. Without an id it asks which rule.
 */
import * as vscode from 'vscode';
import { t } from './strings';

async function ruleIds(extensionUri: vscode.Uri): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(extensionUri, 'docs', 'rules'));
  return entries.map(([name]) => name).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3)).sort();
}

/** Opens the rule's page in the Markdown preview; resolves with the page's URI, or undefined. */
export async function showRuleDocumentation(extensionUri: vscode.Uri, ruleId?: unknown): Promise<vscode.Uri | undefined> {
  const known = await ruleIds(extensionUri);
  const id = typeof ruleId === 'string' ? ruleId : await vscode.window.showQuickPick(known, { placeHolder: t('pickRule') });
  if (!id) return undefined;
  if (!known.includes(id)) {
    void vscode.window.showWarningMessage(t('noDocs', { rule: id }));
    return undefined;
  }
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return page;
}
