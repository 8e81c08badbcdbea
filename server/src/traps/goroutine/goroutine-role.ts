/**
 * How often a `go` statement runs, as far as the code shows: once for the life of the process (main, init,
 * sync.Once, a singleton guard), once per request, connection or incoming message (a handler's parameters, a
 * connection held by the receiver, an accept or consume loop), or otherwise once at start-up. A loop with no way
 * out leaks one goroutine per start: thousands for the per-request kind, one for the others.
 */
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { GoType, isNamed, typeShape } from '../../go/types';
import { isTimerChannel, loopClause, typedParams } from './goroutine-ast';
import type { GoroutineScan } from './goroutine-scan';
import { requestKind } from './context-in-reach';

/** `process`: meant to live with the process; `request`: per request, connection or message; `startup`: the rest. */
export type StartRole = 'process' | 'request' | 'startup';

/** Named types a goroutine serves one of: a connection, a stream or a request. */
const CONNECTION_TYPES: [string, string][] = [
  ['net', 'Conn'], ['net', 'TCPConn'], ['net', 'UnixConn'], ['net', 'UDPConn'], ['crypto/tls', 'Conn'],
  ['github.com/gorilla/websocket', 'Conn'], ['github.com/fasthttp/websocket', 'Conn'], ['github.com/gofiber/websocket/v2', 'Conn'],
  ['github.com/gofiber/contrib/websocket', 'Conn'], ['nhooyr.io/websocket', 'Conn'], ['github.com/coder/websocket', 'Conn'],
  ['golang.org/x/net/websocket', 'Conn'], ['net/http', 'ResponseWriter'], ['github.com/valyala/fasthttp', 'RequestCtx'],
  ['github.com/gofiber/fiber/v2', 'Ctx'], ['google.golang.org/grpc', 'ServerStream'],
];

/** True for a request, a connection or a stream (or a pointer to one). */
export function isPerRequestType(types: Resolver, type: GoType | null | undefined): boolean {
  if (!type) return false;
  return !!requestKind(types, type) || CONNECTION_TYPES.some(([pkg, name]) => isNamed(type, pkg, name));
}

export class StartRoles {
  private readonly processFns = new Map<number, boolean>();
  private readonly requestFns = new Map<number, boolean>();
  private readonly eventLoops = new Map<number, boolean>();
  private readonly guards = new Map<number, boolean>();
  private readonly holders = new Map<GoType, boolean>();

  constructor(
    private readonly scan: GoroutineScan,
    private readonly types: Resolver,
    private readonly packageName: string,
  ) {}

  /** The role of the `go` statement at scan index `go`; `startedReceiver` is the receiver of the method it starts. */
  roleOf(go: number, startedReceiver: GoType | null = null): StartRole {
    const fn = this.scan.fn[go];
    if (fn >= 0 && this.livesWithProcess(fn)) return 'process';
    if (fn >= 0 && this.servesRequest(fn)) return 'request';
    if (this.inEventLoop(go)) return 'request';
    if (startedReceiver && this.holdsConnection(startedReceiver)) return 'request';
    return 'startup';
  }

  /** main, init, a `once.Do(func() {...})` literal, or a top-level function guarding package state, or inside one. */
  private livesWithProcess(fn: number): boolean {
    const known = this.processFns.get(fn);
    if (known !== undefined) return known;
    const node = this.scan.nodes[fn];
    let lives = false;
    if (node.type === 'function_declaration') {
      const name = node.childForFieldName('name')?.text;
      lives = name === 'init' || (name === 'main' && this.packageName === 'main');
    } else if (node.type === 'func_literal') {
      const holder = this.scan.parent[fn];
      const callee = holder >= 0 && this.scan.types[holder] === 'call_expression' ? this.scan.nodes[holder].childForFieldName('function') : null;
      lives = callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Do';
    }
    if (!lives && this.scan.top[fn] === fn) lives = this.setsPackageState(fn);
    if (!lives && this.scan.fn[fn] >= 0) lives = this.livesWithProcess(this.scan.fn[fn]);
    this.processFns.set(fn, lives);
    return lives;
  }

  /**
   * True when a top-level function assigns, increments or takes the address of a package-level variable or one of
   * its fields (`started = true`, `atomic.Cas(&created, 0, 1)`): a guarded singleton. An element written into a
   * package-level map or slice is not: handlers register each client that way.
   */
  private setsPackageState(top: number): boolean {
    const known = this.guards.get(top);
    if (known !== undefined) return known;
    const start = this.scan.starts[top];
    const end = this.scan.ends[top];
    const isGlobal = (expression: SyntaxNode | null | undefined) => {
      let root = expression;
      while (root?.type === 'selector_expression') root = root.childForFieldName('operand');
      if (!root || root.type !== 'identifier' || this.types.localDeclOf(root)) return false;
      return this.types.index.lookupValue(this.types.ownPackage, root.text) !== undefined;
    };
    let sets = false;
    for (const type of ['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression']) {
      for (const i of this.scan.ofTypeWithin(type, start, end)) {
        const node = this.scan.nodes[i];
        if (type === 'assignment_statement') sets = (node.childForFieldName('left')?.namedChildren ?? []).some(isGlobal);
        else if (type === 'unary_expression') sets = node.child(0)?.type === '&' && isGlobal(node.childForFieldName('operand'));
        else sets = isGlobal(node.namedChildren[0]);
        if (sets) break;
      }
      if (sets) break;
    }
    this.guards.set(top, sets);
    return sets;
  }

  /** A parameter that is a request or connection, or a receiver holding a connection, here or in an enclosing function. */
  private servesRequest(fn: number): boolean {
    const known = this.requestFns.get(fn);
    if (known !== undefined) return known;
    const node = this.scan.nodes[fn];
    let serves = typedParams(node).some((p) => {
      const type = this.types.typeOfTypeNode(p.type);
      return p.receiver ? !!type && this.holdsConnection(type) : isPerRequestType(this.types, type);
    });
    if (!serves && this.scan.fn[fn] >= 0) serves = this.servesRequest(this.scan.fn[fn]);
    this.requestFns.set(fn, serves);
    return serves;
  }

  /** True when a struct type (through a pointer) has a field that is a connection or stream. */
  holdsConnection(type: GoType): boolean {
    const known = this.holders.get(type);
    if (known !== undefined) return known;
    this.holders.set(type, false);
    const declared = this.types.typeDecl(type);
    const shape = declared ? typeShape(declared.underlying) : null;
    const holds = shape?.kind === 'struct' && shape.fields.some((f) => isPerRequestType(this.types, f.type));
    this.holders.set(type, holds);
    return holds;
  }

  /** Inside a loop that runs once per incoming event (an accept or read loop, a range over a channel), in any enclosing function. */
  private inEventLoop(i: number): boolean {
    const loop = this.scan.loop[i];
    if (loop >= 0) return this.eventLoop(loop);
    const fn = this.scan.fn[i];
    return fn >= 0 && this.scan.types[fn] === 'func_literal' && this.inEventLoop(fn);
  }

  private eventLoop(loop: number): boolean {
    const known = this.eventLoops.get(loop);
    if (known !== undefined) return known;
    const event = this.runsPerEvent(this.scan.nodes[loop]) || this.inEventLoop(loop);
    this.eventLoops.set(loop, event);
    return event;
  }

  /** `for {}`, `for next() {}`, or a range over a channel (a ticker's too: one start per tick). */
  private runsPerEvent(loop: SyntaxNode): boolean {
    const header = loopClause(loop);
    if (!header) return true;
    if (header.type === 'for_clause') return !header.childForFieldName('condition');
    if (header.type === 'call_expression') return true;
    if (header.type !== 'range_clause') return false;
    const right = header.childForFieldName('right');
    if (isTimerChannel(this.types, right)) return true;
    const type = this.types.typeOf(right);
    return !!type && typeShape(this.types.underlying(type)).kind === 'chan';
  }
}
