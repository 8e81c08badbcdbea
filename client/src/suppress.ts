/**
 * "Suppress <rule> on this line…" and "…in this file": the server says where the comment goes, the client asks
 * why. Nothing is inserted until a real reason is given; Escape inserts nothing. A placeholder ("TODO", "...")
 * is refused, since the server would not honour it either.
 */
import * as vscode from 'vscode';
import type { SuppressArgs } from '@protocol';
import { isPlaceholderReason } from '../../server/src/engine/suppress';
import { t } from './strings';

/** Why a reason cannot stand, or undefined when it can. */
export function reasonProblem(reason: string): string | undefined {
  const text = reason.trim();
  if (text === '') return t('suppressNeedsReason');
  if (isPlaceholderReason(text)) return t('suppressPlaceholderReason', { reason: text });
  return undefined;
}

/**
 * Asks for the reason (unless `reason` is given, as tests and scripts do) and inserts the suppression.
 * Resolves with the inserted line, or undefined when nothing was inserted.
 */
export async function suppressWithReason(args: SuppressArgs, reason?: string): Promise<string | undefined> {
  const uri = vscode.Uri.parse(args.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const given =
    reason ??
    (await vscode.window.showInputBox({
      title: t(args.scope === 'file' ? 'suppressTitleFile' : 'suppressTitleLine', { rule: args.ruleId }),
      prompt: t('suppressPrompt'),
      placeHolder: t('suppressPlaceholder'),
      ignoreFocusOut: true,
      // Empty: a hint, not an error, before anything is typed; a placeholder: an error that blocks Enter.
      validateInput: (value) =>
        value.trim() === '' ? { message: t('suppressNeedsReason'), severity: vscode.InputBoxValidationSeverity.Info } : reasonProblem(value),
    }));
  if (given === undefined) return undefined;
  const problem = reasonProblem(given);
  if (problem) {
    void vscode.window.showWarningMessage(`Go Traps: ${problem}`);
    return undefined;
  }
  // The position was computed for the text the action was offered on; typing since may have moved it.
  if (document.version !== args.version) {
    void vscode.window.showWarningMessage(t('suppressStale'));
    return undefined;
  }
  const text = `${args.prefix}${given.trim().replace(/\s+/g, ' ')}${args.suffix}`;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(args.position.line, args.position.character), text);
  return (await vscode.workspace.applyEdit(edit)) ? text.trim() : undefined;
}
