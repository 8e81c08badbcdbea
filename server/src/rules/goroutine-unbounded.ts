/** One goroutine per input item with nothing bounding how many run at once. */
import { ancestor, asMethodCall, findAll, FUNCTION_TYPES } from '../engine/go-ast';
import { contains, goCall, receivedChannel } from '../engine/goroutine-ast';
import type { SyntaxNode } from '../engine/parser';
import { defineFileRule, FileContext } from '../engine/rule';
import { rangeOf } from '../engine/source';

/** Calls that make a loop wait its turn: semaphores, rate limiters, batch joins. */
const WAITING_METHODS = new Set(['Acquire', 'TryAcquire', 'Wait', 'WaitN', 'Take', 'Allow', 'Reserve']);
/** A channel used as a counting semaphore is usually named for it. */
const LIMITER_NAME = /(sem|limit|token|slot|throttl|ticket|gate|concurren|pool|guard|worker|capacity|quota)/i;

export const rule = defineFileRule({
  meta: {
    id: 'goroutine-unbounded',
    trap: 'goroutine',
    severity: 'warning',
    fixable: false,
    description: {
      en: 'A goroutine is started for every item of an input of unbounded size, with no limit on how many run at once.',
      zh: '对规模无上限的输入逐项启动 goroutine，且没有限制同时运行的数量。',
    },
    why: {
      en: 'The number of goroutines follows the input: a large batch, a long result set or a flood on a channel starts tens of thousands at once, each with its stack, buffers and a connection or file handle, until memory or a downstream pool gives out.',
      zh: 'goroutine 数量随输入增长：一个大批次、一次很长的查询结果或 channel 上的突发流量会一次性启动上万个 goroutine，每个都带着栈、缓冲区和连接或文件句柄，直到内存或下游连接池被耗尽。',
    },
    messages: {
      unbounded: {
        en: 'A goroutine per item of {input} with no limit in sight: a large input starts that many goroutines at once. Bound it with errgroup.SetLimit, a buffered-channel semaphore, semaphore.Weighted or a fixed pool of workers.',
        zh: '对 {input} 的每一项都启动一个 goroutine，且看不到任何限制：输入很大时会同时启动同样多的 goroutine。请用 errgroup.SetLimit、带缓冲 channel 信号量、semaphore.Weighted 或固定数量的 worker 池加以限制。',
      },
      loopHere: { en: 'the loop over {input}', zh: '遍历 {input} 的循环' },
    },
  },
  check(context) {
    if (context.file.isTest) return;
    for (const goStatement of findAll(context.file.root, 'go_statement')) {
      const loop = unboundedLoop(context, goStatement);
      if (!loop || hasLimiter(context, loop.node, goStatement)) continue;
      context.report({
        node: goStatement.child(0)!,
        messageId: 'unbounded',
        data: { input: loop.input },
        related: [{ path: context.file.path, range: rangeOf(loop.node.child(0)!), message: rule.meta.messages.loopHere }],
      });
    }
  },
});

/**
 * The nearest loop around `goStatement` (in the same function) that walks an input of unknown size: a range
 * over a slice, map or channel that is not a literal, or `for rows.Next()` / `for scanner.Scan()`.
 */
function unboundedLoop(context: FileContext, goStatement: SyntaxNode): { node: SyntaxNode; input: string } | null {
  for (let current = goStatement.parent; current; current = current.parent) {
    if ((FUNCTION_TYPES as readonly string[]).includes(current.type)) return null;
    if (current.type !== 'for_statement') continue;
    const input = unboundedInput(context, current);
    if (input) return { node: current, input };
  }
  return null;
}

function unboundedInput(context: FileContext, loop: SyntaxNode): string | null {
  const header = loop.namedChildren.find((n) => n && n.type !== 'block' && n.type !== 'comment');
  if (!header) return null;
  if (header.type === 'range_clause') {
    const right = header.childForFieldName('right');
    if (!right || isFixedSize(context, loop, right)) return null;
    return right.text.length > 40 ? 'the input' : right.text;
  }
  if (header.type === 'call_expression') {
    const method = asMethodCall(header);
    if (method && (method.method === 'Next' || method.method === 'Scan') && method.args.length === 0) return `${method.receiver.text}.${method.method}()`;
  }
  return null;
}

/**
 * Inputs whose size the code fixes: literals, numbers (`range 10`, `range n` over an int is a count of
 * workers), `len(...)`, and variables or fields initialised from a composite literal in this file.
 */
function isFixedSize(context: FileContext, loop: SyntaxNode, right: SyntaxNode): boolean {
  if (right.type === 'composite_literal' || right.type === 'int_literal') return true;
  if (right.type === 'call_expression') {
    const callee = right.childForFieldName('function')?.text;
    return callee === 'len' || callee === 'cap';
  }
  const name = right.type === 'selector_expression' ? right.childForFieldName('field')?.text : right.type === 'identifier' ? right.text : null;
  if (!name) return false;
  // A count of workers: `for i := range workers` where workers is an int (Go 1.22), by its name.
  if (/^(n|num\w*|\w*count|workers|concurrency|parallelism)$/i.test(name)) return true;
  const declarations = findAll(context.file.root, ['short_var_declaration', 'var_spec', 'keyed_element', 'const_spec']);
  return declarations.some((d) => assignsLiteral(d, name));
}

function assignsLiteral(declaration: SyntaxNode, name: string): boolean {
  if (declaration.type === 'keyed_element') {
    const [key, value] = declaration.namedChildren;
    return key?.text === name && value?.namedChildren[0]?.type === 'composite_literal';
  }
  const names = declaration.type === 'short_var_declaration' ? declaration.childForFieldName('left')?.namedChildren ?? [] : declaration.childrenForFieldName('name');
  const values = declaration.type === 'short_var_declaration' ? declaration.childForFieldName('right')?.namedChildren ?? [] : declaration.childForFieldName('value')?.namedChildren ?? [];
  const index = names.findIndex((n) => n?.text === name);
  return index >= 0 && (values[index]?.type === 'composite_literal' || declaration.type === 'const_spec');
}

/**
 * A limiter in sight: `SetLimit` in the function; inside the loop a semaphore `Acquire`, a rate limiter
 * `Wait`, a batch `wg.Wait()`; a send or receive in the loop body outside the goroutine
 * (a blocking hand-off paces the loop); or a send to a semaphore-like channel inside the goroutine.
 */
function hasLimiter(context: FileContext, loop: SyntaxNode, goStatement: SyntaxNode): boolean {
  const fn = ancestor(loop, FUNCTION_TYPES) ?? context.file.root;
  for (const call of findAll(fn, 'call_expression')) {
    const method = asMethodCall(call);
    if (!method) continue;
    if (method.method === 'SetLimit') return true;
    if (contains(loop, call) && WAITING_METHODS.has(method.method)) return true;
  }
  const body = loop.childForFieldName('body');
  if (!body) return true;
  const started = goCall(goStatement);
  for (const node of findAll(body, ['send_statement', 'unary_expression'])) {
    const inGoroutine = !!started && contains(started, node);
    const channel = node.type === 'send_statement' ? node.childForFieldName('channel') : receivedChannel(node);
    if (!channel) continue;
    if (!inGoroutine && !contains(goStatement, node)) return true;
    if (inGoroutine && LIMITER_NAME.test(channel.text)) return true;
  }
  return false;
}
