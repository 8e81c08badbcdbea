/**
 * `go-traps domains [paths...]`: which packages the engine takes for business domains and why — entry points,
 * wiring, infrastructure, transport front-ends, batch runners and test harnesses set apart — so a team can see
 * what the pool and coupling analyses compare, and correct it with the `domains` (or `infrastructure`) setting.
 * The answer is the engine's placements, the same db-shared-pool, the checklist and the calculator use.
 */
import { formatMessage } from '../engine/messages';
import { WorkspacePlacements, type PackagePlacement } from '../engine/placements';
import { collectSummaries } from '../engine/summaries';
import type { Locale, Message } from '../engine/types';
import { loadProject, ProjectOptions, UsageError } from './project';

export interface DomainsOptions extends Pick<ProjectOptions, 'config' | 'locale'> {
  /** `--json`, kept for scripts written before `--format`. */
  json?: boolean;
  format?: string;
}

export type { PackagePlacement };

const TEXT = {
  domains: { en: '{count} business {count:domain|domains}: {list}', zh: '{count} 个业务域:{list}' },
  none: { en: '(none)', zh: '(无)' },
  apart: { en: '{count} {count:package|packages} set apart', zh: '{count} 个包不算业务域' },
  correct: {
    en: 'Correct it with one setting in .go-traps.json: "domains" (domain → folder globs; it wins over everything else) or "infrastructure" (folder names that are never a domain).',
    zh: '在 .go-traps.json 中用一项设置更正:"domains"(业务域 → 目录 glob,优先于其他一切判断)或 "infrastructure"(永远不算业务域的目录名)。',
  },
} satisfies Record<string, Message>;

/** The placements as text: a summary line, one row per package folder (domains first), how to correct it. */
export function formatPlacements(rows: readonly PackagePlacement[], locale: Locale): string {
  const say = (message: Message, data: Record<string, string | number> = {}) => formatMessage(message, locale, data);
  const domains = [...new Set(rows.filter((r) => r.role === 'domain').map((r) => r.domain))];
  const apart = rows.filter((r) => r.role !== 'domain').length;
  const lines = [say(TEXT.domains, { count: domains.length, list: domains.join(', ') || say(TEXT.none) }), say(TEXT.apart, { count: apart }), ''];
  const width = Math.max(7, ...rows.map((r) => r.dir.length));
  const whatWidth = Math.max(12, ...rows.map((r) => r.what.length));
  const modules = new Set(rows.map((r) => r.module)).size;
  for (const row of rows) {
    const where = modules > 1 && row.module ? ` [${row.module}]` : '';
    lines.push(`${row.dir.padEnd(width)}  ${row.what.padEnd(whatWidth)}  ${row.reason}${where}`);
  }
  lines.push('', say(TEXT.correct));
  return lines.join('\n') + '\n';
}

export async function runDomains(paths: string[], options: DomainsOptions): Promise<number> {
  const format = options.json ? 'json' : options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}" (text or json)`);
  const project = await loadProject(paths, { config: options.config, locale: options.locale });
  const summaries = await collectSummaries(project.files, project.read, project.settings, project.modules);
  const rows = WorkspacePlacements.fromSummaries(summaries, project.settings).rows(project.settings.locale);
  process.stdout.write(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : formatPlacements(rows, project.settings.locale));
  return 0;
}
