/**
 * Settings flow: `goTraps.*` from the client (per workspace folder) on top of the team's `.go-traps.json`,
 * which stays the shared source of truth; a bad value falls back to its default and is reported, never thrown.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ClientSettings, DEFAULT_CLIENT_SETTINGS } from '../protocol';
import { closestRuleId, ConfigProblem, defaultSettings, parseConfig, RuleLevel, Settings } from '../engine/config';
import type { Locale, Range } from '../engine/types';

export const CONFIG_FILE_NAME = '.go-traps.json';
const LEVELS: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Whatever the client sent, as well-typed settings: unknown or ill-typed values keep their defaults. */
export function sanitizeClientSettings(raw: unknown): ClientSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleLevel> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, level] of Object.entries(value.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.includes(level)) rules[id] = level as RuleLevel;
    }
  }
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_CLIENT_SETTINGS.enable,
    run: value.run === 'onSave' || value.run === 'onType' ? value.run : DEFAULT_CLIENT_SETTINGS.run,
    problems: value.problems === 'openFiles' || value.problems === 'workspace' ? value.problems : DEFAULT_CLIENT_SETTINGS.problems,
    rules,
    configFile: typeof value.configFile === 'string' ? value.configFile : DEFAULT_CLIENT_SETTINGS.configFile,
    baseline: value.baseline === 'hint' || value.baseline === 'hide' || value.baseline === 'ignore' ? value.baseline : DEFAULT_CLIENT_SETTINGS.baseline,
  };
}

/** The team config file of a workspace folder, as the client settings name it. */
export function configFilePath(folder: string, client: ClientSettings): string {
  return path.resolve(folder, client.configFile || CONFIG_FILE_NAME);
}

export interface TeamConfig {
  settings: Settings;
  /** Absolute path of the file read, or undefined when there is none (defaults apply, silently). */
  file?: string;
  text?: string;
  problems: ConfigProblem[];
}

/** Reads the team config; a missing file is not a problem, an unreadable or broken one is. */
export async function loadTeamConfig(file: string, knownRules: readonly string[], explicit: boolean): Promise<TeamConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && !explicit) return { settings: defaultSettings(), problems: [] };
    return { settings: defaultSettings(), file, problems: [{ key: '', message: `cannot read: ${(error as Error).message}` }] };
  }
  const { settings, problems } = parseConfig(text, knownRules);
  return { settings, file, text, problems };
}

/** Engine settings for one folder: team config, then the user's per-rule overrides, then the display language. */
export function engineSettings(team: Settings, client: ClientSettings, locale: Locale, knownRules: readonly string[]): Settings {
  const settings = structuredClone(team);
  for (const [id, level] of Object.entries(client.rules)) if (knownRules.includes(id)) settings.rules[id] = level;
  settings.locale = locale;
  return settings;
}

/**
 * One short line that says what is wrong with the config file, for a notification or the status bar; every
 * problem is listed in Problems on the file itself.
 */
export function describeProblems(file: string, problems: readonly ConfigProblem[], locale: Locale = 'en'): string {
  const name = path.basename(file);
  const zh = locale === 'zh-cn';
  if (problems.length === 1) {
    const [only] = problems;
    if (only.key === '') return zh ? `${name}:${only.message};已使用默认值。` : `${name}: ${only.message}; the defaults apply.`;
    return zh ? `${name}:"${only.key}":${only.message};该项使用默认值。` : `${name}: "${only.key}": ${only.message}; its default applies.`;
  }
  return zh
    ? `${name} 有 ${problems.length} 处问题,相关项使用默认值。每一处都列在“问题”面板中。`
    : `${name} has ${problems.length} problems; their defaults apply. Each is listed in Problems.`;
}

/** The words of the server's own notices about settings, in both languages. */
export function settingsNotice(kind: 'open' | 'unknownRules', locale: Locale, data: { file?: string; ids?: string[] }): string {
  const zh = locale === 'zh-cn';
  if (kind === 'open') return zh ? `打开 ${data.file}` : `Open ${data.file}`;
  const ids = data.ids ?? [];
  if (zh) return `Go Traps:设置 goTraps.rules 中有不存在的规则:${ids.join('、')}。已忽略。`;
  const one = ids.length === 1;
  return `Go Traps: the setting goTraps.rules names ${one ? 'a rule that does not exist' : `${ids.length} rules that do not exist`}: ${ids.join(', ')}. ${one ? 'It is' : 'They are'} ignored.`;
}

/** Rule ids the `goTraps.rules` setting names that are not rules. */
export function unknownRuleIds(raw: unknown, knownRules: readonly string[], locale: Locale = 'en'): string[] {
  const rules = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).rules : undefined;
  if (!rules || typeof rules !== 'object') return [];
  return Object.keys(rules).filter((id) => !knownRules.includes(id)).map((id) => {
    const near = closestRuleId(id, knownRules);
    if (!near) return `"${id}"`;
    return locale === 'zh-cn' ? `"${id}"(是否想写 "${near}"?)` : `"${id}" (did you mean "${near}"?)`;
  });
}

/**
 * Where in the config text a problem sits: the offset the parser or the schema check gave (the key's name, or
 * the broken spot), else the first line.
 */
export function problemRange(text: string, problem: ConfigProblem): Range {
  if (problem.offset === undefined || problem.offset > text.length) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const end = Math.min(text.length, problem.offset + (problem.length ?? 1));
  return { start: positionAt(text, problem.offset), end: positionAt(text, end) };
}

function positionAt(text: string, offset: number): Range['start'] {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 0;
  for (let i = 0; i < lineStart; i++) if (before.charCodeAt(i) === 10) line++;
  return { line, character: offset - lineStart };
}
