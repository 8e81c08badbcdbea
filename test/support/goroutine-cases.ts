/** Generated Go files that once made the goroutine rules quadratic, shared by the scale test and the benchmark. */

export const GOROUTINE_RULES = ['goroutine-ctx-cancelled', 'goroutine-no-exit', 'goroutine-unbounded', 'ws-read-no-deadline'];

export interface PathologicalCase {
  name: string;
  text: string;
  /** Statements in the file, roughly: what "linear" is measured against. */
  statements: number;
  /** The findings each rule must report. */
  findings: Record<string, number>;
}

// A package variable: the old singleton check searched the whole function once per go statement when there was one.
const HEADER = 'package big\n\nimport (\n\t"context"\n\t"time"\n\n\t"github.com/gorilla/websocket"\n)\n\nvar registry = map[int]bool{}\n\nfunc use(v any) { registry[0] = true }\n\n';

/** `count` goroutines in one function, each with an endless loop that a context can stop (2,000 took 50 s). */
export function manyGoroutines(count: number): PathologicalCase {
  const body = Array.from({ length: count }, (_, i) => `\tgo func() {\n\t\tfor {\n\t\t\tuse(${i})\n\t\t\ttime.Sleep(time.Second)\n\t\t}\n\t}()\n`).join('');
  return { name: 'goroutines in one function', text: `${HEADER}func Start(ctx context.Context) {\n${body}}\n`, statements: count * 3, findings: { 'goroutine-no-exit': count } };
}

/** `depth` nested `go func() {` with a cancelled context used at every level (1,000 took more than a minute). */
export function nestedGoroutines(depth: number): PathologicalCase {
  // Not indented: a thousand levels of tabs would make the file quadratic in size, not the rules.
  let body = 'for {\ntime.Sleep(time.Second)\n}\n';
  for (let level = depth; level >= 1; level--) body = `go func() {\nuse(ctx)\n${body}}()\n`;
  const text = `${HEADER}func Run(parent context.Context) {\nctx, cancel := context.WithCancel(parent)\ndefer cancel()\n${body}}\n`;
  return { name: 'nested go func', text, statements: depth * 2, findings: { 'goroutine-ctx-cancelled': 1, 'goroutine-no-exit': 1 } };
}

/** `depth` nested endless loops inside one goroutine, the innermost with the only way out. */
export function nestedLoops(depth: number): PathologicalCase {
  let body = 'return\n';
  for (let level = depth; level >= 1; level--) body = `for {\nuse(${level})\n${body}}\n`;
  return { name: 'nested loops', text: `${HEADER}func Spin() {\ngo func() {\n${body}}()\n}\n`, statements: depth * 2, findings: {} };
}

/** One loop over a parameter starting `count` goroutines, and `count` loops each starting one. */
export function manyFanOuts(count: number): PathologicalCase {
  const inOne = Array.from({ length: count }, (_, i) => `\t\tgo use(item + ${i})\n`).join('');
  const loops = Array.from({ length: count }, (_, i) => `\tfor _, item := range items {\n\t\tgo use(item * ${i})\n\t}\n`).join('');
  const text = `${HEADER}func FanOut(items []int) {\n\tfor _, item := range items {\n${inOne}\t}\n${loops}}\n`;
  // One finding per loop: the first loop's other starts are its related locations.
  return { name: 'goroutines per item', text, statements: count * 3, findings: { 'goroutine-unbounded': count + 1 } };
}

/** `count` WebSocket reads in one loop on a field, and `count` functions each reading in a loop. */
export function manyReads(count: number): PathologicalCase {
  const reads = Array.from({ length: count }, () => '\t\tif _, _, err := c.conn.ReadMessage(); err != nil {\n\t\t\treturn\n\t\t}\n').join('');
  const loops = Array.from({ length: count }, (_, i) => `func read${i}(conn *websocket.Conn) {\n\tfor {\n\t\tif _, _, err := conn.ReadMessage(); err != nil {\n\t\t\treturn\n\t\t}\n\t}\n}\n\n`).join('');
  const text = `${HEADER}type Client struct {\n\tconn *websocket.Conn\n}\n\nfunc (c *Client) pump() {\n\tfor {\n${reads}\t}\n}\n\n${loops}`;
  return { name: 'websocket reads', text, statements: count * 4, findings: { 'ws-read-no-deadline': count * 2 } };
}

/** `count` goroutines handed a context cancelled on return, in one function. */
export function manyCancelled(count: number): PathologicalCase {
  const body = Array.from({ length: count }, (_, i) => `\tgo fetch(ctx, ${i})\n`).join('');
  const text = `${HEADER}func fetch(ctx context.Context, i int) {}\n\nfunc Place(parent context.Context) {\n\tctx, cancel := context.WithTimeout(parent, time.Second)\n\tdefer cancel()\n${body}}\n`;
  return { name: 'goroutines with a cancelled context', text, statements: count, findings: { 'goroutine-ctx-cancelled': count } };
}

export function pathological(): PathologicalCase[] {
  return [manyGoroutines(2000), nestedGoroutines(1000), nestedLoops(2500), manyFanOuts(2500), manyReads(1250), manyCancelled(5000)];
}
