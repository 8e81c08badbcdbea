/** Character codes and word tests shared by the small lexers that read Go text without a tree. */
export const TAB = 9;
export const NEWLINE = 10;
export const RETURN = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const APOSTROPHE = 39;
export const OPEN_PAREN = 40;
export const CLOSE_PAREN = 41;
export const STAR = 42;
export const DOT = 46;
export const SLASH = 47;
export const ZERO = 48;
export const NINE = 57;
export const OPEN_BRACKET = 91;
export const BACKSLASH = 92;
export const CLOSE_BRACKET = 93;
export const BACKTICK = 96;
export const CLOSE_BRACE = 125;

/** A letter or `_` of ASCII. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

export function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** What may start a Go identifier, counting every character beyond ASCII as a letter (a "maybe" for the callers). */
export function isWordStart(c: number): boolean {
  return isAsciiLetter(c) || c >= 128;
}

export function isWordChar(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}

/** The hash the lexers give a word as they read it, character by character (see identifierCounts). */
export function wordHash(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = (Math.imul(hash, 31) + word.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Reads a word (from a word start) in one pass: where it ends and its `wordHash`, left in the fields so that the
 * lexers that call it for every identifier of a file allocate nothing per word.
 */
export class WordReader {
  end = 0;
  hash = 0;

  read(text: string, start: number): void {
    let hash = 0;
    let i = start;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) break;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    this.end = i;
    this.hash = hash;
  }
}
