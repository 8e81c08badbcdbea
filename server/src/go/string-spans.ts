/**
 * Where Go string literals sit in a text, found by a small lexer instead of the syntax tree. Rules that look
 * for a needle in literal values (connection strings) can rule out most places from the text alone: in files
 * of escaped binary data a tree lookup per needle costs milliseconds, and the needle is everywhere.
 */

import { firstFrom } from './sorted';

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
    const end = tokenEnd(text, match[0], start);
    if (end > 0 && (match[0] === '"' || match[0] === '`')) spans.push({ start, end });
    if (end <= 0) break;
    NEXT_TOKEN.lastIndex = end;
  }
  return spans;
}

/** Where the literal or comment that starts at `start` with `opener` ends; 0 or less when it never does. */
export function tokenEnd(text: string, opener: string, start: number): number {
  switch (opener) {
    case '"':
      return stickyEnd(INTERPRETED_REST, text, start + 1);
    case '`':
      return text.indexOf('`', start + 1) + 1;
    case "'":
      return stickyEnd(RUNE_REST, text, start + 1);
    case '//': {
      const end = text.indexOf('\n', start);
      return end < 0 ? text.length : end;
    }
    default: {
      const end = text.indexOf('*/', start + 2);
      return end < 0 ? -1 : end + 2;
    }
  }
}

function stickyEnd(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/**
 * Whether `pattern` (global) matches somewhere outside comments, string literals and runes: the text-first
 * question for a keyword (`go`) that comments and strings mention far more often than code uses it. A false is
 * certain; a true may still need the tree.
 */
export function matchesInCode(text: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  let match = pattern.exec(text);
  NEXT_TOKEN.lastIndex = 0;
  for (let token = NEXT_TOKEN.exec(text); match && token; token = NEXT_TOKEN.exec(text)) {
    // A match before the next comment or literal is code.
    if (match.index < token.index) return true;
    const end = tokenEnd(text, token[0], token.index);
    // Broken code (an unterminated literal or comment): nothing after it is certain.
    if (end <= 0) return true;
    pattern.lastIndex = end;
    match = pattern.exec(text);
    NEXT_TOKEN.lastIndex = end;
  }
  return match !== null;
}

/**
 * The comments, string literals and runes of `text` in order, or null when one never ends (broken code: nothing
 * after it is certain).
 */
export function nonCodeSpans(text: string): StringSpan[] | null {
  const spans: StringSpan[] = [];
  NEXT_TOKEN.lastIndex = 0;
  for (let match = NEXT_TOKEN.exec(text); match; match = NEXT_TOKEN.exec(text)) {
    const end = tokenEnd(text, match[0], match.index);
    if (end <= 0) return null;
    spans.push({ start: match.index, end });
    NEXT_TOKEN.lastIndex = end;
  }
  return spans;
}

/** Whether offset `at` lies inside one of the sorted, disjoint spans. */
export function insideSpans(spans: readonly StringSpan[], at: number): boolean {
  const k = firstFrom(spans, (span) => span.end, at + 1);
  return k < spans.length && spans[k].start <= at;
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
