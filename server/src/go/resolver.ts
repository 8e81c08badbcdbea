/**
 * The one place that answers "what is the type of this expression?" for every rule: identifiers (locals,
 * parameters, package variables of this or another package), selector chains through struct fields and
 * embedding, calls of known functions and methods, method values, conversions, composite literals and locals
 * bound to any of these. Declarations of other files and packages come from the type index, library types from
 * the signatures in `go/knowledge`. Unknown stays unknown: every answer may be null, and rules stay silent then.
 */
import { fieldChildren } from './syntax';
import { decodeChain, InitChain, methodEntry } from './declarations';
import type { SyntaxNode } from './parser';
import { LocalDecl, LocalScopes } from './scopes';
import type { SourceFile } from './source';
import type { TypeIndex } from './type-index';
import {
  deref, funcType, GoType, isUnknown, named, pointerTo, PREDECLARED_TYPES, resultValue, signatureOf, tupleElement, typeFromNode,
  TypeNaming, typeShape,
} from './types';

/** What a name or expression stands for. */
export type Resolved =
  | { kind: 'value'; type: GoType }
  | { kind: 'type'; type: GoType }
  | { kind: 'package'; path: string }
  /** A package-level function: its package, name and signature. */
  | { kind: 'func'; pkg: string; name: string; type: GoType }
  /** A method selected on a value: the named type that declares it, and the signature. */
  | { kind: 'method'; receiver: GoType; name: string; type: GoType; pointer: boolean }
  | { kind: 'builtin'; name: string };

/** The function or method a call invokes. */
export type Callee =
  | { kind: 'func'; pkg: string; name: string; type: GoType }
  | { kind: 'method'; receiver: GoType; name: string; type: GoType; pointer: boolean };

/** A selected member of a type: a field with its type, or a method of the named type that declares it. */
/** A selected member of a type: a field (with the named struct type that declares it, '' for an anonymous one), or a method. */
export type Member = { kind: 'field'; type: GoType; owner: GoType } | { kind: 'method'; receiver: GoType; name: string; type: GoType; pointer: boolean };

const BUILTIN_FUNCS = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic', 'print',
  'println', 'real', 'recover',
]);
const TYPE_NODES = new Set([
  'type_identifier', 'qualified_type', 'pointer_type', 'slice_type', 'array_type', 'map_type', 'channel_type', 'function_type',
  'struct_type', 'interface_type', 'generic_type', 'parenthesized_type', 'implicit_length_array_type',
]);
const MAX_DEPTH = 24;
const MAX_EMBEDDING = 5;

export class Resolver {
  private readonly naming: TypeNaming;
  private readonly memo = new Map<number, Resolved | null>();
  private readonly scopes = new Map<number, LocalScopes>();
  private readonly packageValues = new Map<string, GoType | null>();
  private topLevelNodes: SyntaxNode[] | undefined;
  private depth = 0;

  constructor(
    readonly file: SourceFile,
    readonly index: TypeIndex,
    /** The import path of the file's package (`…/store`, or `…/store_test` for an external test package). */
    readonly ownPackage: string,
  ) {
    this.naming = { importPathOf: (name) => this.importPathOf(name), ownPackage };
  }

  /** The type of an expression's value, or null when it is unknown (or the expression is not a value). */
  typeOf(expr: SyntaxNode | null | undefined): GoType | null {
    const resolved = this.resolve(expr);
    if (!resolved) return null;
    switch (resolved.kind) {
      case 'value':
      case 'func':
      case 'method':
        return isUnknown(resolved.type) ? null : resolved.type;
      default:
        return null;
    }
  }

  /** The function or method a call invokes, following method values bound to locals (`q := db.Query; q(...)`). */
  calleeOf(call: SyntaxNode): Callee | null {
    if (call.type !== 'call_expression') return null;
    let fn = call.childForFieldName('function');
    if (fn?.type === 'index_expression') fn = fn.childForFieldName('operand');
    const resolved = this.resolve(fn);
    if (resolved?.kind === 'func' || resolved?.kind === 'method') return resolved;
    if (fn?.type === 'identifier' && resolved?.kind === 'value') {
      const local = this.localDeclOf(fn);
      const bound = local && (local.kind === 'short' || local.kind === 'var') ? this.boundValue(local) : null;
      const target = bound ? this.resolve(bound) : null;
      if (target?.kind === 'method' || target?.kind === 'func') return target;
    }
    return null;
  }

  /**
   * The storage an expression denotes, as a key that every file of the workspace spells the same way: a package
   * variable `var:"pkg".Name`, a struct field `field:"pkg".Type.name` (the struct that declares it, after
   * embedding), a parameter of a named function `param:"pkg".Func#2` (`"pkg".Type.Method#0` for methods), a
   * local `local:<offset of its declaration>` (unique within the file only). Null for anything else.
   */
  storageOf(expr: SyntaxNode | null | undefined): string | null {
    if (!expr) return null;
    if (expr.type === 'parenthesized_expression') return this.storageOf(firstNamed(expr));
    if (expr.type === 'identifier') {
      const local = this.localDeclOf(expr);
      if (local) {
        if (local.kind === 'param') {
          const fn = local.holder.parent?.parent;
          const id = fn && fn.type !== 'func_literal' && local.holder.parent?.id === fn.childForFieldName('parameters')?.id ? this.functionId(fn) : null;
          if (id) return `param:${id}#${parameterIndex(fn!, local)}`;
        }
        return `local:${local.node.startIndex}`;
      }
      if (this.index.lookupValue(this.ownPackage, expr.text) !== undefined) return `var:"${this.ownPackage}".${expr.text}`;
      for (const spec of this.file.imports) {
        if (spec.localName === '.' && this.index.lookupValue(spec.path, expr.text) !== undefined) return `var:"${spec.path}".${expr.text}`;
      }
      return null;
    }
    if (expr.type === 'selector_expression') {
      const operand = expr.childForFieldName('operand');
      const field = expr.childForFieldName('field')?.text;
      const base = this.resolve(operand);
      if (!base || !field) return null;
      if (base.kind === 'package') return this.index.lookupValue(base.path, field) !== undefined ? `var:"${base.path}".${field}` : null;
      if (base.kind !== 'value') return null;
      const member = this.member(base.type, field);
      return member?.kind === 'field' && member.owner ? `field:${member.owner}.${field}` : null;
    }
    return null;
  }

  /** `"pkg".Func` for a function declaration, `"pkg".Type.Method` for a method; null for closures. */
  functionId(fn: SyntaxNode): string | null {
    const name = fn.childForFieldName('name')?.text;
    if (!name) return null;
    if (fn.type === 'function_declaration') return `"${this.ownPackage}".${name}`;
    if (fn.type !== 'method_declaration') return null;
    const receiver = fn.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
    const base = receiverTypeName(receiver?.childForFieldName('type') ?? null);
    return base ? `"${this.ownPackage}".${base}.${name}` : null;
  }

  /** The canonical string of a type written in this file (a parameter's or field's type node). */
  typeOfTypeNode(node: SyntaxNode | null | undefined): GoType | null {
    const type = typeFromNode(node, this.namingAt(node));
    return isUnknown(type) ? null : type;
  }

  /** What a name or expression stands for: a value, a type, a package, a function or a method. */
  resolve(expr: SyntaxNode | null | undefined): Resolved | null {
    if (!expr) return null;
    const cached = this.memo.get(expr.id);
    if (cached !== undefined) return cached;
    if (this.depth > MAX_DEPTH) return null;
    this.memo.set(expr.id, null);
    this.depth++;
    let result: Resolved | null;
    try {
      result = this.compute(expr);
    } finally {
      this.depth--;
    }
    this.memo.set(expr.id, result);
    return result;
  }

  /** A field or method of a type, through pointers, aliases and embedded fields (the shallowest one wins). */
  member(type: GoType | null | undefined, name: string): Member | null {
    if (!type || isUnknown(type)) return null;
    return this.selectMember(type, name);
  }

  /**
   * The declaration of a named type (following aliases), from the workspace or the library signatures: its
   * package, name and underlying type (`struct{...}`, `interface{...}`, `[]T`, another named type ...).
   */
  typeDecl(type: GoType): { pkg: string; name: string; underlying: GoType } | null {
    let current = deref(type);
    for (let hops = 0; hops < 8; hops++) {
      const shape = typeShape(current);
      if (shape.kind !== 'named' || !shape.pkg) return null;
      const entry = this.index.lookupType(shape.pkg, shape.name);
      if (entry === undefined) return null;
      if (!entry.startsWith('=')) return { pkg: shape.pkg, name: shape.name, underlying: entry };
      current = deref(entry.slice(1));
    }
    return null;
  }

  // ---- computing -----------------------------------------------------------------------------------------------

  private compute(expr: SyntaxNode): Resolved | null {
    switch (expr.type) {
      case 'identifier':
        return this.identifier(expr);
      case 'selector_expression':
        return this.selector(expr);
      case 'call_expression':
        return this.call(expr);
      case 'parenthesized_expression':
        return this.resolve(firstNamed(expr));
      case 'unary_expression':
        return this.unary(expr);
      case 'composite_literal':
        return value(this.typeOfTypeNode(expr.childForFieldName('type')));
      case 'type_assertion_expression':
        return value(this.typeOfTypeNode(expr.childForFieldName('type')));
      case 'index_expression': {
        const operand = this.resolve(expr.childForFieldName('operand'));
        if (operand?.kind === 'func' || operand?.kind === 'type') return operand; // generic instantiation
        return value(this.indexed(operand?.kind === 'value' ? operand.type : null));
      }
      case 'slice_expression':
        return value(this.typeOf(expr.childForFieldName('operand')));
      case 'func_literal': {
        const signature = signatureOf(expr, this.namingAt(expr));
        return value(funcType(signature.params, signature.results, signature.variadic));
      }
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return value('string');
      case 'int_literal':
        return value('int');
      case 'float_literal':
        return value('float64');
      case 'rune_literal':
        return value('int32');
      case 'true':
      case 'false':
        return value('bool');
      case 'binary_expression':
        return this.binary(expr);
      default:
        if (TYPE_NODES.has(expr.type)) {
          const type = this.typeOfTypeNode(expr);
          return type ? { kind: 'type', type } : null;
        }
        return null;
    }
  }

  private identifier(id: SyntaxNode): Resolved | null {
    const name = id.text;
    const local = this.localDeclOf(id);
    if (local) return value(this.localType(local, id));
    const member = this.packageMember(this.ownPackage, name);
    if (member) return member;
    const importPath = this.importPathOf(name);
    if (importPath) return { kind: 'package', path: importPath };
    for (const spec of this.file.imports) {
      if (spec.localName !== '.') continue;
      const dotted = this.packageMember(spec.path, name);
      if (dotted) return dotted;
    }
    if (name === 'true' || name === 'false') return value('bool');
    if (BUILTIN_FUNCS.has(name)) return { kind: 'builtin', name };
    if (PREDECLARED_TYPES.has(name)) return { kind: 'type', type: named('', name) };
    return null;
  }

  /** A package-level name of a package: variable or constant, function, or type. */
  private packageMember(pkg: string, name: string): Resolved | null {
    const valueEntry = this.index.lookupValue(pkg, name);
    if (valueEntry !== undefined) return value(this.packageValueType(pkg, name));
    const func = this.index.lookupFunc(pkg, name);
    if (func !== undefined) return { kind: 'func', pkg, name, type: func };
    if (this.index.lookupType(pkg, name) !== undefined) return { kind: 'type', type: named(pkg, name) };
    return null;
  }

  /** The type of a package variable: written, or worked out from its initialiser (guarding against cycles). */
  private packageValueType(pkg: string, name: string): GoType | null {
    const key = `${pkg}#${name}`;
    if (this.packageValues.has(key)) return this.packageValues.get(key)!;
    this.packageValues.set(key, null);
    const entry = this.index.lookupValue(pkg, name);
    let type: GoType | null = null;
    if (entry?.startsWith('@')) {
      const chain = decodeChain(entry);
      type = chain ? this.evaluateChain(chain) : null;
    } else if (entry) type = entry;
    if (type && isUnknown(type)) type = null;
    this.packageValues.set(key, type);
    return type;
  }

  private evaluateChain(chain: InitChain): GoType | null {
    const match = /^"([^"]*)"\.(.+)$/.exec(chain.base);
    if (!match) return null;
    let current: Resolved | null = this.packageMember(match[1], match[2]);
    for (const step of chain.steps) {
      if (!current) return null;
      if (step === '()') {
        current = current.kind === 'type' ? value(current.type) : value(callResult(current));
      } else {
        const base = current.kind === 'value' ? current.type : null;
        const member = base ? this.member(base, step.slice(1)) : null;
        current = member ? memberResolved(member) : null;
      }
    }
    if (!current || current.kind !== 'value') return null;
    const type = chain.index !== undefined ? tupleElement(current.type, chain.index) : current.type;
    return type && chain.address ? pointerTo(type) : type;
  }

  private selector(expr: SyntaxNode): Resolved | null {
    const operand = expr.childForFieldName('operand');
    const field = expr.childForFieldName('field')?.text;
    if (!operand || !field) return null;
    const base = this.resolve(operand);
    if (!base) return null;
    if (base.kind === 'package') return this.packageMember(base.path, field);
    if (base.kind !== 'value') return null;
    const member = this.member(base.type, field);
    return member ? memberResolved(member) : null;
  }

  private call(expr: SyntaxNode): Resolved | null {
    let fn = expr.childForFieldName('function');
    if (fn?.type === 'index_expression') fn = fn.childForFieldName('operand');
    const callee = this.resolve(fn);
    if (!callee) return null;
    if (callee.kind === 'type') return value(callee.type);
    if (callee.kind === 'builtin') return this.builtinCall(callee.name, expr);
    if (callee.kind === 'package') return null;
    return value(callResult(callee));
  }

  private builtinCall(name: string, call: SyntaxNode): Resolved | null {
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    switch (name) {
      case 'new': {
        const type = this.typeArgument(args[0]);
        return value(type ? pointerTo(type) : null);
      }
      case 'make':
        return value(this.typeArgument(args[0]));
      case 'append':
        return value(this.typeOf(args[0]));
      case 'len':
      case 'cap':
      case 'copy':
        return value('int');
      case 'recover':
        return value('interface{}');
      default:
        return null;
    }
  }

  private typeArgument(node: SyntaxNode | undefined): GoType | null {
    if (!node) return null;
    if (TYPE_NODES.has(node.type)) return this.typeOfTypeNode(node);
    const resolved = this.resolve(node);
    return resolved?.kind === 'type' ? resolved.type : null;
  }

  private unary(expr: SyntaxNode): Resolved | null {
    const operator = expr.child(0)?.type;
    const operand = this.resolve(expr.childForFieldName('operand'));
    if (!operand) return null;
    if (operator === '&') return operand.kind === 'value' ? value(pointerTo(operand.type)) : null;
    if (operator === '*') {
      if (operand.kind === 'type') return { kind: 'type', type: pointerTo(operand.type) };
      if (operand.kind !== 'value') return null;
      const shape = typeShape(operand.type);
      return shape.kind === 'pointer' ? value(shape.elem) : null;
    }
    if (operator === '<-') {
      if (operand.kind !== 'value') return null;
      const shape = typeShape(this.underlying(operand.type));
      return shape.kind === 'chan' ? value(shape.elem) : null;
    }
    if (operator === '!') return value('bool');
    return operand.kind === 'value' ? operand : null;
  }

  private binary(expr: SyntaxNode): Resolved | null {
    const operator = expr.childForFieldName('operator')?.type ?? '';
    if (['==', '!=', '<', '<=', '>', '>=', '&&', '||'].includes(operator)) return value('bool');
    return value(this.typeOf(expr.childForFieldName('left')) ?? this.typeOf(expr.childForFieldName('right')));
  }

  /** The element a slice, array, map or string index yields. */
  private indexed(type: GoType | null): GoType | null {
    if (!type) return null;
    const shape = typeShape(this.underlying(deref(type)));
    if (shape.kind === 'slice' || shape.kind === 'array' || shape.kind === 'map') return shape.elem;
    if (shape.kind === 'named' && shape.name === 'string' && !shape.pkg) return 'uint8';
    return null;
  }

  /** A named type's underlying type when it is a defined type (`type IDs []int`); otherwise the type itself. */
  underlying(type: GoType): GoType {
    let current = type;
    for (let hops = 0; hops < 8 && !current.startsWith('*'); hops++) {
      const found = this.typeDecl(current);
      if (!found) return current;
      current = found.underlying;
      if (typeShape(current).kind !== 'named') return current;
    }
    return current;
  }

  // ---- locals --------------------------------------------------------------------------------------------------

  /** The local declaration a use of a name refers to, if any. */
  localDeclOf(id: SyntaxNode): LocalDecl | null {
    const top = this.topLevelOf(id);
    if (!top) return null;
    let scopes = this.scopes.get(top.id);
    if (!scopes) this.scopes.set(top.id, (scopes = new LocalScopes(top)));
    return scopes.lookup(id);
  }

  /** The value a `:=` or `var` local was bound to at its declaration, when it is one expression per name. */
  boundValue(decl: LocalDecl): SyntaxNode | null {
    const values = valuesOf(decl.holder);
    const names = namesOf(decl.holder);
    return values.length === names.length ? values[decl.index] ?? null : null;
  }

  private localType(decl: LocalDecl, use: SyntaxNode): GoType | null {
    const holder = decl.holder;
    switch (decl.kind) {
      case 'param': {
        const type = this.typeOfTypeNode(holder.childForFieldName('type'));
        if (!type) return null;
        return holder.type === 'variadic_parameter_declaration' ? `[]${type}` : type;
      }
      case 'var':
      case 'const': {
        const written = holder.childForFieldName('type');
        if (written) return this.typeOfTypeNode(written);
        return this.boundType(decl);
      }
      case 'short':
        return this.boundType(decl);
      case 'range':
        return this.rangeType(decl);
      case 'typeswitch': {
        const clause = enclosingCase(use, holder);
        const types = fieldChildren(clause, 'type').filter((t): t is SyntaxNode => !!t) ?? [];
        if (types.length === 1) return this.typeOfTypeNode(types[0]);
        const asserted = holder.childForFieldName('value');
        return this.typeOf(asserted?.type === 'type_assertion_expression' ? asserted.childForFieldName('operand') : asserted);
      }
      case 'receive': {
        const right = holder.childForFieldName('right');
        const channel = right?.type === 'unary_expression' ? this.typeOf(right.childForFieldName('operand')) : null;
        const shape = channel ? typeShape(this.underlying(channel)) : null;
        if (!shape || shape.kind !== 'chan') return null;
        return decl.index === 0 ? shape.elem : 'bool';
      }
    }
  }

  private boundType(decl: LocalDecl): GoType | null {
    const values = valuesOf(decl.holder);
    const names = namesOf(decl.holder);
    if (values.length === names.length) return this.typeOf(values[decl.index]);
    if (values.length !== 1) return null;
    const single = values[0];
    // Comma-ok forms: `v, ok := m[k]`, `x.(T)`, `<-ch`.
    if (names.length === 2 && decl.index === 1 && isCommaOk(single)) return 'bool';
    if (names.length === 2 && decl.index === 0 && isCommaOk(single)) return this.typeOf(single);
    const tuple = this.typeOf(single);
    return tuple ? tupleElement(tuple, decl.index) : null;
  }

  private rangeType(decl: LocalDecl): GoType | null {
    const over = this.typeOf(decl.holder.childForFieldName('right'));
    if (!over) return null;
    const shape = typeShape(this.underlying(deref(over)));
    switch (shape.kind) {
      case 'slice':
      case 'array':
        return decl.index === 0 ? 'int' : shape.elem;
      case 'map':
        return decl.index === 0 ? shape.key : shape.elem;
      case 'chan':
        return decl.index === 0 ? shape.elem : null;
      case 'named':
        if (!shape.pkg && shape.name === 'string') return decl.index === 0 ? 'int' : 'int32';
        if (!shape.pkg && /^u?int/.test(shape.name)) return decl.index === 0 ? over : null;
        return null;
      default:
        return null;
    }
  }

  // ---- members -------------------------------------------------------------------------------------------------

  private selectMember(type: GoType, name: string): Member | null {
    let level: GoType[] = [type];
    const seen = new Set<string>();
    for (let depth = 0; depth <= MAX_EMBEDDING && level.length > 0; depth++) {
      const found: Member[] = [];
      const next: GoType[] = [];
      for (const candidate of level) {
        const base = deref(candidate);
        if (seen.has(base)) continue;
        seen.add(base);
        this.membersAt(base, name, found, next, depth === 0);
      }
      if (found.length === 1) return found[0];
      if (found.length > 1) return null; // ambiguous at one depth: Go rejects the selector
      level = next;
    }
    return null;
  }

  /** Looks for `name` directly in one type; queues its embedded types for the next depth. */
  private membersAt(type: GoType, name: string, found: Member[], embedded: GoType[], top: boolean, owner = ''): void {
    const shape = typeShape(type);
    if (shape.kind === 'struct') {
      for (const field of shape.fields) {
        if (field.name === name) found.push({ kind: 'field', type: field.type, owner });
        else if (field.embedded) embedded.push(field.type);
      }
      return;
    }
    if (shape.kind === 'interface') {
      const signature = shape.methods[name];
      if (signature) found.push({ kind: 'method', receiver: type, name, type: signature, pointer: false });
      else embedded.push(...shape.embeds);
      return;
    }
    if (shape.kind !== 'named') return;
    if (!shape.pkg) {
      if (shape.name === 'error' && name === 'Error') found.push({ kind: 'method', receiver: 'error', name, type: 'func() string', pointer: false });
      return;
    }
    const resolved = this.typeDecl(type);
    if (!resolved) return;
    const receiver = named(resolved.pkg, resolved.name);
    const method = this.index.lookupMethod(resolved.pkg, resolved.name, name);
    if (method !== undefined) {
      const entry = methodEntry(method);
      found.push({ kind: 'method', receiver, name, type: entry.signature, pointer: entry.pointer });
      return;
    }
    const under = typeShape(resolved.underlying);
    if (under.kind === 'interface') {
      // Methods of a named interface belong to the named type.
      const signature = under.methods[name];
      if (signature) found.push({ kind: 'method', receiver, name, type: signature, pointer: false });
      else embedded.push(...under.embeds);
    } else if (under.kind === 'struct') {
      this.membersAt(resolved.underlying, name, found, embedded, false, receiver);
    } else if (under.kind === 'named' && top) {
      // `type Store sql.DB` keeps sql.DB's fields (and an interface's methods) but none of a struct's methods.
      const base = this.typeDecl(resolved.underlying);
      if (base && typeShape(base.underlying).kind !== 'named') this.membersAt(base.underlying, name, found, embedded, false, named(base.pkg, base.name));
    }
  }

  // ---- naming --------------------------------------------------------------------------------------------------

  private importPathOf(localName: string): string | undefined {
    if (localName === '_' || localName === '.') return undefined;
    return this.file.importPathOf(localName);
  }

  /** The naming context at a node: the file's, plus the type parameters of the generic declaration around it. */
  private namingAt(node: SyntaxNode | null | undefined): TypeNaming {
    const top = node ? this.topLevelOf(node) : null;
    if (!top) return this.naming;
    const names = typeParameterNames(top);
    return names.size > 0 ? { ...this.naming, typeParameters: names } : this.naming;
  }

  /** The top-level declaration holding a node, found by position among the file's declarations. */
  /** The file's top-level declarations, listed on first use (a file that no rule parses never lists them). */
  private get topLevel(): SyntaxNode[] {
    return (this.topLevelNodes ??= this.file.root.namedChildren.filter((n): n is SyntaxNode => !!n));
  }

  private topLevelOf(node: SyntaxNode): SyntaxNode | null {
    const at = node.startIndex;
    let low = 0;
    let high = this.topLevel.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const candidate = this.topLevel[mid];
      if (at < candidate.startIndex) high = mid - 1;
      else if (at >= candidate.endIndex) low = mid + 1;
      else return candidate;
    }
    return null;
  }
}

function value(type: GoType | null | undefined): Resolved | null {
  return type && !isUnknown(type) ? { kind: 'value', type } : null;
}

function firstNamed(node: SyntaxNode): SyntaxNode | null {
  return node.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
}

function memberResolved(member: Member): Resolved {
  return member.kind === 'field' ? { kind: 'value', type: member.type } : member;
}

/** The value of calling something of function type. */
function callResult(callee: Resolved): GoType | null {
  if (callee.kind !== 'func' && callee.kind !== 'method' && callee.kind !== 'value') return null;
  const shape = typeShape(callee.type);
  return shape.kind === 'func' ? resultValue(shape.results) : null;
}

function isCommaOk(node: SyntaxNode): boolean {
  return node.type === 'index_expression' || node.type === 'type_assertion_expression' || (node.type === 'unary_expression' && node.child(0)?.type === '<-');
}

function valuesOf(holder: SyntaxNode): SyntaxNode[] {
  const list = holder.type === 'short_var_declaration' ? holder.childForFieldName('right') : holder.childForFieldName('value');
  return (list?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
}

function namesOf(holder: SyntaxNode): SyntaxNode[] {
  const names = holder.type === 'short_var_declaration' ? holder.childForFieldName('left')?.namedChildren ?? [] : fieldChildren(holder, 'name');
  return names.filter((n): n is SyntaxNode => !!n);
}

function enclosingCase(use: SyntaxNode, switchStatement: SyntaxNode): SyntaxNode | null {
  for (let current = use.parent; current && current.id !== switchStatement.id; current = current.parent) {
    if (current.type === 'type_case' || current.type === 'default_case') return current.parent?.id === switchStatement.id ? current : null;
  }
  return null;
}

/** The position of a parameter among all the parameters of its function (names counted one by one). */
function parameterIndex(fn: SyntaxNode, local: LocalDecl): number {
  let index = 0;
  for (const decl of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!decl || (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration')) continue;
    const names = fieldChildren(decl, 'name');
    if (decl.id === local.holder.id) return index + local.index;
    index += Math.max(1, names.length);
  }
  return index;
}

/** `*Repo`, `Repo`, `*List[T]` → the receiver's base type name. */
function receiverTypeName(type: SyntaxNode | null): string | null {
  let node = type;
  while (node && (node.type === 'pointer_type' || node.type === 'parenthesized_type')) node = node.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
  if (node?.type === 'type_identifier') return node.text;
  if (node?.type === 'generic_type') return node.childForFieldName('type')?.text ?? null;
  return null;
}

function typeParameterNames(top: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const list = top.childForFieldName('type_parameters');
  for (const decl of list?.namedChildren ?? []) for (const name of fieldChildren(decl, 'name') ?? []) if (name) names.add(name.text);
  if (top.type === 'method_declaration') {
    const receiver = top.childForFieldName('receiver');
    for (const generic of receiver?.descendantsOfType('generic_type') ?? []) {
      for (const arg of generic?.childForFieldName('type_arguments')?.namedChildren ?? []) if (arg) names.add(arg.text);
    }
  }
  return names;
}
