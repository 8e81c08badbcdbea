/**
 * Go is written in packages: a file's package is its directory (its import path, from go.mod) plus its package
 * name (`foo_test` files in foo's directory form a package of their own). The pipeline analyses whole packages
 * in dependency order, so that when a file's rules run, the declarations of its own package and of every
 * package it imports are already in the type index — the way `go vet` hands facts to importers.
 */
import type { FileLocation } from './rule';

/** The import path of a file's directory: module path + directory, the bare directory in Go's own `std` module. */
export function importPathOfLocation(location: FileLocation): string {
  const { modulePath, packageDir } = location;
  if (modulePath === 'std') return packageDir;
  if (modulePath) return packageDir ? `${modulePath}/${packageDir}` : modulePath;
  // Outside any module the directory is the only identity; the prefix keeps it apart from real import paths.
  const slash = location.path.lastIndexOf('/');
  return `<dir>/${slash < 0 ? '.' : location.path.slice(0, slash)}`;
}

/** The type index's key for a file's package. */
export function packageKeyOf(location: FileLocation, packageName: string): string {
  const importPath = importPathOfLocation(location);
  return packageName.endsWith('_test') && location.path.endsWith('_test.go') ? `${importPath}_test` : importPath;
}

/** What the pipeline needs before parsing: the package clause and the import paths, read from the text alone. */
export interface GoHeader {
  packageName: string;
  imports: string[];
}

/**
 * Reads the package clause and the import declarations with a small lexer: comments, strings of both kinds,
 * grouped and single imports, aliases. It stops at the first other declaration.
 */
export function readHeader(text: string): GoHeader {
  const lexer = new HeaderLexer(text);
  let packageName = '';
  const imports: string[] = [];
  if (lexer.word() !== 'package') return { packageName, imports };
  packageName = lexer.word() ?? '';
  for (;;) {
    lexer.skipSemicolons();
    if (lexer.peekWord() !== 'import') break;
    lexer.word();
    if (lexer.peek() === '(') {
      lexer.next();
      for (;;) {
        lexer.skipSemicolons();
        if (lexer.peek() === ')' || lexer.peek() === '') {
          lexer.next();
          break;
        }
        const path = lexer.importSpec();
        if (path === null) return { packageName, imports };
        imports.push(path);
      }
    } else {
      const path = lexer.importSpec();
      if (path === null) break;
      imports.push(path);
    }
  }
  return { packageName, imports };
}

class HeaderLexer {
  private at = 0;
  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.at = 1;
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t[this.at];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.at++;
      else if (t.startsWith('//', this.at)) {
        const end = t.indexOf('\n', this.at);
        this.at = end < 0 ? t.length : end + 1;
      } else if (t.startsWith('/*', this.at)) {
        const end = t.indexOf('*/', this.at + 2);
        this.at = end < 0 ? t.length : end + 2;
      } else break;
    }
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.at] ?? '';
  }

  next(): void {
    this.skipSpace();
    this.at++;
  }

  skipSemicolons(): void {
    while (this.peek() === ';') this.at++;
  }

  peekWord(): string | null {
    const start = this.at;
    const word = this.word();
    this.at = start;
    return word;
  }

  word(): string | null {
    this.skipSpace();
    const match = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(this.text.slice(this.at, this.at + 256));
    if (!match) return null;
    this.at += match[0].length;
    return match[0];
  }

  /** `"path"`, `alias "path"`, `. "path"`, `_ "path"`: the path, or null when this is not an import spec. */
  importSpec(): string | null {
    let c = this.peek();
    if (c === '.' || c === '_') {
      this.at++;
      c = this.peek();
    } else if (c !== '"' && c !== '`') {
      if (this.word() === null) return null;
      c = this.peek();
    }
    if (c !== '"' && c !== '`') return null;
    const end = this.text.indexOf(c, this.at + 1);
    if (end < 0) return null;
    const path = this.text.slice(this.at + 1, end);
    this.at = end + 1;
    return path;
  }
}

/** A file the pipeline will analyse, placed and keyed before it is parsed. */
export interface PlannedFile {
  path: string;
  location: FileLocation;
  packageKey: string;
  /** Import paths of the non-test files only: a test may import a package that imports its own. */
  imports: string[];
}

/**
 * Groups files by package and orders the packages so that every package comes after the packages it imports
 * (among those being analysed). Ties and import cycles (possible only in broken code) are broken by key order,
 * so the order — and every finding — is the same from run to run.
 */
export function orderPackages(files: readonly PlannedFile[]): PlannedFile[][] {
  const byKey = new Map<string, PlannedFile[]>();
  for (const file of files) {
    const group = byKey.get(file.packageKey);
    if (group) group.push(file);
    else byKey.set(file.packageKey, [file]);
  }
  const imports = new Map<string, string[]>();
  for (const [key, group] of byKey) {
    const deps = new Set<string>();
    for (const file of group) for (const path of file.imports) if (path !== key && byKey.has(path)) deps.add(path);
    // An external test package depends on the package it tests.
    if (key.endsWith('_test') && byKey.has(key.slice(0, -5))) deps.add(key.slice(0, -5));
    imports.set(key, [...deps].sort());
  }
  const ordered: PlannedFile[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (root: string) => {
    // Iterative depth-first search: deep import chains must not overflow the stack.
    const stack: { key: string; next: number }[] = [{ key: root, next: 0 }];
    state.set(root, 'visiting');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const deps = imports.get(frame.key)!;
      if (frame.next < deps.length) {
        const dep = deps[frame.next++];
        if (!state.has(dep)) {
          state.set(dep, 'visiting');
          stack.push({ key: dep, next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(frame.key, 'done');
      ordered.push(byKey.get(frame.key)!.slice().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
    }
  };
  for (const key of [...byKey.keys()].sort()) if (!state.has(key)) visit(key);
  return ordered;
}
