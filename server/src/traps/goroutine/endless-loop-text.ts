/**
 * Whether a file may hold an endless loop with no way out, read from the text: most files whose text shows a
 * `for {` have a `return` in every such loop, and asking the tree costs a parse and a walk. The answer "no" is
 * certain (every loop that could be endless holds a `return` or `goto` and no function literal); "maybe" leaves
 * the question to the tree, as does anything the text cannot read for sure (comments in a loop header, a
 * composite literal where the body's brace may be, unbalanced braces).
 */
import { tokenEnd } from '../../go/string-spans';

/** Literal and comment openers, the brackets, `;` and the keywords the question turns on. */
const TOKEN = /["'`]|\/\/|\/\*|[{}()[\];]|\b(?:for|func|return|goto|range)\b/g;
/** A timer's channel (`t.C`) or `time.Tick(d)` / `time.After(d)` in a range clause. */
const TIMER_WORD = /\b(?:C|Tick|After)\b/;
/** `time.Tick` or `time.After` named without a call: held in a variable, a range over `f(d)` may be a timer. */
const TIMER_VALUE = /\b(?:Tick|After)\b(?!\s*\()/;

interface Token {
  kind: string;
  at: number;
  end: number;
}

/** The code tokens of `text` (literals and comments skipped), or null when a literal or comment never ends. */
function codeTokens(text: string): Token[] | null {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const kind = match[0];
    if (kind === '"' || kind === "'" || kind === '`' || kind === '//' || kind === '/*') {
      const end = tokenEnd(text, kind, match.index);
      if (end <= 0) return null;
      TOKEN.lastIndex = end;
      continue;
    }
    tokens.push({ kind, at: match.index, end: match.index + kind.length });
  }
  return tokens;
}

/** For each `{` token, the index of its `}` token (-1 when it has none); null when a `}` closes nothing. */
function matchingBraces(tokens: readonly Token[]): Int32Array | null {
  const closing = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind === '{') open.push(i);
    else if (tokens[i].kind === '}') {
      const opener = open.pop();
      if (opener === undefined) return null;
      closing[opener] = i;
    }
  }
  return closing;
}

/** False only when no loop of `text` can be both endless and without a `return` or `goto` (or a closure) inside. */
export function mayHoldEndlessLoopText(text: string): boolean {
  const tokens = codeTokens(text);
  const closing = tokens && matchingBraces(tokens);
  if (!tokens || !closing) return true;
  const timerValues = TIMER_VALUE.test(text);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'for') continue;
    const loop = readLoop(text, tokens, closing, i, timerValues);
    if (loop === 'unsure') return true;
    if (loop === 'bounded') continue;
    // A loop that may be endless: certain to leave only with a return or goto and no function literal inside.
    let leaves = false;
    for (let k = i + 1; k < loop; k++) {
      const kind = tokens[k].kind;
      if (kind === 'func') return true;
      if (kind === 'return' || kind === 'goto') leaves = true;
    }
    if (!leaves) return true;
  }
  return false;
}

/**
 * Reads the loop whose `for` is token `at`: 'bounded' when its header is a plain condition or a range over
 * something that cannot be a timer, the token index of its closing brace when it may be endless, 'unsure' when
 * the text cannot tell.
 */
function readLoop(text: string, tokens: readonly Token[], closing: Int32Array, at: number, timerValues: boolean): number | 'bounded' | 'unsure' {
  let depth = 0;
  const semicolons: number[] = [];
  let range = -1;
  let body = -1;
  for (let k = at + 1; k < tokens.length && body < 0; k++) {
    const kind = tokens[k].kind;
    if (kind === '(' || kind === '[') depth++;
    else if (kind === ')' || kind === ']') depth--;
    else if (kind === '}' || kind === 'for' || kind === 'func') return 'unsure';
    else if (kind === '{' && depth > 0) {
      // A composite literal inside parentheses or brackets: skip it whole.
      if (closing[k] < 0) return 'unsure';
      k = closing[k];
    } else if (depth === 0 && kind === '{') body = k;
    else if (depth === 0 && kind === ';') semicolons.push(k);
    else if (depth === 0 && kind === 'range') range = k;
    if (depth < 0) return 'unsure';
  }
  const end = body >= 0 ? closing[body] : -1;
  if (end < 0) return 'unsure';
  // A brace followed by more than the end of a statement opened a composite literal in the header, not the body.
  const after = text.slice(tokens[end].end, tokens[end].end + 80).replace(/^[ \t]*/, '');
  if (!(after === '' || /^[\r\n}]|^\/\//.test(after))) return 'unsure';
  const header = text.slice(tokens[at].end, tokens[body].at);
  if (/\/[/*]/.test(header)) return 'unsure';
  if (header.trim() === '') return end;
  if (range >= 0) {
    if (semicolons.length > 0) return 'unsure';
    const right = text.slice(tokens[range].end, tokens[body].at);
    return TIMER_WORD.test(right) || (timerValues && right.includes('(')) ? end : 'bounded';
  }
  if (semicolons.length === 0) return 'bounded';
  if (semicolons.length !== 2) return 'unsure';
  const condition = text.slice(tokens[semicolons[0]].end, tokens[semicolons[1]].at);
  return condition.trim() === '' ? end : 'bounded';
}
