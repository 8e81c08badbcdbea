/**
 * "Which of these import paths do the files of a module import?", asked of the type index by a rule that may only
 * write a logger the module already requires (log-unstructured's conversion target). The answer is one derived
 * fact with its own key: recorded by the analysis that asked, compared by the result cache, and reported as
 * changed to the language server when some file's imports change it.
 */
import type { FileDecls } from './declarations';

/** The package part of an `importedWithin` key (see TypeIndex.importsKey). */
export const IMPORTS = '~imports';

interface Question {
  /** A module path: its packages are read (none when ''). */
  within: string;
  /** The asking file's package, always read. */
  pkg: string;
  wanted: string[];
}

function questionOf(key: string): Question {
  const [within, pkg, wanted] = JSON.parse(key.slice(IMPORTS.length + 1)) as [string, string, string[]];
  return { within, pkg, wanted };
}

function readsPackage(question: Question, p: string): boolean {
  return p === question.pkg || (question.within !== '' && (p === question.within || p.startsWith(question.within + '/')));
}

export class ImportQuestions {
  /** Each package's import paths (`_` imports left out), read when asked; dropped when its files' imports change. */
  private readonly packageImports = new Map<string, Set<string>>();
  /** Answers by key, until some import changes. */
  private readonly answers = new Map<string, string[]>();
  /** Keys whose changes are reported (see `watch`), with their answers' fingerprints. */
  private readonly watched = new Map<string, string>();

  constructor(
    private readonly packages: () => Iterable<string>,
    private readonly declsOf: (pkg: string) => readonly FileDecls[],
  ) {}

  /** The wanted paths the question's packages import, sorted. */
  answer(key: string): string[] {
    let answer = this.answers.get(key);
    if (!answer) {
      const question = questionOf(key);
      const found = new Set<string>();
      for (const p of this.packages()) {
        if (!readsPackage(question, p)) continue;
        const imports = this.importsOf(p);
        for (const path of question.wanted) if (imports.has(path)) found.add(path);
      }
      this.answers.set(key, (answer = [...found].sort()));
    }
    return answer;
  }

  fingerprint(key: string): string {
    return this.answer(key).join('\n');
  }

  /** Reports the key's changes from now on (see `changedIn`). */
  watch(key: string): void {
    if (!this.watched.has(key)) this.watched.set(key, this.fingerprint(key));
  }

  /**
   * After the imports of a file of `pkg` changed: drops what was read from them, and adds to `changed` the watched
   * keys whose answer changed. Only questions that read `pkg`, and ask for a path whose presence in it changed,
   * are worked out again.
   */
  changedIn(pkg: string, changed: Set<string>): void {
    const before = this.packageImports.get(pkg);
    this.packageImports.delete(pkg);
    this.answers.clear();
    if (this.watched.size === 0) return;
    const after = this.importsOf(pkg);
    for (const [key, fingerprint] of this.watched) {
      const question = questionOf(key);
      if (!readsPackage(question, pkg)) continue;
      if (before && question.wanted.every((path) => before.has(path) === after.has(path))) continue;
      const now = this.fingerprint(key);
      if (now === fingerprint) continue;
      this.watched.set(key, now);
      changed.add(key);
    }
  }

  clear(): void {
    this.packageImports.clear();
    this.answers.clear();
    this.watched.clear();
  }

  private importsOf(pkg: string): Set<string> {
    let imports = this.packageImports.get(pkg);
    if (!imports) {
      imports = new Set();
      for (const decls of this.declsOf(pkg)) for (const spec of decls.imports) if (spec.alias !== '_') imports.add(spec.path);
      this.packageImports.set(pkg, imports);
    }
    return imports;
  }
}
