/** Which module and which business domain a Go file belongs to. */
import { globToRegExp, Settings } from './config';
import type { FileLocation } from './rule';

export interface GoModule {
  /** Directory holding go.mod, `/`-separated, in the same form as file paths ('' or '.' for the root). */
  root: string;
  /** The module path declared in go.mod. */
  path: string;
  /** The `go` directive of go.mod (`1.19`), '' when absent: fixes offer only what this version of Go has. */
  goVersion?: string;
}

/** Directories that only group packages; the domain is the package below them. */
const CONTAINERS = new Set(['internal', 'app', 'apps', 'pkg', 'service', 'services', 'domain', 'domains', 'modules', 'src', 'biz']);

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

/**
 * The domain of a package directory: a configured mapping wins; otherwise the first directory below the
 * container folders (internal/, app/, pkg/, service(s)/, domain/ ...), unless it is shared infrastructure.
 */
export function domainOf(packageDir: string, settings: Settings): string {
  for (const [domain, patterns] of Object.entries(settings.domains)) {
    for (const pattern of patterns) {
      const prefix = pattern.replace(/\/\*\*$/, '').replace(/\/+$/, '');
      if (packageDir === prefix || packageDir.startsWith(prefix + '/') || globToRegExp(pattern).test(packageDir)) return domain;
    }
  }
  const segments = packageDir.split('/').filter(Boolean);
  while (segments.length > 0 && CONTAINERS.has(segments[0])) segments.shift();
  const top = segments[0] ?? '';
  if (!top || settings.infrastructure.includes(top)) return '';
  return top;
}
