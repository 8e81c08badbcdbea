/**
 * The checklist's "Business domains found" item, opened: every package folder, those taken as business domains
 * first, then those set apart, each with its role and the engine's reason. No `vscode` here, so the unit tests
 * read exactly what the picker shows.
 */
import type { Locale, PackagePlacement } from '@protocol';
import { formatMessage } from '../../server/src/engine/messages';

export interface PlacementPick {
  label: string;
  description: string;
  detail: string;
  row: PackagePlacement;
}

export interface PlacementGroups {
  /** "Taken as business domains (3)", then its picks. */
  domains: { title: string; picks: PlacementPick[] };
  apart: { title: string; picks: PlacementPick[] };
}

const TEXT = {
  domains: { en: 'Taken as business domains ({count})', zh: '判定为业务域({count})' },
  apart: { en: 'Set apart, not domains ({count})', zh: '不算业务域({count})' },
  files: { en: '{count} Go {count:file|files}', zh: '{count} 个 Go 文件' },
};

function pick(row: PackagePlacement, locale: Locale, modules: number): PlacementPick {
  const files = formatMessage(TEXT.files, locale, { count: row.files });
  return {
    label: `${row.role === 'domain' ? '$(symbol-namespace)' : '$(circle-slash)'} ${row.dir}`,
    description: modules > 1 && row.module ? `${row.what} · ${row.module}` : row.what,
    detail: `${row.reason} · ${files}`,
    row,
  };
}

/** The rows split into the two groups the picker shows under separators. */
export function placementGroups(rows: readonly PackagePlacement[], locale: Locale): PlacementGroups {
  const modules = new Set(rows.map((r) => r.module)).size;
  const domains = rows.filter((r) => r.role === 'domain').map((r) => pick(r, locale, modules));
  const apart = rows.filter((r) => r.role !== 'domain').map((r) => pick(r, locale, modules));
  return {
    domains: { title: formatMessage(TEXT.domains, locale, { count: domains.length }), picks: domains },
    apart: { title: formatMessage(TEXT.apart, locale, { count: apart.length }), picks: apart },
  };
}
