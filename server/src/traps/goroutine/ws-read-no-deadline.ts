/** A WebSocket read loop with no read deadline: a peer that vanishes without a FIN parks the reader forever. */
import { fieldChildren } from '../../go/syntax';
import { goDuration } from '../../engine/config';
import { ensureImport, insertLinesBefore } from '../../engine/edits';
import { ancestor, asMethodCall, callArguments, enclosingStatement, findAll, FUNCTION_TYPES, parametersOf } from '../../go/syntax';
import { contains, packageName } from './goroutine-ast';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';

/** Packages with gorilla's `*Conn` API (ReadMessage, SetReadDeadline, SetPongHandler). */
const GORILLA_STYLE = ['github.com/gorilla/websocket', 'github.com/fasthttp/websocket', 'github.com/gofiber/websocket/v2', 'github.com/gofiber/contrib/websocket'];

const READS = new Set(['ReadMessage', 'ReadJSON', 'NextReader']);

/** nhooyr.io/websocket (now coder/websocket): no SetReadDeadline, reads take a context instead. */
const CONTEXT_STYLE = ['nhooyr.io/websocket', 'github.com/coder/websocket'];
const CONTEXT_JSON = ['nhooyr.io/websocket/wsjson', 'github.com/coder/websocket/wsjson'];
const DEADLINES = new Set(['SetReadDeadline', 'SetDeadline']);

export const rule = defineFileRule({
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
  check(context) {
    const file = context.file;
    if ([...CONTEXT_STYLE, ...CONTEXT_JSON].some((p) => file.localNameOf(p))) checkContextReads(context);
    if (!GORILLA_STYLE.some((p) => file.localNameOf(p))) return;
    const deadlineTargets = deadlineReceivers(context);
    for (const call of findAll(file.root, 'call_expression')) {
      const method = asMethodCall(call);
      if (!method || !READS.has(method.method)) continue;
      const loop = loopAround(call);
      if (!loop) continue;
      const conn = method.receiver.text;
      if (deadlineTargets.has(tailName(method.receiver)) || declaredAsOtherType(context, method.receiver)) continue;
      context.report({
        node: method.methodNode,
        messageId: 'noDeadline',
        data: { read: `${conn}.${method.method}`, conn, timeout: context.settings.timeouts.wsRead },
        fixes: deadlineFix(context, call, method.receiver, loop),
      });
    }
  },
});

/**
 * nhooyr-style reads in a loop — `c.Read(ctx)`, `c.Reader(ctx)`, `wsjson.Read(ctx, c, &v)` — whose context
 * plainly has no deadline: `context.Background()`, `context.TODO()`, a request's `Context()`, or a variable set
 * from one of them. A context parameter may carry the caller's deadline, so it is left alone.
 */
function checkContextReads(context: FileContext): void {
  const file = context.file;
  for (const call of findAll(file.root, 'call_expression')) {
    const callee = call.childForFieldName('function');
    const args = callArguments(call);
    let ctxArg: SyntaxNode | undefined;
    if (file.isPackageSelector(callee, CONTEXT_JSON, ['Read']) && args.length === 3) ctxArg = args[0];
    else {
      const method = asMethodCall(call);
      if (!method || (method.method !== 'Read' && method.method !== 'Reader') || args.length !== 1) continue;
      if (file.importPathOf(method.receiver.text) || declaredAsOtherType(context, method.receiver)) continue;
      ctxArg = args[0];
    }
    if (!ctxArg || !loopAround(call) || !withoutDeadline(context, ctxArg, call)) continue;
    context.report({
      node: call,
      messageId: 'noDeadlineContext',
      data: { read: callee?.text ?? 'Read', ctx: ctxArg.text, timeout: context.settings.timeouts.wsRead },
    });
  }
}

/** `context.Background()`, `context.TODO()`, `r.Context()`, or a variable last set from one of them before `at`. */
function withoutDeadline(context: FileContext, ctx: SyntaxNode, at: SyntaxNode): boolean {
  const isRoot = (node: SyntaxNode | null | undefined): boolean => {
    if (node?.type !== 'call_expression' || callArguments(node).length > 0) return false;
    const callee = node.childForFieldName('function');
    if (context.file.isPackageSelector(callee, ['context'], ['Background', 'TODO'])) return true;
    return callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Context';
  };
  if (isRoot(ctx)) return true;
  if (ctx.type !== 'identifier') return false;
  const fn = ancestorFunction(at);
  if (!fn) return false;
  const assignment = findAll(fn, ['short_var_declaration', 'assignment_statement'])
    .filter((d) => d.endIndex <= at.startIndex && (d.childForFieldName('left')?.namedChildren ?? []).some((n) => n?.text === ctx.text))
    .pop();
  const values = assignment?.childForFieldName('right')?.namedChildren ?? [];
  return values.length === 1 && isRoot(values[0]);
}

/** The innermost `for` around `node` in the same function, or null when the read is not repeated. */
function loopAround(node: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'for_statement') return current;
    if ((FUNCTION_TYPES as readonly string[]).includes(current.type)) return null;
  }
  return null;
}

/**
 * The last names of every receiver the file sets a read deadline on, anywhere (in the loop, before it, in a
 * pong handler or a helper): `c.conn.SetReadDeadline` covers reads on `conn` and on `c.conn` alike.
 */
function deadlineReceivers(context: FileContext): Set<string> {
  const names = new Set<string>();
  for (const call of findAll(context.file.root, 'call_expression')) {
    const method = asMethodCall(call);
    if (!method || !DEADLINES.has(method.method)) continue;
    let receiver = method.receiver;
    // `conn.UnderlyingConn().SetReadDeadline(...)` and `conn.NetConn().SetDeadline(...)` act on conn.
    while (receiver.type === 'call_expression') {
      const inner = receiver.childForFieldName('function');
      receiver = inner?.type === 'selector_expression' ? inner.childForFieldName('operand') ?? receiver : receiver;
      if (inner?.type !== 'selector_expression') break;
    }
    names.add(tailName(receiver));
  }
  return names;
}

/**
 * True when the file shows the receiver is something other than a WebSocket connection: a parameter or struct
 * field whose type names no `Conn`, or a variable built from a composite literal (a connection comes from
 * Upgrade or Dial, never from a literal).
 */
function declaredAsOtherType(context: FileContext, receiver: SyntaxNode): boolean {
  const isOther = (type: string) => !/Conn\b/.test(type);
  if (receiver.type === 'identifier') {
    for (let fn = ancestorFunction(receiver); fn; fn = ancestorFunction(fn)) {
      const param = parametersOf(fn).find((p) => p.name === receiver.text);
      if (param) return isOther(param.type);
      const literal = findAll(fn, 'short_var_declaration').find((d) => {
        const left = d.childForFieldName('left')?.namedChildren ?? [];
        const right = d.childForFieldName('right')?.namedChildren[0];
        return left[0]?.text === receiver.text && right && /^&?\s*[\w.]+\s*\{/.test(right.text) && right.type !== 'func_literal';
      });
      if (literal) return true;
    }
    return false;
  }
  if (receiver.type === 'selector_expression') {
    const field = receiver.childForFieldName('field')?.text;
    const declared = findAll(context.file.root, 'field_declaration').filter((f) => fieldChildren(f, 'name').some((n) => n?.text === field));
    return declared.length > 0 && declared.every((f) => isOther(f.childForFieldName('type')?.text ?? ''));
  }
  return false;
}

function ancestorFunction(node: SyntaxNode): SyntaxNode | null {
  return ancestor(node, FUNCTION_TYPES);
}

/** `c.conn` → `conn`, `ws` → `ws`. */
function tailName(expression: SyntaxNode): string {
  if (expression.type === 'selector_expression') return expression.childForFieldName('field')?.text ?? expression.text;
  if (expression.type === 'parenthesized_expression' || expression.type === 'unary_expression') {
    const inner = expression.namedChildren[expression.namedChildren.length - 1];
    return inner ? tailName(inner) : expression.text;
  }
  return expression.text;
}

function deadlineFix(context: FileContext, call: SyntaxNode, receiver: SyntaxNode, loop: SyntaxNode): FixDescriptor[] {
  // The receiver is written twice; only a plain name or field chain is safe to repeat.
  if (!/^[A-Za-z_][\w.]*$/.test(receiver.text)) return [];
  const body = loop.childForFieldName('body');
  const statement = enclosingStatement(call);
  if (!body || !statement || !contains(body, statement)) return [];
  const time = packageName(context.file, 'time', 'time');
  const timeout = goDuration(context.settings.timeouts.wsRead, time);
  const line = `${receiver.text}.SetReadDeadline(${time}.Now().Add(${timeout}))`;
  return [{ title: rule.meta.messages.fixDeadline, edits: [insertLinesBefore(context.file, statement, [line]), ...ensureImport(context.file, 'time')] }];
}
