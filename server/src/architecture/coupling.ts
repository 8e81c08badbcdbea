/**
 * The coupling score of a workspace (0 = loose, 1 = tight), measured from per-file facts: how many domain files
 * import another domain, what share of calls cross a domain boundary, and how many domains share a database
 * handle or table. It feeds the split model, where coupling above 0.65 is the one technical reason to split.
 */
import type { CouplingComponent, CouplingReport, DomainEdge } from '../protocol';
import type { FileSummary } from '../engine/analyze';
import type { Settings } from '../engine/config';
import { COUPLING_FACTS_ID, CouplingFacts } from './coupling-facts';
import { WorkspacePlacements } from '../engine/placements';
import { SIGNAL_LINES } from './split-model';
import type { Locale, Message } from '../engine/types';

/** Weights of the three components; they sum to 1. Shared data weighs most: it couples at run time too. */
export const COUPLING_WEIGHTS = Object.freeze({ imports: 0.3, calls: 0.3, sharedDb: 0.4 });

const LABELS: Record<CouplingComponent['id'], Message> = {
  imports: { en: 'Import graph', zh: '导入关系' },
  calls: { en: 'Cross-domain calls', zh: '跨领域调用' },
  sharedDb: { en: 'Shared database handles and tables', zh: '共享数据库句柄与表' },
};

const EXPLAIN: Record<CouplingComponent['id'], Message> = {
  imports: {
    en: '{files} of {total} domain files import another domain\'s package; {pairs} of {possible} domain pairs are linked. Value = the share of files.',
    zh: '{total} 个领域文件中有 {files} 个导入了其他领域的包;{possible} 对领域中有 {pairs} 对存在依赖。取值 = 文件占比。',
  },
  calls: {
    en: '{cross} of {all} calls made by domain code go into another domain ({share}). Value = that share divided by 40%, capped at 1: at 40% the boundary is already in the wrong place.',
    zh: '领域代码的 {all} 次调用中有 {cross} 次进入其他领域({share})。取值 = 该占比除以 40%,最大为 1:达到 40% 时边界已划错。',
  },
  sharedDb: {
    en: '{shared} of {total} domains share a database handle ({handles}) or a table ({tables}) with another domain. Value = the share of domains.',
    zh: '{total} 个领域中有 {shared} 个与其他领域共享数据库句柄({handles} 个)或表({tables} 张)。取值 = 领域占比。',
  },
};

const FEW_DOMAINS: Message = {
  en: 'Fewer than two business domains found ({count}): nothing to couple. Map domains in .go-traps.json ("domains") if the layout hides them.',
  zh: '只找到 {count} 个业务领域(少于两个):无从谈耦合。若目录结构看不出领域,请在 .go-traps.json 的 "domains" 中配置。',
};

function fill(message: Message, locale: Locale, data: Record<string, string | number>): string {
  const template = locale === 'zh-cn' ? message.zh : message.en;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

const round = (value: number) => Math.round(value * 100) / 100;
const percent = (value: number) => `${Math.round(value * 100)}%`;

interface DomainTally {
  files: number;
  filesImportingOthers: number;
  crossCalls: number;
  ownCalls: number;
}

/**
 * Measures the coupling between the workspace's business domains from the files' coupling facts; the domains are
 * the engine's placements (`placements`, built from the summaries when not given), listed in the report.
 */
export function measureCoupling(summaries: FileSummary[], settings: Settings, placements = WorkspacePlacements.fromSummaries(summaries, settings)): CouplingReport {
  const locale = settings.locale;
  const files = summaries
    .map((s) => ({ location: s.location, facts: s.facts[COUPLING_FACTS_ID] as CouplingFacts | undefined }))
    .filter((f): f is { location: FileSummary['location']; facts: CouplingFacts } => f.facts !== undefined);

  // Handles: which module functions return one, who declares them, then which domains read or receive them.
  const openers = new Set<string>();
  for (const { location, facts } of files) for (const name of facts.openers ?? []) openers.add(`${location.modulePath}|${location.packageDir}.${name}`);
  const isHandle = (modulePath: string, via: string | undefined) => via === undefined || openers.has(`${modulePath}|${via}`);
  const handleOwner = new Map<string, string>();
  for (const { location, facts } of files) {
    for (const handle of facts.handles) {
      if (isHandle(location.modulePath, handle.via)) handleOwner.set(`${location.modulePath}|${location.packageDir}.${handle.name}`, placements.ofLocation(location).domain);
    }
  }
  const handleDomains = new Map<string, Set<string>>();
  const useHandle = (key: string, domain: string) => {
    if (!domain) return;
    const set = handleDomains.get(key) ?? new Set<string>();
    set.add(domain);
    handleDomains.set(key, set);
  };
  for (const [key, owner] of handleOwner) useHandle(key, owner);
  for (const { location, facts } of files) {
    for (const ref of facts.refs) {
      const key = `${location.modulePath}|${ref.dir}.${ref.name}`;
      if (handleOwner.has(key)) useHandle(key, placements.ofLocation(location).domain);
    }
    for (const pass of facts.passes) {
      const local = pass.handle.includes('#');
      if (local ? isHandle(location.modulePath, pass.via) : handleOwner.has(pass.handle)) useHandle(pass.handle, placements.ofDir(location.modulePath, pass.dir).domain);
    }
  }

  // Tables named by each domain's SQL.
  const tableDomains = new Map<string, Set<string>>();
  const tally = new Map<string, DomainTally>();
  const edges = new Map<string, { imports: number; calls: number }>();
  const edge = (from: string, to: string) => {
    const key = `${from}\n${to}`;
    const found = edges.get(key) ?? { imports: 0, calls: 0 };
    edges.set(key, found);
    return found;
  };
  for (const { location, facts } of files) {
    const domain = placements.ofLocation(location).domain;
    if (!domain) continue;
    const domainOf = (dir: string) => placements.ofDir(location.modulePath, dir).domain;
    const t = tally.get(domain) ?? { files: 0, filesImportingOthers: 0, crossCalls: 0, ownCalls: 0 };
    tally.set(domain, t);
    t.files++;
    t.ownCalls += facts.localCalls;
    const imported = new Set(facts.imports.map(domainOf).filter((d) => d && d !== domain));
    if (imported.size > 0) t.filesImportingOthers++;
    for (const other of imported) edge(domain, other).imports++;
    for (const [dir, count] of Object.entries(facts.callsByDir)) {
      const target = domainOf(dir);
      if (target === domain) t.ownCalls += count;
      else if (target) {
        t.crossCalls += count;
        edge(domain, target).calls += count;
      }
    }
    for (const table of facts.tables) {
      const set = tableDomains.get(table) ?? new Set<string>();
      set.add(domain);
      tableDomains.set(table, set);
    }
  }

  const domains = [...tally.keys()].sort();
  const sharedHandles = [...handleDomains]
    .filter(([, set]) => set.size >= 2)
    .map(([key, set]) => ({ handle: handleLabel(key), domains: [...set].sort() }))
    .sort((a, b) => a.handle.localeCompare(b.handle));
  const sharedTables = [...tableDomains]
    .filter(([, set]) => set.size >= 2)
    .map(([table, set]) => ({ table, domains: [...set].sort() }))
    .sort((a, b) => a.table.localeCompare(b.table));

  const totals = [...tally.values()].reduce(
    (sum, t) => ({ files: sum.files + t.files, importing: sum.importing + t.filesImportingOthers, cross: sum.cross + t.crossCalls, own: sum.own + t.ownCalls }),
    { files: 0, importing: 0, cross: 0, own: 0 },
  );
  const allCalls = totals.cross + totals.own;
  const crossShare = allCalls > 0 ? totals.cross / allCalls : 0;
  const linkedPairs = new Set([...edges.keys()].map((k) => k.split('\n').sort().join('\n'))).size;
  const possiblePairs = (domains.length * (domains.length - 1)) / 2;
  const sharingDomains = new Set([...sharedHandles, ...sharedTables].flatMap((s) => s.domains).filter((d) => tally.has(d)));

  const enough = domains.length >= 2;
  const values = {
    imports: enough && totals.files > 0 ? totals.importing / totals.files : 0,
    calls: enough ? Math.min(1, crossShare / SIGNAL_LINES.crossModuleCallShare) : 0,
    sharedDb: enough ? sharingDomains.size / domains.length : 0,
  };
  const data = {
    files: totals.importing,
    total: totals.files,
    pairs: linkedPairs,
    possible: possiblePairs,
    cross: totals.cross,
    all: allCalls,
    share: percent(crossShare),
    shared: sharingDomains.size,
    handles: sharedHandles.length,
    tables: sharedTables.length,
  };
  const components: CouplingComponent[] = (['imports', 'calls', 'sharedDb'] as const).map((id) => ({
    id,
    label: fill(LABELS[id], locale, {}),
    value: round(values[id]),
    weight: COUPLING_WEIGHTS[id],
    explanation: enough ? fill(EXPLAIN[id], locale, id === 'sharedDb' ? { ...data, total: domains.length } : data) : fill(FEW_DOMAINS, locale, { count: domains.length }),
  }));
  const score = round(components.reduce((sum, c) => sum + c.weight * values[c.id], 0));

  const domainEdges: DomainEdge[] = [...edges]
    .map(([key, e]) => {
      const [from, to] = key.split('\n');
      const t = tally.get(from)!;
      const fromCalls = t.crossCalls + t.ownCalls;
      const callShare = fromCalls > 0 ? e.calls / fromCalls : 0;
      const weight = 0.5 * (e.imports / t.files) + 0.5 * Math.min(1, callShare / SIGNAL_LINES.crossModuleCallShare);
      return { from, to, weight: round(weight), imports: e.imports, calls: e.calls };
    })
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));

  return {
    score,
    components,
    domains,
    edges: domainEdges,
    sharedHandles,
    sharedTables,
    crossModuleCallShare: round(crossShare),
    filesMeasured: files.length,
    placements: placements.rows(locale),
  };
}

/** `example.com/shop|internal/store.DB` → `internal/store.DB`; `cmd/shop/main.go#main.db` → `db (cmd/shop/main.go, main)`. */
function handleLabel(key: string): string {
  const local = /^(.*)#(.*)\.([^.]+)$/.exec(key);
  if (local) return `${local[3]} (${local[1]}, ${local[2]})`;
  return key.slice(key.indexOf('|') + 1);
}
