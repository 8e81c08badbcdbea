/** One `*sql.DB` (sqlx, gorm) used by several business domains: one domain's slow queries drain everyone's pool. */
import { collectSharingFacts } from './db-sharing';
import { ArgRef, businessDomain, GlobalFact, GlobalOpenFact, HANDLE_TYPES, HolderFact, Origin, SharingFacts, TypeKey } from './db-sharing-types';
import { globalSplitEdits, planGlobalOpen, planLocalSplit } from './db-sharing-fix';
import type { FileLocation, FixDescriptor, RelatedDescriptor } from '../../engine/rule';
import { defineWorkspaceRule, WorkspaceContext } from '../../engine/rule';
import type { Settings } from '../../engine/config';
import type { Range } from '../../engine/types';

/** One place a domain touches a handle: a reference in its code, or a hand-off to one of its constructors. */
interface Use {
  domain: string;
  path: string;
  range: Range;
  /** `user.NewRepo` for a hand-off; undefined for a direct reference. */
  callee?: string;
  /** The parameter that receives a hand-off, when the callee is in the workspace. */
  receiver?: { path: string; range: Range };
  /** Reached through a getter call such as `store.Conn()`. */
  getter?: boolean;
}

/** A handle (or a struct holding one) with where it is declared and who uses it. */
interface Handle {
  name: string;
  path: string;
  range: Range;
  owner: string;
  type: string;
  poolable: boolean;
  uses: Use[];
  fix?: FixDescriptor;
  /** For a package-level handle: its package and declaration, which a split needs. */
  global?: { pkg: string; fact: GlobalFact };
  /** Whether the owner's domain counts as a user: always for a package-level handle, for a local only when used. */
  ownerUses: boolean;
}

interface Resolved {
  type: string;
  poolable: boolean;
}

/** Related locations listed per domain on the declaration's finding. */
const RELATED_PER_DOMAIN = 5;

const FIX_TITLE = { en: 'Split sql.DB per domain', zh: '按业务域拆分 sql.DB' };

export const rule = defineWorkspaceRule<SharingFacts>({
  meta: {
    id: 'db-shared-pool',
    trap: 'db',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'One database handle (*sql.DB, *sqlx.DB, *gorm.DB) is used by two or more business domains, so they share one connection pool.',
      zh: '同一个数据库句柄(*sql.DB、*sqlx.DB、*gorm.DB)被两个及以上业务域使用，它们共用一个连接池。',
    },
    why: {
      en: 'A pool is a fixed number of connections. When coupon batch redemption runs slow queries, it holds them all and user logins queue behind it until they time out: one domain\'s bad day becomes everyone\'s outage.',
      zh: '连接池里的连接数是固定的。优惠券批量核销跑慢查询时会把连接全部占住，用户登录只能排队直到超时：一个域出问题，整个服务跟着瘫痪。',
    },
    messages: {
      shared: {
        en: '{handle} ({type}) is one connection pool shared by {count} domains ({domains}): a slow query in one can take every connection and stall the others.',
        zh: '{handle}({type})是 {count} 个业务域({domains})共用的一个连接池：任一域的慢查询都可能占满连接，拖住其他域。',
      },
      handedOut: {
        en: '{callee} hands {handle} ({type}) to the {domain} domain, which then shares one pool with {others}.',
        zh: '{callee} 把 {handle}({type})交给业务域 {domain}，它因此与 {others} 共用同一个连接池。',
      },
      usedAcross: {
        en: 'The {domain} domain uses {handle} ({type}), a pool it shares with {others}: their slow queries can leave {domain} without connections.',
        zh: '业务域 {domain} 使用的 {handle}({type})与 {others} 共用同一个连接池：对方的慢查询会让 {domain} 拿不到连接。',
      },
      fixSplit: FIX_TITLE,
    },
  },
  collect(file, settings, location) {
    return collectSharingFacts(file, settings, location, {
      local: (f, scope, local, handoffs, nodes, own) => planLocalSplit(settings, f, scope, local, handoffs, nodes, own),
      globalOpen: planGlobalOpen,
    });
  },
  check(context) {
    const files = context.files.map(({ location, facts }) => ({ location: { ...location, domain: businessDomain(location.domain, context.settings) }, facts }));
    const index = indexPackages(files);
    for (const handle of findHandles(files, index)) {
      const domains = new Set(handle.uses.map((u) => u.domain));
      if (handle.owner && handle.ownerUses) domains.add(handle.owner);
      if (domains.size < 2) continue;
      handle.fix ??= globalFix(context.settings, handle, index);
      report(context, handle, [...domains].sort());
    }
  },
});

function report(context: WorkspaceContext<SharingFacts>, handle: Handle, domains: string[]): void {
  const fixes = handle.fix ? [handle.fix] : [];
  const related: RelatedDescriptor[] = [];
  const shown = new Map<string, number>();
  for (const use of handle.uses) {
    // A few places per domain make the point; a handle used in hundreds would bury the hover.
    const count = (shown.get(use.domain) ?? 0) + 1;
    shown.set(use.domain, count);
    if (count > RELATED_PER_DOMAIN) continue;
    related.push({
      path: use.path,
      range: use.range,
      message: use.callee
        ? { en: `handed to the ${use.domain} domain (${use.callee})`, zh: `经 ${use.callee} 交给业务域 ${use.domain}` }
        : { en: `used by the ${use.domain} domain`, zh: `业务域 ${use.domain} 在此使用` },
    });
    if (use.receiver) {
      related.push({ ...use.receiver, message: { en: `the ${use.domain} domain receives it here`, zh: `业务域 ${use.domain} 在此接收` } });
    }
  }
  const data = { handle: handle.name, type: handle.type, count: domains.length, domains: domains.join(', ') };
  context.report(handle.path, { range: handle.range, messageId: 'shared', data, related, fixes });

  const declaration: RelatedDescriptor = {
    path: handle.path,
    range: handle.range,
    message: { en: `${handle.name} is declared here`, zh: `${handle.name} 在此声明` },
  };
  const seen = new Set<string>();
  for (const use of handle.uses) {
    const key = `${use.path}:${use.range.start.line}:${use.range.start.character}`;
    if (use.domain === handle.owner || seen.has(key)) continue;
    seen.add(key);
    const others = domains.filter((d) => d !== use.domain).join(', ');
    context.report(use.path, {
      range: use.range,
      messageId: use.callee ? 'handedOut' : 'usedAcross',
      data: { ...data, domain: use.domain, others, callee: use.callee ?? '' },
      related: [declaration],
      fixes,
    });
  }
}

interface PackageIndex {
  domain: string;
  globals: Map<string, { path: string; fact: GlobalFact; domain: string }>;
  opens: { path: string; fact: GlobalOpenFact }[];
  holders: Map<string, { path: string; fact: HolderFact }[]>;
  funcs: Map<string, { path: string; fact: SharingFacts['funcs'][number] }>;
}

type Files = ReadonlyArray<{ location: FileLocation; facts: SharingFacts }>;

/** What each package declares: handles, holder structs, functions, and the opens of its handles. */
function indexPackages(files: Files): Map<string, PackageIndex> {
  const packages = new Map<string, PackageIndex>();
  for (const { location, facts } of files) {
    let entry = packages.get(facts.pkg);
    if (!entry) packages.set(facts.pkg, (entry = { domain: '', globals: new Map(), opens: [], holders: new Map(), funcs: new Map() }));
    entry.domain = location.domain;
    for (const g of facts.globals) entry.globals.set(g.name, { path: location.path, fact: g, domain: location.domain });
    for (const o of facts.globalOpens) entry.opens.push({ path: location.path, fact: o });
    for (const h of facts.holders) entry.holders.set(h.name, [...(entry.holders.get(h.name) ?? []), { path: location.path, fact: h }]);
    for (const f of facts.funcs) entry.funcs.set(f.name, { path: location.path, fact: f });
  }
  return packages;
}

/** "Split sql.DB per domain" for a package-level handle opened by one `X, err = open(...)` in its package. */
function globalFix(settings: Settings, handle: Handle, packages: Map<string, PackageIndex>): FixDescriptor | undefined {
  const entry = handle.global && packages.get(handle.global.pkg);
  const split = handle.global?.fact.split;
  const opens = entry?.opens.filter((o) => o.fact.name === handle.name) ?? [];
  // A domain's own handle that others reach into should move, not multiply inside the owner's package.
  if (!entry || !split || !handle.poolable || handle.owner || opens.length !== 1 || handle.uses.some((u) => u.getter)) return undefined;
  const uses = handle.uses.filter((u) => u.domain !== handle.owner);
  const taken = (name: string) => entry.globals.has(name) || entry.funcs.has(name) || entry.holders.has(name);
  const edits = globalSplitEdits(settings, { name: handle.name, path: handle.path, split }, opens[0], uses, taken);
  return edits ? { title: FIX_TITLE, edits, safe: false } : undefined;
}

/** Every handle of the workspace that some domain uses, with its uses. */
function findHandles(files: Files, packages: Map<string, PackageIndex>): Handle[] {
  const split = (key: TypeKey) => [key.slice(0, key.lastIndexOf('.')), key.slice(key.lastIndexOf('.') + 1)] as const;
  const resolveType = (type: TypeKey): Resolved | null => {
    if (HANDLE_TYPES[type]) return { type: HANDLE_TYPES[type].label, poolable: HANDLE_TYPES[type].poolable };
    const [p, name] = split(type);
    // A domain's own service type (order.Service) handed to others is an API, not a pool they draw from;
    // only plumbing structs (store.Store) spread the handle itself.
    const owner = packages.get(p);
    const holder = owner?.domain === '' ? owner.holders.get(name)?.[0]?.fact : undefined;
    if (!holder) return null;
    return { type: `${HANDLE_TYPES[holder.type].label} in ${p.split(/[/|]/).pop()}.${name}`, poolable: false };
  };
  const typeOf = (origin: Origin): TypeKey | undefined => {
    if (origin.kind === 'type') return origin.type;
    const [p, name] = split(origin.func);
    return packages.get(p)?.funcs.get(name)?.fact.result;
  };
  const resolve = (origin: Origin): Resolved | null => {
    const type = typeOf(origin);
    return type ? resolveType(type) : null;
  };
  const receiverOf = (p: string, name: string, index: number) => {
    const fn = packages.get(p)?.funcs.get(name);
    const param = fn?.fact.params.find((x) => x.index === index);
    return fn && param ? { path: fn.path, range: param.range } : undefined;
  };

  const handles = new Map<string, Handle>();
  for (const [p, entry] of packages) {
    for (const [name, g] of entry.globals) {
      const resolved = resolve(g.fact.origin);
      if (resolved) handles.set(`${p}.${name}`, { name, path: g.path, range: g.fact.range, owner: g.domain, ...resolved, uses: [], global: { pkg: p, fact: g.fact }, ownerUses: true });
    }
  }
  // A handle field is one pool per struct value; methods handing `a.db` to several domains share it.
  for (const [p, entry] of packages) {
    for (const [name, fields] of entry.holders) {
      for (const { path, fact } of fields) {
        const { label, poolable } = HANDLE_TYPES[fact.type];
        const handle = { name: `${name}.${fact.field}`, path, range: fact.range, owner: entry.domain, type: label, poolable, uses: [], ownerUses: true };
        handles.set(`${p}.${name}#${fact.field}`, handle);
      }
    }
  }
  // `func DB() *sql.DB { return db }` makes `store.DB()` a use of `db`.
  const getters = new Map<string, string>();
  for (const [p, entry] of packages) {
    for (const [name, { fact }] of entry.funcs) {
      const target = fact.returns.find((r) => handles.has(`${p}.${r}`));
      if (target && fact.result) getters.set(`${p}.${name}`, `${p}.${target}`);
    }
  }
  for (const { location, facts } of files) {
    if (location.domain) {
      for (const ref of facts.refs) {
        const id = ref.call ? getters.get(`${ref.pkg}.${ref.name}`) : `${ref.pkg}.${ref.name}`;
        handles.get(id ?? '')?.uses.push({ domain: location.domain, path: location.path, range: ref.range, getter: ref.call });
      }
    }
    facts.scopes.forEach((scope, index) => {
      for (const local of scope.locals) {
        const resolved = resolve(local.origin);
        if (!resolved) continue;
        const plan = scope.plans[local.name];
        const fix = plan && resolved.poolable ? { title: FIX_TITLE, edits: plan.edits, safe: false } : undefined;
        handles.set(`${location.path}#${index}#${local.name}`, { name: local.name, path: location.path, range: local.range, owner: location.domain, ...resolved, uses: [], fix, ownerUses: !!local.usedHere });
      }
      const idOf = (arg: ArgRef): string => {
        if (arg.kind === 'global') return `${arg.pkg}.${arg.name}`;
        const instance = `${location.path}#${index}#${arg.kind === 'local' ? arg.name : arg.local}`;
        if (arg.kind === 'local') return instance;
        // `st.DB` of a plumbing struct built here is that one value; `app.db` of a receiver is the type's field.
        const holder = scope.locals.find((l) => l.name === arg.local);
        if (holder && !holder.receiver && handles.has(instance)) return instance;
        const type = holder && typeOf(holder.origin);
        return type ? `${type}#${arg.field}` : '';
      };
      for (const h of scope.handoffs) {
        const id = idOf(h.arg);
        const receiver = h.index >= 0 ? receiverOf(h.pkg, h.name, h.index) : undefined;
        handles.get(id)?.uses.push({ domain: h.domain, path: location.path, range: h.range, callee: h.callee, receiver });
      }
    });
  }
  return [...handles.values()].filter((h) => h.uses.length > 0);
}
