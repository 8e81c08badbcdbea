/**
 * Which declarations can hand a file a value of one named type (`*log.Logger`), worked out from the type index
 * alone. The resolver learns every type from a declaration's entry (or from syntax that names the type's package),
 * so a value of the type can only reach a file through names: a package-level name whose entry mentions the
 * type, or mentions another such name (a struct with a logger field, a function returning that struct, a
 * variable holding its result...), or a method whose signature does. A file that imports neither the type's
 * package nor writes any of those names cannot hold such a value, and a rule looking for one need not parse it.
 */
import { createHash } from 'node:crypto';
import { APOSTROPHE, BACKSLASH, BACKTICK, DOT, isWordChar, isWordStart, NEWLINE, NINE, QUOTE, RETURN, SLASH, SPACE, STAR, TAB, WordReader, wordHash, ZERO } from './char-codes';
import type { FileDecls } from './declarations';
import type { Resolver } from './resolver';
import type { SourceFile } from './source';

/** What leads to a target type: qualified package-level names (`"net/http".Server`) and method names (`Logger`). */
export interface Reach {
  names: ReadonlySet<string>;
  methods: ReadonlySet<string>;
  /** Changes exactly when `names` or `methods` do: the result cache and the language server compare it. */
  fingerprint: string;
}

const NONE: string[] = [];

/**
 * The qualified names an entry mentions (types, chains' bases): each `"path".Name`, read with indexOf rather than
 * a pattern (the workspace's every entry goes through here when the graph is built).
 */
export function mentionedNames(entry: string): string[] {
  let open = entry.indexOf('"');
  // Most entries name predeclared types only (`int`, `func(string) error`).
  if (open < 0) return NONE;
  const found: string[] = [];
  while (open >= 0) {
    const close = entry.indexOf('"', open + 1);
    if (close < 0) break;
    let end = close + 2;
    if (entry.charCodeAt(close + 1) === DOT && isWordStart(entry.charCodeAt(end))) {
      while (end < entry.length && isWordChar(entry.charCodeAt(end))) end++;
      found.push(entry.slice(open, end));
      open = entry.indexOf('"', end);
    } else open = close;
  }
  return found;
}

/** Whether a qualified name is one of a `reach` target's patterns (see MentionGraph.reach). */
export function matchesTarget(target: string, name: string): boolean {
  return target.split(' ').some((pattern) => (pattern.endsWith('.*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

/** A package-level name as entries spell it. */
export function qualifiedName(pkg: string, name: string): string {
  return `"${pkg}".${name}`;
}

const TABLES = ['types', 'values', 'funcs', 'methods'] as const;

/** The files whose declarations mention one qualified name. */
interface Mentions {
  target: string;
  files: string[];
}

/**
 * Which files' declarations mention which names, kept up to date file by file, so that working out what leads to
 * a type is a walk over the few files that do, not a read of every entry of the workspace. Files are named by
 * key; `declsOf` gives back their declarations when the walk needs them.
 */
export class MentionGraph {
  private readonly mentionedBy = new Map<string, Mentions>();
  /** File → what its declarations mention (to take it out again). */
  private readonly byFile = new Map<string, Mentions[]>();

  constructor(private readonly declsOf: (file: string) => { pkg: string; decls: FileDecls } | undefined) {}

  /** Adds (or replaces) a file's declarations. */
  set(file: string, decls: FileDecls): void {
    this.delete(file);
    const seen = new Set<string>();
    const list: Mentions[] = [];
    for (const kind of TABLES) {
      const table = decls[kind];
      for (const name in table) {
        for (const target of mentionedNames(table[name])) {
          if (seen.has(target)) continue;
          seen.add(target);
          let mentions = this.mentionedBy.get(target);
          if (!mentions) this.mentionedBy.set(target, (mentions = { target, files: [] }));
          mentions.files.push(file);
          list.push(mentions);
        }
      }
    }
    if (list.length > 0) this.byFile.set(file, list);
  }

  delete(file: string): void {
    for (const mentions of this.byFile.get(file) ?? []) {
      mentions.files.splice(mentions.files.indexOf(file), 1);
      if (mentions.files.length === 0) this.mentionedBy.delete(mentions.target);
    }
    this.byFile.delete(file);
  }

  /**
   * Everything that leads to `target`: a walk back over who mentions what. The target is one or more patterns
   * separated by spaces, each a qualified name (`"log".Logger`) or every name of a package (`"go.uber.org/zap".*`).
   */
  reach(target: string): Reach {
    const names = new Set<string>();
    for (const pattern of target.split(' ')) {
      if (!pattern.endsWith('.*')) names.add(pattern);
      else {
        const prefix = pattern.slice(0, -1);
        for (const name of this.mentionedBy.keys()) if (name.startsWith(prefix)) names.add(name);
      }
    }
    const methods = new Set<string>();
    const queue = [...names];
    while (queue.length > 0) {
      const name = queue.pop()!;
      for (const file of this.mentionedBy.get(name)?.files ?? []) {
        const found = this.declsOf(file);
        if (!found) continue;
        for (const kind of TABLES) {
          const table = found.decls[kind];
          for (const member in table) {
            const entry = table[member];
            if (!entry.includes(name) || !mentionedNames(entry).includes(name)) continue;
            if (kind === 'methods') methods.add(member.slice(member.indexOf('.') + 1));
            else {
              const qualified = qualifiedName(found.pkg, member);
              if (!names.has(qualified)) {
                names.add(qualified);
                queue.push(qualified);
              }
            }
          }
        }
      }
    }
    const hash = createHash('sha1');
    for (const name of [...names].sort()) hash.update(name).update('\u0000');
    hash.update('\u0001');
    for (const name of [...methods].sort()) hash.update(name).update('\u0000');
    return { names, methods, fingerprint: hash.digest('hex') };
  }
}

/** Every type of these packages, as a `reach` target. */
export function packagesTarget(paths: readonly string[]): string {
  return paths.map((path) => `"${path}".*`).join(' ');
}

/**
 * Whether a file may hold a value of `target`'s types (see `reach`), whose packages are `paths`: false only when it
 * imports none of them, nothing with a dot, and writes no name that leads to the target. A file whose imports are
 * known only from its tree is a "maybe". Rules ask it before they parse a file to look for such values.
 */
export function mayHoldTypeOf(file: SourceFile, types: Resolver, paths: readonly string[], target: string): boolean {
  if (!file.importsFromText || file.importPathOf('.') !== undefined || paths.some((path) => file.mayImport(path))) return true;
  return mayNameReach(file.text, types.index.reach(target), types.ownPackage, (name) => file.importPathOf(name));
}

/**
 * Whether the code of a file may name something in `reach`: a selector `.Name` of a method in it, `pkg.Name` of a
 * listed name through an import's local name, or a plain `Name` of its own package's. Comments and literals are
 * left out; an unterminated literal or comment (broken code) is a "maybe". A small lexer that makes a string only
 * of the words whose hash is one of the reach's simple names: most words are not.
 */
export function mayNameReach(text: string, reach: Reach, ownPackage: string, importPathOf: (localName: string) => string | undefined): boolean {
  const { words, hashes } = simpleNamesOf(reach);
  const length = text.length;
  const reader = new WordReader();
  /** The last token was a `.`; `operand` then spans the word before it, if that was a word. */
  let afterDot = false;
  let operandStart = -1;
  let operandEnd = -1;
  let wordStart = -1;
  let wordEnd = -1;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (isWordStart(c)) {
      const start = i;
      reader.read(text, start);
      i = reader.end;
      if (hashes.has(reader.hash)) {
        const word = text.slice(start, i);
        if (words.has(word)) {
          if (!afterDot) {
            if (reach.names.has(qualifiedName(ownPackage, word))) return true;
          } else {
            if (reach.methods.has(word)) return true;
            const path = operandStart >= 0 ? importPathOf(text.slice(operandStart, operandEnd)) : undefined;
            if (path !== undefined && reach.names.has(qualifiedName(path, word))) return true;
          }
        }
      }
      afterDot = false;
      wordStart = start;
      wordEnd = i;
      continue;
    }
    if (c === SPACE || c === TAB || c === NEWLINE || c === RETURN) {
      i++;
      continue;
    }
    if (c === SLASH && (text.charCodeAt(i + 1) === SLASH || text.charCodeAt(i + 1) === STAR)) {
      const end = text.charCodeAt(i + 1) === SLASH ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
      if (end < 0 && text.charCodeAt(i + 1) === STAR) return true;
      i = end < 0 ? length : text.charCodeAt(i + 1) === SLASH ? end : end + 2;
      continue;
    }
    if (c === DOT && !(text.charCodeAt(i + 1) === DOT && text.charCodeAt(i + 2) === DOT)) {
      afterDot = true;
      operandStart = wordStart;
      operandEnd = wordEnd;
      wordStart = -1;
      i++;
      continue;
    }
    if (c === QUOTE || c === APOSTROPHE || c === BACKTICK) {
      const end = literalEnd(text, i, c);
      if (end < 0) return true;
      i = end;
    } else if (c >= ZERO && c <= NINE) {
      // A number's letters and dots (0x1f, 1e9, 1.5) are no names.
      for (i++; i < length; i++) {
        const d = text.charCodeAt(i);
        if (!isWordStart(d) && !(d >= ZERO && d <= NINE) && d !== DOT) break;
      }
    } else i += c === DOT ? 3 : 1;
    afterDot = false;
    wordStart = -1;
  }
  return false;
}

/** Past the literal that starts at `i` with quote `c`; -1 when it never ends. */
function literalEnd(text: string, i: number, c: number): number {
  if (c === BACKTICK) {
    const end = text.indexOf('`', i + 1);
    return end < 0 ? -1 : end + 1;
  }
  for (let j = i + 1; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === BACKSLASH) j++;
    else if (d === c) return j + 1;
    else if (d === NEWLINE) return -1;
  }
  return -1;
}

const simpleNames = new WeakMap<Reach, { words: Set<string>; hashes: Set<number> }>();

/** The last parts of a reach's names, and its methods: the only words a file's check must look at. */
function simpleNamesOf(reach: Reach): { words: Set<string>; hashes: Set<number> } {
  let found = simpleNames.get(reach);
  if (!found) {
    const words = new Set(reach.methods);
    for (const name of reach.names) words.add(name.slice(name.lastIndexOf('.') + 1));
    found = { words, hashes: new Set([...words].map(wordHash)) };
    simpleNames.set(reach, found);
  }
  return found;
}
