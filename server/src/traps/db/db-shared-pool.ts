/**
 * One pool (`*sql.DB`, `*sqlx.DB`, `*gorm.DB`) drawn on by several business domains, or by batch work beside
 * request handling: one side's slow queries take the connections the other needs. One finding per pool, where it
 * is declared (a package variable) or opened, with one related location per domain.
 */
import type { Settings } from '../../engine/config';
import { placePackage } from '../../engine/domains';
import { packageShapeOf, WorkspacePlacements, type PackageShape } from '../../engine/placements';
import type { FileLocation, FixDescriptor, RelatedDescriptor } from '../../engine/rule';
import { defineWorkspaceRule } from '../../engine/rule';
import type { Position, Range } from '../../engine/types';
import type { SyntaxNode } from '../../go/parser';
import { rangeOf, type SourceFile } from '../../go/source';
import { enclosingFunction, fieldChildren, findAll } from '../../go/syntax';
import type { Resolver } from '../../go/resolver';
import { namedParts } from '../../go/types';
import { dbHandleOf, handleLabel, isMigrationCode } from './db-handles';
import { GlobalOpenFact, globalSplitEdits, GlobalUse, LocalSplitPlan, planGlobalOpen, planLocalSplit } from './db-sharing-fix';
import { collectPoolFlow, PoolFlow, PoolFlowFacts, POOL_LIMITS } from './pool-flow';

/** Methods that look after a pool (or run once at start-up) rather than query through it. */
const UPKEEP = new Set([...POOL_LIMITS, 'Close', 'Ping', 'PingContext', 'Stats', 'Driver', 'AutoMigrate', 'Migrator']);

interface SharingFacts {
  flow: PoolFlowFacts;
  /** What the file says about its package's role, for the engine's placements (the one answer every view shows). */
  shape?: PackageShape;
  /** Package variables of a pool type: where per-domain copies would be declared, and their type as written. */
  splits: { storage: string; at: Position; type: string }[];
  /** `X, err = open(...)` assigning a package-level pool: how a per-domain copy is opened. */
  globalOpens: (GlobalOpenFact & { storage: string })[];
  /** For opens into a local handed to several domains: the edits that give each its own pool, by origin. */
  localPlans: Record<string, LocalSplitPlan>;
}

/** One place a pool is drawn on or handed over, attributed. */
interface Touch {
  path: string;
  range: Range;
  ref?: Range;
  handoff: boolean;
}

interface PoolView {
  domains: Map<string, Touch[]>;
  batch?: Touch & { label: string };
  interactive?: Touch & { label: string };
}

const FIX_TITLE = { en: 'Split sql.DB per domain', zh: '按业务域拆分 sql.DB' };
/** Start-up chores a domain runs once on whatever handle it is given; they do not keep the pool. */
const ONE_OFF = /^(Migrate|AutoMigrate|Seed|Truncate|Reset|Ping|HealthCheck|Up|Down|Install|Upgrade)/;

/** `param:"pkg".Migrate#0` → `Migrate`; `field:"pkg".T.f` → `f`. */
function calleeName(target: string): string {
  const name = target.replace(/#\d+$/, '');
  return name.slice(name.lastIndexOf('.') + 1);
}

/** How far attribution climbs the callers of shared code before it gives up. */
const MAX_CALLERS = 2_000;

export const rule = defineWorkspaceRule<SharingFacts>({
  meta: {
    id: 'db-shared-pool',
    trap: 'db',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'One database pool (*sql.DB, *sqlx.DB, *gorm.DB) is drawn on by two or more business domains, or by batch work and request handling alike.',
      zh: '同一个数据库连接池(*sql.DB、*sqlx.DB、*gorm.DB)被两个及以上业务域使用，或同时承担批处理和在线请求。',
    },
    why: {
      en: 'A pool is a fixed number of connections. When coupon batch redemption runs slow queries, it holds them all and user logins queue behind it until they time out: one domain\'s bad day becomes everyone\'s outage.',
      zh: '连接池里的连接数是固定的。优惠券批量核销跑慢查询时会把连接全部占住，用户登录只能排队直到超时：一个域出问题，整个服务跟着瘫痪。',
    },
    messages: {
      shared: {
        en: '{handle} ({type}) is one connection pool drawn on by {count} domains ({domains}): a slow query in one can take every connection and stall the others.',
        zh: '{handle}({type})是 {count} 个业务域({domains})共用的一个连接池：任一域的慢查询都可能占满连接，拖住其他域。',
      },
      batchBesideInteractive: {
        en: '{handle} ({type}) serves batch work ({batch}) and requests ({interactive}) from one pool: a long batch run can take every connection while requests queue — how a coupon batch once locked users out of logging in.',
        zh: '{handle}({type})用同一个连接池同时承担批处理({batch})和在线请求({interactive}):批处理跑久了会占满连接，请求只能排队——优惠券批量核销曾因此让用户无法登录。',
      },
      fixSplit: FIX_TITLE,
    },
  },
  collect(file, settings, location, types) {
    const flow = collectPoolFlow(file, location, types, settings);
    if (!flow) return undefined;
    const facts: SharingFacts = { flow, shape: packageShapeOf(file, location, types, settings), splits: [], globalOpens: [], localPlans: {} };
    if (flow.anchors.some((a) => a.storage.startsWith('var:')) || flow.opens.some((o) => o.target?.startsWith('var:'))) readGlobals(file, types, facts);
    if (flow.opens.some((o) => o.target?.startsWith('local:')) || flow.resultSites.some((r) => r.target.startsWith('local:'))) {
      planLocals(file, settings, location, types, facts);
    }
    return facts;
  },
  check(context) {
    const files = context.files;
    const flow = new PoolFlow(files.map(({ location, facts }) => ({ location, facts: facts.flow })));
    const places = new WorkspacePlacements(
      files.map(({ location, facts }) => ({ location, shape: facts.shape })),
      context.settings,
    );
    const graph = new CallGraph(files.map((f) => f.facts.flow));
    const pools = new Map<string, PoolView>();
    const view = (pool: string) => {
      let entry = pools.get(pool);
      if (!entry) pools.set(pool, (entry = { domains: new Map() }));
      return entry;
    };

    for (const { location, facts } of files) {
      const own = places.ofLocation(location);
      if (own.role === 'harness') continue;
      for (const use of facts.flow.uses) {
        if (UPKEEP.has(use.method) || isMigrationCode(location, use.fn)) continue;
        const touch: Touch = { path: location.path, range: use.range, ref: use.ref, handoff: false };
        const batch = own.role === 'batch' || graph.reached(use.fn, 'batch');
        const interactive = !!use.interactive || own.role === 'transport' || graph.reached(use.fn, 'interactive');
        let callers: string[] | undefined;
        for (const pool of flow.poolsAt(use.storage)) {
          if (!flow.reaches(pool, facts.flow.pkg)) continue;
          // Shared code draws on a pool for the domains that call it; a parameter's pool is whatever its callers
          // pass, so only direct uses and hand-offs count for it.
          const domains = own.domain ? [own.domain] : pool.startsWith('param:') ? [] : (callers ??= graph.callerDomains(use.fn, places));
          record(view(pool), domains, touch, batch, interactive, use.fn);
        }
      }
      for (const handoff of facts.flow.handoffs) {
        const target = places.ofPackage(handoff.pkg);
        if (target.role === 'harness' || ONE_OFF.test(calleeName(handoff.target)) || isMigrationCode(location, handoff.fn)) continue;
        // A domain's own service (order.Service) handed to others is its API, not a pool they draw from; only
        // plumbing structs (store.Store) spread the pool they hold.
        if (handoff.holder && places.ofPackage(handoff.holder.slice(1, handoff.holder.lastIndexOf('"'))).domain) continue;
        const touch: Touch = { path: location.path, range: handoff.range, ref: handoff.ref, handoff: true };
        const domains = target.domain ? [target.domain] : [];
        for (const pool of flow.poolsAt(handoff.storage)) {
          if (!flow.reaches(pool, facts.flow.pkg)) continue;
          record(view(pool), domains, touch, target.role === 'batch', target.role === 'transport', `${handoff.pkg}`);
        }
      }
    }

    const anchors = new Map<string, { path: string; name: string; range: Range; type: string }>();
    const splits = new Map<string, SharingFacts['splits'][number] & { path: string }>();
    const globalOpens = new Map<string, { path: string; fact: GlobalOpenFact }[]>();
    const localPlans = new Map<string, LocalSplitPlan>();
    for (const { location, facts } of files) {
      for (const anchor of facts.flow.anchors) anchors.set(anchor.storage, { path: location.path, ...anchor });
      for (const split of facts.splits) splits.set(split.storage, { ...split, path: location.path });
      for (const open of facts.globalOpens) globalOpens.set(open.storage, [...(globalOpens.get(open.storage) ?? []), { path: location.path, fact: open }]);
      for (const [origin, plan] of Object.entries(facts.localPlans)) localPlans.set(origin, plan);
    }

    for (const [pool, entry] of [...pools].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const domains = [...entry.domains.keys()].sort();
      const shared = domains.length >= 2;
      const mixed = !!entry.batch && !!entry.interactive;
      if (!shared && !mixed) continue;
      const where = representative(pool, flow, anchors);
      if (!where) continue;
      const related: RelatedDescriptor[] = [];
      for (const domain of shared ? domains : []) {
        // The domain's own code says more than the line that handed it the pool.
        const touches = entry.domains.get(domain)!;
        const first = touches.find((t) => !t.handoff) ?? touches[0];
        related.push({
          path: first.path,
          range: first.range,
          message: first.handoff ? { en: `handed to the ${domain} domain`, zh: `交给业务域 ${domain}` } : { en: `drawn on by the ${domain} domain`, zh: `业务域 ${domain} 在此使用` },
        });
      }
      if (!shared) {
        related.push({ path: entry.batch!.path, range: entry.batch!.range, message: { en: `batch work: ${entry.batch!.label}`, zh: `批处理：${entry.batch!.label}` } });
        related.push({ path: entry.interactive!.path, range: entry.interactive!.range, message: { en: `request handling: ${entry.interactive!.label}`, zh: `在线请求：${entry.interactive!.label}` } });
      }
      const fixes: FixDescriptor[] = [];
      if (shared) {
        const fix = splitFix(context.settings, pool, where, entry, splits, globalOpens, localPlans, anchors);
        if (fix) fixes.push(fix);
      }
      context.report(where.path, {
        range: where.range,
        messageId: shared ? 'shared' : 'batchBesideInteractive',
        data: {
          handle: where.name,
          type: where.type,
          count: domains.length,
          domains: domains.join(', '),
          batch: entry.batch?.label ?? '',
          interactive: entry.interactive?.label ?? '',
        },
        related,
        fixes,
      });
    }
  },
});

function record(view: PoolView, domains: readonly string[], touch: Touch, batch: boolean, interactive: boolean, fn: string): void {
  for (const domain of domains) {
    const list = view.domains.get(domain);
    if (list) list.push(touch);
    else view.domains.set(domain, [touch]);
  }
  const label = shortName(fn);
  // Code that is both (a handler that runs a batch inline) is one side, not both: only pure sides count.
  if (batch && !interactive && (!view.batch || before(touch, view.batch))) view.batch = { ...touch, label };
  if (interactive && !batch && (!view.interactive || before(touch, view.interactive))) view.interactive = { ...touch, label };
}

function before(a: Touch, b: Touch): boolean {
  return a.path < b.path || (a.path === b.path && a.range.start.line < b.range.start.line);
}

/** `"example.com/shop/internal/coupon".Batcher.Run` → `coupon.Batcher.Run`. */
function shortName(id: string): string {
  const match = /^"([^"]*)"\.(.+)$/.exec(id);
  if (!match) return id.split('/').pop() ?? id;
  return `${match[1].split('/').pop()}.${match[2]}`;
}

/** Where a pool is reported: the package variable that holds it, else its open, else the storage it stands for. */
function representative(
  pool: string,
  flow: PoolFlow,
  anchors: Map<string, { path: string; name: string; range: Range; type: string }>,
): { path: string; range: Range; name: string; type: string; storage?: string } | null {
  const held = [...flow.reaching]
    .filter(([storage, pools]) => storage.startsWith('var:') && pools.has(pool) && anchors.has(storage))
    .map(([storage]) => storage)
    .sort();
  if (held.length > 0) {
    const anchor = anchors.get(held[0])!;
    return { path: anchor.path, range: anchor.range, name: qualified(held[0]), type: anchor.type, storage: held[0] };
  }
  const open = flow.opens.get(pool);
  if (open) return { path: open.path, range: open.range, name: open.targetText || open.call, type: handleLabel({ library: open.library, kind: 'DB' }) };
  const anchor = anchors.get(pool);
  if (!anchor) return null;
  return { path: anchor.path, range: anchor.range, name: pool.startsWith('param:') ? anchor.name : qualified(pool), type: anchor.type, storage: pool };
}

/** `var:"example.com/shop/internal/store".DB` → `store.DB`; `field:"…/platform".Store.DB` → `platform.Store.DB`. */
function qualified(storage: string): string {
  const match = /^\w+:"([^"]*)"\.(.+)$/.exec(storage);
  return match ? `${match[1].split('/').pop()}.${match[2]}` : storage;
}

function splitFix(
  settings: Settings,
  pool: string,
  where: { path: string; storage?: string },
  entry: PoolView,
  splits: Map<string, SharingFacts['splits'][number] & { path: string }>,
  globalOpens: Map<string, { path: string; fact: GlobalOpenFact }[]>,
  localPlans: Map<string, LocalSplitPlan>,
  anchors: Map<string, { path: string; name: string; range: Range; type: string }>,
): FixDescriptor | undefined {
  const local = localPlans.get(pool);
  // The plan was made from one file, by folder; a package the workspace's placements set apart (a front-end of
  // handlers) gets no pool of its own: no fix rather than one that splits for something that is not a domain.
  if (local) return local.domains.every((d) => entry.domains.has(d)) ? { title: FIX_TITLE, edits: local.edits, safe: false } : undefined;
  const storage = where.storage;
  const split = storage ? splits.get(storage) : undefined;
  const opens = storage ? globalOpens.get(storage) ?? [] : [];
  if (!storage || !split || opens.length !== 1 || !storage.startsWith('var:')) return undefined;
  // Only direct uses can be pointed at a domain's own pool; a use through shared code cannot.
  const uses: GlobalUse[] = [];
  for (const [domain, touches] of entry.domains) {
    for (const touch of touches) {
      if (!touch.ref) return undefined;
      uses.push({ domain, path: touch.path, range: touch.ref });
    }
  }
  const name = storage.slice(storage.lastIndexOf('.') + 1);
  const owner = storage.slice(4, storage.lastIndexOf('.'));
  const taken = (candidate: string) => anchors.has(`var:${owner}.${candidate}`);
  const edits = globalSplitEdits(settings, { name, path: split.path, split }, opens[0], uses, taken);
  return edits ? { title: FIX_TITLE, edits, safe: false } : undefined;
}

// ---- the call graph ------------------------------------------------------------------------------------------

class CallGraph {
  private readonly callers = new Map<string, string[]>();
  private readonly callees = new Map<string, string[]>();
  private readonly reach = { batch: new Set<string>(), interactive: new Set<string>() };

  constructor(facts: readonly PoolFlowFacts[]) {
    const starts = { batch: [] as string[], interactive: [] as string[] };
    for (const flow of facts) {
      for (const call of flow.calls) {
        const tab = call.indexOf('\t');
        const from = call.slice(0, tab);
        const to = call.slice(tab + 1);
        push(this.callers, to, from);
        push(this.callees, from, to);
      }
      for (const fn of flow.functions) {
        if (fn.batch) starts.batch.push(fn.id);
        if (fn.interactive) starts.interactive.push(fn.id);
      }
    }
    for (const kind of ['batch', 'interactive'] as const) {
      const seen = this.reach[kind];
      const queue = [...starts[kind]];
      for (const id of queue) seen.add(id);
      while (queue.length > 0 && seen.size < 50_000) {
        for (const next of this.callees.get(queue.pop()!) ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }

  /** True when a function is batch work or request handling itself, or runs on behalf of one. */
  reached(fn: string, kind: 'batch' | 'interactive'): boolean {
    return this.reach[kind].has(fn);
  }

  /** The domains on whose behalf shared code runs: its nearest callers in domain packages. */
  callerDomains(fn: string, places: WorkspacePlacements): string[] {
    const domains = new Set<string>();
    const seen = new Set<string>([fn]);
    const queue = [fn];
    while (queue.length > 0 && seen.size < MAX_CALLERS) {
      for (const caller of this.callers.get(queue.pop()!) ?? []) {
        if (seen.has(caller)) continue;
        seen.add(caller);
        const placement = places.ofFunction(caller);
        if (placement.domain) domains.add(placement.domain);
        else if (placement.role !== 'harness' && placement.role !== 'entry') queue.push(caller);
      }
    }
    return [...domains];
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---- what the fixes need, read while the tree is at hand ----------------------------------------------------

/** Package-level pool variables: where copies go; and `X, err = open(...)` statements that open them. */
function readGlobals(file: SourceFile, types: Resolver, facts: SharingFacts): void {
  for (const decl of file.root.namedChildren) {
    if (decl?.type !== 'var_declaration') continue;
    for (const spec of decl.descendantsOfType('var_spec')) {
      const typeNode = spec?.childForFieldName('type');
      if (!spec || !typeNode || spec.childForFieldName('value')) continue;
      for (const name of fieldChildren(spec, 'name')) {
        const storage = types.storageOf(name);
        if (!storage || dbHandleOf(types.typeOf(name))?.kind !== 'DB') continue;
        facts.splits.push({ storage, at: rangeOf(decl).end, type: typeNode.text });
      }
    }
  }
  for (const open of facts.flow.opens) {
    if (!open.target?.startsWith('var:') || open.errName === undefined) continue;
    const statement = statementAt(file, open.range.start);
    const name = open.target.slice(open.target.lastIndexOf('.') + 1);
    if (statement?.type !== 'assignment_statement' || !enclosingFunction(statement)) continue;
    const plan = planGlobalOpen(file, statement, name, open.errName);
    if (plan) facts.globalOpens.push({ ...plan, storage: open.target });
  }
}

/** For each open into a local: the hand-offs of that local to other domains, and the split that serves them. */
function planLocals(file: SourceFile, settings: Settings, location: FileLocation, types: Resolver, facts: SharingFacts): void {
  const own = placePackage(location.packageDir, settings).domain;
  const modulePath = location.modulePath;
  // Opens, and calls of what may be a factory (check decides which pools are factory calls; the keys match).
  const starts = [
    ...facts.flow.opens.map((o) => ({ origin: o.origin, target: o.target, targetText: o.targetText, range: o.range })),
    ...facts.flow.resultSites.map((r) => ({ origin: `call:${file.path}:${r.range.start.line}:${r.range.start.character}`, target: r.target, targetText: r.targetText, range: r.range })),
  ];
  for (const open of starts) {
    if (!open.target?.startsWith('local:') || !open.targetText) continue;
    const statement = statementAt(file, open.range.start);
    const fn = statement ? enclosingFunction(statement) : null;
    if (!fn) continue;
    const handoffs: { domain: string; node: SyntaxNode }[] = [];
    const domainOfPackage = (pkg: string | undefined) =>
      pkg && modulePath && pkg.startsWith(modulePath + '/') ? placePackage(pkg.slice(modulePath.length + 1), settings).domain : '';
    const isTarget = (node: SyntaxNode | null | undefined): node is SyntaxNode =>
      node?.type === 'identifier' && `local:${file.path}:${types.localDeclOf(node)?.node.startIndex}` === open.target;
    for (const node of findAll(fn, ['call_expression', 'keyed_element'])) {
      if (node.type === 'call_expression') {
        const callee = types.calleeOf(node);
        const domain = domainOfPackage(callee?.kind === 'func' ? callee.pkg : undefined);
        if (!domain) continue;
        for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) if (isTarget(arg)) handoffs.push({ domain, node: arg });
      } else {
        // `&coupon.Service{DB: db}`
        const literal = node.parent?.parent;
        const value = node.childForFieldName('value')?.namedChildren.find((n) => n && n.type !== 'comment');
        if (literal?.type !== 'composite_literal' || !isTarget(value)) continue;
        const domain = domainOfPackage(namedPartsOf(types.typeOf(literal)));
        if (domain) handoffs.push({ domain, node: value });
      }
    }
    if (new Set(handoffs.map((h) => h.domain)).size < 2) continue;
    const plan = planLocalSplit(settings, file, fn, { name: open.targetText, range: rangeOfTarget(statement!) }, handoffs, own);
    if (plan) facts.localPlans[open.origin] = plan;
  }
}

function namedPartsOf(type: string | null): string | undefined {
  return namedParts(type)?.pkg;
}

function rangeOfTarget(statement: SyntaxNode): Range {
  const first = statement.childForFieldName('left')?.namedChild(0) ?? statement;
  return rangeOf(first);
}

/** The statement that starts at a position (the open call's statement). */
function statementAt(file: SourceFile, position: Position): SyntaxNode | null {
  const offset = file.offsetAt(position);
  let node: SyntaxNode | null = file.root.descendantForIndex(offset);
  while (node && node.type !== 'short_var_declaration' && node.type !== 'assignment_statement' && node.type !== 'var_declaration') {
    if (node.type === 'block' || node.type === 'source_file') return null;
    node = node.parent;
  }
  return node;
}
