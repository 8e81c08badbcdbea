/**
 * Per-file facts about database handles for the workspace rule `db-shared-pool`: which handles a file declares,
 * which other packages' handles it references, and which domain packages it hands handles to. Everything here is
 * plain JSON: the rule's `check` resolves the facts across packages without any syntax tree.
 */
import { fieldChildren } from '../../go/syntax';
import type { Settings } from '../../engine/config';
import { domainOf } from '../../engine/domains';
import { enclosingFunction, findAll, findAllWithin, identifiersByName, parametersOf } from '../../go/syntax';

const DECLARING_NODES = ['function_declaration', 'method_declaration', 'func_literal', 'short_var_declaration', 'var_spec', 'range_clause'];
import type { SyntaxNode } from '../../go/parser';
import type { FileLocation } from '../../engine/rule';
import { rangeOf, SourceFile } from '../../go/source';
import type { Range } from '../../engine/types';
import {
  ArgRef,
  businessDomain,
  FuncFact,
  GlobalFact,
  GlobalOpenFact,
  HANDLE_TYPES,
  HandoffFact,
  HARNESS_DIRS,
  LocalFact,
  LocalSplitPlan,
  ONE_OFF_CALLS,
  Origin,
  RefFact,
  ScopeFact,
  SharingFacts,
  SplitPlanners,
  TypeKey,
} from './db-sharing-types';

/** Functions that open a new handle, by import path, with the type they return. */
const OPENERS: Record<string, { names: string[]; type: TypeKey }> = {
  'database/sql': { names: ['Open', 'OpenDB'], type: 'database/sql.DB' },
  'github.com/jmoiron/sqlx': { names: ['Open', 'Connect', 'ConnectContext', 'NewDb', 'MustOpen', 'MustConnect'], type: 'github.com/jmoiron/sqlx.DB' },
  'gorm.io/gorm': { names: ['Open'], type: 'gorm.io/gorm.DB' },
  'github.com/jinzhu/gorm': { names: ['Open'], type: 'github.com/jinzhu/gorm.DB' },
};

/** Methods that look after a pool rather than query through it. */
const UPKEEP = new Set(['SetMaxOpenConns', 'SetMaxIdleConns', 'SetConnMaxLifetime', 'SetConnMaxIdleTime', 'Close', 'Ping', 'PingContext', 'Stats']);

/** The directory holding the file's go.mod, from its path and its package directory. */
function moduleRootOf(location: FileLocation): string {
  const dir = location.path.includes('/') ? location.path.slice(0, location.path.lastIndexOf('/')) : '';
  return location.packageDir ? dir.slice(0, Math.max(0, dir.length - location.packageDir.length - 1)) : dir;
}

/**
 * A package's key: `<module root>|<import path>`, so two checkouts of one module in a workspace never merge.
 * Without a module, the directory stands in for the import path.
 */
export function packageKeyOf(location: FileLocation): string {
  const importPath = !location.modulePath ? `./${location.packageDir}` : location.packageDir ? `${location.modulePath}/${location.packageDir}` : location.modulePath;
  return `${moduleRootOf(location)}|${importPath}`;
}

/** Facts about how a file declares, references and hands out database handles; undefined when it has none. */
export function collectSharingFacts(
  file: SourceFile,
  settings: Settings,
  location: FileLocation,
  planners: SplitPlanners,
): SharingFacts | undefined {
  if (file.isTest || location.packageDir.split('/').some((segment) => HARNESS_DIRS.has(segment))) return undefined;
  const reader = new FactReader(file, settings, location);
  const facts: SharingFacts = { pkg: reader.ownPkg, globals: [], holders: [], funcs: [], refs: [], scopes: [], globalOpens: [] };
  for (const decl of file.root.namedChildren) {
    if (!decl) continue;
    if (decl.type === 'var_declaration') facts.globals.push(...reader.globals(decl));
    else if (decl.type === 'type_declaration') facts.holders.push(...reader.holders(decl));
    else if (decl.type === 'function_declaration' || decl.type === 'method_declaration') {
      if (decl.type === 'function_declaration') facts.funcs.push(reader.func(decl));
      const scope = reader.scope(decl, planners, facts.globalOpens);
      if (scope) facts.scopes.push(scope);
    }
  }
  facts.refs = reader.refs();
  const empty = !facts.globals.length && !facts.holders.length && !facts.refs.length && !facts.scopes.length && !facts.globalOpens.length;
  return empty && !facts.funcs.some((f) => f.result) ? undefined : facts;
}

class FactReader {
  readonly ownPkg: string;
  private readonly root: string;

  constructor(
    readonly file: SourceFile,
    readonly settings: Settings,
    readonly location: FileLocation,
  ) {
    this.ownPkg = packageKeyOf(location);
    this.root = moduleRootOf(location);
    this.moduleLocals = new Set(file.imports.map((spec) => spec.localName).filter((name) => this.isModulePackage(this.importKey(name))));
  }

  /** Local names of the imports of this module's other packages: only `name.X` selectors can refer to them. */
  private readonly moduleLocals: Set<string>;

  /**
   * True when the node's text begins with one of those names, read from the file text: selectors and calls come
   * by the thousand, and asking the tree for each operand is what made these facts slow on big files.
   */
  private startsWithModuleLocal(node: SyntaxNode): boolean {
    return this.moduleLocals.size > 0 && this.moduleLocals.has(leadingIdentifier(this.file.text, node.startIndex));
  }

  /** The package key an import name stands for: rooted for this module's packages, the plain path otherwise. */
  private importKey(localName: string): string | undefined {
    const importPath = this.file.importPathOf(localName);
    const module = this.location.modulePath;
    if (!importPath || !module || (importPath !== module && !importPath.startsWith(module + '/'))) return importPath;
    return `${this.root}|${importPath}`;
  }

  /** True for a package key inside this file's module other than its own package. */
  private isModulePackage(key: string | undefined): key is string {
    return !!key && key !== this.ownPkg && key.startsWith(`${this.root}|`) && !!this.location.modulePath;
  }

  private domainOfPackage(key: string): string {
    const module = this.location.modulePath;
    const importPath = key.slice(this.root.length + 1);
    return domainOf(importPath === module ? '' : importPath.slice(module.length + 1), this.settings);
  }

  /** `*sql.DB`, `store.Store`, `Store` → a type key; null for anything else. */
  typeKey(node: SyntaxNode | null | undefined): TypeKey | null {
    if (!node) return null;
    if (node.type === 'pointer_type') return this.typeKey(node.namedChild(0));
    if (node.type === 'type_identifier') return `${this.ownPkg}.${node.text}`;
    if (node.type === 'qualified_type') {
      const pkg = this.importKey(node.childForFieldName('package')?.text ?? '');
      const name = node.childForFieldName('name')?.text;
      return pkg && name ? `${pkg}.${name}` : null;
    }
    return null;
  }

  /** Only types that can be (or hold) a handle are worth keeping: the drivers' and this module's own. */
  private interesting(type: TypeKey | null): type is TypeKey {
    if (!type) return false;
    if (HANDLE_TYPES[type]) return true;
    const pkg = type.slice(0, type.lastIndexOf('.'));
    return pkg === this.ownPkg || this.isModulePackage(pkg);
  }

  /** Where the value of an expression comes from, when it may be a handle. */
  origin(expr: SyntaxNode | null | undefined): Origin | null {
    if (!expr) return null;
    if (expr.type === 'unary_expression' && expr.child(0)?.text === '&') return this.origin(expr.childForFieldName('operand'));
    if (expr.type === 'composite_literal') {
      const type = this.typeKey(expr.childForFieldName('type'));
      return this.interesting(type) ? { kind: 'type', type } : null;
    }
    if (expr.type !== 'call_expression') return null;
    const fn = expr.childForFieldName('function');
    if (fn?.type === 'identifier') return { kind: 'call', func: `${this.ownPkg}.${fn.text}` };
    if (fn?.type !== 'selector_expression') return null;
    const pkg = this.importKey(fn.childForFieldName('operand')?.text ?? '');
    const name = fn.childForFieldName('field')?.text ?? '';
    if (!pkg || fn.childForFieldName('operand')?.type !== 'identifier') return null;
    const opener = OPENERS[pkg];
    if (opener?.names.includes(name)) return { kind: 'type', type: opener.type };
    return this.isModulePackage(pkg) ? { kind: 'call', func: `${pkg}.${name}` } : null;
  }

  /** The origin of the i-th name of a `var` spec or `:=`: its type, else its own value, else a lone call. */
  private specOrigin(type: SyntaxNode | null, values: SyntaxNode[], index: number, count: number): Origin | null {
    const declared = this.typeKey(type);
    if (type) return this.interesting(declared) ? { kind: 'type', type: declared } : null;
    if (values.length === count) return this.origin(values[index]);
    return index === 0 && values.length === 1 ? this.origin(values[0]) : null;
  }

  globals(decl: SyntaxNode): GlobalFact[] {
    const found: GlobalFact[] = [];
    for (const spec of decl.descendantsOfType('var_spec')) {
      if (!spec) continue;
      const names = fieldChildren(spec, 'name').filter((n): n is SyntaxNode => !!n);
      const values = named(spec.childForFieldName('value'));
      const type = spec.childForFieldName('type');
      const at = { line: decl.endPosition.row, character: this.file.lineText(decl.endPosition.row).length };
      names.forEach((name, i) => {
        const origin = this.specOrigin(type, values, i, names.length);
        if (!origin || name.text === '_') return;
        found.push({ name: name.text, range: rangeOf(name), origin, ...(type ? { split: { at, type: type.text } } : {}) });
      });
    }
    return found;
  }

  holders(decl: SyntaxNode): SharingFacts['holders'] {
    const found: SharingFacts['holders'] = [];
    for (const spec of decl.descendantsOfType('type_spec')) {
      const struct = spec?.childForFieldName('type');
      if (!spec || struct?.type !== 'struct_type') continue;
      for (const field of struct.descendantsOfType('field_declaration')) {
        // Only the struct's own fields, not those of a nested anonymous struct.
        if (!field || field.parent?.parent?.id !== struct.id) continue;
        const type = this.typeKey(field.childForFieldName('type'));
        if (!type || !HANDLE_TYPES[type]) continue;
        const names = fieldChildren(field, 'name').filter((n): n is SyntaxNode => !!n);
        const typeName = spec.childForFieldName('name')!.text;
        if (names.length === 0) found.push({ name: typeName, field: type.slice(type.lastIndexOf('.') + 1), type, range: rangeOf(field) });
        for (const name of names) found.push({ name: typeName, field: name.text, type, range: rangeOf(name) });
      }
    }
    return found;
  }

  func(decl: SyntaxNode): FuncFact {
    const result = decl.childForFieldName('result');
    const first = result?.type === 'parameter_list' ? result.namedChildren.find((d) => d?.type === 'parameter_declaration')?.childForFieldName('type') : result;
    const type = this.typeKey(first);
    const returns = new Set<string>();
    for (const ret of findAll(decl, 'return_statement')) {
      const value = named(ret.namedChild(0))[0];
      // Returns inside closures answer for the closure, not for the function.
      if (value?.type === 'identifier' && enclosingFunction(ret)?.id === decl.id) returns.add(value.text);
    }
    const params: FuncFact['params'] = [];
    parametersOf(decl).forEach((p, index) => {
      const key = this.typeKey(p.node.type === 'identifier' ? p.node.parent?.childForFieldName('type') : p.node.childForFieldName('type'));
      if (this.interesting(key)) params.push({ index, name: p.name, range: rangeOf(p.node), type: key });
    });
    return { name: decl.childForFieldName('name')!.text, ...(this.interesting(type) ? { result: type } : {}), returns: [...returns], params };
  }

  /** Selector references to exported names of other packages of the module. */
  refs(): RefFact[] {
    const found: RefFact[] = [];
    for (const sel of findAll(this.file.root, 'selector_expression')) {
      if (!this.startsWithModuleLocal(sel)) continue;
      const operand = sel.childForFieldName('operand');
      const field = sel.childForFieldName('field');
      if (operand?.type !== 'identifier' || !field || !/^[A-Z]/.test(field.text)) continue;
      const pkg = this.importKey(operand.text);
      if (!this.isModulePackage(pkg)) continue;
      const parent = sel.parent;
      const isCallee = parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === sel.id;
      const argCount = isCallee ? named(parent!.childForFieldName('arguments')).length : 0;
      // `pkg.F(args)` calls a function; only argument-less calls can be getters of a shared handle.
      if (isCallee && argCount > 0) continue;
      found.push({ pkg, name: field.text, range: rangeOf(sel), call: isCallee });
    }
    return found;
  }

  scope(fn: SyntaxNode, planners: SplitPlanners, globalOpens: GlobalOpenFact[]): ScopeFact | undefined {
    const locals: LocalFact[] = [];
    const declared = new Map<string, number>();
    const declare = (name: string) => declared.set(name, (declared.get(name) ?? 0) + 1);
    // Only declarations matter here: ask the parser for them instead of walking every node of the body.
    for (const node of findAllWithin(fn, DECLARING_NODES)) {
      if (node.type === 'function_declaration' || node.type === 'method_declaration' || node.type === 'func_literal') {
        const receivers = node.childForFieldName('receiver');
        for (const p of parametersOf(node)) {
          if (!p.name) continue;
          declare(p.name);
          const typeNode = p.node.type === 'identifier' ? p.node.parent?.childForFieldName('type') : null;
          const type = this.typeKey(typeNode);
          const receiver = !!receivers && p.node.startIndex >= receivers.startIndex && p.node.endIndex <= receivers.endIndex;
          if (this.interesting(type)) locals.push({ name: p.name, range: rangeOf(p.node), origin: { kind: 'type', type }, ...(receiver ? { receiver } : {}) });
        }
      } else if (node.type === 'short_var_declaration' || node.type === 'var_spec' || node.type === 'range_clause') {
        const names = node.type === 'var_spec' ? fieldChildren(node, 'name') : named(node.childForFieldName('left'));
        const values = named(node.childForFieldName(node.type === 'var_spec' ? 'value' : 'right'));
        names.forEach((name, i) => {
          if (!name || name.type !== 'identifier' || name.text === '_') return;
          declare(name.text);
          if (node.type === 'range_clause') return;
          const origin = this.specOrigin(node.type === 'var_spec' ? node.childForFieldName('type') : null, values, i, names.length);
          if (origin) locals.push({ name: name.text, range: rangeOf(name), origin });
        });
      }
    }
    for (const assign of findAllWithin(fn, 'assignment_statement')) {
      const left = named(assign.childForFieldName('left'));
      const right = named(assign.childForFieldName('right'));
      if (left.length !== 2 || right.length !== 1 || left.some((n) => n.type !== 'identifier') || declared.has(left[0].text)) continue;
      const origin = this.origin(right[0]);
      if (!origin || (origin.kind === 'type' && !HANDLE_TYPES[origin.type]?.poolable)) continue;
      const open = planners.globalOpen(this.file, assign, left[0].text, left[1].text);
      if (open) globalOpens.push(open);
    }
    // A name declared twice in one function (two closures, shadowing) cannot be followed by name alone.
    const unique = locals.filter((l) => declared.get(l.name) === 1);
    const handoffs: HandoffFact[] = [];
    const nodes = new Map<HandoffFact, SyntaxNode>();
    for (const site of findAllWithin(fn, ['call_expression', 'composite_literal'])) {
      if (!this.startsWithModuleLocal(site)) continue;
      const target = this.handoffTarget(site);
      if (!target) continue;
      for (const { node, index } of handoffArgs(site)) {
        const arg = this.argRef(node, declared, unique);
        if (!arg) continue;
        const fact: HandoffFact = { arg, range: rangeOf(node), ...target, index };
        handoffs.push(fact);
        nodes.set(fact, node);
      }
    }
    if (handoffs.length === 0 && unique.length === 0) return undefined;
    const handedNodes = new Set([...nodes.values()].map((n) => n.id));
    const mentions = identifiersByName(fn, new Set(unique.map((l) => l.name)));
    for (const local of unique) {
      local.usedHere = (mentions.get(local.name) ?? []).some((id) => {
        if (handedNodes.has(id.id) || sameStart(id, local.range)) return false;
        const parent = id.parent;
        const upkeep = parent?.type === 'selector_expression' && UPKEEP.has(parent.childForFieldName('field')?.text ?? '');
        // The declaring `x, err := open()` and `x, err = ...` are not uses either.
        return !upkeep && !(parent?.type === 'expression_list' && parent.parent?.childForFieldName('left')?.id === parent.id);
      });
    }
    const plans: Record<string, LocalSplitPlan> = {};
    const own = businessDomain(this.location.domain, this.settings);
    for (const local of unique) {
      const mine = handoffs.filter((h) => h.arg.kind === 'local' && h.arg.name === local.name);
      if (new Set(mine.map((h) => h.domain).filter((d) => d !== own)).size === 0) continue;
      const plan = planners.local(this.file, fn, local, mine, nodes, own);
      if (plan) plans[local.name] = plan;
    }
    return { locals: unique, handoffs, plans };
  }

  /** For `pkg.F(...)` or `pkg.T{...}` where pkg is another package of the module that belongs to a domain. */
  private handoffTarget(site: SyntaxNode): Pick<HandoffFact, 'pkg' | 'domain' | 'callee' | 'name'> | null {
    const callee = site.type === 'call_expression' ? site.childForFieldName('function') : site.childForFieldName('type');
    if (!callee || (callee.type !== 'selector_expression' && callee.type !== 'qualified_type')) return null;
    const operand = callee.childForFieldName(callee.type === 'selector_expression' ? 'operand' : 'package');
    const name = callee.childForFieldName(callee.type === 'selector_expression' ? 'field' : 'name');
    if (!operand || !name || (operand.type !== 'identifier' && operand.type !== 'package_identifier')) return null;
    const pkg = this.importKey(operand.text);
    if (!this.isModulePackage(pkg)) return null;
    const domain = businessDomain(this.domainOfPackage(pkg), this.settings);
    return domain && !ONE_OFF_CALLS.test(name.text) ? { pkg, domain, callee: callee.text, name: name.text } : null;
  }

  private argRef(node: SyntaxNode, declared: Map<string, number>, locals: LocalFact[]): ArgRef | null {
    if (node.type === 'identifier') {
      if (!declared.has(node.text)) return { kind: 'global', pkg: this.ownPkg, name: node.text };
      return locals.some((l) => l.name === node.text) ? { kind: 'local', name: node.text } : null;
    }
    if (node.type === 'selector_expression') {
      const operand = node.childForFieldName('operand');
      const holder = operand?.type === 'identifier' ? locals.find((l) => l.name === operand.text) : undefined;
      if (holder && !(holder.origin.kind === 'type' && HANDLE_TYPES[holder.origin.type])) {
        return { kind: 'field', local: holder.name, field: node.childForFieldName('field')!.text };
      }
      const pkg = operand?.type === 'identifier' && !declared.has(operand.text) ? this.importKey(operand.text) : undefined;
      if (this.isModulePackage(pkg)) return { kind: 'global', pkg, name: node.childForFieldName('field')!.text };
    }
    return null;
  }
}

/** The arguments of a call, or the element values of a composite literal, with their positions. */
function handoffArgs(site: SyntaxNode): { node: SyntaxNode; index: number }[] {
  if (site.type === 'call_expression') return named(site.childForFieldName('arguments')).map((node, index) => ({ node, index }));
  const body = site.childForFieldName('body');
  const out: { node: SyntaxNode; index: number }[] = [];
  named(body).forEach((element, index) => {
    const value = element.type === 'keyed_element' ? element.childForFieldName('value') : element;
    const inner = value?.type === 'literal_element' ? value.namedChild(0) : value;
    if (inner) out.push({ node: inner, index: -1 - index });
  });
  return out;
}

function sameStart(node: SyntaxNode, range: Range): boolean {
  return node.startPosition.row === range.start.line && node.startPosition.column === range.start.character;
}

function named(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? (node.namedChildren.filter((n) => n && n.type !== 'comment') as SyntaxNode[]) : [];
}

/** The identifier that starts at `offset`, or '' (Go identifiers: letters, digits, underscores). */
function leadingIdentifier(text: string, offset: number): string {
  let end = offset;
  while (end < text.length && /[\w\u0080-\uffff]/.test(text[end])) end++;
  return text.slice(offset, end);
}
