/** Which module and which business domain a Go file belongs to. */
import type { Settings } from './config';
import { globMatcher, PathMatcher } from './glob';
import type { FileLocation } from './rule';

export interface GoModule {
  /** Directory holding go.mod, `/`-separated, in the same form as file paths ('' or '.' for the root). */
  root: string;
  /** The module path declared in go.mod. */
  path: string;
}

/** Directories that only group packages; the domain is the package below them. */
const CONTAINERS = new Set(['internal', 'app', 'apps', 'pkg', 'service', 'services', 'domain', 'domains', 'modules', 'src', 'biz']);

export function parseGoModPath(text: string): string {
  return /^\s*module\s+("?)([^\s"]+)\1/m.exec(text)?.[2] ?? '';
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
  return { path: normalized, modulePath: module?.path ?? '', packageDir, domain: domainOf(packageDir, settings) };
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

/**
 * The domain of a package directory: a configured mapping wins; otherwise the first directory below the
 * container folders (internal/, app/, pkg/, service(s)/, domain/ ...), unless it is shared infrastructure.
 */
export function domainOf(packageDir: string, settings: Settings): string {
  for (const [domain, patterns] of Object.entries(settings.domains)) {
    for (const pattern of patterns) {
      const prefix = pattern.replace(/\/\*\*$/, '').replace(/\/+$/, '');
      if (packageDir === prefix || packageDir.startsWith(prefix + '/') || compiled(pattern)(packageDir)) return domain;
    }
  }
  const segments = packageDir.split('/').filter(Boolean);
  while (segments.length > 0 && CONTAINERS.has(segments[0])) segments.shift();
  const top = segments[0] ?? '';
  if (!top || settings.infrastructure.includes(top)) return '';
  return top;
}
