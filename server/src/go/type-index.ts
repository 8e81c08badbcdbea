/**
 * The declaration index: every analysed file's package-level declarations, grouped by package (its import
 * path), with the library signatures of `go/knowledge` behind them. A package's members are visible to every
 * file of the package and to every importer, so a rule in one file can learn the type of `store.DB` or of
 * `r.db` whatever file declares it.
 *
 * Lookups can be recorded: the language server keeps, per file, the members an analysis asked about, and
 * re-analyses the file only when one of them changes.
 */
import { createHash } from 'node:crypto';
import type { FileDecls } from './declarations';
import { IMPORTS, ImportQuestions } from './import-questions';
import { matchesTarget, MentionGraph, mentionedNames, qualifiedName, Reach } from './type-reach';

/** Entries by name; null marks a name declared differently in two files (build-tagged variants): unknown. */
interface PackageMembers {
  types: Map<string, string | null>;
  values: Map<string, string | null>;
  funcs: Map<string, string | null>;
  methods: Map<string, string | null>;
}

/** A declaration's key in change sets and recorded lookups: `<package>#<name>` or `<package>#<Type>.<method>`. */
export function memberKey(pkg: string, name: string): string {
  return `${pkg}#${name}`;
}

/** The key under which an analysis that asked `reach(target)` depends on its answer (see `memberFingerprint`). */
export function reachKey(target: string): string {
  return memberKey(REACH, target);
}

const REACH = '~reach';

/** The key under which an analysis that asked `importedWithin` depends on its answer. */
export function importsKey(within: string, pkg: string, wanted: readonly string[]): string {
  return memberKey(IMPORTS, JSON.stringify([within, pkg, wanted]));
}

const LOOPS = '~loops';

/** What `loopingFunctionNames` is asked for to hear of every package at once. */
export const EVERY_PACKAGE = '*';

/** The key under which an analysis that asked `loopingFunctionNames(pkg)` depends on its answer. */
export function loopingNamesKey(pkg: string): string {
  return memberKey(LOOPS, pkg);
}

/** Whether a key stands for a derived answer (`reach`, `importedWithin`, `loopingFunctionNames`) rather than one member. */
export function isDerivedKey(key: string): boolean {
  return key.startsWith(`${REACH}#`) || key.startsWith(`${IMPORTS}#`) || key.startsWith(`${LOOPS}#`);
}

const TABLES = ['types', 'values', 'funcs', 'methods'] as const;

export class TypeIndex {
  private readonly files = new Map<string, { pkg: string; decls: FileDecls }>();
  private readonly filesByPackage = new Map<string, Set<string>>();
  private readonly merged = new Map<string, PackageMembers>();
  /** When set, every member looked up is added here (see `recording`). */
  private recorder: Set<string> | undefined;
  /** `reach` answers by target, kept up to date as declarations change (see `updateReaches`). */
  private readonly reaches = new Map<string, Reach>();
  /** Who mentions what: built when `reach` is first asked (or from the start, see `keepMentions`), then kept up to date. */
  private graph: MentionGraph | undefined;
  private mentionsKept = false;
  /** `loopingFunctionNames` answers by package (and for EVERY_PACKAGE), dropped when some file's loops change. */
  private readonly loopingNameSets = new Map<string, Set<string>>();
  /** Packages whose `loopingFunctionNames` changes are reported (see `watch`), with the answers' fingerprints. */
  private readonly watchedLoops = new Map<string, string>();
  /**
   * Derived answers' fingerprints (reach, imports, loops) for the index as it stands, by key: worked out once,
   * or given by `presetDerived`; dropped on any change.
   */
  private readonly derived = new Map<string, string>();
  /** `importedWithin` answers, read from the files' imports. */
  private readonly imports = new ImportQuestions(
    () => this.filesByPackage.keys(),
    (pkg) => [...(this.filesByPackage.get(pkg) ?? [])].map((path) => this.files.get(path)!.decls),
  );
  /** Import path → the non-test files that import it; built on demand, dropped on every change. */
  private importers: Map<string, string[]> | undefined;

  constructor(
    /** Consulted for members no workspace file declares: the library signatures. */
    private readonly fallback?: TypeIndex,
  ) {}

  get fileCount(): number {
    return this.files.size;
  }

  /** The package a file was indexed under. */
  packageOf(path: string): string | undefined {
    return this.files.get(path)?.pkg;
  }

  declsOf(path: string): FileDecls | undefined {
    return this.files.get(path)?.decls;
  }

  /** The non-test files that import a package. */
  importedBy(importPath: string): readonly string[] {
    if (!this.importers) {
      this.importers = new Map();
      for (const [path, { decls }] of this.files) {
        if (path.endsWith('_test.go')) continue;
        for (const spec of decls.imports) {
          const list = this.importers.get(spec.path);
          if (list) list.push(path);
          else this.importers.set(spec.path, [path]);
        }
      }
    }
    return this.importers.get(importPath) ?? [];
  }

  /** Paths of the files of a package. */
  filesOf(pkg: string): string[] {
    return [...(this.filesByPackage.get(pkg) ?? [])];
  }

  /** The import paths of the workspace packages indexed (library signatures left out). */
  packages(): IterableIterator<string> {
    return this.filesByPackage.keys();
  }

  hasPackage(pkg: string): boolean {
    return (this.filesByPackage.get(pkg)?.size ?? 0) > 0 || !!this.fallback?.hasPackage(pkg);
  }

  /**
   * Stores a file's declarations under a package; returns the keys of the members whose declaration changed
   * (added, removed or different), which is what files that looked them up depend on.
   */
  setFile(path: string, pkg: string, decls: FileDecls): Set<string> {
    const previous = this.files.get(path);
    const importsChanged = !previous || JSON.stringify(previous.decls.imports) !== JSON.stringify(decls.imports);
    if (importsChanged) {
      this.importers = undefined;
      this.derived.clear();
    }
    const changed = new Set<string>();
    if (previous && previous.pkg !== pkg) {
      for (const key of this.deleteFile(path)) changed.add(key);
      return this.addFile(path, pkg, decls, changed);
    }
    if (previous) {
      for (const key of diffKeys(pkg, previous.decls, decls)) changed.add(key);
      this.files.set(path, { pkg, decls });
      if (changed.size > 0) this.graph?.set(path, decls);
      if (changed.size > 0) this.merged.delete(pkg);
      if (JSON.stringify(previous.decls.loops) !== JSON.stringify(decls.loops)) this.loopsChanged(pkg, changed);
      if (importsChanged) this.imports.changedIn(pkg, changed);
      return this.updateReaches(changed, pkg, decls);
    }
    return this.addFile(path, pkg, decls, changed);
  }

  private addFile(path: string, pkg: string, decls: FileDecls, changed: Set<string>): Set<string> {
    this.files.set(path, { pkg, decls });
    this.graph?.set(path, decls);
    let set = this.filesByPackage.get(pkg);
    if (!set) this.filesByPackage.set(pkg, (set = new Set()));
    set.add(path);
    this.merged.delete(pkg);
    if (decls.loops) this.loopsChanged(pkg, changed);
    for (const key of memberKeys(pkg, decls)) changed.add(key);
    changed.add(memberKey(pkg, ''));
    this.imports.changedIn(pkg, changed);
    return this.updateReaches(changed, pkg, decls);
  }

  /** Forgets a file; returns the keys of the members it declared. */
  deleteFile(path: string): Set<string> {
    const previous = this.files.get(path);
    if (!previous) return new Set();
    this.importers = undefined;
    this.files.delete(path);
    this.graph?.delete(path);
    const set = this.filesByPackage.get(previous.pkg);
    set?.delete(path);
    if (set && set.size === 0) this.filesByPackage.delete(previous.pkg);
    const keys = new Set(memberKeys(previous.pkg, previous.decls));
    keys.add(memberKey(previous.pkg, ''));
    this.merged.delete(previous.pkg);
    if (previous.decls.loops) this.loopsChanged(previous.pkg, keys);
    this.imports.changedIn(previous.pkg, keys);
    return this.updateReaches(keys);
  }

  clear(): void {
    this.importers = undefined;
    this.reaches.clear();
    this.graph = undefined;
    if (this.mentionsKept) this.mentionGraph();
    this.imports.clear();
    this.derived.clear();
    this.loopingNameSets.clear();
    this.watchedLoops.clear();
    this.files.clear();
    this.filesByPackage.clear();
    this.merged.clear();
  }

  /** Runs `work` with every lookup recorded into `into`. */
  recording<T>(into: Set<string> | undefined, work: () => T): T {
    const previous = this.recorder;
    this.recorder = into;
    try {
      return work();
    } finally {
      this.recorder = previous;
    }
  }

  /**
   * What a member key (`pkg#name`, `pkg#Type.method`, `pkg#` for the package itself) stands for now, as one
   * string: a cached analysis that looked the member up is still right exactly when this has not changed.
   */
  memberFingerprint(key: string): string {
    const hash = key.indexOf('#');
    const pkg = key.slice(0, hash);
    const name = key.slice(hash + 1);
    if (pkg === REACH || pkg === IMPORTS || pkg === LOOPS) {
      let fingerprint = this.derived.get(key);
      if (fingerprint === undefined) {
        fingerprint = pkg === REACH ? this.reachOf(name).fingerprint : pkg === IMPORTS ? this.imports.fingerprint(key) : this.loopsFingerprint(name);
        this.derived.set(key, fingerprint);
      }
      return fingerprint;
    }
    if (name === '') return this.hasPackage(pkg) ? `package:${this.filesOf(pkg).length}` : 'none';
    const members = this.membersOf(pkg);
    const parts = TABLES.map((kind) => {
      const found = members?.[kind].get(name);
      if (found !== undefined) return found === null ? '∅ambiguous' : found;
      return this.fallback?.membersOf(pkg)?.[kind].get(name) ?? '';
    });
    return parts.join('\u0001');
  }

  /**
   * The names through which a value of the named type `target` (`"log".Logger`) can reach a file: see
   * type-reach.ts. Recorded like a lookup: the answer is one fact, which changes only when declarations that lead
   * to the type do.
   */
  reach(target: string): Reach {
    this.recorder?.add(reachKey(target));
    return this.reachOf(target);
  }

  /**
   * Reports changes of a derived answer (a `reach`, `importedWithin` or `loopingFunctionNames` key) from now on, in what
   * `setFile` and `deleteFile` return: the language server does, for the files whose analyses asked it.
   */
  watch(key: string): void {
    if (key.startsWith(`${REACH}#`)) this.reachOf(key.slice(REACH.length + 1));
    else if (key.startsWith(`${IMPORTS}#`)) this.imports.watch(key);
    else if (key.startsWith(`${LOOPS}#`)) {
      const pkg = key.slice(LOOPS.length + 1);
      if (!this.watchedLoops.has(pkg)) this.watchedLoops.set(pkg, this.loopsFingerprint(pkg));
    }
  }

  /**
   * Which of `wanted` the files of some packages import: the packages at or below `within` (a module path; none
   * when '') and `pkg`. Recorded as one fact, like `reach`.
   */
  importedWithin(within: string, pkg: string, wanted: readonly string[]): ReadonlySet<string> {
    const key = importsKey(within, pkg, wanted);
    this.recorder?.add(key);
    return new Set(this.imports.answer(key));
  }

  /**
   * The functions and methods of a package (a method by its name alone) whose body may hold a loop with no way out
   * (FileDecls.loops); of every package for EVERY_PACKAGE. Recorded as one fact: an analysis that skipped a file's
   * goroutines because they start none of them, or counted where they are mentioned, depends on which names there are.
   */
  loopingFunctionNames(pkg: string): ReadonlySet<string> {
    this.recorder?.add(loopingNamesKey(pkg));
    return this.loopingNamesOf(pkg);
  }

  private loopingNamesOf(pkg: string): Set<string> {
    let names = this.loopingNameSets.get(pkg);
    if (!names) {
      names = new Set();
      const packages = pkg === EVERY_PACKAGE ? [...this.filesByPackage.keys()] : [pkg];
      for (const p of packages) for (const path of this.filesByPackage.get(p) ?? []) for (const name of this.files.get(path)!.decls.loops ?? []) names.add(name);
      this.loopingNameSets.set(pkg, names);
    }
    return names;
  }

  private loopsFingerprint(pkg: string): string {
    return createHash('sha1').update([...this.loopingNamesOf(pkg)].sort().join(',')).digest('hex');
  }

  /** A file of `pkg` with loops came or went, or changed its loops: drops the answers that read it, reports watched changes. */
  private loopsChanged(pkg: string, changed: Set<string>): void {
    this.loopingNameSets.delete(pkg);
    this.loopingNameSets.delete(EVERY_PACKAGE);
    this.derived.clear();
    for (const asked of [pkg, EVERY_PACKAGE]) {
      const before = this.watchedLoops.get(asked);
      if (before === undefined) continue;
      const now = this.loopsFingerprint(asked);
      if (now === before) continue;
      this.watchedLoops.set(asked, now);
      changed.add(loopingNamesKey(asked));
    }
  }

  private reachOf(target: string): Reach {
    let reach = this.reaches.get(target);
    if (!reach) this.reaches.set(target, (reach = this.mentionGraph().reach(target)));
    return reach;
  }

  /**
   * Keeps who-mentions-what up to date from the first file on, instead of building it at the first `reach`: the
   * language server's thread then never stops for the whole build (tens of milliseconds on the standard library)
   * while keys are typed; each file costs a few microseconds as it is declared.
   */
  keepMentions(): void {
    this.mentionsKept = true;
    this.mentionGraph();
  }

  private mentionGraph(): MentionGraph {
    if (!this.graph) {
      // The library signatures go under keys no workspace file has.
      const library = this.fallback?.files;
      const graph = new MentionGraph((file) => (file.startsWith('\u0000') ? library?.get(file.slice(1)) : this.files.get(file)));
      for (const [path, { decls }] of library ?? []) graph.set(`\u0000${path}`, decls);
      for (const [path, { decls }] of this.files) graph.set(path, decls);
      this.graph = graph;
    }
    return this.graph;
  }

  /**
   * After declarations changed (`changed`; `decls` the new ones of package `pkg`, if any): works each kept
   * `reach` answer out again when the change may touch it, and adds its key to `changed` when it did change.
   * Only a member that led to the target, or whose new entry mentions a name that does, can change the answer;
   * any other edit (most of them) costs a few set lookups.
   */
  private updateReaches(changed: Set<string>, pkg?: string, decls?: FileDecls): Set<string> {
    if (changed.size > 0) this.derived.clear();
    for (const [target, reach] of this.reaches) {
      if (![...changed].some((key) => mayChangeReach(target, reach, key, pkg, decls))) continue;
      const now = this.graph!.reach(target);
      this.reaches.set(target, now);
      if (now.fingerprint !== reach.fingerprint) changed.add(reachKey(target));
    }
    return changed;
  }

  /**
   * Takes derived answers' fingerprints worked out before for exactly these declarations (the result cache keeps
   * them with a hash of every file's path, package and declarations): a re-run need not build what they came from.
   */
  presetDerived(fingerprints: Readonly<Record<string, string>>): void {
    for (const key in fingerprints) if (isDerivedKey(key)) this.derived.set(key, fingerprints[key]);
  }

  /** The derived answers' fingerprints known for the index as it stands (see `presetDerived`). */
  derivedFingerprints(): Record<string, string> {
    return Object.fromEntries(this.derived);
  }

  /** A named type's entry: its underlying type, or `=T` for an alias. */
  lookupType(pkg: string, name: string): string | undefined {
    return this.lookup(pkg, name, 'types');
  }

  /** A package variable's or typed constant's entry: its type, or `@chain`. */
  lookupValue(pkg: string, name: string): string | undefined {
    return this.lookup(pkg, name, 'values');
  }

  /** A function's signature. */
  lookupFunc(pkg: string, name: string): string | undefined {
    return this.lookup(pkg, name, 'funcs');
  }

  /** A method's entry: its signature, `*` first for a pointer receiver. */
  lookupMethod(pkg: string, typeName: string, method: string): string | undefined {
    return this.lookup(pkg, `${typeName}.${method}`, 'methods');
  }

  private lookup(pkg: string, name: string, kind: keyof PackageMembers): string | undefined {
    this.recorder?.add(memberKey(pkg, name));
    const found = this.membersOf(pkg)?.[kind].get(name);
    if (found === null) return undefined;
    if (found !== undefined) return found;
    return this.fallback?.lookup(pkg, name, kind);
  }

  private membersOf(pkg: string): PackageMembers | undefined {
    let members = this.merged.get(pkg);
    if (members) return members;
    const paths = this.filesByPackage.get(pkg);
    if (!paths || paths.size === 0) return undefined;
    members = { types: new Map(), values: new Map(), funcs: new Map(), methods: new Map() };
    // Sorted, so a name declared twice resolves the same way whatever order the files were indexed in.
    for (const path of [...paths].sort()) {
      const decls = this.files.get(path)!.decls;
      merge(members.types, decls.types);
      merge(members.values, decls.values);
      merge(members.funcs, decls.funcs);
      merge(members.methods, decls.methods);
    }
    this.merged.set(pkg, members);
    return members;
  }
}

/** Whether changing the member `key` may change `reach`, the answer for `target` (see `updateReaches`). */
function mayChangeReach(target: string, reach: Reach, key: string, pkg: string | undefined, decls: FileDecls | undefined): boolean {
  const hash = key.indexOf('#');
  const keyPackage = key.slice(0, hash);
  const name = key.slice(hash + 1);
  if (name === '' || isDerivedKey(key)) return false;
  const dot = name.indexOf('.');
  if (dot >= 0 ? reach.methods.has(name.slice(dot + 1)) : reach.names.has(qualifiedName(keyPackage, name))) return true;
  if (keyPackage !== pkg || !decls) return false;
  // A name of a whole package (`"go.uber.org/zap".*`) leads to the target even when no entry mentioned it before.
  const leads = (mentioned: string) => reach.names.has(mentioned) || matchesTarget(target, mentioned);
  return TABLES.some((kind) => Object.hasOwn(decls[kind], name) && mentionedNames(decls[kind][name]).some(leads));
}

function merge(into: Map<string, string | null>, from: Record<string, string>): void {
  for (const name in from) {
    const entry = from[name];
    const existing = into.get(name);
    if (existing === undefined) into.set(name, entry);
    else if (existing !== null && existing !== entry) into.set(name, null);
  }
}

function* memberKeys(pkg: string, decls: FileDecls): Iterable<string> {
  for (const table of [decls.types, decls.values, decls.funcs, decls.methods]) for (const name in table) yield memberKey(pkg, name);
}

function diffKeys(pkg: string, before: FileDecls, after: FileDecls): Set<string> {
  const changed = new Set<string>();
  const tables: (keyof Pick<FileDecls, 'types' | 'values' | 'funcs' | 'methods'>)[] = ['types', 'values', 'funcs', 'methods'];
  for (const table of tables) {
    const a = before[table];
    const b = after[table];
    for (const name in a) if (!(name in b) || a[name] !== b[name]) changed.add(memberKey(pkg, name));
    for (const name in b) if (!(name in a)) changed.add(memberKey(pkg, name));
  }
  if (before.package !== after.package) changed.add(memberKey(pkg, ''));
  return changed;
}
