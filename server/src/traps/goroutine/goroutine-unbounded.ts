/** One goroutine per input item with nothing bounding how many run at once. */
import { fieldChildren } from '../../go/syntax';
import { ancestor, asMethodCall, findAll, FUNCTION_TYPES, goStatements, parametersOf } from '../../go/syntax';
import { contains, goCall, receivedChannel } from './goroutine-ast';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext } from '../../engine/rule';
import { rangeOf } from '../../go/source';

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
    for (const goStatement of goStatements(context.file)) {
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
 * over a parameter or a call's result (slice, map or channel), or `for rows.Next()` / `for scanner.Scan()`.
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
    if (!right || right.type !== 'identifier' || !isInput(loop, right.text)) return null;
    return right.text;
  }
  if (header.type === 'call_expression') {
    const method = asMethodCall(header);
    if (method && (method.method === 'Next' || method.method === 'Scan') && method.args.length === 0) return `${method.receiver.text}.${method.method}()`;
  }
  return null;
}

/**
 * True when `name` holds input from outside: a parameter of an enclosing function, or a variable set from a
 * call's results (`items, err := repo.List(ctx)`). Fields, package variables and locals built from literals,
 * `make` or copies are state the code owns, usually a small fixed set (hooks, listeners, sections).
 */
function isInput(loop: SyntaxNode, name: string): boolean {
  // A count of workers (`for i := range workers`, Go 1.22) is a pool, not input.
  if (/^(n|num\w*|\w*count|workers|concurrency|parallelism)$/i.test(name)) return false;
  for (let fn = ancestor(loop, FUNCTION_TYPES); fn; fn = ancestor(fn, FUNCTION_TYPES)) {
    if (parametersOf(fn).some((p) => p.name === name && !/^(int|uint)\w*$/.test(p.type))) return true;
    const declaration = findAll(fn, ['short_var_declaration', 'var_spec', 'assignment_statement'])
      .filter((d) => d.startIndex < loop.startIndex && declaredNames(d).includes(name))
      .pop();
    if (declaration) {
      const values = valuesOf(declaration);
      const names = declaredNames(declaration);
      const value = values.length === names.length ? values[names.indexOf(name)] : values[0];
      return value?.type === 'call_expression' && !/^(make|append|len|new)$/.test(value.childForFieldName('function')?.text ?? '');
    }
  }
  return false;
}

function declaredNames(declaration: SyntaxNode): string[] {
  const names = declaration.type === 'var_spec' ? fieldChildren(declaration, 'name') : declaration.childForFieldName('left')?.namedChildren ?? [];
  return names.map((n) => n?.text ?? '');
}

function valuesOf(declaration: SyntaxNode): SyntaxNode[] {
  const list = declaration.type === 'var_spec' ? declaration.childForFieldName('value') : declaration.childForFieldName('right');
  return (list?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n);
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
