/**
 * Where a package's unexported functions and methods are named: a fix that adds a parameter to one must know it
 * has no other caller, in any file of the package (tests included). Only functions that may loop forever are asked
 * about, and most packages have none: their files are not read at all. Each file counts the names from its text with
 * a small lexer (comments and literals skipped); the counts are joined per package by the workspace rule.
 */
import type { Resolver } from '../../go/resolver';
import { APOSTROPHE, BACKSLASH, BACKTICK, isWordStart, NEWLINE, NINE, QUOTE, SLASH, STAR, WordReader, wordHash, ZERO } from '../../go/char-codes';

const unexported = new WeakMap<ReadonlySet<string>, Set<string>>();

/**
 * The unexported functions and methods of the resolver's package that may loop forever, from the type index
 * (recorded): only a loop's own function is ever threaded a context, so only its mentions are counted.
 */
export function unexportedLoopingNames(types: Resolver): Set<string> {
  const all = types.index.loopingFunctionNames(types.ownPackage);
  let names = unexported.get(all);
  if (!names) unexported.set(all, (names = new Set([...all].filter(isUnexported))));
  return names;
}

export function isUnexported(name: string): boolean {
  return /^[a-z_]/.test(name);
}

const hashSets = new WeakMap<ReadonlySet<string>, Set<number>>();

/**
 * How many times each of `names` occurs as an identifier in `text`, outside comments and literals: a small lexer
 * that hashes each identifier as it reads it and makes a string only when the hash is one of the names' (most
 * identifiers are not, and allocating a string for each costs more than the scan itself).
 */
export function identifierCounts(text: string, names: ReadonlySet<string>): Record<string, number> {
  const counts: Record<string, number> = Object.create(null);
  if (names.size === 0) return counts;
  let hashes = hashSets.get(names);
  if (!hashes) hashSets.set(names, (hashes = new Set([...names].map(wordHash))));
  const length = text.length;
  const reader = new WordReader();
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isWordStart(c)) {
      const start = i;
      reader.read(text, start);
      i = reader.end;
      if (hashes.has(reader.hash)) {
        const word = text.slice(start, i);
        if (names.has(word)) counts[word] = (counts[word] ?? 0) + 1;
      }
    } else if (c >= ZERO && c <= NINE) {
      // A number's letters (0x1f, 1e9) are not identifiers.
      for (i++; i < length; i++) {
        const d = text.charCodeAt(i);
        if (!isWordStart(d) && !(d >= ZERO && d <= NINE)) break;
      }
    } else if (c === SLASH || c === QUOTE || c === APOSTROPHE || c === BACKTICK) {
      i = skipCommentOrLiteral(text, i, c);
    } else i++;
  }
  return counts;
}


/** Where the comment or literal starting at `i` (with character `c`) ends; `i + 1` for a lone slash. */
function skipCommentOrLiteral(text: string, i: number, c: number): number {
  if (c === SLASH) {
    const next = text.charCodeAt(i + 1);
    if (next === SLASH) {
      const end = text.indexOf('\n', i);
      return end < 0 ? text.length : end;
    }
    if (next === STAR) {
      const end = text.indexOf('*/', i + 2);
      return end < 0 ? text.length : end + 2;
    }
    return i + 1;
  }
  if (c === BACKTICK) {
    const end = text.indexOf('`', i + 1);
    return end < 0 ? text.length : end + 1;
  }
  for (let j = i + 1; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === BACKSLASH) j++;
    else if (d === c || d === NEWLINE) return j + 1;
  }
  return text.length;
}
