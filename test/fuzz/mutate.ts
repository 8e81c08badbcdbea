/** Deterministic random sources and mutations of Go text, for the fuzzers. */

/** A seeded generator (mulberry32), so a failure replays from its seed. */
export class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(limit: number): number {
    return Math.floor(this.next() * limit);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Tokens that stress the rules: the calls they look for, and the brackets and literals that confuse a parser. */
export const TOKENS = [
  '{', '}', '(', ')', '[', ']', '"', '`', "'", '/*', '*/', '//', '\n', '\r\n', '\r', '\t', ';', ',', ':=', '...',
  'go func() {', 'defer ', 'for {', 'select {', 'case <-ctx.Done():', 'return', 'if err != nil {',
  'sql.Open("mysql", dsn)', 'db.Query("SELECT 1")', 'db.ExecContext(ctx, "UPDATE t")', 'log.Printf("%d", n)',
  'log.Println(err)', 'http.Client{}', 'http.Get(url)', 'context.Background()', 'context.WithTimeout(ctx, 0)',
  'os.Getenv("X")', 'strconv.Atoi(s)', 'prometheus.NewCounter(', 'tracer.Start(ctx, "x")', 'conn.ReadMessage()',
  'gin.New()', '//go-traps:ignore db-no-context reason', '//go-traps:ignore', 'import "database/sql"\n',
  'package main\n', 'func f() {', '世界', '🌏', '\u2028', '\uFEFF', 'é', 'x'.repeat(300),
];

/** One random change to a Go text; some break the syntax, some the encoding, some the size. */
export function mutateText(random: Random, text: string): string {
  const at = () => random.int(text.length + 1);
  switch (random.int(11)) {
    case 0:
      return text.slice(0, at());
    case 1: {
      const a = at();
      return text.slice(0, a) + text.slice(a + random.int(200));
    }
    case 2: {
      const a = at();
      const b = Math.min(text.length, a + random.int(400));
      return text.slice(0, b) + text.slice(a, b) + text.slice(b);
    }
    case 3:
    case 4: {
      const a = at();
      return text.slice(0, a) + random.pick(TOKENS) + text.slice(a);
    }
    case 5:
      return '\uFEFF' + text;
    case 6:
      return text.replace(/\n/g, '\r\n');
    case 7: {
      const a = at();
      const depth = 1 + random.int(300);
      return text.slice(0, a) + random.pick(['{', '(', '[', 'go func() {', 'func() {']).repeat(depth) + text.slice(a);
    }
    case 8: {
      const lines = text.split('\n');
      const line = lines[random.int(lines.length)];
      const copies = Array.from({ length: 1 + random.int(200) }, () => line);
      lines.splice(random.int(lines.length), 0, ...copies);
      return lines.join('\n');
    }
    case 9: {
      const lines = text.split('\n');
      const [a, b] = [random.int(lines.length), random.int(lines.length)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    default:
      return text.slice(0, at()) + String.fromCharCode(random.int(0x3000)) + text.slice(at());
  }
}

/** Bytes of a mutant: mostly its UTF-8, sometimes with bytes flipped into invalid UTF-8 or Latin-1. */
export function mutantBytes(random: Random, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (!random.chance(0.15) || bytes.length === 0) return bytes;
  for (let i = 0; i < 1 + random.int(8); i++) bytes[random.int(bytes.length)] = 0x80 + random.int(0x80);
  return bytes;
}
