/**
 * The split-threshold model, in one place for the server, the CLI and the calculator: split a Go monolith
 * when `qps > 5000 || teamSize > 8 || couplingScore > 0.65`. Coupling is the only technical reason to split
 * proactively; load and head count are circuit breakers. Below every line the answer is to converge, with
 * the actions of the decision-signal table for the signals past their warning line.
 */
import type { SplitCheck, SplitDecision, SplitInput } from '../protocol';
import type { Locale, Message } from '../engine/types';

/** The three thresholds; each fires when the input is strictly above it. */
export const SPLIT_THRESHOLDS = Object.freeze({ qps: 5000, teamSize: 8, couplingScore: 0.65 });

/** The warning lines of the decision signals. */
export const SIGNAL_LINES = Object.freeze({
  /** Average response time of the slowest interface, sustained for 5 minutes: above it, look at the database first. */
  slowestResponseMs: 200,
  /** Releases per day at or above which releases need feature flags rather than separate services. */
  releasesPerDay: 8,
  /** Share of calls that cross a module boundary above which the boundary is drawn in the wrong place. */
  crossModuleCallShare: 0.4,
});

const TEXT = {
  split: { en: 'Split', zh: '拆分' },
  converge: { en: 'Converge: fix the monolith first', zh: '收敛:先把单体治理好' },
  qps: {
    en: 'Load above 5,000 requests/s: load is a circuit breaker, split the hot path out',
    zh: '负载超过每秒 5000 个请求:负载触发熔断条件,把热点链路拆出去',
  },
  team: {
    en: 'More than 8 people on the core team: team size is a circuit breaker, split along team boundaries',
    zh: '核心团队超过 8 人:团队规模触发熔断条件,按团队边界拆分',
  },
  coupling: {
    en: 'Coupling above 0.65: the only technical reason to split proactively; cut along the tightest domain edge',
    zh: '耦合度超过 0.65:这是主动拆分唯一的技术依据;沿耦合最紧的领域边界切分',
  },
  qpsOk: { en: 'Load of 5,000 requests/s or less: load alone does not justify a split', zh: '负载不超过每秒 5000 个请求:仅凭负载不足以拆分' },
  teamOk: { en: 'Core team of 8 or fewer: one codebase is still workable', zh: '核心团队不超过 8 人:一个代码库仍然可以协作' },
  couplingOk: {
    en: 'Coupling at or below 0.65: boundaries are good enough to keep one deployable',
    zh: '耦合度不超过 0.65:边界尚可,保持单一部署单元',
  },
  responseTime: {
    en: 'Slowest interface above 200 ms on average: check database indexes and cache penetration before touching the architecture',
    zh: '最慢接口平均响应超过 200 ms:先检查数据库索引和缓存穿透,再考虑架构',
  },
  releases: {
    en: '8 or more releases a day: govern them with feature flags instead of splitting services',
    zh: '每天发布 8 次及以上:用 Feature Flag 治理发布,而不是拆服务',
  },
  crossCalls: {
    en: 'More than 40% of calls cross a module boundary: merge the boundary domains or add a BFF layer',
    zh: '跨模块调用占比超过 40%:合并边界领域,或引入 BFF 层',
  },
  signalQuiet: { en: 'Below its warning line', zh: '未到警戒线' },
  signalMissing: { en: 'Not given', zh: '未提供' },
  thresholdMissing: { en: 'Not given yet: enter it for a full decision', zh: '尚未提供:填写后才能得到完整结论' },
} satisfies Record<string, Message>;

function say(message: Message, locale: Locale): string {
  return locale === 'zh-cn' ? message.zh : message.en;
}

/** A number the model can compare; anything else counts as absent and fires nothing. */
function usable(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Why an input cannot be decided on, for the message of a refused request. */
export class SplitInputError extends Error {}

const REQUIRED = ['qps', 'teamSize', 'couplingScore'] as const;
const OPTIONAL = ['slowestResponseMs', 'releasesPerDay', 'crossModuleCallShare'] as const;
/** Inputs that are shares, between 0 and 1. */
const SHARES = new Set<string>(['couplingScore', 'crossModuleCallShare']);

/**
 * Checks what a client sent before the model sees it: an object whose three thresholds are non-negative
 * finite numbers (shares at most 1), and whose signals are absent, null, or such numbers. Throws a
 * SplitInputError that names every bad field.
 */
export function validateSplitInput(raw: unknown): SplitInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SplitInputError('expected an object with qps, teamSize and couplingScore');
  const value = raw as Record<string, unknown>;
  const bad: string[] = [];
  const check = (key: string, required: boolean) => {
    const v = value[key];
    if (!required && (v === undefined || v === null)) return;
    const limit = SHARES.has(key) ? ' and at most 1' : '';
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (SHARES.has(key) && v > 1)) bad.push(`${key} must be a number of 0 or more${limit}, not ${JSON.stringify(v) ?? String(v)}`);
  };
  for (const key of REQUIRED) check(key, true);
  for (const key of OPTIONAL) check(key, false);
  if (bad.length > 0) throw new SplitInputError(bad.join('; '));
  const input: SplitInput = { qps: value.qps as number, teamSize: value.teamSize as number, couplingScore: value.couplingScore as number };
  for (const key of OPTIONAL) if (typeof value[key] === 'number') input[key] = value[key] as number;
  return input;
}

/**
 * Decides whether to split. Thresholds fire strictly above their line (5000 QPS, 8 people, 0.65 coupling);
 * signals fire above 200 ms, at 8 releases a day or more, and above a 40% cross-module call share.
 */
export function decideSplit(input: SplitInput, locale: Locale = 'en'): SplitDecision {
  const reasons: SplitDecision['reasons'] = [];
  const checks: SplitCheck[] = [];
  const threshold = (id: 'qps' | 'team' | 'coupling', value: number | undefined, limit: number, fired: Message, quiet: Message) => {
    const crossed = usable(value) && value > limit;
    if (crossed) reasons.push(id);
    const note = crossed ? fired : usable(value) ? quiet : TEXT.thresholdMissing;
    checks.push({ id, kind: 'threshold', value: usable(value) ? value : undefined, limit, comparison: '>', fired: crossed, note: say(note, locale) });
  };
  threshold('qps', input.qps, SPLIT_THRESHOLDS.qps, TEXT.qps, TEXT.qpsOk);
  threshold('team', input.teamSize, SPLIT_THRESHOLDS.teamSize, TEXT.team, TEXT.teamOk);
  threshold('coupling', input.couplingScore, SPLIT_THRESHOLDS.couplingScore, TEXT.coupling, TEXT.couplingOk);

  const actions: string[] = [];
  const signal = (id: 'responseTime' | 'releases' | 'crossCalls', value: number | undefined, limit: number, comparison: '>' | '>=', action: Message) => {
    const fired = usable(value) && (comparison === '>' ? value > limit : value >= limit);
    if (fired) actions.push(say(action, locale));
    const note = fired ? action : usable(value) ? TEXT.signalQuiet : TEXT.signalMissing;
    checks.push({ id, kind: 'signal', value: usable(value) ? value : undefined, limit, comparison, fired, note: say(note, locale) });
  };
  signal('responseTime', input.slowestResponseMs, SIGNAL_LINES.slowestResponseMs, '>', TEXT.responseTime);
  signal('releases', input.releasesPerDay, SIGNAL_LINES.releasesPerDay, '>=', TEXT.releases);
  signal('crossCalls', input.crossModuleCallShare, SIGNAL_LINES.crossModuleCallShare, '>', TEXT.crossCalls);

  const split = reasons.length > 0;
  const verdict = split
    ? `${say(TEXT.split, locale)}: ${reasons.map((r) => say(TEXT[r], locale)).join('; ')}`
    : say(TEXT.converge, locale);
  return { split, reasons, verdict, actions, checks };
}
