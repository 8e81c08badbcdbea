/** The client's own words in English and Simplified Chinese; the server's messages come localized already. */
import * as vscode from 'vscode';
import { formatMessage, localeFrom } from '../../server/src/engine/messages';
import type { Locale } from '@protocol';

/** VS Code's display language as the product's locale. */
export function currentLocale(): Locale {
  return localeFrom(vscode.env.language);
}

/** English nouns follow their numbers with `{count:trap|traps}` (see formatMessage). */
const STRINGS = {
  statusReady: { en: '{count} {count:trap|traps}', zh: '{count} 处陷阱' },
  statusIndexing: { en: 'indexing {done} of {total}', zh: '正在索引 {done}/{total}' },
  statusIndexingStarted: { en: 'indexing', zh: '正在索引' },
  statusStarting: { en: 'starting', zh: '正在启动' },
  statusConfigError: { en: 'config error', zh: '配置有误' },
  statusStopped: { en: 'stopped', zh: '已停止' },
  statusAccessible: { en: 'Go Traps: {count} {count:trap|traps} in the workspace', zh: 'Go Traps:工作区中有 {count} 处陷阱' },
  tooltipReady: { en: '**{count}** {count:trap|traps} in {files} Go {files:file|files}, the same as in Problems.', zh: '{files} 个 Go 文件中有 **{count}** 处陷阱,与“问题”面板一致。' },
  tooltipOpenFilesOnly: {
    en: '**{count}** {count:trap|traps} in {files} Go {files:file|files}; Problems lists open files only (`goTraps.problems`).',
    zh: '{files} 个 Go 文件中有 **{count}** 处陷阱;“问题”面板只列出已打开的文件(`goTraps.problems`)。',
  },
  tooltipLastScan: { en: 'The last finished scan found **{count}** {count:trap|traps}.', zh: '上一次完成的扫描发现 **{count}** 处陷阱。' },
  tooltipIndexing: { en: 'Indexing the workspace: {done} of {total} Go files read.', zh: '正在索引工作区:已读取 {done}/{total} 个 Go 文件。' },
  tooltipSkipped: { en: '{count} {count:file was|files were} skipped (generated, too large or binary); the output names them.', zh: '跳过了 {count} 个文件(生成的、过大的或二进制),输出中列出了它们。' },
  tooltipConfigError: { en: '$(warning) {error}', zh: '$(warning) {error}' },
  tooltipStopped: { en: 'The Go Traps language server is not running.', zh: 'Go Traps 语言服务器未运行。' },
  menuTitle: { en: 'Go Traps', zh: 'Go Traps' },
  menuChecklist: { en: '$(checklist) Show Architecture Checklist', zh: '$(checklist) 显示架构检查清单' },
  menuRescan: { en: '$(refresh) Re-scan Workspace', zh: '$(refresh) 重新扫描工作区' },
  menuOutput: { en: '$(output) Show Output', zh: '$(output) 显示输出' },
  menuSettings: { en: '$(settings-gear) Open Settings', zh: '$(settings-gear) 打开设置' },
  menuConfig: { en: '$(json) Open {file}', zh: '$(json) 打开 {file}' },
  menuRestart: { en: '$(debug-restart) Restart Server', zh: '$(debug-restart) 重启服务器' },
  linkChecklist: { en: '$(checklist) Checklist', zh: '$(checklist) 检查清单' },
  linkRescan: { en: '$(refresh) Re-scan', zh: '$(refresh) 重新扫描' },
  linkOutput: { en: '$(output) Output', zh: '$(output) 输出' },
  linkSettings: { en: '$(settings-gear) Settings', zh: '$(settings-gear) 设置' },
  checklistTitle: { en: 'Go Traps: Architecture Checklist', zh: 'Go Traps:架构检查清单' },
  checklistIndexing: { en: 'The workspace scan is still running: counts may grow.', zh: '工作区扫描尚未完成:数字可能还会增加。' },
  findings: { en: '{count} {count:finding|findings}', zh: '{count} 处问题' },
  noFindingsCount: { en: 'No findings', zh: '没有问题' },
  packagesCount: { en: '{count} {count:package|packages}', zh: '{count} 个包' },
  findingsOf: { en: 'Findings: {title}', zh: '问题:{title}' },
  noFindings: { en: '{title}: {detail}', zh: '{title}:{detail}' },
  reportFailed: { en: 'Go Traps: could not get the workspace report: {error}', zh: 'Go Traps:无法获取工作区报告:{error}' },
  reportSaveTitle: { en: 'Save the Architecture Report', zh: '保存架构报告' },
  reportSaved: { en: 'Go Traps: the architecture report is saved in {file}.', zh: 'Go Traps:架构报告已保存到 {file}。' },
  analyzed: { en: 'Go Traps: {count} {count:trap|traps} in {files} Go {files:file|files}.', zh: 'Go Traps:{files} 个 Go 文件中有 {count} 处陷阱。' },
  crashed: { en: 'The Go Traps language server stopped unexpectedly; restarting it.', zh: 'Go Traps 语言服务器意外退出,正在重启。' },
  crashedTooOften: {
    en: 'The Go Traps language server crashed {count} times in 3 minutes and will not be restarted. See the output for the cause.',
    zh: 'Go Traps 语言服务器 3 分钟内崩溃了 {count} 次,将不再自动重启。原因请查看输出。',
  },
  restart: { en: 'Restart Server', zh: '重启服务器' },
  showOutput: { en: 'Show Output', zh: '显示输出' },
  calculatorTitle: { en: 'Split-Threshold Calculator', zh: '拆分阈值计算器' },
  suppressPrompt: { en: 'Why is this trap acceptable here? The reason goes into the comment for the next engineer.', zh: '为什么这里可以接受这个陷阱?理由会写进注释,留给后来的工程师。' },
  suppressTitleLine: { en: 'Suppress {rule} on this line', zh: '在此行抑制 {rule}' },
  suppressTitleFile: { en: 'Suppress {rule} in this file', zh: '在此文件中抑制 {rule}' },
  suppressPlaceholder: { en: 'e.g. the pool is shared on purpose by the reporting job', zh: '例如:报表任务有意共用这个连接池' },
  suppressNeedsReason: { en: 'Write the reason: a suppression without one silences nothing.', zh: '请写明理由:没有理由的抑制不起作用。' },
  suppressPlaceholderReason: { en: '"{reason}" is a placeholder, not a reason: say why the trap is acceptable here.', zh: '“{reason}”只是占位文字,不是理由:请说明为什么这里可以接受这个陷阱。' },
  suppressStale: { en: 'Go Traps: the file changed since the action was offered; try again.', zh: 'Go Traps:提供此操作后文件已改变,请重试。' },
  turnedOff: { en: 'Go Traps: {rule} is off in {file}.', zh: 'Go Traps:已在 {file} 中关闭 {rule}。' },
  noFolder: { en: 'Go Traps: open a folder first; the team configuration lives at its root.', zh: 'Go Traps:请先打开文件夹,团队配置位于其根目录。' },
  pickRule: { en: 'The rule whose documentation to open', zh: '选择要查看文档的规则' },
  noDocs: { en: 'Go Traps: no documentation for "{rule}".', zh: 'Go Traps:没有 “{rule}” 的文档。' },
} as const;

export type StringId = keyof typeof STRINGS;

/** A client string in the current language, with `{placeholders}` filled. */
export function t(id: StringId, data: Record<string, string | number> = {}, locale: Locale = currentLocale()): string {
  return formatMessage(STRINGS[id], locale, data);
}

/** A count for people: thousands grouped the way the language groups them (4,093). */
export function figure(count: number, locale: Locale = currentLocale()): string {
  return count.toLocaleString(locale === 'zh-cn' ? 'zh-CN' : 'en-US');
}
