/**
 * Reads a Go file's package clause, imports and package-level declarations straight from its text, without a
 * syntax tree: a small lexer with Go's semicolon insertion, a recursive-descent reader for declarations and
 * types, and a brace matcher that steps over function bodies and big literals without tokenising them.
 *
 * This is what lets the pipeline put every declaration of a workspace in the type index before any rule runs,
 * while parsing each file with tree-sitter only once and holding one tree at a time. Broken code never throws:
 * a declaration that cannot be read is skipped and the rest are kept. The tests check that, on real code, it
 * yields exactly the facts read from tree-sitter's syntax tree.
 */
import { defaultPackageName } from './source';
import {
  APOSTROPHE, BACKSLASH, BACKTICK, CLOSE_BRACE, CLOSE_BRACKET, CLOSE_PAREN, DOT, isAsciiLetter, isDigit, NEWLINE, NINE, OPEN_BRACKET, OPEN_PAREN, QUOTE, SLASH, STAR, ZERO,
} from './char-codes';
import { emptyDecls, encodeChain, FileDecls, ImportDecl } from './declarations';
import { ENDLESS_LOOP, mayHoldEndlessLoopText, namesTimerValues } from './endless-loop-text';
import { funcType, GoType, named, pointerTo, PREDECLARED_TYPES, UNKNOWN } from './types';

const ENDLESS_LOOP_ALL = new RegExp(ENDLESS_LOOP.source, 'g');

const enum Tok {
  Ident,
  Number,
  String,
  Rune,
  Op,
  Semi,
  EOF,
}

const KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if',
  'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);
const INSERTS_AFTER_KEYWORD = new Set(['break', 'continue', 'fallthrough', 'return']);
const OPERATORS = ['<<=', '>>=', '&^=', '...', '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '<<', '>>', '&^', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^='];
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_]*/uy;
const NUMBER = /\.?\d(?:[eEpP][+-]|[\p{L}\p{N}_.])*/uy;
/** Tokens after which a type can begin. */
const TYPE_START_OPS = new Set(['*', '[', '(', '<-']);
const TYPE_START_WORDS = new Set(['func', 'map', 'chan', 'struct', 'interface']);

class ScanError extends Error {}

class Lexer {
  pos = 0;
  kind: Tok = Tok.EOF;
  start = 0;
  end = 0;
  private insertSemi = false;

  constructor(readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.next();
  }

  /** The current token's kind (a method, so that checks after `next()` are not narrowed away by the compiler). */
  tok(): Tok {
    return this.kind;
  }

  get value(): string {
    return this.text.slice(this.start, this.end);
  }

  is(op: string): boolean {
    return this.kind === Tok.Op && this.end - this.start === op.length && this.text.startsWith(op, this.start);
  }

  isWord(word: string): boolean {
    return this.kind === Tok.Ident && this.end - this.start === word.length && this.text.startsWith(word, this.start);
  }

  isIdentifier(): boolean {
    return this.kind === Tok.Ident && !KEYWORDS.has(this.value);
  }

  mark(): [number, Tok, number, number, boolean] {
    return [this.pos, this.kind, this.start, this.end, this.insertSemi];
  }

  reset(mark: [number, Tok, number, number, boolean]): void {
    [this.pos, this.kind, this.start, this.end, this.insertSemi] = mark;
  }

  expect(op: string): void {
    if (!this.is(op)) throw new ScanError(`expected ${op}`);
    this.next();
  }

  identifier(): string {
    if (!this.isIdentifier()) throw new ScanError('expected a name');
    const name = this.value;
    this.next();
    return name;
  }

  next(): void {
    const t = this.text;
    for (;;) {
      if (this.pos >= t.length) {
        if (this.insertSemi) return this.token(Tok.Semi, this.pos, this.pos, false);
        return this.token(Tok.EOF, this.pos, this.pos, false);
      }
      const c = t.charCodeAt(this.pos);
      if (c === 10) {
        if (this.insertSemi) return this.token(Tok.Semi, this.pos, ++this.pos, false);
        this.pos++;
      } else if (c === 32 || c === 9 || c === 13) {
        this.pos++;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 47) {
        const newline = t.indexOf('\n', this.pos);
        this.pos = newline < 0 ? t.length : newline;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const close = t.indexOf('*/', this.pos + 2);
        const end = close < 0 ? t.length : close + 2;
        const spansLines = t.slice(this.pos, end).includes('\n');
        this.pos = end;
        if (spansLines && this.insertSemi) return this.token(Tok.Semi, this.pos, this.pos, false);
      } else {
        break;
      }
    }
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (c === QUOTE || c === BACKTICK) {
      this.pos = skipString(t, start);
      return this.token(Tok.String, start, this.pos, true);
    }
    if (c === APOSTROPHE) {
      this.pos = skipString(t, start);
      return this.token(Tok.Rune, start, this.pos, true);
    }
    if (isAsciiLetter(c)) {
      let end = start + 1;
      while (end < t.length && isAsciiWordChar(t.charCodeAt(end))) end++;
      // A letter beyond ASCII inside the name: the full pattern reads it.
      if (end >= t.length || t.charCodeAt(end) < 128) return this.word(start, end);
    }
    if (c >= 128 || isAsciiLetter(c)) {
      IDENTIFIER.lastIndex = start;
      const word = IDENTIFIER.exec(t);
      if (word) return this.word(start, start + word[0].length);
    }
    if ((c >= ZERO && c <= NINE) || c === DOT) {
      NUMBER.lastIndex = start;
      const number = NUMBER.exec(t);
      if (number) {
        this.pos = start + number[0].length;
        return this.token(Tok.Number, start, this.pos, true);
      }
    }
    const op = (MULTI_CHAR_OPERATORS.get(c)?.find((o) => t.startsWith(o, start)) ?? t[start]) as string;
    this.pos = start + op.length;
    if (op === ';') return this.token(Tok.Semi, start, this.pos, false);
    return this.token(Tok.Op, start, this.pos, op === ')' || op === ']' || op === '}' || op === '++' || op === '--');
  }

  private word(start: number, end: number): void {
    this.pos = end;
    // Only keywords need the name as a string: most words are not, and none is longer than 11 letters.
    const insertSemi = end - start > 11 || !KEYWORDS.has(this.text.slice(start, end)) || INSERTS_AFTER_KEYWORD.has(this.text.slice(start, end));
    this.token(Tok.Ident, start, end, insertSemi);
  }

  private token(kind: Tok, start: number, end: number, insertSemi: boolean): void {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.insertSemi = insertSemi;
  }

  /**
   * With the current token an opening bracket, moves past its matching close without tokenising what lies
   * between (strings, runes and comments are stepped over so their brackets do not count).
   */
  skipBalanced(): void {
    const t = this.text;
    const open = t.charCodeAt(this.start);
    const close = open === OPEN_PAREN ? CLOSE_PAREN : open === OPEN_BRACKET ? CLOSE_BRACKET : CLOSE_BRACE;
    let depth = 0;
    let i = this.start;
    const length = t.length;
    while (i < length) {
      const c = t.charCodeAt(i);
      if (c === open) depth++;
      else if (c === close) {
        if (--depth === 0) {
          i++;
          break;
        }
      } else if (c === QUOTE || c === BACKTICK || c === APOSTROPHE) {
        i = skipString(t, i);
        continue;
      } else if (c === SLASH) {
        const d = t.charCodeAt(i + 1);
        if (d === SLASH) {
          const newline = t.indexOf('\n', i);
          i = newline < 0 ? length : newline;
          continue;
        }
        if (d === STAR) {
          const end = t.indexOf('*/', i + 2);
          i = end < 0 ? length : end + 2;
          continue;
        }
      }
      i++;
    }
    this.pos = i;
    this.insertSemi = true;
    this.next();
  }
}

/** The end of the string, raw string or rune literal starting at `start`. */
function skipString(t: string, start: number): number {
  const quote = t.charCodeAt(start);
  if (quote === BACKTICK) {
    const end = t.indexOf('`', start + 1);
    return end < 0 ? t.length : end + 1;
  }
  let i = start + 1;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === BACKSLASH) i += 2;
    else if (c === NEWLINE) return i;
    else i++;
  }
  return t.length;
}


function isAsciiWordChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c);
}

/** The operators of two or three characters by their first character, longest first. */
const MULTI_CHAR_OPERATORS = new Map<number, string[]>();
for (const op of OPERATORS) {
  const list = MULTI_CHAR_OPERATORS.get(op.charCodeAt(0)) ?? [];
  list.push(op);
  MULTI_CHAR_OPERATORS.set(op.charCodeAt(0), list);
}

/**
 * Reads the declarations of a file. `ownPackageOf` gives the import path of the file's package once its name is
 * known (an external test package `foo_test` lives at its own path).
 */
export function scanDeclarations(text: string, ownPackageOf: (packageName: string) => string): FileDecls {
  const decls = new DeclarationScanner(text, ownPackageOf).scan();
  return detach(decls);
}

/**
 * The facts with every string copied out of the file's text: names and types are slices of it (and joins of
 * slices), and V8 keeps a whole text alive for one slice of it. Property names need no copy: V8 keeps its own.
 */
function detach(decls: FileDecls): FileDecls {
  decls.package = copied(decls.package);
  for (const spec of decls.imports) {
    spec.path = copied(spec.path);
    spec.alias = copied(spec.alias);
  }
  for (const table of [decls.types, decls.values, decls.funcs, decls.methods]) for (const name in table) table[name] = copied(table[name]);
  if (decls.loops) decls.loops = decls.loops.map(copied).sort();
  return decls;
}

/**
 * A copy of a string that holds no other string. Shorter strings are always copies already; a longer one is
 * joined to a character, which V8 flattens into one new string before it takes the slice.
 */
function copied(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

class DeclarationScanner {
  private readonly lex: Lexer;
  private readonly imports = new Map<string, string>();
  private ownPackage = '';
  private typeParameters: ReadonlySet<string> = new Set();
  private decls = emptyDecls();
  /** Where the text may show an endless loop (ENDLESS_LOOP), in order: worked out at the first function body. */
  private loopStarts: number[] | undefined;
  /** The first of `loopStarts` not before the last body asked about (bodies come in the text's order). */
  private nextLoop = 0;
  private timerValues = false;

  constructor(
    text: string,
    private readonly ownPackageOf: (packageName: string) => string,
  ) {
    this.lex = new Lexer(text);
  }

  scan(): FileDecls {
    const lex = this.lex;
    this.skipSemis();
    if (!lex.isWord('package')) return this.decls;
    lex.next();
    if (lex.tok() !== Tok.Ident) return this.decls;
    this.decls.package = lex.value;
    this.ownPackage = this.ownPackageOf(lex.value);
    lex.next();
    for (;;) {
      this.skipSemis();
      if (lex.tok() === Tok.EOF) break;
      const mark = lex.mark();
      try {
        if (lex.isWord('import')) this.importDecl();
        else if (lex.isWord('type')) this.group(() => this.typeSpec());
        else if (lex.isWord('var')) this.group(() => this.valueSpec(false));
        else if (lex.isWord('const')) this.constGroup();
        else if (lex.isWord('func')) this.funcDecl();
        else {
          this.skipStatement();
          // A `)` with no group open ends no statement: step over it, or the loop never moves (found by npm run fuzz).
          if (lex.is(')')) lex.next();
        }
      } catch (error) {
        if (!(error instanceof ScanError)) throw error;
        this.typeParameters = new Set();
        // A declaration that cannot be read is dropped; the next one starts after the next `;` at depth 0.
        if (lex.mark()[0] === mark[0]) lex.next();
        this.skipStatement();
      }
    }
    return this.decls;
  }

  private skipSemis(): void {
    while (this.lex.tok() === Tok.Semi) this.lex.next();
  }

  /** Moves past the rest of a statement: to the next `;` (or `)` of a group) at depth 0. */
  private skipStatement(): void {
    const lex = this.lex;
    while (lex.tok() !== Tok.Semi && lex.tok() !== Tok.EOF && !lex.is(')')) {
      if (lex.is('(') || lex.is('[') || lex.is('{')) lex.skipBalanced();
      else lex.next();
    }
  }

  /** `kw spec` or `kw ( spec; spec )`. */
  private group(spec: () => void): void {
    const lex = this.lex;
    lex.next();
    if (!lex.is('(')) return spec();
    lex.next();
    for (;;) {
      this.skipSemis();
      if (lex.is(')') || lex.tok() === Tok.EOF) break;
      const mark = lex.mark();
      try {
        spec();
      } catch (error) {
        if (!(error instanceof ScanError)) throw error;
        if (lex.mark()[0] === mark[0]) lex.next();
        this.skipStatement();
      }
    }
    if (lex.is(')')) lex.next();
  }

  private importDecl(): void {
    this.group(() => {
      const lex = this.lex;
      let alias = '';
      if (lex.is('.') || lex.tok() === Tok.Ident) {
        alias = lex.value;
        lex.next();
      }
      if (lex.tok() !== Tok.String) throw new ScanError('expected an import path');
      const path = lex.value.slice(1, -1);
      lex.next();
      const spec: ImportDecl = { path, alias };
      this.decls.imports.push(spec);
      const local = alias || defaultPackageName(path);
      if (local !== '_' && local !== '.') this.imports.set(local, path);
    });
  }

  private typeSpec(): void {
    const lex = this.lex;
    const name = lex.identifier();
    this.typeParameters = lex.is('[') && this.looksLikeTypeParameters() ? this.typeParameterList() : new Set();
    try {
      const alias = lex.is('=');
      if (alias) lex.next();
      const type = this.type();
      if (name !== '_') this.decls.types[name] = alias ? `=${type}` : type;
    } finally {
      this.typeParameters = new Set();
    }
  }

  /** After `type Name`, tells `[T any]` (type parameters) from `[4]int` (an array type). */
  private looksLikeTypeParameters(): boolean {
    const lex = this.lex;
    const mark = lex.mark();
    try {
      lex.next();
      if (!lex.isIdentifier()) return false;
      lex.next();
      return lex.is(',') || lex.is('*') || lex.is('~') || lex.is('[') || lex.tok() === Tok.Ident;
    } finally {
      lex.reset(mark);
    }
  }

  /** `[K comparable, V any]` → {K, V}; the constraints are read past. */
  private typeParameterList(): Set<string> {
    const lex = this.lex;
    const names = new Set<string>();
    lex.expect('[');
    let expectName = true;
    while (!lex.is(']') && lex.tok() !== Tok.EOF) {
      if (expectName && lex.tok() === Tok.Ident) {
        names.add(lex.value);
        lex.next();
        expectName = false;
        if (lex.is(',')) {
          lex.next();
          expectName = true;
        }
        continue;
      }
      if (lex.is(',')) {
        lex.next();
        expectName = true;
      } else if (lex.is('(') || lex.is('[') || lex.is('{')) lex.skipBalanced();
      else lex.next();
    }
    lex.expect(']');
    return names;
  }

  private constGroup(): void {
    let previousType: GoType | null = null;
    this.group(() => {
      previousType = this.valueSpec(true, previousType);
    });
  }

  /** `a, b T = x, y`; returns the spec's written type, which later constants of a group repeat. */
  private valueSpec(isConst: boolean, repeatedType: GoType | null = null): GoType | null {
    const lex = this.lex;
    const names = [lex.identifier()];
    while (lex.is(',')) {
      lex.next();
      names.push(lex.identifier());
    }
    let type: GoType | null = null;
    if (!lex.is('=') && lex.tok() !== Tok.Semi && !lex.is(')') && lex.tok() !== Tok.EOF) type = this.type();
    const values: (string | null)[] = [];
    let hasValues = false;
    if (lex.is('=')) {
      hasValues = true;
      lex.next();
      for (;;) {
        values.push(type ? this.skipExpression() : this.value());
        if (!lex.is(',')) break;
        lex.next();
      }
    }
    if (isConst && !type && !hasValues) type = repeatedType;
    names.forEach((name, index) => {
      if (name === '_') return;
      if (type) {
        this.decls.values[name] = type;
        return;
      }
      const entry = values.length === names.length ? values[index] : values.length === 1 ? this.tupleEntry(values[0], index) : null;
      if (entry) this.decls.values[name] = entry;
    });
    return type;
  }

  /** The i-th value of a one-call initialiser of several names: a chain only (a literal has one value). */
  private tupleEntry(entry: string | null, index: number): string | null {
    if (!entry || !entry.startsWith('@') || entry.includes('#')) return null;
    return `${entry}#${index}`;
  }

  /**
   * One initialiser: its type when the syntax shows it (composite literal, string, func literal), the chain of
   * calls and selections from a package-level name it comes from (`@...`), or null. Always moves past it.
   */
  private value(): string | null {
    const lex = this.lex;
    let address = false;
    if (lex.is('&')) {
      address = true;
      lex.next();
    }
    let result: string | null = null;
    if (lex.tok() === Tok.String) {
      lex.next();
      result = address ? pointerTo('string') : 'string';
    } else if (lex.isWord('func')) {
      lex.next();
      const signature = this.signature();
      if (!lex.is('{')) return this.skipExpression();
      lex.skipBalanced();
      result = address ? null : signature;
    } else if (lex.is('[') || lex.isWord('map') || lex.isWord('struct')) {
      const type = this.type();
      if (!lex.is('{')) return this.skipExpression();
      lex.skipBalanced();
      result = address ? pointerTo(type) : type;
    } else if (lex.isIdentifier()) {
      result = this.chainOrLiteral(address);
      if (result === null) return this.skipExpression();
    } else {
      return this.skipExpression();
    }
    return this.atExpressionEnd() ? result : this.skipExpression();
  }

  /** `T{...}`, `pkg.T{...}`, or a chain `a.b(...).c` from a package-level name. */
  private chainOrLiteral(address: boolean): string | null {
    const lex = this.lex;
    const first = lex.identifier();
    // Predeclared constants are not package members to look up.
    if (first === 'true' || first === 'false' || first === 'iota' || first === 'nil') return null;
    let base: string;
    let typeName: GoType | null;
    if (lex.is('.') && this.imports.has(first)) {
      lex.next();
      const member = lex.identifier();
      base = `"${this.imports.get(first)}".${member}`;
      typeName = named(this.imports.get(first)!, member);
    } else {
      base = `"${this.ownPackage}".${first}`;
      typeName = PREDECLARED_TYPES.has(first) ? named('', first) : named(this.ownPackage, first);
    }
    if (lex.is('{')) {
      lex.skipBalanced();
      return address ? pointerTo(typeName) : typeName;
    }
    if (lex.is('[')) {
      // `T[int]{...}` is a composite literal of a generic type; `x[i]` is an index, which we do not follow.
      lex.skipBalanced();
      if (!lex.is('{')) return null;
      lex.skipBalanced();
      return address ? pointerTo(typeName) : typeName;
    }
    const steps: string[] = [];
    for (;;) {
      if (lex.is('(')) {
        lex.skipBalanced();
        steps.push('()');
      } else if (lex.is('.')) {
        lex.next();
        if (!lex.isIdentifier()) return null;
        steps.push(`.${lex.value}`);
        lex.next();
      } else {
        break;
      }
    }
    return encodeChain({ base, steps, ...(address ? { address } : {}) });
  }

  private atExpressionEnd(): boolean {
    const lex = this.lex;
    return lex.tok() === Tok.Semi || lex.tok() === Tok.EOF || lex.is(',') || lex.is(')');
  }

  /** Moves past an expression to the `,`, `;` or closing `)` after it; always null. */
  private skipExpression(): null {
    const lex = this.lex;
    while (!this.atExpressionEnd()) {
      if (lex.is('(') || lex.is('[') || lex.is('{')) lex.skipBalanced();
      else lex.next();
    }
    return null;
  }

  private funcDecl(): void {
    const lex = this.lex;
    lex.next();
    let receiver: { name: string; pointer: boolean; typeArguments: string[] } | null = null;
    if (lex.is('(')) receiver = this.receiver();
    const name = lex.identifier();
    this.typeParameters = receiver ? new Set(receiver.typeArguments) : lex.is('[') ? this.typeParameterList() : new Set();
    try {
      const signature = this.signature();
      if (receiver) this.decls.methods[`${receiver.name}.${name}`] = `${receiver.pointer ? '*' : ''}${signature}`;
      else if (name !== '_' && name !== 'init') this.decls.funcs[name] = signature;
    } finally {
      this.typeParameters = new Set();
    }
    if (lex.is('{')) {
      const bodyStart = lex.start;
      lex.skipBalanced();
      if (name !== '_' && this.mayLoopForever(bodyStart, lex.start)) {
        const loops = (this.decls.loops ??= []);
        if (!loops.includes(name)) loops.push(name);
      }
    }
  }

  /** Whether the body between `start` and `end` may hold a loop with no way out (see FileDecls.loops). */
  private mayLoopForever(start: number, end: number): boolean {
    const text = this.lex.text;
    if (!this.loopStarts) {
      this.loopStarts = [];
      for (const match of text.matchAll(ENDLESS_LOOP_ALL)) this.loopStarts.push(match.index!);
      this.timerValues = this.loopStarts.length > 0 && namesTimerValues(text);
    }
    while (this.nextLoop < this.loopStarts.length && this.loopStarts[this.nextLoop] < start) this.nextLoop++;
    if (this.nextLoop === this.loopStarts.length || this.loopStarts[this.nextLoop] >= end) return false;
    const body = text.slice(start, end);
    return ENDLESS_LOOP.test(body) && mayHoldEndlessLoopText(body, this.timerValues);
  }

  /** `(r *Repo)`, `(Repo)`, `(l *List[T])` → the receiver's base type name, pointer-ness and type parameters. */
  private receiver(): { name: string; pointer: boolean; typeArguments: string[] } {
    const lex = this.lex;
    lex.expect('(');
    if (lex.isIdentifier()) {
      const mark = lex.mark();
      lex.next();
      if (lex.is(')') || lex.is('[') || lex.is('.')) lex.reset(mark);
    }
    let pointer = false;
    while (lex.is('*') || lex.is('(')) {
      if (lex.is('*')) pointer = true;
      lex.next();
    }
    const name = lex.identifier();
    const typeArguments: string[] = [];
    if (lex.is('[')) {
      lex.next();
      while (!lex.is(']') && lex.tok() !== Tok.EOF) {
        if (lex.tok() === Tok.Ident) typeArguments.push(lex.value);
        lex.next();
      }
      lex.expect(']');
    }
    while (lex.is(')')) lex.next();
    return { name, pointer, typeArguments };
  }

  /** `(params) results` → the func type string. */
  private signature(): GoType {
    const { types, variadic } = this.parameters();
    let results: GoType[] = [];
    if (this.lex.is('(')) results = this.parameters().types;
    else if (this.startsType()) results = [this.type()];
    return funcType(types, results, variadic);
  }

  private startsType(): boolean {
    const lex = this.lex;
    if (lex.tok() === Tok.Ident) return !KEYWORDS.has(lex.value) || TYPE_START_WORDS.has(lex.value);
    return lex.tok() === Tok.Op && TYPE_START_OPS.has(lex.value);
  }

  /**
   * A parameter list: all named (`a, b int, c ...string`) or all unnamed (`int, string`); each name counts once.
   * A lone name in a named list takes the type of the entry after it.
   */
  private parameters(): { types: GoType[]; variadic: boolean } {
    const lex = this.lex;
    lex.expect('(');
    const entries: { name?: string; type?: GoType; variadic?: boolean }[] = [];
    while (!lex.is(')')) {
      if (lex.tok() === Tok.EOF) throw new ScanError('unclosed parameter list');
      entries.push(this.parameterEntry());
      if (lex.is(',')) lex.next();
      else if (!lex.is(')')) throw new ScanError('expected , or )');
    }
    lex.next();
    const named = entries.some((e) => e.name !== undefined && e.type !== undefined);
    const types: GoType[] = [];
    let variadic = false;
    let pending = 0;
    for (const entry of entries) {
      if (named) {
        if (entry.type === undefined) {
          pending++;
          continue;
        }
        for (let i = 0; i <= pending; i++) types.push(entry.type);
        pending = 0;
      } else {
        types.push(entry.type ?? this.typeName(entry.name!));
      }
      if (entry.variadic) variadic = true;
    }
    return { types, variadic };
  }

  /** One entry: `name type`, `name ...type`, `type`, `...type`, or a lone name (a type or a name; decided later). */
  private parameterEntry(): { name?: string; type?: GoType; variadic?: boolean } {
    const lex = this.lex;
    if (lex.is('...')) {
      lex.next();
      return { type: this.type(), variadic: true };
    }
    if (!lex.isIdentifier()) return { type: this.type() };
    const mark = lex.mark();
    const name = lex.value;
    lex.next();
    if (lex.is(',') || lex.is(')')) return { name };
    if (lex.is('.')) {
      lex.reset(mark);
      return { type: this.type() };
    }
    if (lex.is('...')) {
      lex.next();
      return { name, type: this.type(), variadic: true };
    }
    if (lex.is('[')) {
      // `a []int` / `a [4]int` name a parameter; `List[int]` is a generic type.
      const inner = lex.mark();
      lex.next();
      if (!lex.is(']')) {
        lex.reset(inner);
        lex.skipBalanced();
        const generic = lex.is(',') || lex.is(')');
        lex.reset(generic ? mark : inner);
        if (generic) return { type: this.type() };
      } else {
        lex.reset(inner);
      }
    }
    return { name, type: this.type() };
  }

  private typeName(name: string): GoType {
    if (this.typeParameters.has(name)) return UNKNOWN;
    return PREDECLARED_TYPES.has(name) ? named('', name) : named(this.ownPackage, name);
  }

  /** One type, in the canonical syntax. */
  private type(): GoType {
    const lex = this.lex;
    if (lex.tok() === Tok.Ident) {
      switch (lex.value) {
        case 'func':
          lex.next();
          return this.signature();
        case 'map': {
          lex.next();
          lex.expect('[');
          const key = this.type();
          lex.expect(']');
          return `map[${key}]${this.type()}`;
        }
        case 'chan': {
          lex.next();
          if (lex.is('<-')) {
            lex.next();
            return `chan<- ${this.type()}`;
          }
          return `chan ${this.type()}`;
        }
        case 'struct':
          return this.struct();
        case 'interface':
          return this.interface();
      }
      if (KEYWORDS.has(lex.value)) throw new ScanError('expected a type');
      const first = lex.value;
      lex.next();
      let type: GoType;
      if (lex.is('.')) {
        lex.next();
        const member = lex.identifier();
        const pkg = this.imports.get(first);
        type = pkg ? named(pkg, member) : UNKNOWN;
      } else {
        type = this.typeName(first);
      }
      if (lex.is('[') && this.typeArgumentsFollow()) lex.skipBalanced();
      return type;
    }
    if (lex.is('*')) {
      lex.next();
      return pointerTo(this.type());
    }
    if (lex.is('(')) {
      lex.next();
      const inner = this.type();
      lex.expect(')');
      return inner;
    }
    if (lex.is('<-')) {
      lex.next();
      if (!lex.isWord('chan')) throw new ScanError('expected chan');
      lex.next();
      return `<-chan ${this.type()}`;
    }
    if (lex.is('[')) {
      lex.next();
      if (lex.is(']')) {
        lex.next();
        return `[]${this.type()}`;
      }
      const start = lex.start;
      let depth = 0;
      while (depth > 0 || !lex.is(']')) {
        if (lex.tok() === Tok.EOF) throw new ScanError('unclosed array length');
        if (lex.is('[') || lex.is('(')) depth++;
        else if ((lex.is(']') || lex.is(')')) && depth > 0) depth--;
        lex.next();
      }
      const length = lex.text.slice(start, lex.start).replace(/[\s\]]/g, '');
      lex.next();
      return `[${length}]${this.type()}`;
    }
    throw new ScanError('expected a type');
  }

  /** After a type name, `[` starts type arguments unless it is the `[]`/`[N]` of something that follows. */
  private typeArgumentsFollow(): boolean {
    const lex = this.lex;
    const mark = lex.mark();
    lex.next();
    const empty = lex.is(']');
    lex.reset(mark);
    return !empty;
  }

  private struct(): GoType {
    const lex = this.lex;
    lex.next();
    lex.expect('{');
    const parts: string[] = [];
    for (;;) {
      this.skipSemis();
      if (lex.is('}')) break;
      if (lex.tok() === Tok.EOF) throw new ScanError('unclosed struct');
      parts.push(...this.fieldDecl());
      if (lex.tok() === Tok.String) lex.next(); // the tag
      if (!lex.is('}') && lex.tok() !== Tok.Semi) throw new ScanError('expected ; or }');
    }
    lex.next();
    return `struct{${parts.join('; ')}}`;
  }

  /** One field line: `a, b T`, `T`, `*T`, `pkg.T`, `Base[T]` → the canonical field entries. */
  private fieldDecl(): string[] {
    const lex = this.lex;
    if (lex.is('*') || !lex.isIdentifier()) return [this.embedded()];
    const mark = lex.mark();
    const first = lex.value;
    lex.next();
    if (lex.tok() === Tok.Semi || lex.is('}') || lex.tok() === Tok.String || lex.is('.')) {
      lex.reset(mark);
      return [this.embedded()];
    }
    if (lex.is('[')) {
      const inner = lex.mark();
      lex.next();
      const slice = lex.is(']');
      lex.reset(inner);
      if (!slice) {
        lex.skipBalanced();
        const generic = lex.tok() === Tok.Semi || lex.is('}') || lex.tok() === Tok.String;
        lex.reset(generic ? mark : inner);
        if (generic) return [this.embedded()];
      }
    }
    const names = [first];
    while (lex.is(',')) {
      lex.next();
      names.push(lex.identifier());
    }
    const type = this.type();
    return names.map((name) => `${name} ${type}`);
  }

  private embedded(): string {
    return this.type();
  }

  private interface(): GoType {
    const lex = this.lex;
    lex.next();
    lex.expect('{');
    const parts: string[] = [];
    for (;;) {
      this.skipSemis();
      if (lex.is('}')) break;
      if (lex.tok() === Tok.EOF) throw new ScanError('unclosed interface');
      const part = this.interfaceElement();
      if (part) parts.push(part);
      if (!lex.is('}') && lex.tok() !== Tok.Semi) throw new ScanError('expected ; or }');
    }
    lex.next();
    return `interface{${parts.join('; ')}}`;
  }

  /** `Name(params) results` → `Name func(...)`; an embedded type → the type; a union or `~T` → nothing. */
  private interfaceElement(): string | null {
    const lex = this.lex;
    if (lex.isIdentifier()) {
      const mark = lex.mark();
      const name = lex.value;
      lex.next();
      if (lex.is('(')) return `${name} ${this.signature()}`;
      lex.reset(mark);
    }
    const start = lex.mark();
    let union = lex.is('~');
    let depth = 0;
    while (depth > 0 || (lex.tok() !== Tok.Semi && !lex.is('}'))) {
      if (lex.tok() === Tok.EOF) throw new ScanError('unclosed interface');
      if (lex.is('|') && depth === 0) union = true;
      if (lex.is('(') || lex.is('[') || lex.is('{')) {
        lex.skipBalanced();
        continue;
      }
      lex.next();
    }
    if (union) return null;
    const end = lex.mark();
    lex.reset(start);
    const type = this.type();
    lex.reset(end);
    return type;
  }
}
