/**
 * Questions answered from a file's text before its tree is asked: a rule that looks for calls of a few names
 * rules a file out when none of the names is written in it, and then the file need not be parsed at all
 * (SourceFile parses lazily). A "no" here must be certain; a "yes" only means the tree has to be asked.
 */

const patterns = new Map<string, RegExp>();

/** Whether any of `words` is written in `text` as a whole word (also inside comments and strings: that is a "maybe"). */
export function mentionsAnyWord(text: string, words: Iterable<string>): boolean {
  const list = [...words];
  // A plain substring search is several times faster than the pattern, and most files hold none of the words.
  if (!list.some((word) => text.includes(word))) return false;
  const key = list.join('|');
  let pattern = patterns.get(key);
  if (!pattern) {
    pattern = new RegExp(`\\b(?:${list.map(escape).join('|')})\\b`);
    patterns.set(key, pattern);
  }
  return pattern.test(text);
}

const selectorPatterns = new Map<string, RegExp>();

/**
 * Whether any of `names` is written after a dot (`x.Name`, `x.\n\tName`, comments between allowed): the only way a
 * selector or method call of that name can appear.
 */
export function mentionsAnySelector(text: string, names: Iterable<string>): boolean {
  const list = [...names];
  if (!list.some((name) => text.includes(name))) return false;
  const key = list.join('|');
  let pattern = selectorPatterns.get(key);
  if (!pattern) {
    const gap = String.raw`(?:\s|/\*[\s\S]*?\*/|//[^\n]*\n)*`;
    pattern = new RegExp(`\\.${gap}(?:${list.map(escape).join('|')})\\b`);
    selectorPatterns.set(key, pattern);
  }
  return pattern.test(text);
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
