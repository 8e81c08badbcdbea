/** Which module and which business domain a Go file belongs to. */
import type { Settings } from './config';
import { globMatcher, PathMatcher } from './glob';
import type { FileLocation } from './rule';
import type { Message } from './types';

export interface GoModule {
  /** Directory holding go.mod, `/`-separated, in the same form as file paths ('' or '.' for the root). */
  root: string;
  /** The module path declared in go.mod. */
  path: string;
  /** The `go` directive of go.mod (`1.19`), '' when absent: fixes offer only what this version of Go has. */
  goVersion?: string;
}

/** Directories that only group packages; the domain is the package below them (`business/domain/<name>`). */
const CONTAINERS = new Set(['internal', 'app', 'apps', 'pkg', 'service', 'services', 'domain', 'domains', 'module', 'modules', 'src', 'biz', 'business', 'bounded']);

/** What a package is for, when it is not a business domain. */
export type PackageRole = 'domain' | 'entry' | 'wiring' | 'infrastructure' | 'transport' | 'batch' | 'harness';

/** What decided a placement: the `domains` or `infrastructure` setting, the folder layout, a folder's name, or the package's code. */
export type PlacementSource = 'setting' | 'layout' | 'name' | 'code';

/** Where a package sits among the domains, and why the engine thinks so (shown by every front end). */
export interface Placement {
  /** The business domain, '' when the package is not one. */
  domain: string;
  role: PackageRole;
  /** Why, in both languages: "internal/<domain> layout", "set by the domains setting (internal/pay/**)". */
  reason: Message;
  by: PlacementSource;
}

/**
 * Names that say a package's role rather than a business: entry points and CLI commands, wiring that only
 * constructs and hands over, shared infrastructure, transport front-ends over the domains, batch runners.
 */
const ROLE_NAMES: Record<Exclude<PackageRole, 'domain' | 'harness'>, ReadonlySet<string>> = {
  entry: new Set(['cmd', 'cli', 'command', 'commands', 'main', 'tool', 'tools', 'script', 'scripts']),
  wiring: new Set(['init', 'initialize', 'initializer', 'initializers', 'bootstrap', 'boot', 'global', 'globals', 'wire', 'wiring', 'di', 'container', 'setup', 'provider', 'providers', 'registry', 'core', 'starter']),
  infrastructure: new Set([
    'db', 'database', 'databases', 'store', 'stores', 'storage', 'sql', 'sqldb', 'sqlc', 'query', 'queries', 'gen', 'generated', 'dao', 'dal', 'repository', 'repositories', 'repo', 'repos', 'persistence',
    'platform', 'foundation', 'sdk', 'lib', 'libs', 'util', 'utils', 'utility', 'helper', 'helpers', 'common', 'shared', 'infra', 'infrastructure',
    'config', 'configs', 'conf', 'settings', 'cache', 'redis', 'mq', 'kafka', 'log', 'logger', 'logging', 'metric', 'metrics', 'stats', 'prometheus', 'monitoring', 'telemetry', 'instrumentation',
    'tracing', 'observability', 'middleware', 'middlewares', 'errors', 'errs', 'model', 'models', 'entity', 'entities', 'schema', 'migrate',
    'migration', 'migrations', 'health', 'healthcheck', 'healthz', 'check', 'checks', 'readiness', 'liveness', 'probe', 'probes', 'validator', 'validators', 'validation', 'types', 'constants', 'consts',
  ]),
  transport: new Set([
    'api', 'apis', 'http', 'httpapi', 'rest', 'grpc', 'rpc', 'handler', 'handlers', 'router', 'routers', 'routes', 'route', 'web', 'ui', 'server',
    'gateway', 'graphql', 'transport', 'controller', 'controllers', 'endpoint', 'endpoints', 'delivery', 'presentation', 'frontend', 'ws', 'websocket',
  ]),
  batch: new Set(['worker', 'workers', 'job', 'jobs', 'cron', 'crons', 'task', 'tasks', 'consumer', 'consumers', 'scheduler', 'queue', 'queues', 'importer', 'importers', 'refresh', 'refresher', 'indexer', 'syncer', 'backfill']),
};

/** A folder of test harnesses and examples: sharing a pool there costs nothing in production. */
// `integration` is left out: production code that integrates with other systems lives under that name too.
const HARNESS = /^(test|tests|testing|testutils?|testhelpers?|testkit|testenv|e2e|mocks?|fakes?|stubs?|examples?|testdata|\w+test|\w+tests)$/;

export function parseGoModPath(text: string): string {
  return /^\s*module\s+("?)([^\s"]+)\1/m.exec(text)?.[2] ?? '';
}

/** The `go` directive of a go.mod (`go 1.21` or `go 1.21.3`), or '' when there is none. */
export function parseGoModVersion(text: string): string {
  return /^\s*go\s+(\d+\.\d+(?:\.\d+)?)\s*(?:\/\/.*)?$/m.exec(text)?.[1] ?? '';
}

/** The module a go.mod declares, placed at `root`. */
export function moduleFromGoMod(root: string, text: string): GoModule {
  return { root, path: parseGoModPath(text), goVersion: parseGoModVersion(text) };
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function normalizeRoot(root: string): string {
  return root === '.' ? '' : root.replace(/\/+$/, '');
}

/** The module whose root is the deepest ancestor of `path`. */
export function moduleOf(path: string, modules: readonly GoModule[]): GoModule | undefined {
  let best: GoModule | undefined;
  for (const module of modules) {
    const root = normalizeRoot(module.root);
    const inside = root === '' || path === root || path.startsWith(root + '/');
    if (inside && (!best || root.length > normalizeRoot(best.root).length)) best = module;
  }
  return best;
}

/** Places a file: its module, its package directory within the module, and its domain. */
export function locateFile(path: string, modules: readonly GoModule[], settings: Settings): FileLocation {
  const normalized = path.replace(/\\/g, '/');
  const module = moduleOf(normalized, modules);
  const root = module ? normalizeRoot(module.root) : '';
  const relative = root && normalized.startsWith(root + '/') ? normalized.slice(root.length + 1) : normalized;
  const packageDir = dirname(relative);
  return { path: normalized, modulePath: module?.path ?? '', packageDir, domain: domainOf(packageDir, settings), goVersion: module?.goVersion ?? '' };
}

const matchers = new Map<string, PathMatcher>();

/** Domain globs compiled once each; a workspace has a handful, so the cache stays small. */
function compiled(pattern: string): PathMatcher {
  let match = matchers.get(pattern);
  if (!match) {
    if (matchers.size > 4096) matchers.clear();
    matchers.set(pattern, (match = globMatcher(pattern)));
  }
  return match;
}

/** A reason in both languages. */
const say = (en: string, zh: string): Message => ({ en, zh });

/**
 * Places a package directory (relative to its module root): the `domains` setting wins; test harnesses, entry
 * points (`cmd/`, package main), wiring, infrastructure, transport front-ends and batch runners are recognised by
 * the name of the directory where a domain would be; otherwise the first directory below the container folders
 * (internal/, app/, business/domain/, modules/, services/ ...) is the domain. The package's code can still set a
 * layout domain apart (see `WorkspacePlacements`).
 */
export function placePackage(packageDir: string, settings: Settings, packageName = ''): Placement {
  for (const [domain, patterns] of Object.entries(settings.domains)) {
    for (const pattern of patterns) {
      const prefix = pattern.replace(/\/\*\*$/, '').replace(/\/+$/, '');
      if (packageDir === prefix || packageDir.startsWith(prefix + '/') || compiled(pattern)(packageDir)) {
        return { domain, role: 'domain', by: 'setting', reason: say(`set by the domains setting (${pattern})`, `由 domains 设置指定(${pattern})`) };
      }
    }
  }
  const segments = packageDir.split('/').filter(Boolean);
  const harness = segments.find((segment) => HARNESS.test(segment));
  if (harness) return { domain: '', role: 'harness', by: 'name', reason: say(`test harness (${harness}/)`, `测试辅助代码(${harness}/)`) };
  if (segments[0] === 'cmd') return { domain: '', role: 'entry', by: 'name', reason: say('entry point (cmd/)', '程序入口(cmd/)') };
  if (packageName === 'main') return { domain: '', role: 'entry', by: 'code', reason: say('entry point (package main)', '程序入口(package main)') };
  let depth = 0;
  while (depth < segments.length && CONTAINERS.has(segments[depth])) depth++;
  const top = segments[depth] ?? '';
  const where = segments.slice(0, depth + 1).join('/');
  if (!top) {
    return depth === 0
      ? { domain: '', role: 'infrastructure', by: 'layout', reason: say('the module root package', '模块根包') }
      : { domain: '', role: 'infrastructure', by: 'layout', reason: say(`container folder ${where}/`, `容器目录 ${where}/`) };
  }
  if (settings.infrastructure.includes(top)) {
    return { domain: '', role: 'infrastructure', by: 'setting', reason: say(`${where}/ is listed in the infrastructure setting`, `${where}/ 列在 infrastructure 设置中`) };
  }
  // One domain in several layers (`business/domain/userbus`, `app/domain/userapp`): the layer suffix is not the
  // business. Only below a domain/ folder, where every package is a domain, is the suffix read as a layer.
  const layered = segments.slice(0, depth).some((s) => s === 'domain' || s === 'domains') ? LAYER_SUFFIX.exec(top) : null;
  // A role name says the role with or without a layer suffix: `checkapp` is the readiness check's app layer.
  for (const name of layered ? [top, layered[1]] : [top]) {
    for (const [role, names] of Object.entries(ROLE_NAMES) as [Exclude<PackageRole, 'domain' | 'harness'>, ReadonlySet<string>][]) {
      if (names.has(name.toLowerCase())) return { domain: '', role, by: 'name', reason: say(`${where}/ is ${ROLE_LABELS[role].en}`, `${where}/ 是${ROLE_LABELS[role].zh}`) };
    }
  }
  const layout = [...segments.slice(0, depth), '<domain>'].join('/');
  if (layered) {
    const [, domain, layer] = layered;
    return { domain, role: 'domain', by: 'layout', reason: say(`${layout} layout, the ${layer} layer of ${domain}`, `${layout} 布局,${domain} 的 ${layer} 层`) };
  }
  return { domain: top, role: 'domain', by: 'layout', reason: say(`${layout} layout`, `${layout} 布局`) };
}

/** `userbus`, `userapp`, `userdb`: a domain's name with its layer appended (ardanlabs' service layout). */
const LAYER_SUFFIX = /^([a-z][a-z0-9]{2,}?)(bus|app|api|db|store|repo|svc|grp)$/;

const ROLE_LABELS: Record<Exclude<PackageRole, 'domain' | 'harness'>, Message> = {
  entry: say('an entry point or command', '程序入口或命令'),
  wiring: say('wiring that constructs and hands over', '只负责构造和传递依赖的装配代码'),
  infrastructure: say('shared infrastructure', '共享基础设施'),
  transport: say('a transport front-end over the domains', '业务域之上的传输层前端'),
  batch: say('a batch runner', '批处理程序'),
};

/** The business domain of a package directory, '' when the package is not one (see `placePackage`). */
export function domainOf(packageDir: string, settings: Settings, packageName = ''): string {
  return placePackage(packageDir, settings, packageName).domain;
}

/** True for files in test harness packages (`dbtest/`, `testutil/`, `e2e/`, ...) and `_test.go` files. */
export function isTestCode(location: FileLocation, settings: Settings): boolean {
  if (location.path.endsWith('_test.go')) return true;
  // Outside any module the directory is all there is; only its last folder can name a harness (a project kept
  // under ~/test/ is not one).
  const dir = location.modulePath ? location.packageDir : location.packageDir.slice(location.packageDir.lastIndexOf('/') + 1);
  return placePackage(dir, settings).role === 'harness';
}
