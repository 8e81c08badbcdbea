/**
 * Which packages of a workspace are business domains, and why: the one answer db-shared-pool, the coupling score,
 * the checklist, the report, the calculator and `go-traps domains` all use. A package is placed by its folder
 * (`placePackage`: the `domains` setting, the layout, role names) and then by its code: a package that is mostly
 * request handlers is a transport front-end over the domains, whatever its folder is called, and package main is
 * an entry point.
 */
import type { Settings } from './config';
import { isTestCode, placePackage, type PackageRole, type Placement, type PlacementSource } from './domains';
import { formatMessage } from './messages';
import { importPathOfLocation } from './packages';
import type { FileLocation } from './rule';
import type { Locale, Message } from './types';
import type { FactCollector } from './collectors';
import type { Resolver } from '../go/resolver';
import type { SourceFile } from '../go/source';
import { namedParts } from '../go/types';

/** What one non-test file's code says about its package's role. */
export interface PackageShape {
  /** Named functions and methods declared in the file. */
  functions: number;
  /** Those taking a request (`http.ResponseWriter`, `*http.Request`, `*gin.Context`, a gRPC `*XRequest` ...). */
  handlers: number;
  /** The file is in package main. */
  main?: true;
}

/** The collector id; placements read `summary.facts[PLACEMENT_FACTS_ID]`. */
export const PLACEMENT_FACTS_ID = '$placement';

/** A request-serving parameter type: net/http, gin, echo, fiber, and gRPC or generated APIs' `*XRequest`. */
export function isRequestType(type: string | null): boolean {
  const parts = namedParts(type);
  if (!parts) return false;
  if (parts.pkg === 'net/http') return parts.name === 'Request' || parts.name === 'ResponseWriter';
  if (parts.pkg === 'github.com/gin-gonic/gin') return parts.name === 'Context';
  if (parts.pkg.startsWith('github.com/labstack/echo')) return parts.name === 'Context';
  if (parts.pkg === 'github.com/gofiber/fiber/v2') return parts.name === 'Ctx';
  return parts.pointer && /Request$/.test(parts.name);
}

/** The shape of a file's package as far as this file tells; undefined for test code, which places nothing. */
export function packageShapeOf(file: SourceFile, location: FileLocation, types: Resolver, settings: Settings): PackageShape | undefined {
  if (isTestCode(location, settings)) return undefined;
  const shape: PackageShape = { functions: 0, handlers: 0 };
  if (file.packageName === 'main') shape.main = true;
  for (const decl of file.root.namedChildren) {
    if ((decl?.type !== 'function_declaration' && decl?.type !== 'method_declaration') || !types.functionId(decl)) continue;
    shape.functions++;
    const parameters = decl.childForFieldName('parameters')?.namedChildren ?? [];
    const serves = parameters.some(
      (p) => (p?.type === 'parameter_declaration' || p?.type === 'variadic_parameter_declaration') && isRequestType(types.typeOfTypeNode(p.childForFieldName('type'))),
    );
    if (serves) shape.handlers++;
  }
  return shape;
}

/** Registered in collectors.ts so every front end that indexes files can place its packages. */
export const placementCollector: FactCollector<PackageShape> = {
  id: PLACEMENT_FACTS_ID,
  collect: (file, settings, location, types) => packageShapeOf(file, location, types, settings),
};

/** One package folder as the front ends show it: where it sits, in words of the user's language. */
export interface PackagePlacement {
  /** The package folder, relative to its module root ('.' for the root). */
  dir: string;
  /** The module path ('' outside any module). */
  module: string;
  /** Go files in the folder, test files included. */
  files: number;
  /** The business domain, '' when the package is set apart. */
  domain: string;
  role: PackageRole;
  by: PlacementSource;
  /** "domain user", "transport front-end": the role in words. */
  what: string;
  /** Why: "internal/<domain> layout", "set by the domains setting (internal/pay/**)", "transport: mostly handlers ...". */
  reason: string;
}

const ROLE_WORDS: Record<PackageRole, Message> = {
  domain: { en: 'domain {domain}', zh: '业务域 {domain}' },
  entry: { en: 'entry point', zh: '程序入口' },
  wiring: { en: 'wiring', zh: '装配代码' },
  infrastructure: { en: 'infrastructure', zh: '基础设施' },
  transport: { en: 'transport front-end', zh: '传输层前端' },
  batch: { en: 'batch runner', zh: '批处理' },
  harness: { en: 'test harness', zh: '测试辅助' },
};

/** Domains first, then the roles set apart in this order. */
const ROLE_ORDER: readonly PackageRole[] = ['domain', 'batch', 'transport', 'entry', 'wiring', 'infrastructure', 'harness'];

interface PackageEntry {
  dir: string;
  module: string;
  files: number;
  functions: number;
  handlers: number;
  main: boolean;
}

/** The placements of a workspace's packages, from the files' locations and shapes. */
export class WorkspacePlacements {
  private readonly modules: string[];
  private readonly packages = new Map<string, PackageEntry>();
  private readonly cache = new Map<string, Placement>();

  constructor(
    files: Iterable<{ location: FileLocation; shape?: PackageShape }>,
    private readonly settings: Settings,
  ) {
    const modules = new Set<string>();
    for (const { location, shape } of files) {
      if (location.modulePath) modules.add(location.modulePath);
      const key = importPathOfLocation(location);
      let entry = this.packages.get(key);
      if (!entry) this.packages.set(key, (entry = { dir: location.packageDir, module: location.modulePath, files: 0, functions: 0, handlers: 0, main: false }));
      entry.files++;
      if (!shape) continue;
      entry.functions += shape.functions;
      entry.handlers += shape.handlers;
      if (shape.main) entry.main = true;
    }
    this.modules = [...modules].sort((a, b) => b.length - a.length);
  }

  /** From the summaries of an analysis (their `$placement` facts). */
  static fromSummaries(summaries: Iterable<{ location: FileLocation; facts: Record<string, unknown> }>, settings: Settings): WorkspacePlacements {
    const files = [...summaries].map((s) => ({ location: s.location, shape: s.facts[PLACEMENT_FACTS_ID] as PackageShape | undefined }));
    return new WorkspacePlacements(files, settings);
  }

  ofLocation(location: FileLocation): Placement {
    return this.ofPackage(importPathOfLocation(location));
  }

  /** A folder relative to a module's root, as the coupling facts name them. */
  ofDir(modulePath: string, dir: string): Placement {
    if (modulePath === 'std') return this.ofPackage(dir);
    return this.ofPackage(modulePath ? (dir ? `${modulePath}/${dir}` : modulePath) : dir);
  }

  /** `"example.com/shop/internal/order".Service.Place` → the placement of its package. */
  ofFunction(fn: string): Placement {
    const match = /^"([^"]*)"\./.exec(fn);
    return match ? this.ofPackage(match[1]) : { domain: '', role: 'infrastructure', by: 'layout', reason: { en: 'not a package function', zh: '不属于任何包的函数' } };
  }

  /** A package by import path; one outside the workspace's modules is never a domain. */
  ofPackage(pkg: string): Placement {
    let placement = this.cache.get(pkg);
    if (placement) return placement;
    const entry = this.packages.get(pkg);
    if (entry) placement = this.byCode(entry, placePackage(entry.dir, this.settings, entry.main ? 'main' : ''));
    else {
      const module = this.modules.find((m) => pkg === m || pkg.startsWith(m + '/'));
      placement = module
        ? placePackage(pkg === module ? '' : pkg.slice(module.length + 1), this.settings)
        : { domain: '', role: 'infrastructure', by: 'layout', reason: { en: 'outside the workspace', zh: '不在工作区内' } };
    }
    this.cache.set(pkg, placement);
    return placement;
  }

  /** The business domains, sorted. */
  domains(): string[] {
    const domains = new Set<string>();
    for (const pkg of this.packages.keys()) {
      const domain = this.ofPackage(pkg).domain;
      if (domain) domains.add(domain);
    }
    return [...domains].sort();
  }

  /** One row per package folder, domains first, then by role, domain, module and folder. */
  rows(locale: Locale): PackagePlacement[] {
    const rows: PackagePlacement[] = [];
    for (const [pkg, entry] of this.packages) {
      const placement = this.ofPackage(pkg);
      rows.push({
        dir: entry.dir || '.',
        module: entry.module,
        files: entry.files,
        domain: placement.domain,
        role: placement.role,
        by: placement.by,
        what: formatMessage(ROLE_WORDS[placement.role], locale, { domain: placement.domain }),
        reason: formatMessage(placement.reason, locale),
      });
    }
    return rows.sort(
      (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.domain.localeCompare(b.domain) || a.module.localeCompare(b.module) || a.dir.localeCompare(b.dir),
    );
  }

  /** A domain by layout whose functions are mostly request handlers serves requests over the domains. */
  private byCode(entry: PackageEntry, placement: Placement): Placement {
    if (placement.role !== 'domain' || placement.by === 'setting') return placement;
    const { functions, handlers } = entry;
    if (handlers >= 2 && handlers * 2 >= functions) {
      return {
        domain: '',
        role: 'transport',
        by: 'code',
        reason: {
          en: `transport: mostly handlers (${handlers} of its ${functions} functions serve requests)`,
          zh: `传输层:大多是请求处理函数(${functions} 个函数中有 ${handlers} 个处理请求)`,
        },
      };
    }
    return placement;
  }
}
