/** One goroutine per input item or message with nothing bounding how many run at once. */
import { defineFileRule } from '../../engine/rule';
import type { SyntaxNode } from '../../go/parser';
import { rangeOf } from '../../go/source';
import { GO_STATEMENT, receivedChannel } from './goroutine-ast';
import { mayStartGoroutinesInLoop } from '../../go/endless-loop-text';
import { anyWithin, GoroutineScan, identifierIndexOf, IdentifierIndex, scanOf } from './goroutine-scan';
import { LoopInput, LoopInputs } from './unbounded-input';

/** How many other starts of one loop a finding lists. */
const MAX_RELATED_STARTS = 5;
/** Calls that make a loop wait its turn: semaphores, rate limiters, batch joins, a pause between starts. */
const WAITING_METHODS = new Set(['Acquire', 'TryAcquire', 'Wait', 'WaitN', 'Take', 'Allow', 'Reserve', 'Sleep']);
/** Calls that cap a group of goroutines: errgroup's SetLimit, conc's WithMaxGoroutines. */
const LIMIT_METHODS = new Set(['SetLimit', 'WithMaxGoroutines']);
/** A channel used as a counting semaphore is usually named for it. */
const LIMITER_NAME = /(sem|limit|token|slot|throttl|ticket|gate|concurren|pool|guard|worker|capacity|quota)/i;

export const rule = defineFileRule({
  meta: {
    id: 'goroutine-unbounded',
    trap: 'goroutine',
    severity: 'warning',
    fixable: false,
    description: {
      en: 'A goroutine is started for every item of an input of unbounded size, or for every message of a stream, with no limit on how many run at once.',
      zh: '对规模无上限的输入逐项、或对消息流逐条启动 goroutine，且没有限制同时运行的数量。',
    },
    why: {
      en: 'The number of goroutines follows the input: a large batch, a request with a long list, a long result set or a burst of messages starts tens of thousands at once, each with its stack, buffers and a connection or file handle, until memory or a downstream pool gives out. A WaitGroup only waits for them; it bounds nothing.',
      zh: 'goroutine 数量随输入增长：一个大批次、一个带长列表的请求、一次很长的查询结果或一阵突发消息，会一次性启动上万个 goroutine，每个都带着栈、缓冲区和连接或文件句柄，直到内存或下游连接池被耗尽。WaitGroup 只负责等待，并不限制数量。',
    },
    messages: {
      unbounded: {
        en: 'A goroutine per item of {input} with no limit in sight: a large input starts that many goroutines at once. Bound it with errgroup.SetLimit, a buffered-channel semaphore, semaphore.Weighted or a fixed pool of workers.',
        zh: '对 {input} 的每一项都启动一个 goroutine，且看不到任何限制：输入很大时会同时启动同样多的 goroutine。请用 errgroup.SetLimit、带缓冲 channel 信号量、semaphore.Weighted 或固定数量的 worker 池加以限制。',
      },
      unboundedRequest: {
        en: 'A goroutine per item of {input}, whose size the request decides, with no limit in sight: one request with a long list starts that many goroutines at once, and concurrent requests multiply them. Bound it with errgroup.SetLimit, a buffered-channel semaphore, semaphore.Weighted or a fixed pool of workers.',
        zh: '对 {input} 的每一项都启动一个 goroutine，而它的长度由请求决定，且看不到任何限制：一个带长列表的请求就会同时启动同样多的 goroutine，并发请求还会成倍放大。请用 errgroup.SetLimit、带缓冲 channel 信号量、semaphore.Weighted 或固定数量的 worker 池加以限制。',
      },
      unboundedMessages: {
        en: 'A goroutine per message read by {input}, with no limit in sight: a burst or a backlog of messages starts as many goroutines at once. Hand the messages to a fixed pool of workers, or bound them with errgroup.SetLimit or a buffered-channel semaphore.',
        zh: '对 {input} 读到的每条消息都启动一个 goroutine，且看不到任何限制：一阵突发或积压的消息会同时启动同样多的 goroutine。请把消息交给固定数量的 worker 池处理，或用 errgroup.SetLimit、带缓冲 channel 信号量加以限制。',
      },
      loopHere: { en: 'the loop over {input}', zh: '遍历 {input} 的循环' },
      alsoHere: { en: 'the same loop starts another goroutine per item or message here', zh: '同一循环在此处也为每一项或每条消息启动一个 goroutine' },
    },
  },
  check(context) {
    const { file, types } = context;
    // Only a `go` statement inside a loop can start one goroutine per item: the text rules most files out.
    if (file.isTest || !GO_STATEMENT.test(file.text) || !mayStartGoroutinesInLoop(file.text)) return;
    const scan = scanOf(file);
    const gos = scan.ofType('go_statement');
    if (gos.length === 0) return;
    const inputs = new LoopInputs(scan, types);
    const limits = new Limits(scan);
    const nearest = new Map<number, number>();
    /** The nearest loop at or around `loop` (in the same function) that walks an input, memoised. */
    const nearestInputLoop = (loop: number): number => {
      const chain: number[] = [];
      let found = -1;
      for (let current = loop; current >= 0; current = scan.loop[current]) {
        const known = nearest.get(current);
        if (known !== undefined) {
          found = known;
          break;
        }
        chain.push(current);
        if (inputs.inputOf(current)) {
          found = current;
          break;
        }
      }
      for (const visited of chain) nearest.set(visited, found);
      return found;
    };
    let identifiers: IdentifierIndex | undefined;
    const byLoop = new Map<number, { go: number; messageId: string; text: string }[]>();
    for (const go of gos) {
      let loop = nearestInputLoop(scan.loop[go]);
      let input: LoopInput | null = null;
      let text = '';
      for (; loop >= 0; loop = nearestInputLoop(scan.loop[loop])) {
        input = inputs.inputOf(loop);
        text = input?.text ?? '';
        if (!input?.names) break;
        // A goroutine that uses the message just read is started per message (of whichever read it uses).
        identifiers ??= identifierIndexOf(file);
        const index = identifiers;
        const sources = input.sources ?? [{ text: input.text, names: input.names, clause: -1 }];
        // A name bound by a select case lives in that case only: the reads of other cases cannot be the one used.
        const used = sources.find((source) => (source.clause < 0 || scan.holds(source.clause, go)) && index.mentions(source.names, scan.starts[go], scan.ends[go]));
        if (used) {
          text = used.text;
          break;
        }
      }
      if (loop < 0 || !input) continue;
      if (limits.bound(loop, go, () => (identifiers ??= identifierIndexOf(file)))) continue;
      const messageId = input.kind === 'request' ? 'unboundedRequest' : input.kind === 'messages' ? 'unboundedMessages' : 'unbounded';
      const starts = byLoop.get(loop) ?? [];
      starts.push({ go, messageId, text });
      byLoop.set(loop, starts);
    }
    // One loop that starts goroutines in several places (a hub's cases) is one design: one finding, at the first.
    for (const [loop, [first, ...others]] of byLoop) {
      context.report({
        node: scan.nodes[first.go].child(0)!,
        messageId: first.messageId,
        data: { input: first.text },
        related: [
          { path: file.path, range: rangeOf(scan.nodes[loop].child(0)!), message: rule.meta.messages.loopHere },
          ...others.slice(0, MAX_RELATED_STARTS).map((other) => ({ path: file.path, range: rangeOf(scan.nodes[other.go].child(0)!), message: rule.meta.messages.alsoHere })),
        ],
      });
    }
  },
});

/**
 * The limiters in sight of each loop, found in one pass: `SetLimit` in the function; inside the loop a semaphore
 * `Acquire`, a rate limiter `Wait`, a batch `wg.Wait()`; a send or a receive whose value is dropped in the loop
 * body outside the goroutines (a blocking hand-off paces the loop); a received value the goroutine does not use
 * (a result collected before the next start); or a semaphore-like channel used inside the goroutine.
 */
class Limits {
  private readonly limitCalls: number[] = [];
  private readonly waitCalls: number[] = [];
  /**
   * Per loop, the select cases (scan indexes) of its blocking hand-offs, -1 for one outside any select: a
   * hand-off in another case of the select that starts the goroutine (a hub replying on shutdown) paces nothing.
   */
  private readonly paced = new Map<number, number[]>();
  /** Per loop, the names bound by receives in its body (outside goroutines). */
  private readonly received = new Map<number, string[][]>();
  private readonly semaphoreGoroutines = new Set<number>();

  constructor(private readonly scan: GoroutineScan) {
    for (const i of scan.ofType('call_expression')) {
      const fn = scan.nodes[i].childForFieldName('function');
      const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text ?? '' : '';
      if (LIMIT_METHODS.has(method)) this.limitCalls.push(scan.starts[i]);
      else if (WAITING_METHODS.has(method)) this.waitCalls.push(scan.starts[i]);
    }
    for (const type of ['send_statement', 'unary_expression']) for (const i of scan.ofType(type)) this.handOff(i);
    const loops = scan.ofType('for_statement');
    for (let k = loops.length - 1; k >= 0; k--) {
      const loop = loops[k];
      const outer = scan.loop[loop];
      if (outer < 0) continue;
      const cases = this.paced.get(loop);
      if (cases) this.paced.set(outer, [...(this.paced.get(outer) ?? []), ...cases].slice(0, 16));
      const inner = this.received.get(loop);
      if (inner) this.received.set(outer, [...(this.received.get(outer) ?? []), ...inner].slice(0, 8));
    }
  }

  private handOff(i: number): void {
    const scan = this.scan;
    const node = scan.nodes[i];
    const channel = node.type === 'send_statement' ? node.childForFieldName('channel') : receivedChannel(node);
    if (!channel) return;
    const go = scan.goStatement[i];
    if (go >= 0 && LIMITER_NAME.test(channel.text)) {
      for (let g = go; g >= 0; g = scan.goStatement[g]) this.semaphoreGoroutines.add(g);
    }
    const loop = scan.loop[i];
    if (loop < 0 || (go >= 0 && scan.holds(loop, go)) || this.inSelectCase(i, node)) return;
    const holder = scan.parent[i];
    const holderType = holder >= 0 ? scan.types[holder] : '';
    if (node.type === 'unary_expression' && (holderType === 'short_var_declaration' || holderType === 'assignment_statement')) {
      const names = (scan.nodes[holder].childForFieldName('left')?.namedChildren ?? []).map((n) => n?.text ?? '').filter((n) => n && n !== '_');
      if (names.length > 0) {
        this.received.set(loop, [...(this.received.get(loop) ?? []), names].slice(0, 8));
        return;
      }
    }
    this.paced.set(loop, [...(this.paced.get(loop) ?? []), scan.commCase[i]].slice(0, 16));
  }

  /** A send or receive that is one case of a select: an alternative, not a wait of its own. */
  private inSelectCase(i: number, node: SyntaxNode): boolean {
    const clause = this.scan.commCase[i];
    if (clause < 0) return false;
    const communication = this.scan.nodes[clause].childForFieldName('communication');
    return !!communication && node.startIndex >= communication.startIndex && node.endIndex <= communication.endIndex;
  }

  bound(loop: number, go: number, identifiers: () => IdentifierIndex): boolean {
    const scan = this.scan;
    const fn = scan.fn[loop];
    const [fnStart, fnEnd] = fn >= 0 ? [scan.starts[fn], scan.ends[fn]] : [0, Infinity];
    if (anyWithin(this.limitCalls, fnStart, fnEnd) || anyWithin(this.waitCalls, scan.starts[loop], scan.ends[loop])) return true;
    if (this.semaphoreGoroutines.has(go)) return true;
    if ((this.paced.get(loop) ?? []).some((clause) => clause < 0 || scan.holds(clause, go))) return true;
    return (this.received.get(loop) ?? []).some((names) => !identifiers().mentions(names, scan.starts[go], scan.ends[go]));
  }
}
