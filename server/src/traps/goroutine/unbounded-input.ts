/**
 * What a loop around a `go` statement walks, for goroutine-unbounded: an input whose size the code does not
 * decide (a parameter, a call's result, a list the request decides, a stream of messages) or something bounded
 * (a fixed array, a count of workers, a constant slice). Asked of the resolver, memoised per loop.
 */
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { LocalDecl } from '../../go/scopes';
import { GoType, typeShape } from '../../go/types';
import { isQuitChannel, isTimerChannel, loopClause, receivedChannel } from './goroutine-ast';
import { requestKind } from './context-in-reach';
import type { GoroutineScan } from './goroutine-scan';

/** `items` (a parameter or a call's result), `req.IDs` (the request decides), `r.ReadMessage(ctx)` (a stream). */
export interface LoopInput {
  kind: 'items' | 'request' | 'messages';
  /** How the message names it. */
  text: string;
  /**
   * For a loop that reads messages in its body: the names bound to each message; a goroutine that uses one is
   * started per message. Absent for a range over a channel, where every turn is a message.
   */
  names?: string[];
  /** Every read of the loop (each case of a `select` is one), by the names it binds; `names` joins them all. */
  sources?: MessageSource[];
}

/** One read of a message: how the message names it, and the names it binds. */
export interface MessageSource {
  text: string;
  names: string[];
  /** The select case (scan index) the read is the communication of, -1 for none: cases often reuse one name. */
  clause: number;
}

const MAX_SOURCES = 16;

/** Reads that return the next message of a stream: kafka, websocket, Redis and NATS consumers. */
const MESSAGE_READS: Record<string, string[]> = {
  '"github.com/segmentio/kafka-go".Reader': ['ReadMessage', 'FetchMessage'],
  '"github.com/gorilla/websocket".Conn': ['ReadMessage', 'ReadJSON', 'NextReader'],
  '"github.com/fasthttp/websocket".Conn': ['ReadMessage', 'ReadJSON', 'NextReader'],
  '"nhooyr.io/websocket".Conn': ['Read', 'Reader'],
  '"github.com/coder/websocket".Conn': ['Read', 'Reader'],
  '"github.com/redis/go-redis/v9".PubSub': ['ReceiveMessage', 'Receive'],
  '"github.com/go-redis/redis/v8".PubSub': ['ReceiveMessage', 'Receive'],
  '"github.com/go-redis/redis/v9".PubSub': ['ReceiveMessage', 'Receive'],
  '"github.com/nats-io/nats.go".Subscription': ['NextMsg'],
};
const MESSAGE_FUNCS = new Set(['"nhooyr.io/websocket/wsjson".Read', '"github.com/coder/websocket/wsjson".Read']);

/** A count of workers (`for i := range workers`, `i < n`) is a pool, not input. */
const POOL_NAME = /^(n|num\w*|\w*count|workers|concurrency|parallelism)$/i;
const MAX_DERIVATION = 4;

export class LoopInputs {
  private readonly inputs = new Map<number, LoopInput | null>();
  private readonly derived = new Map<number, boolean>();

  constructor(
    private readonly scan: GoroutineScan,
    private readonly types: Resolver,
  ) {}

  /** What loop `loop` walks that no one bounds, or null. */
  inputOf(loop: number): LoopInput | null {
    if (this.inputs.has(loop)) return this.inputs.get(loop)!;
    this.inputs.set(loop, null);
    const input = this.compute(loop);
    this.inputs.set(loop, input);
    return input;
  }

  private compute(loop: number): LoopInput | null {
    const node = this.scan.nodes[loop];
    const header = loopClause(node);
    if (!header) return this.messages(loop);
    switch (header.type) {
      case 'range_clause':
        return this.ranged(header.childForFieldName('right'));
      case 'for_clause': {
        const condition = header.childForFieldName('condition');
        return condition ? this.counted(condition) : this.messages(loop);
      }
      case 'call_expression': {
        // `for rows.Next()`, `for scanner.Scan()`: as many turns as rows or lines.
        const fn = header.childForFieldName('function');
        const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : null;
        const args = header.childForFieldName('arguments')?.namedChildCount ?? 0;
        if ((method === 'Next' || method === 'Scan') && args === 0) return { kind: 'items', text: header.text };
        return this.messages(loop);
      }
      default:
        return this.messages(loop);
    }
  }

  /** `for _, x := range right`. */
  private ranged(right: SyntaxNode | null): LoopInput | null {
    if (!right || isTimerChannel(this.types, right)) return null;
    const type = this.types.typeOf(right);
    if (type && this.bounded(type)) return null;
    if (isInteger(type)) return this.countFrom(right);
    // A channel delivers messages for as long as its sender keeps sending; signals come one at a time from an operator.
    if (isSignalChannel(this.types, type)) return null;
    const kind = type && typeShape(this.types.underlying(type)).kind === 'chan' ? 'messages' : 'items';
    if (right.type === 'identifier') return this.isInputName(right) ? { kind, text: right.text } : this.fromRequest(right);
    if (right.type === 'call_expression') return this.isCallInput(right) ? { kind, text: right.text } : null;
    if (right.type === 'slice_expression' && constantEnd(right)) return null;
    return this.fromRequest(right);
  }

  /** `i < len(items)`, `i < n` with n from the request. */
  private counted(condition: SyntaxNode): LoopInput | null {
    if (condition.type !== 'binary_expression') return null;
    const operator = condition.childForFieldName('operator')?.type;
    if (operator !== '<' && operator !== '<=') return null;
    return this.countFrom(condition.childForFieldName('right'));
  }

  /** A loop bound: `len(x)` of an input, or a number the request decides. */
  private countFrom(bound: SyntaxNode | null): LoopInput | null {
    if (!bound) return null;
    if (bound.type === 'call_expression' && bound.childForFieldName('function')?.text === 'len') {
      const of = bound.childForFieldName('arguments')?.namedChildren.find((n) => n && n.type !== 'comment');
      if (!of) return null;
      const type = this.types.typeOf(of);
      if (type && this.bounded(type)) return null;
      if (of.type === 'identifier' && this.isInputName(of)) return { kind: 'items', text: of.text };
      return this.fromRequest(of);
    }
    return this.fromRequest(bound);
  }

  /** Input whose size the request decides: an expression rooted at a request or at a value derived from one. */
  private fromRequest(expr: SyntaxNode): LoopInput | null {
    if (!this.expressionFromRequest(expr, -1)) return null;
    return { kind: 'request', text: expr.text.length <= 60 ? expr.text : `${expr.text.slice(0, 57)}...` };
  }

  /** A fixed-size array (or a pointer to one) bounds its loop. */
  private bounded(type: GoType): boolean {
    const base = type.startsWith('*') ? type.slice(1) : type;
    return typeShape(this.types.underlying(base)).kind === 'array';
  }

  /**
   * True when `id` holds input from outside: a parameter of an enclosing function (not a receiver, not a count),
   * or a local set from a call's results (`items, err := repo.List(ctx)`). Fields, package variables and locals
   * built from literals, `make` or copies are state the code owns, usually a small fixed set.
   */
  private isInputName(id: SyntaxNode): boolean {
    if (POOL_NAME.test(id.text)) return false;
    const decl = this.types.localDeclOf(id);
    if (!decl) return false;
    if (decl.kind === 'param') return !this.isReceiver(decl) && !isInteger(this.types.typeOf(id));
    if (decl.kind !== 'short' && decl.kind !== 'var') return false;
    const value = boundExpression(this.types, decl);
    return !!value && value.type === 'call_expression' && this.isCallInput(value);
  }

  /** A call's result is input, unless it is a builtin that builds a value here (make, append, new) or a timer. */
  private isCallInput(call: SyntaxNode): boolean {
    const resolved = this.types.resolve(call.childForFieldName('function'));
    if (resolved?.kind === 'builtin' || resolved?.kind === 'type') return false;
    return !isTimerChannel(this.types, call);
  }

  /** A parameter's scope is its function: a method declaration starting there whose receiver holds the name. */
  private isReceiver(decl: LocalDecl): boolean {
    const [method] = this.scan.ofTypeWithin('method_declaration', decl.scopeStart, decl.scopeEnd);
    if (method === undefined || this.scan.starts[method] !== decl.scopeStart) return false;
    const receiver = this.scan.nodes[method].childForFieldName('receiver');
    return !!receiver && decl.node.startIndex < receiver.endIndex;
  }

  /**
   * True when `id` is a request (`r`, gin's or echo's `c`) or a local derived from one, up to a few steps: bound to
   * an expression rooted at one (`ids := r.URL.Query()["id"]`), to a call with such an argument
   * (`n, _ := strconv.Atoi(r.FormValue("n"))`), or decoded into (`json.NewDecoder(r.Body).Decode(&req)`).
   */
  private isRequestDerived(id: SyntaxNode, depth: number): boolean {
    if (depth > MAX_DERIVATION) return false;
    const decl = this.types.localDeclOf(id);
    if (!decl) return false;
    const key = decl.node.id;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    this.derived.set(key, false);
    let derived = false;
    if (decl.kind === 'param') derived = !!requestKind(this.types, this.types.typeOf(decl.node)) || isNamedFiber(this.types.typeOf(decl.node));
    else if (decl.kind === 'short' || decl.kind === 'var') {
      const value = boundExpression(this.types, decl);
      if (value) derived = this.expressionFromRequest(value, depth);
      if (!derived) derived = this.decodedFromRequest(decl, depth);
    } else if (decl.kind === 'range') {
      derived = this.expressionFromRequest(decl.holder.childForFieldName('right'), depth);
    }
    this.derived.set(key, derived);
    return derived;
  }

  /** Walks a chain of selections, indexes and calls (and the calls' arguments) down to a request-derived name. */
  private expressionFromRequest(value: SyntaxNode | null, depth: number): boolean {
    let current: SyntaxNode | null = value;
    for (let steps = 0; current && steps < 16; steps++) {
      switch (current.type) {
        case 'identifier':
          return this.isRequestDerived(current, depth + 1);
        case 'selector_expression':
        case 'index_expression':
        case 'slice_expression':
        case 'type_assertion_expression':
          current = current.childForFieldName('operand');
          break;
        case 'parenthesized_expression':
          current = current.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
          break;
        case 'call_expression': {
          for (const arg of current.childForFieldName('arguments')?.namedChildren ?? []) {
            if (!arg || (arg.type === 'unary_expression' && arg.child(0)?.type === '&')) continue;
            const root = rootOf(arg);
            if (root && this.isRequestDerived(root, depth + 1)) return true;
          }
          const fn = current.childForFieldName('function');
          current = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  /** `&local` handed to a call whose receiver or other arguments come from the request: Decode, Unmarshal, Bind. */
  private decodedFromRequest(decl: LocalDecl, depth: number): boolean {
    const name = decl.name;
    for (const i of this.scan.ofTypeWithin('unary_expression', decl.scopeStart, decl.scopeEnd)) {
      const node = this.scan.nodes[i];
      if (node.child(0)?.type !== '&' || node.childForFieldName('operand')?.text !== name) continue;
      const call = this.scan.parent[i];
      if (call < 0 || this.scan.types[call] !== 'call_expression') continue;
      if (this.expressionFromRequest(this.scan.nodes[call], depth)) return true;
    }
    return false;
  }

  /**
   * `for {}` (or a condition loop) whose body reads the next message of a stream into names: a consumer's read
   * (`m, err := r.ReadMessage(ctx)`, `c.ReadJSON(&m)`), or a channel receive (`m := <-ch`, `case m := <-ch:`).
   */
  private messages(loop: number): LoopInput | null {
    const start = this.scan.starts[loop];
    const end = this.scan.ends[loop];
    const sources: MessageSource[] = [];
    for (const type of ['short_var_declaration', 'assignment_statement', 'receive_statement', 'expression_statement']) {
      for (const i of this.scan.ofTypeWithin(type, start, end)) {
        if (this.scan.loop[i] !== loop || this.insideGoroutineOf(i, loop)) continue;
        const source = this.messageSource(this.scan.nodes[i]);
        if (source) sources.push({ ...source, clause: this.scan.commCase[i] });
        if (sources.length >= MAX_SOURCES) break;
      }
    }
    if (sources.length === 0) return null;
    // A hub's `select` reads several channels: a goroutine started per message of any one of them counts.
    return { kind: 'messages', text: sources[0].text, names: sources.flatMap((s) => s.names), sources };
  }

  private insideGoroutineOf(i: number, loop: number): boolean {
    const go = this.scan.goStatement[i];
    return go >= 0 && this.scan.holds(loop, go);
  }

  /** The message read by a statement, and the names it binds. */
  private messageSource(statement: SyntaxNode): { text: string; names: string[] } | null {
    if (statement.type === 'expression_statement') {
      const call = statement.namedChildren[0];
      if (call?.type !== 'call_expression' || !this.isMessageRead(call)) return null;
      const names = (call.childForFieldName('arguments')?.namedChildren ?? [])
        .filter((a): a is SyntaxNode => a?.type === 'unary_expression' && a.child(0)?.type === '&')
        .map((a) => a.childForFieldName('operand')?.text ?? '')
        .filter((n) => /^\w+$/.test(n));
      return names.length > 0 ? { text: call.text, names } : null;
    }
    const left = statement.childForFieldName('left');
    const right = statement.childForFieldName('right');
    const value = right?.type === 'expression_list' ? right.namedChildren.find((n) => n && n.type !== 'comment') : right;
    if (!left || !value) return null;
    const names = (left.namedChildren.length > 0 ? left.namedChildren : [left]).map((n) => n?.text ?? '').filter((n) => /^\w+$/.test(n) && n !== '_');
    if (names.length === 0) return null;
    if (value.type === 'call_expression' && this.isMessageRead(value)) return { text: value.text, names };
    const channel = receivedChannel(value);
    if (channel && !isQuitChannel(channel) && !isTimerChannel(this.types, channel) && !isSignalChannel(this.types, this.types.typeOf(channel))) return { text: value.text, names };
    return null;
  }

  private isMessageRead(call: SyntaxNode): boolean {
    const callee = this.types.calleeOf(call);
    if (!callee) return false;
    if (callee.kind === 'func') return MESSAGE_FUNCS.has(`"${callee.pkg}".${callee.name}`);
    return MESSAGE_READS[callee.receiver]?.includes(callee.name) ?? false;
  }
}

/** `chan os.Signal`, fed by signal.Notify: a reload or shutdown an operator asks for, not a stream of work. */
function isSignalChannel(types: Resolver, type: GoType | null): boolean {
  if (!type) return false;
  const shape = typeShape(types.underlying(type));
  return shape.kind === 'chan' && /^"os"\.Signal$/.test((shape as { elem?: GoType }).elem ?? '');
}

function isInteger(type: GoType | null): boolean {
  return !!type && /^(u?int(8|16|32|64)?|uintptr)$/.test(type);
}

function isNamedFiber(type: GoType | null): boolean {
  return type === '*"github.com/gofiber/fiber/v2".Ctx';
}

/** The value a local was declared with: its own expression, or the single call all names share. */
function boundExpression(types: Resolver, decl: LocalDecl): SyntaxNode | null {
  const bound = types.boundValue(decl);
  if (bound) return bound;
  const list = decl.holder.type === 'short_var_declaration' ? decl.holder.childForFieldName('right') : decl.holder.childForFieldName('value');
  const values = (list?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
  return values.length === 1 ? values[0] : null;
}

/** The identifier an expression is read from: `req` of `req.Items[1:]`, `r` of `r.URL.Query()["id"]`. */
function rootOf(expr: SyntaxNode): SyntaxNode | null {
  let current: SyntaxNode | null = expr;
  for (let steps = 0; current && steps < 16; steps++) {
    switch (current.type) {
      case 'identifier':
        return current;
      case 'selector_expression':
      case 'index_expression':
      case 'slice_expression':
      case 'type_assertion_expression':
        current = current.childForFieldName('operand');
        break;
      case 'call_expression': {
        const fn = current.childForFieldName('function');
        current = fn?.type === 'selector_expression' ? fn : null;
        break;
      }
      case 'parenthesized_expression':
        current = current.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
        break;
      default:
        return null;
    }
  }
  return null;
}

/** `items[:10]`: at most a constant number of items. */
function constantEnd(slice: SyntaxNode): boolean {
  const end = slice.childForFieldName('end');
  return !!end && end.type === 'int_literal';
}
