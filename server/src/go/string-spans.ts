/**
 * Where Go string literals sit in a text, found by a small lexer instead of the syntax tree. Rules that look
 * for a needle in literal values (connection strings) can rule out most places from the text alone: in files
 * of escaped binary data a tree lookup per needle costs milliseconds, and the needle is everywhere.
 */

export interface StringSpan {
  /** Offset of the opening quote. */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
}

/** Runes and comments matter only because they can hold quotes; strings are what we want. */
const NEXT_TOKEN = /["'`]|\/\/|\/\*/g;
const INTERPRETED_REST = /(?:[^"\\\n]|\\.)*"/y;
const RUNE_REST = /(?:[^'\\\n]|\\.)*'/y;

/**
 * The string literals of `text` in order. An unterminated literal (broken code) ends the scan: the tree will
 * hold an error there, and nothing after it can be read reliably.
 */
export function stringLiteralSpans(text: string): StringSpan[] {
  const spans: StringSpan[] = [];
  NEXT_TOKEN.lastIndex = 0;
  for (let match = NEXT_TOKEN.exec(text); match; match = NEXT_TOKEN.exec(text)) {
    const start = match.index;
    let end: number;
    switch (match[0]) {
      case '"':
        end = stickyEnd(INTERPRETED_REST, text, start + 1);
        if (end >= 0) spans.push({ start, end });
        break;
      case '`':
        end = text.indexOf('`', start + 1) + 1;
        if (end > 0) spans.push({ start, end });
        break;
      case "'":
        end = stickyEnd(RUNE_REST, text, start + 1);
        break;
      case '//':
        end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        break;
      default:
        end = text.indexOf('*/', start + 2);
        if (end >= 0) end += 2;
    }
    if (end < 0 || end === 0) break;
    NEXT_TOKEN.lastIndex = end;
  }
  return spans;
}

function stickyEnd(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** The spans that contain at least one of the sorted offsets, each once. */
export function spansContaining(spans: readonly StringSpan[], offsets: readonly number[]): StringSpan[] {
  const found: StringSpan[] = [];
  let i = 0;
  for (const offset of offsets) {
    while (i < spans.length && spans[i].end <= offset) i++;
    if (i === spans.length) break;
    const span = spans[i];
    if (span.start <= offset && found[found.length - 1] !== span) found.push(span);
  }
  return found;
}
