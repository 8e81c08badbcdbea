/**
 * The `go-traps` task type: runs the CLI (which comes with the npm package, not with the extension) over the
 * workspace folder, and the `$go-traps` problem matcher reads its `path:line:col: severity rule-id message`
 * lines into Problems, as CI would report them.
 */
import * as vscode from 'vscode';

export const TASK_TYPE = 'go-traps';

interface GoTrapsTaskDefinition extends vscode.TaskDefinition {
  command?: string;
  args?: string[];
}

function taskFor(folder: vscode.WorkspaceFolder, definition: GoTrapsTaskDefinition): vscode.Task {
  const command = definition.command ?? 'go-traps';
  const args = definition.args ?? ['.'];
  const execution = new vscode.ShellExecution(command, args, { cwd: folder.uri.fsPath });
  const task = new vscode.Task(definition, folder, `check ${folder.name}`, TASK_TYPE, execution, ['$go-traps']);
  task.group = vscode.TaskGroup.Test;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

export function registerCliTasks(): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => taskFor(folder, { type: TASK_TYPE })),
    resolveTask(task) {
      const folder = task.scope && typeof task.scope === 'object' ? (task.scope as vscode.WorkspaceFolder) : vscode.workspace.workspaceFolders?.[0];
      if (!folder) return undefined;
      const resolved = taskFor(folder, task.definition as GoTrapsTaskDefinition);
      // A task from tasks.json keeps the matchers it names.
      return new vscode.Task(task.definition, folder, task.name, TASK_TYPE, resolved.execution, task.problemMatchers.length > 0 ? task.problemMatchers : ['$go-traps']);
    },
  });
}
