/**
 * A WebSocket read loop with no read deadline: a peer that vanishes without a FIN parks the reader forever.
 * The connection is recognised by its type (gorilla, fasthttp and gofiber conns, from fields declared anywhere,
 * `Upgrade` or `Dial` results). The deadline may be set in another file (a pong handler on `c.conn`), so each
 * file records its reads, the connections it sets deadlines on, and the places one connection passes under two
 * names (`&Client{conn: conn}`, `newClient(conn)`), all keyed by what they resolve to (`"…/chat".Client.conn`);
 * the workspace check joins them.
 */
import { goDuration } from '../../engine/config';
import { ensureImport, insertLinesBefore } from '../../engine/edits';
import { defineWorkspaceRule, FixDescriptor } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { rangeOf, SourceFile } from '../../go/source';
import { callArguments, CONTEXT_PACKAGES, findAll } from '../../go/syntax';
import { isNamed, tupleElement } from '../../go/types';
import type { Settings } from '../../engine/config';
import { calleeKey, declarationKey, packageName, typedParams } from './goroutine-ast';
import { firstFrom, GoroutineScan, scanOf } from './goroutine-scan';

/** Packages with gorilla's `*Conn` API (ReadMessage, SetReadDeadline, SetPongHandler). */
const GORILLA_STYLE = ['github.com/gorilla/websocket', 'github.com/fasthttp/websocket', 'github.com/gofiber/websocket/v2', 'github.com/gofiber/contrib/websocket'];
const READS = new Set(['ReadMessage', 'ReadJSON', 'NextReader']);
const DEADLINES = new Set(['SetReadDeadline', 'SetDeadline']);
/** Calls that hand out a new connection. */
const OPENERS = new Set(['Upgrade', 'Dial', 'DialContext', 'NewClient']);
/** nhooyr.io/websocket (now coder/websocket): no SetReadDeadline, reads take a context instead. */
const CONTEXT_STYLE = ['nhooyr.io/websocket', 'github.com/coder/websocket'];
const CONTEXT_JSON = ['nhooyr.io/websocket/wsjson', 'github.com/coder/websocket/wsjson'];
/** Files that mention none of these cannot read, upgrade or configure a WebSocket connection. */
const MENTIONS = /websocket|wsjson|ReadMessage|ReadJSON|NextReader|SetReadDeadline|SetDeadline|Upgrade|\.Reader?\(\s*(\w*ctx\w*|context\.\w+\(\)|[\w.]+\.Context\(\))\s*\)/i;
/** A context-style read's argument: a context by name or by call. */
const CONTEXT_ARGUMENT = /ctx|context|Context\(\)/i;

interface ReadFact {
  /** The connection's key, or null when the receiver cannot be keyed (then only a deadline in the same file counts). */
  key: string | null;
  range: Range;
  data: Record<string, string>;
  fixes: FixDescriptor[];
}

interface WsFacts {
  reads: ReadFact[];
  /** nhooyr-style reads whose context has no deadline: complete findings. */
  contextReads: { range: Range; data: Record<string, string> }[];
  deadlines: string[];
  /** A deadline is set on some connection in this file. */
  anyDeadline: boolean;
  /** Pairs of keys that name the same connection. */
  links: [string, string][];
}

export const rule = defineWorkspaceRule<WsFacts>({
  meta: {
    id: 'ws-read-no-deadline',
    trap: 'goroutine',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A WebSocket read loop never sets a read deadline.',
      zh: 'WebSocket 读循环从未设置读超时(read deadline)。',
    },
    why: {
      en: 'ReadMessage blocks on the TCP read. When a client disappears without closing the connection, the read never returns and its goroutine (and buffers) stay forever; tens of thousands of such readers have filled a service\'s memory.',
      zh: 'ReadMessage 阻塞在 TCP 读上。客户端不关闭连接就消失时，读操作永不返回，goroutine 及其缓冲区永久滞留；曾有服务因此堆积上万个读协程、内存持续上涨。',
    },
    messages: {
      noDeadline: {
        en: '{read} in a loop with no SetReadDeadline on {conn}: a peer that vanishes without closing leaves this goroutine blocked forever. Set a deadline before each read (and extend it in a pong handler).',
        zh: '循环中的 {read} 没有对 {conn} 调用 SetReadDeadline：对端不关闭连接就消失时，该 goroutine 将永远阻塞。请在每次读取前设置超时(并在 pong 处理函数中续期)。',
      },
      noDeadlineContext: {
        en: '{read} in a loop with {ctx}, which has no deadline: a peer that vanishes without closing leaves this goroutine blocked forever. Read each message under context.WithTimeout (for example {timeout}).',
        zh: '循环中的 {read} 使用的 {ctx} 没有截止时间：对端不关闭连接就消失时，该 goroutine 将永远阻塞。请为每条消息的读取使用 context.WithTimeout(例如 {timeout})。',
      },
      fixDeadline: {
        en: 'Set a {timeout} read deadline before each read',
        zh: '每次读取前设置 {timeout} 的读超时',
      },
    },
  },
  collect(file, settings, _location, types) {
    // Tests read sockets they control, and a deadline a test sets covers no production read.
    if (file.isTest || !MENTIONS.test(file.text)) return undefined;
    const facts: WsFacts = { reads: [], contextReads: [], deadlines: [], anyDeadline: false, links: [] };
    new Collector(file, settings, types, facts).run();
    const empty = facts.reads.length + facts.contextReads.length + facts.deadlines.length + facts.links.length === 0 && !facts.anyDeadline;
    return empty ? undefined : facts;
  },
  check(context) {
    const parent = new Map<string, string>();
    const find = (key: string): string => {
      let root = key;
      while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
      for (let k = key; k !== root; ) {
        const next = parent.get(k)!;
        parent.set(k, root);
        k = next;
      }
      return root;
    };
    for (const { facts } of context.files) {
      for (const [a, b] of facts.links) {
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) parent.set(ra, rb);
      }
    }
    const withDeadline = new Set<string>();
    for (const { facts } of context.files) for (const key of facts.deadlines) withDeadline.add(find(key));
    for (const { location, facts } of context.files) {
      for (const read of facts.contextReads) context.report(location.path, { range: read.range, messageId: 'noDeadlineContext', data: read.data });
      for (const read of facts.reads) {
        const covered = read.key ? withDeadline.has(find(read.key)) : facts.anyDeadline;
        if (!covered) context.report(location.path, { range: read.range, messageId: 'noDeadline', data: read.data, fixes: read.fixes });
      }
    }
  },
});

class Collector {
  private scanned: GoroutineScan | undefined;
  /** A read or deadline on a gorilla-style connection was seen in this file. */
  private sawConnection = false;

  constructor(
    private readonly file: SourceFile,
    private readonly settings: Settings,
    private readonly types: Resolver,
    private readonly facts: WsFacts,
  ) {}

  /** The file's scan, built only once a read or a link needs positions (most files never do). */
  private get scan(): GoroutineScan {
    return (this.scanned ??= scanOf(this.file));
  }

  run(): void {
    const file = this.file;
    const calls = findAll(file.root, 'call_expression');
    for (const call of calls) this.call(call);
    // Where a connection passes under two names matters only in files that hold one: they import a gorilla-style
    // package, upgrade a request, or read from or set a deadline on a connection.
    const holdsConnections = this.sawConnection || GORILLA_STYLE.some((p) => file.localNameOf(p) !== undefined);
    if (!holdsConnections) return;
    const scan = this.scan;
    for (const call of calls) this.argumentLinks(call);
    for (const type of ['short_var_declaration', 'assignment_statement']) {
      for (const i of scan.ofType(type)) {
        const node = scan.nodes[i];
        const left = valuesOf(node.childForFieldName('left'));
        const right = valuesOf(node.childForFieldName('right'));
        if (left.length === right.length) left.forEach((target, k) => this.link(target, right[k]));
      }
    }
    for (const i of scan.ofType('keyed_element')) this.keyedElement(i);
  }

  private call(node: SyntaxNode): void {
    const fn = node.childForFieldName('function');
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text ?? '' : '';
    const contextRead = (name === 'Read' || name === 'Reader') && CONTEXT_ARGUMENT.test(node.childForFieldName('arguments')?.text ?? '');
    if (OPENERS.has(name)) {
      // `upgrader.Upgrade(...)` with the upgrader declared elsewhere: this file holds a connection.
      if (isGorillaConn(tupleElement(this.types.typeOf(node) ?? '', 0))) this.sawConnection = true;
      return;
    }
    if (!READS.has(name) && !DEADLINES.has(name) && !contextRead) return;
    const callee = this.types.calleeOf(node);
    if (callee?.kind === 'method' && isGorillaConn(callee.receiver)) {
      this.sawConnection = true;
      const receiver = fn!.childForFieldName('operand')!;
      if (READS.has(name)) this.read(node, receiver, name);
      else if (DEADLINES.has(name)) this.deadline(receiver);
    } else if (callee?.kind === 'method' && DEADLINES.has(name)) {
      // `conn.UnderlyingConn().SetReadDeadline(...)`, `conn.NetConn().SetDeadline(...)` act on conn.
      const under = fn!.childForFieldName('operand');
      const inner = under?.type === 'call_expression' ? under.childForFieldName('function') : null;
      const method = inner?.type === 'selector_expression' ? inner.childForFieldName('field')?.text : null;
      const base = inner?.childForFieldName('operand');
      if ((method === 'UnderlyingConn' || method === 'NetConn') && base && isGorillaConn(this.types.typeOf(base))) {
        this.sawConnection = true;
        this.deadline(base);
      }
    } else if (contextRead && callee) this.contextRead(node, callee.kind === 'func' ? `"${callee.pkg}".${callee.name}` : `${callee.receiver}`);
  }

  private read(node: SyntaxNode, receiver: SyntaxNode, method: string): void {
    const i = this.scan.indexOf(node);
    const loop = this.scan.loop[i];
    if (loop < 0) return;
    const conn = receiver.text;
    this.facts.reads.push({
      key: this.keyOf(receiver),
      range: rangeOf(this.scan.nodes[i].childForFieldName('function')!.childForFieldName('field')!),
      data: { read: `${conn}.${method}`, conn, timeout: this.settings.timeouts.wsRead },
      fixes: this.deadlineFix(this.scan.nodes[i], receiver, this.scan.nodes[loop]),
    });
  }

  private deadline(receiver: SyntaxNode): void {
    this.facts.anyDeadline = true;
    const key = this.keyOf(receiver);
    if (key) this.facts.deadlines.push(key);
  }

  /**
   * nhooyr-style reads in a loop — `c.Read(ctx)`, `c.Reader(ctx)`, `wsjson.Read(ctx, c, &v)` — whose context
   * plainly has no deadline: `context.Background()`, `context.TODO()`, a request's `Context()`, or a local bound to
   * one of them and never reassigned. A context parameter may carry the caller's deadline, so it is left alone.
   */
  private contextRead(node: SyntaxNode, callee: string): void {
    const args = callArguments(node);
    let ctx: SyntaxNode | undefined;
    if (CONTEXT_JSON.some((p) => callee === `"${p}".Read`) && args.length === 3) ctx = args[0];
    else if (CONTEXT_STYLE.some((p) => callee === `"${p}".Conn`) && args.length === 1) ctx = args[0];
    if (!ctx || this.scan.loop[this.scan.indexOf(node)] < 0 || !this.withoutDeadline(ctx, node)) return;
    this.facts.contextReads.push({
      range: rangeOf(node),
      data: { read: node.childForFieldName('function')?.text ?? 'Read', ctx: ctx.text, timeout: this.settings.timeouts.wsRead },
    });
  }

  private withoutDeadline(ctx: SyntaxNode, at: SyntaxNode): boolean {
    if (this.isRootContext(ctx)) return true;
    if (ctx.type !== 'identifier') return false;
    const decl = this.types.localDeclOf(ctx);
    if (!decl || (decl.kind !== 'short' && decl.kind !== 'var')) return false;
    const value = this.types.boundValue(decl);
    if (!value || !this.isRootContext(value)) return false;
    // A later `ctx, cancel = context.WithTimeout(ctx, d)` gives it a deadline after all.
    return !this.scan.ofTypeWithin('assignment_statement', decl.scopeStart, at.startIndex).some((a) =>
      valuesOf(this.scan.nodes[a].childForFieldName('left')).some((n) => n.text === ctx.text),
    );
  }

  /** `context.Background()`, `context.TODO()`, or a request's `Context()`. */
  private isRootContext(node: SyntaxNode): boolean {
    if (node.type !== 'call_expression' || callArguments(node).length > 0) return false;
    const callee = this.types.calleeOf(node);
    if (callee?.kind === 'func') return CONTEXT_PACKAGES.includes(callee.pkg) && (callee.name === 'Background' || callee.name === 'TODO');
    return callee?.kind === 'method' && callee.name === 'Context' && isNamed(callee.receiver, 'net/http', 'Request');
  }

  /** `newClient(conn)`: the callee's parameter names the same connection as the argument. */
  private argumentLinks(call: SyntaxNode): void {
    const args = callArguments(call);
    if (args.length === 0 || !args.some(isStorage)) return;
    let callee: string | null | undefined;
    args.forEach((arg, index) => {
      if (!isStorage(arg) || !isGorillaConn(this.types.typeOf(arg))) return;
      callee ??= calleeKey(this.types, call);
      const key = this.keyOf(arg);
      if (callee && key) this.facts.links.push([key, `param:${callee}#${index}`]);
    });
  }

  private link(target: SyntaxNode, value: SyntaxNode): void {
    if (!isStorage(value) || !isGorillaConn(this.types.typeOf(value))) return;
    const a = this.keyOf(target);
    const b = this.keyOf(value);
    if (a && b && a !== b) this.facts.links.push([a, b]);
  }

  /** `Client{conn: c}`: the field names the same connection as the value. */
  private keyedElement(i: number): void {
    const node = this.scan.nodes[i];
    const [key, value] = node.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    const field = key?.namedChildren[0]?.type === 'identifier' ? key.namedChildren[0].text : key?.type === 'field_identifier' || key?.type === 'identifier' ? key.text : null;
    const valueExpr = value?.type === 'literal_element' ? value.namedChildren[0] : value;
    const literal = this.scan.parent[i];
    if (!field || !valueExpr || literal < 0 || this.scan.types[literal] !== 'composite_literal') return;
    if (!isStorage(valueExpr) || !isGorillaConn(this.types.typeOf(valueExpr))) return;
    const owner = this.types.typeOf(this.scan.nodes[literal]);
    const base = owner?.startsWith('*') ? owner.slice(1) : owner;
    const valueKey = this.keyOf(valueExpr);
    if (base?.startsWith('"') && valueKey) this.facts.links.push([`field:${base}.${field}`, valueKey]);
  }

  /** What a connection expression resolves to: a field of a type, a package variable, a parameter or a local. */
  private keyOf(expr: SyntaxNode | null | undefined): string | null {
    if (!expr) return null;
    switch (expr.type) {
      case 'parenthesized_expression':
        return this.keyOf(expr.namedChildren.find((n) => n && n.type !== 'comment'));
      case 'unary_expression':
        return ['*', '&'].includes(expr.child(0)?.type ?? '') ? this.keyOf(expr.childForFieldName('operand')) : null;
      case 'identifier':
        return this.identifierKey(expr);
      case 'selector_expression': {
        const operand = expr.childForFieldName('operand');
        const field = expr.childForFieldName('field')?.text;
        const base = this.types.resolve(operand);
        if (!field || !base) return null;
        if (base.kind === 'package') return `var:"${base.path}".${field}`;
        if (base.kind !== 'value') return null;
        const owner = base.type.startsWith('*') ? base.type.slice(1) : base.type;
        return owner.startsWith('"') ? `field:${owner}.${field}` : null;
      }
      case 'index_expression': {
        const inner = this.keyOf(expr.childForFieldName('operand'));
        return inner ? `${inner}[]` : null;
      }
      case 'call_expression': {
        const key = calleeKey(this.types, expr);
        return key ? `call:${key}` : null;
      }
      default:
        return null;
    }
  }

  private identifierKey(id: SyntaxNode): string | null {
    const decl = this.types.localDeclOf(id);
    if (!decl) {
      const resolved = this.types.resolve(id);
      return resolved?.kind === 'value' && this.types.index.lookupValue(this.types.ownPackage, id.text) !== undefined ? `var:"${this.types.ownPackage}".${id.text}` : null;
    }
    if (decl.kind === 'param') {
      // Parameters of named functions are keyed by the function, so callers in other files can link to them.
      for (const fn of this.scan.ofTypeWithin('function_declaration', decl.scopeStart, decl.scopeEnd).concat(this.scan.ofTypeWithin('method_declaration', decl.scopeStart, decl.scopeEnd))) {
        if (this.scan.starts[fn] !== decl.scopeStart) continue;
        const key = declarationKey(this.types, this.scan.nodes[fn]);
        const param = typedParams(this.scan.nodes[fn]).find((p) => !p.receiver && p.name === decl.name);
        if (key && param) return `param:${key}#${param.index}`;
      }
    }
    return `local:${this.file.path}@${decl.node.startIndex}`;
  }

  private deadlineFix(call: SyntaxNode, receiver: SyntaxNode, loop: SyntaxNode): FixDescriptor[] {
    // The receiver is written twice; only a plain name or field chain is safe to repeat.
    if (!/^[A-Za-z_][\w.]*$/.test(receiver.text)) return [];
    const statement = this.statementHolding(loop, call);
    if (!statement) return [];
    const time = packageName(this.file, 'time', 'time');
    const timeout = goDuration(this.settings.timeouts.wsRead, time);
    const line = `${receiver.text}.SetReadDeadline(${time}.Now().Add(${timeout}))`;
    return [{ title: rule.meta.messages.fixDeadline, edits: [insertLinesBefore(this.file, statement, [line]), ...ensureImport(this.file, 'time')] }];
  }

  private readonly bodies = new Map<number, SyntaxNode[]>();

  /** The statement of the loop's body that holds `node`, found by position among the body's statements. */
  private statementHolding(loop: SyntaxNode, node: SyntaxNode): SyntaxNode | null {
    let statements = this.bodies.get(loop.id);
    if (!statements) {
      const body = loop.childForFieldName('body');
      const list = body?.namedChildren.find((n) => n?.type === 'statement_list') ?? body;
      statements = (list?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
      this.bodies.set(loop.id, statements);
    }
    const k = firstFrom(statements, (s) => s.endIndex, node.endIndex);
    const statement = statements[k];
    return statement && statement.startIndex <= node.startIndex ? statement : null;
  }
}

function isGorillaConn(type: string | null | undefined): boolean {
  return GORILLA_STYLE.some((pkg) => isNamed(type, pkg, 'Conn'));
}

/** A place a connection is kept: a name, a field, an element, or one of them dereferenced. */
function isStorage(node: SyntaxNode): boolean {
  return ['identifier', 'selector_expression', 'index_expression', 'unary_expression', 'parenthesized_expression'].includes(node.type);
}

function valuesOf(list: SyntaxNode | null | undefined): SyntaxNode[] {
  if (!list) return [];
  if (list.type !== 'expression_list') return [list];
  return list.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
}
