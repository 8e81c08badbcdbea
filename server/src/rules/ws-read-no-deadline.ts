/** A WebSocket read loop with no read deadline: a peer that vanishes without a FIN parks the reader forever. */
import { goDuration } from '../engine/config';
import { ensureImport, insertLinesBefore } from '../engine/edits';
import { ancestor, asMethodCall, enclosingStatement, findAll, FUNCTION_TYPES, parametersOf } from '../engine/go-ast';
import { contains, packageName } from '../engine/goroutine-ast';
import type { SyntaxNode } from '../engine/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../engine/rule';

/** Packages with gorilla's `*Conn` API (ReadMessage, SetReadDeadline, SetPongHandler). */
const GORILLA_STYLE = ['github.com/gorilla/websocket', 'github.com/fasthttp/websocket', 'github.com/gofiber/websocket/v2', 'github.com/gofiber/contrib/websocket'];

const READS = new Set(['ReadMessage', 'ReadJSON', 'NextReader']);
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
      fixDeadline: {
        en: 'Set a {timeout} read deadline before each read',
        zh: '每次读取前设置 {timeout} 的读超时',
      },
    },
  },
  check(context) {
    const file = context.file;
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
    const declared = findAll(context.file.root, 'field_declaration').filter((f) => f.childrenForFieldName('name').some((n) => n?.text === field));
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
