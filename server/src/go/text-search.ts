/**
 * Questions answered from a file's text before its tree is asked: a rule that looks for calls of a few names
 * rules a file out when none of the names is written in it, and then the file need not be parsed at all
 * (SourceFile parses lazily). A "no" here must be certain; a "yes" only means the tree has to be asked.
 */

import { insideSpans, nonCodeSpans, StringSpan } from './string-spans';

const patterns = new Map<string, RegExp>();

/**
 * One pattern per list of words, matching any of them as a whole word; `global` for a caller that walks the
 * matches with `exec` (it sets `lastIndex` itself).
 */
export function wordPattern(words: readonly string[], global = false): RegExp {
  const key = `${global ? 'g' : ''}\u0000${words.join('|')}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    pattern = new RegExp(`\\b(?:${words.map(escape).join('|')})\\b`, global ? 'g' : '');
    patterns.set(key, pattern);
  }
  return pattern;
}

/** Whether any of `words` is written in `text` at all: a plain substring search, several times cheaper than a pattern. */
export function writesAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.includes(word));
}

/** Whether any of `words` is written in `text` as a whole word (also inside comments and strings: that is a "maybe"). */
export function mentionsAnyWord(text: string, words: Iterable<string>): boolean {
  const list = [...words];
  return writesAny(text, list) && wordPattern(list).test(text);
}

const selectorPatterns = new Map<string, RegExp>();

/**
 * Whether any of `names` is written after a dot (`x.Name`, `x.\n\tName`, comments between allowed) in code: the only
 * way a selector or method call of that name can appear. A dot in a comment or a literal (the end of an English
 * sentence before "Use ...") is none; a text whose literals or comments cannot be read is a "maybe".
 */
export function mentionsAnySelector(text: string, names: Iterable<string>): boolean {
  const list = [...names];
  if (!writesAny(text, list)) return false;
  const key = list.join('|');
  let pattern = selectorPatterns.get(key);
  if (!pattern) {
    const gap = String.raw`(?:\s|/\*[\s\S]*?\*/|//[^\n]*\n)*`;
    pattern = new RegExp(`\\.${gap}(?:${list.map(escape).join('|')})\\b`, 'g');
    selectorPatterns.set(key, pattern);
  }
  let spans: StringSpan[] | null | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    spans ??= nonCodeSpans(text);
    if (!spans) return true;
    if (!insideSpans(spans, match.index)) return true;
  }
  return false;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
