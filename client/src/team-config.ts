/**
 * The team's config file (`.go-traps.json`, or the one `goTraps.configFile` names): opened, created with a
 * starter when missing, and edited to turn a rule off. Edits go through the editor's document (comments,
 * formatting and unsaved changes kept) and are saved, so the server's file watcher picks them up at once.
 */
import * as vscode from 'vscode';
import { applyEdits, modify } from 'jsonc-parser';
import type { TurnRuleOffArgs } from '@protocol';
import { t } from './strings';

const CONFIG_FILE_NAME = '.go-traps.json';
const STARTER = '{\n  "rules": {}\n}\n';

/** The config file of the folder that holds `resource` (or of the first folder). */
export function configFileUri(resource?: vscode.Uri): vscode.Uri | undefined {
  const folder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const configured = vscode.workspace.getConfiguration('goTraps', folder.uri).get<string>('configFile', '');
  return vscode.Uri.joinPath(folder.uri, configured || CONFIG_FILE_NAME);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The config file's document, the file created with a starter first when there is none. */
async function configDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
  if (!(await exists(uri))) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STARTER));
  return vscode.workspace.openTextDocument(uri);
}

/** Opens the team config file in an editor, creating it when missing. Resolves with its URI. */
export async function openConfig(resource?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = configFileUri(resource);
  if (!uri) {
    void vscode.window.showWarningMessage(t('noFolder'));
    return undefined;
  }
  await vscode.window.showTextDocument(await configDocument(uri), { preview: false });
  return uri;
}

/**
 * Sets `rules.<id>` to "off" in the config file of the finding's folder, on disk (an editor showing it reloads);
 * when an editor holds unsaved changes to it, the edit goes into that editor and is saved with them.
 * Resolves with the file.
 */
export async function turnRuleOff(args: TurnRuleOffArgs): Promise<vscode.Uri | undefined> {
  const uri = configFileUri(vscode.Uri.parse(args.uri));
  if (!uri) {
    void vscode.window.showWarningMessage(t('noFolder'));
    return undefined;
  }
  const off = (text: string) => applyEdits(text, modify(text, ['rules', args.ruleId], 'off', { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }));
  const dirty = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.isDirty);
  if (dirty) {
    const text = dirty.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(dirty.positionAt(0), dirty.positionAt(text.length)), off(text));
    if (!(await vscode.workspace.applyEdit(edit)) || !(await dirty.save())) return undefined;
  } else {
    const text = (await exists(uri)) ? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) : STARTER;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(off(text)));
  }
  void vscode.window.setStatusBarMessage(t('turnedOff', { rule: args.ruleId, file: vscode.workspace.asRelativePath(uri) }), 5000);
  return uri;
}
