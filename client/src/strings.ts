/** The client's own words in English and Simplified Chinese; the server's messages come localised already. */
import * as vscode from 'vscode';
import { localeFrom } from '../../server/src/engine/messages';
import type { Locale } from '@protocol';

/** VS Code's display language as the product's locale. */
export function currentLocale(): Locale {
  return localeFrom(vscode.env.language);
}

const STRINGS = {
  statusTooltip: { en: 'Go Traps: {count} trap(s) in {files} file(s). Click for the architecture checklist.', zh: 'Go Traps:{files} 个文件中有 {count} 处陷阱。点击查看架构检查清单。' },
  statusIndexing: { en: 'Go Traps: scanning the workspace ({files} file(s) so far)…', zh: 'Go Traps:正在扫描工作区(已扫描 {files} 个文件)…' },
  statusConfigError: { en: 'Go Traps: .go-traps.json is broken, defaults apply: {error}', zh: 'Go Traps:.go-traps.json 有误,已使用默认值:{error}' },
  statusStopped: { en: 'Go Traps: the language server is not running. Click to restart it.', zh: 'Go Traps:语言服务器未运行。点击重启。' },
  checklistTitle: { en: 'Go Traps: Architecture Checklist', zh: 'Go Traps:架构检查清单' },
  checklistIndexing: { en: 'The workspace scan is still running: counts may grow.', zh: '工作区扫描尚未完成:数字可能还会增加。' },
  findings: { en: '{count} finding(s)', zh: '{count} 处问题' },
  findingsOf: { en: 'Findings: {title}', zh: '问题:{title}' },
  noFindings: { en: '{title}: {detail}', zh: '{title}:{detail}' },
  reportFailed: { en: 'Go Traps: could not get the workspace report: {error}', zh: 'Go Traps:无法获取工作区报告:{error}' },
  analyzing: { en: 'Go Traps: analysing the workspace…', zh: 'Go Traps:正在分析工作区…' },
  analyzed: { en: 'Go Traps: workspace analysed, {count} trap(s).', zh: 'Go Traps:工作区分析完成,共 {count} 处陷阱。' },
  crashed: { en: 'The Go Traps language server stopped unexpectedly; restarting it.', zh: 'Go Traps 语言服务器意外退出,正在重启。' },
  crashedTooOften: {
    en: 'The Go Traps language server crashed {count} times in 3 minutes and will not be restarted. See the output for the cause.',
    zh: 'Go Traps 语言服务器 3 分钟内崩溃了 {count} 次,将不再自动重启。原因请查看输出。',
  },
  restart: { en: 'Restart Server', zh: '重启服务器' },
  showOutput: { en: 'Show Output', zh: '显示输出' },
  calculatorTitle: { en: 'Split-Threshold Calculator', zh: '拆分阈值计算器' },
} as const;

export type StringId = keyof typeof STRINGS;

/** A client string in the current language, with `{placeholders}` filled. */
export function t(id: StringId, data: Record<string, string | number> = {}, locale: Locale = currentLocale()): string {
  const message = STRINGS[id];
  const template = locale === 'zh-cn' ? message.zh : message.en;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
