/** A parsed Go file: text, syntax tree, line index and import table. */
import type { SyntaxNode, Tree } from './parser';
import type { ImportDecl } from './declarations';
import type { Position, Range } from '../engine/types';

export interface ImportSpec {
  /** The import path without quotes, e.g. `database/sql`. */
  path: string;
  /** The name the file uses for it: the alias, or the last path element (major-version suffix skipped). */
  localName: string;
  /** `_` and `.` imports are kept but never resolve a selector. */
  node: SyntaxNode;
}

export class SourceFile {
  readonly lineStarts: number[];
  private treeValue: Tree | undefined;
  private readonly parseTree: (() => Tree) | undefined;
  private importList: ImportSpec[] | undefined;
  private importNames: ImportNames | undefined;
  private cachedPackageName: string | undefined;
  private readonly writtenPaths = new Map<string, boolean>();

  constructor(
    /** Workspace-relative or absolute path, as the caller names files; always with `/` separators. */
    readonly path: string,
    readonly text: string,
    /**
     * The tree, or how to parse it: a lazy file is parsed only when something asks for its tree, so rules that
     * rule themselves out from the text (most of them, on most files) cost no parse at all.
     */
    tree: Tree | (() => Tree),
    /** The package name when the caller already read it from the text (the declaration scanner does). */
    packageName?: string,
    /** The imports when the caller already read them from the text: paths and names are then known without a tree. */
    private readonly declaredImports?: readonly ImportDecl[],
  ) {
    this.lineStarts = computeLineStarts(text);
    if (typeof tree === 'function') this.parseTree = tree;
    else this.treeValue = tree;
    this.cachedPackageName = packageName;
  }

  get tree(): Tree {
    if (!this.treeValue) {
      if (!this.parseTree) throw new Error(`the tree of ${this.path} was disposed`);
      this.treeValue = this.parseTree();
      parseObserver?.(this);
    }
    return this.treeValue;
  }

  /** Frees the tree, if it was ever parsed: trees live in WASM memory, out of the garbage collector's reach. */
  dispose(): void {
    this.treeValue?.delete();
    this.treeValue = undefined;
  }

  /** Whether the tree exists (a lazy file that nothing asked about was never parsed). */
  get parsed(): boolean {
    return this.treeValue !== undefined;
  }

  get root(): SyntaxNode {
    return this.tree.rootNode;
  }

  /** The import specs with their nodes (for edits): read from the tree. */
  get imports(): ImportSpec[] {
    this.importList ??= readImports(this.root);
    return this.importList;
  }

  /** Whether import paths and names are known without a tree (the caller gave the declarations read from the text). */
  get importsFromText(): boolean {
    return this.declaredImports !== undefined;
  }

  /** The import paths (`_` and `.` imports included). */
  get importPaths(): ReadonlySet<string> {
    return this.names().paths;
  }

  /** Paths and local names: from the declarations read from the text when given (no parse), else from the tree. */
  private names(): ImportNames {
    if (!this.importNames) {
      const specs = this.declaredImports
        ? this.declaredImports.map((spec) => ({ path: spec.path, localName: spec.alias || defaultPackageName(spec.path) }))
        : this.imports.map(({ path, localName }) => ({ path, localName }));
      this.importNames = { specs, byLocalName: new Map(specs.map((spec) => [spec.localName, spec.path])), paths: new Set(specs.map((spec) => spec.path)) };
    }
    return this.importNames;
  }

  get isTest(): boolean {
    return this.path.endsWith('_test.go');
  }

  /** The package name from the package clause, or '' when the file is too broken to tell. */
  get packageName(): string {
    // Read once: rules ask per node, and listing the root's children marshals every top-level declaration.
    if (this.cachedPackageName === undefined) {
      const clause = this.root.namedChildren.find((n) => n?.type === 'package_clause');
      this.cachedPackageName = clause?.namedChild(0)?.text ?? '';
    }
    return this.cachedPackageName;
  }

  /** Whether the file imports `importPath` (under any name, `_` and `.` included). */
  hasImport(importPath: string): boolean {
    return this.mayImport(importPath) && this.names().paths.has(importPath);
  }

  /** Whether the file may import `importPath`: false is certain and answered from the text alone. */
  mayImport(importPath: string): boolean {
    // Asked per node by some rules: each answer is a search of the whole text, so it is kept.
    let written = this.writtenPaths.get(importPath);
    if (written === undefined) {
      written = this.text.includes(`"${importPath}"`) || this.text.includes(`\`${importPath}\``);
      this.writtenPaths.set(importPath, written);
    }
    return written;
  }

  /** The import path a local package name stands for, if the file imports it under that name. */
  importPathOf(localName: string): string | undefined {
    return this.names().byLocalName.get(localName);
  }

  /** The name this file uses for an import path, or undefined when it does not import it. */
  localNameOf(importPath: string): string | undefined {
    if (!this.mayImport(importPath)) return undefined;
    return this.names().specs.find((s) => s.path === importPath && s.localName !== '_' && s.localName !== '.')?.localName;
  }

  /** True when `expr` is a selector `pkg.Name` where pkg is an import of one of `importPaths`. */
  isPackageSelector(expr: SyntaxNode | null | undefined, importPaths: readonly string[], names?: readonly string[]): boolean {
    // Most files import none of the packages asked about: answer before touching the tree, where every
    // property read is a call into WASM.
    if (!importPaths.some((p) => this.mayImport(p))) return false;
    const { paths } = this.names();
    if (!importPaths.some((p) => paths.has(p))) return false;
    if (!expr || expr.type !== 'selector_expression') return false;
    const operand = expr.childForFieldName('operand');
    const field = expr.childForFieldName('field');
    if (!operand || !field || operand.type !== 'identifier') return false;
    const importPath = this.importPathOf(operand.text);
    if (!importPath || !importPaths.includes(importPath)) return false;
    return !names || names.includes(field.text);
  }

  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  /** The leading tabs and spaces of a line. */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))![0];
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line] ?? this.text.length;
    return Math.min(start + position.character, this.text.length);
  }

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.lineStarts[low] };
  }
}

let parseObserver: ((file: SourceFile) => void) | undefined;

/** Tells `observer` of every lazy parse (tests hold which files needed a tree). */
export function observeParses(observer: ((file: SourceFile) => void) | undefined): void {
  parseObserver = observer;
}

/** The range a node covers, in LSP units (web-tree-sitter already counts UTF-16 columns). */
export function rangeOf(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

interface ImportNames {
  specs: { path: string; localName: string }[];
  byLocalName: Map<string, string>;
  paths: ReadonlySet<string>;
}

function readImports(root: SyntaxNode): ImportSpec[] {
  const specs: ImportSpec[] = [];
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'import_declaration') continue;
    for (const spec of decl.descendantsOfType('import_spec')) {
      if (!spec) continue;
      const pathNode = spec.childForFieldName('path');
      if (!pathNode) continue;
      const importPath = pathNode.text.replace(/^["`]|["`]$/g, '');
      const alias = spec.childForFieldName('name')?.text;
      specs.push({ path: importPath, localName: alias ?? defaultPackageName(importPath), node: spec });
    }
  }
  return specs;
}

/**
 * The package name an import path is assumed to have (goimports' rule): the last element, or the one before a
 * `/vN` suffix, without a `go-` prefix, cut at the first character that cannot be in an identifier
 * (`kafka-go` → kafka, `nats.go` → nats, `yaml.v3` → yaml).
 */
export function defaultPackageName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  if (last.startsWith('go-')) last = last.slice(3);
  const cut = last.search(/[^\p{L}\p{N}_]/u);
  return cut >= 0 ? last.slice(0, cut) : last;
}
