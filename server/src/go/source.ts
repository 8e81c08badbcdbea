/** A parsed Go file: text, syntax tree, line index and import table. */
import type { SyntaxNode, Tree } from './parser';
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
  readonly imports: ImportSpec[];
  private readonly byLocalName = new Map<string, ImportSpec>();
  private readonly importedPaths: ReadonlySet<string>;
  private cachedPackageName: string | undefined;

  constructor(
    /** Workspace-relative or absolute path, as the caller names files; always with `/` separators. */
    readonly path: string,
    readonly text: string,
    readonly tree: Tree,
  ) {
    this.lineStarts = computeLineStarts(text);
    this.imports = readImports(tree.rootNode);
    for (const spec of this.imports) this.byLocalName.set(spec.localName, spec);
    this.importedPaths = new Set(this.imports.map((spec) => spec.path));
  }

  get root(): SyntaxNode {
    return this.tree.rootNode;
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

  /** The import path a local package name stands for, if the file imports it under that name. */
  importPathOf(localName: string): string | undefined {
    return this.byLocalName.get(localName)?.path;
  }

  /** The name this file uses for an import path, or undefined when it does not import it. */
  localNameOf(importPath: string): string | undefined {
    return this.imports.find((s) => s.path === importPath && s.localName !== '_' && s.localName !== '.')?.localName;
  }

  /** True when `expr` is a selector `pkg.Name` where pkg is an import of one of `importPaths`. */
  isPackageSelector(expr: SyntaxNode | null | undefined, importPaths: readonly string[], names?: readonly string[]): boolean {
    // Most files import none of the packages asked about: answer before touching the tree, where every
    // property read is a call into WASM.
    if (!importPaths.some((p) => this.importedPaths.has(p))) return false;
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
