/**
 * Which context a fix can use at a place in a function, asked of the resolver: a visible `ctx` local of type
 * context.Context, a context.Context parameter of this or an enclosing function, else the context of a request
 * the function serves (`r.Context()`, gin's `c.Request.Context()`, echo's `c.Request().Context()`). Answers are
 * memoised per function, so asking at every loop of deeply nested closures stays linear.
 */
import type { Resolver } from '../../go/resolver';
import { LocalDecl, LocalScopes } from '../../go/scopes';
import { contextKindOf } from '../../go/syntax';
import type { GoType } from '../../go/types';
import { typedParams } from './goroutine-ast';
import type { GoroutineScan } from './goroutine-scan';

/** True for context.Context (and golang.org/x/net/context's alias of it, or an interface that embeds it). */
export function isContextType(types: Resolver, type: GoType | null | undefined): boolean {
  return !!type && contextKindOf(types, type) === 'context';
}

/** What kind of incoming request a parameter type is, if any. */
export type RequestKind = 'http' | 'gin' | 'echo';

export function requestKind(types: Resolver, type: GoType | null | undefined): RequestKind | null {
  switch (type ? contextKindOf(types, type) : null) {
    case 'http-request':
      return 'http';
    case 'gin':
      return 'gin';
    case 'echo':
      return 'echo';
    default:
      return null;
  }
}

/** The context expression of a request parameter named `name`. */
export function requestContext(kind: RequestKind, name: string): string {
  return kind === 'http' ? `${name}.Context()` : kind === 'gin' ? `${name}.Request.Context()` : `${name}.Request().Context()`;
}

interface Found {
  expression: string;
  /** The function whose parameter it is. */
  fn: number;
}

export class ContextsInReach {
  private readonly params = new Map<number, Found | null>();
  private readonly requests = new Map<number, Found | null>();
  private readonly scopes = new Map<number, LocalScopes>();

  constructor(
    private readonly scan: GoroutineScan,
    private readonly types: Resolver,
  ) {}

  /** The context a fix at scanned node `at` can use, or null when none is in reach. */
  at(at: number): string | null {
    const position = this.scan.starts[at];
    const fn = this.scan.fn[at];
    if (fn < 0) return null;
    const local = this.visibleLocal(at, 'ctx', position);
    if (local && isContextType(this.types, this.types.typeOf(local.node))) return 'ctx';
    const param = this.param(fn);
    if (param && !this.shadowed(at, param, position)) return param.expression;
    const request = this.request(fn);
    if (request && !this.shadowed(at, request, position)) return request.expression;
    return null;
  }

  /** The innermost context.Context parameter of `fn` or an enclosing function (preferring one named ctx). */
  private param(fn: number): Found | null {
    if (this.params.has(fn)) return this.params.get(fn)!;
    let found: Found | null = null;
    const contexts = typedParams(this.scan.nodes[fn]).filter((p) => p.name && p.name !== '_' && isContextType(this.types, this.types.typeOfTypeNode(p.type)));
    const chosen = contexts.find((p) => p.name === 'ctx') ?? contexts[0];
    if (chosen) found = { expression: chosen.name, fn };
    else if (this.scan.fn[fn] >= 0) found = this.param(this.scan.fn[fn]);
    this.params.set(fn, found);
    return found;
  }

  /** The innermost request parameter's context of `fn` or an enclosing function. */
  private request(fn: number): Found | null {
    if (this.requests.has(fn)) return this.requests.get(fn)!;
    let found: Found | null = null;
    for (const p of typedParams(this.scan.nodes[fn])) {
      if (!p.name || p.name === '_') continue;
      const kind = requestKind(this.types, this.types.typeOfTypeNode(p.type));
      if (kind) {
        found = { expression: requestContext(kind, p.name), fn };
        break;
      }
    }
    if (!found && this.scan.fn[fn] >= 0) found = this.request(this.scan.fn[fn]);
    this.requests.set(fn, found);
    return found;
  }

  /** True when a local declared inside the parameter's function hides the parameter's name at `position`. */
  private shadowed(at: number, found: Found, position: number): boolean {
    const name = /^\w+/.exec(found.expression)?.[0] ?? '';
    const local = this.visibleLocal(at, name, position);
    return !!local && local.kind !== 'param' && local.node.startIndex > this.scan.starts[found.fn];
  }

  /** The local named `name` visible at `position` (the innermost declaration), if any. */
  private visibleLocal(at: number, name: string, position: number): LocalDecl | null {
    const top = this.scan.top[at];
    if (top < 0) return null;
    let scopes = this.scopes.get(top);
    if (!scopes) this.scopes.set(top, (scopes = new LocalScopes(this.scan.nodes[top])));
    let best: LocalDecl | null = null;
    for (const decl of scopes.declarationsOf(name)) {
      if (decl.scopeStart > position || position >= decl.scopeEnd) continue;
      if (!best || decl.scopeStart >= best.scopeStart) best = decl;
    }
    return best;
  }
}
