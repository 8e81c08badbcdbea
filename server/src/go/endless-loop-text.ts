/**
 * Whether a file may hold an endless loop with no way out, read from the text: most files whose text shows a
 * `for {` leave every such loop (a `return`, a `break` out of it, a `panic`), and asking the tree costs a parse
 * and a walk. The answer "no" is certain: every loop that could be endless holds a `return`, a `goto`, a call
 * that never comes back or a plain `break` of its own, and no function literal. "Maybe" leaves the question to
 * the tree, as does anything the text cannot read for sure (comments in a header, a composite literal where a
 * body's brace may be, unbalanced braces).
 */
import { tokenEnd } from './string-spans';

/**
 * `for {`, a three-clause `for` with no condition (`for ;; {`, `for n := 1; ; n++ {`) or a range over a ticker: text
 * without any of them holds no loop goroutine-no-exit calls endless.
 */
export const ENDLESS_LOOP = /\bfor\s*\{|\bfor\b[^{};\n]*;\s*;|\brange\b[^\n{]*(\.C\b|\bTick\(|\bAfter\()/;

/** Literal and comment openers, the brackets, `;`, the keywords the questions turn on and the calls that end a goroutine. */
const TOKEN =
  /["'`]|\/\/|\/\*|[{}()[\];]|\b(?:for|func|return|goto|range|switch|select|break|go)\b|\bpanic\s*\(|\.\s*(?:Exit|Fatal|Fatalf|Fatalln|Goexit|Panic|Panicf|Panicln|FailNow|SkipNow)\s*\(/g;
/** A timer's channel (`t.C`) or `time.Tick(d)` / `time.After(d)` in a range clause. */
const TIMER_WORD = /\b(?:C|Tick|After)\b/;
/** `time.Tick` or `time.After` named without a call: held in a variable, a range over `f(d)` may be a timer. */
const TIMER_VALUE = /\b(?:Tick|After)\b(?!\s*\()/;
/** What follows `break` when it names a label. */
const LABEL_AFTER = /^[ \t]*[\p{L}_]/u;

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
    // A call that never comes back is one kind of token, however it is spelled.
    const exits = kind.endsWith('(') && kind !== '(';
    if (exits) TOKEN.lastIndex = match.index + kind.length - 1;
    tokens.push({ kind: exits ? 'exit' : kind, at: match.index, end: match.index + kind.length });
  }
  return tokens;
}

/**
 * False only when no `go` statement of `text` lies in the body of a `for`: then no goroutine is started per item
 * of anything (goroutine-unbounded's question). Anything the text cannot read for sure is a "maybe".
 */
export function mayStartGoroutinesInLoop(text: string): boolean {
  const tokens = codeTokens(text);
  const closing = tokens && matchingBraces(tokens);
  if (!tokens || !closing) return true;
  const starts: number[] = [];
  tokens.forEach((token, i) => token.kind === 'go' && starts.push(i));
  if (starts.length === 0) return false;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'for') continue;
    const loop = readStatement(text, tokens, closing, i);
    if (!loop) return true;
    if (starts.some((at) => at > loop.body && at < loop.end)) return true;
  }
  return false;
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

/** A `for`, `switch` or `select` statement's header and body as tokens. */
interface Statement {
  /** Token index of the body's `{` and of its `}`. */
  body: number;
  end: number;
  semicolons: number[];
  range: number;
}

/** Whether the file names `time.Tick` or `time.After` without calling it (see TIMER_VALUE). */
export function namesTimerValues(fileText: string): boolean {
  return TIMER_VALUE.test(fileText);
}

/**
 * False only when no loop of `text` can be both endless and without a way out (or hold a closure). `text` may be
 * one function's body; `timerValues` is then the whole file's answer (a package variable may hold `time.Tick`).
 */
export function mayHoldEndlessLoopText(text: string, timerValues = namesTimerValues(text)): boolean {
  const tokens = codeTokens(text);
  const closing = tokens && matchingBraces(tokens);
  if (!tokens || !closing) return true;
  // Every for, switch and select, by the token of its keyword: a plain break leaves the innermost of them.
  const statements = new Map<number, Statement>();
  const breakable = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens[i].kind;
    if (kind !== 'for' && kind !== 'switch' && kind !== 'select') continue;
    const statement = readStatement(text, tokens, closing, i);
    if (!statement) return true;
    statements.set(i, statement);
    breakable.add(statement.body);
  }
  const breakTarget = plainBreakTargets(text, tokens, breakable);
  for (const [i, loop] of statements) {
    if (tokens[i].kind !== 'for' || !mayBeEndless(text, tokens, i, loop, timerValues)) continue;
    let leaves = false;
    for (let k = i + 1; k < loop.end; k++) {
      const kind = tokens[k].kind;
      if (kind === 'func') return true;
      if (kind === 'return' || kind === 'goto' || kind === 'exit' || (kind === 'break' && breakTarget.get(k) === loop.body)) leaves = true;
    }
    if (!leaves) return true;
  }
  return false;
}

/** The body's `{` of the innermost for, switch or select around each plain (unlabeled) `break`. */
function plainBreakTargets(text: string, tokens: readonly Token[], breakable: ReadonlySet<number>): Map<number, number> {
  const targets = new Map<number, number>();
  const open: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const kind = tokens[k].kind;
    if (kind === '{') open.push(k);
    else if (kind === '}') open.pop();
    else if (kind === 'break' && !LABEL_AFTER.test(text.slice(tokens[k].end, tokens[k].end + 40))) {
      for (let o = open.length - 1; o >= 0; o--) {
        if (breakable.has(open[o])) {
          targets.set(k, open[o]);
          break;
        }
      }
    }
  }
  return targets;
}

/**
 * The statement whose keyword is token `at`: its body is the first `{` outside parentheses and brackets, unless
 * that brace opened a composite literal (then what follows its `}` is more than the end of a statement). Null
 * when the text cannot tell.
 */
function readStatement(text: string, tokens: readonly Token[], closing: Int32Array, at: number): Statement | null {
  let depth = 0;
  const semicolons: number[] = [];
  let range = -1;
  for (let k = at + 1; k < tokens.length; k++) {
    const kind = tokens[k].kind;
    if (kind === '(' || kind === '[') depth++;
    else if (kind === ')' || kind === ']') {
      if (--depth < 0) return null;
    } else if (kind === '}' || kind === 'for' || kind === 'func' || kind === 'switch' || kind === 'select') return null;
    else if (kind === '{') {
      const end = closing[k];
      if (end < 0) return null;
      if (depth > 0) {
        // A composite literal inside parentheses or brackets: skipped whole.
        k = end;
        continue;
      }
      const after = text.slice(tokens[end].end, tokens[end].end + 80).replace(/^[ \t]*/, '');
      if (!(after === '' || /^[\r\n}]|^\/\//.test(after))) return null;
      return { body: k, end, semicolons, range };
    } else if (depth === 0 && kind === ';') semicolons.push(k);
    else if (depth === 0 && kind === 'range') range = k;
  }
  return null;
}

/** A loop with no header, a three-clause loop with no condition, or a range over what may be a timer. */
function mayBeEndless(text: string, tokens: readonly Token[], at: number, loop: Statement, timerValues: boolean): boolean {
  const header = text.slice(tokens[at].end, tokens[loop.body].at);
  if (/\/[/*]/.test(header) || header.trim() === '') return true;
  if (loop.range >= 0) {
    if (loop.semicolons.length > 0) return true;
    const right = text.slice(tokens[loop.range].end, tokens[loop.body].at);
    return TIMER_WORD.test(right) || (timerValues && right.includes('('));
  }
  if (loop.semicolons.length === 0) return false;
  if (loop.semicolons.length !== 2) return true;
  return text.slice(tokens[loop.semicolons[0]].end, tokens[loop.semicolons[1]].at).trim() === '';
}
