/**
 * A file's package-level declarations as plain facts: what other files of the package, and importers, need to
 * know the type of an expression — struct fields, named types, package variables, function and method
 * signatures, and the file's imports. Read from the top-level declarations only; function bodies are not
 * walked. No positions are kept, so an edit that only moves lines leaves the facts equal.
 */
import type { SyntaxNode } from './parser';
import type { SourceFile } from './source';
import { funcType, GoType, named, pointerTo, signatureOf, structFields, typeFromNode, TypeNaming } from './types';

export interface ImportDecl {
  path: string;
  /** The alias as written: '' for none, '.' for a dot import, '_' for a blank one. */
  alias: string;
}

export interface FieldDecl {
  name: string;
  type: GoType;
  embedded?: true;
}

export interface SignatureDecl {
  params: GoType[];
  results: GoType[];
  variadic?: true;
}

export type TypeDecl =
  | { kind: 'struct'; fields: FieldDecl[] }
  | { kind: 'interface'; methods: Record<string, SignatureDecl>; embeds: GoType[] }
  /** `type A = B`: the same type under another name. */
  | { kind: 'alias'; of: GoType }
  /** `type A B`: a new type with B's underlying type (and none of its methods). */
  | { kind: 'defined'; of: GoType };

/**
 * How a package-level variable without a written type got its value, kept so its type can be worked out once
 * the declarations it refers to are known: `var DB = store.Open(cfg)` → base `"…/store".Open`, steps `()`.
 */
export interface InitChain {
  /** A package-level name, qualified by its package's import path. */
  base: string;
  /** `()` calls, `.name` selects; applied in order. */
  steps: string[];
  /** Which value of a multi-value result the variable takes. */
  index?: number;
  /** `&` when the chain's value has its address taken. */
  address?: true;
}

export interface ValueDecl {
  kind: 'var' | 'const';
  type?: GoType;
  init?: InitChain;
}

export interface MethodDecl extends SignatureDecl {
  pointer?: true;
}

export interface FileDecls {
  package: string;
  imports: ImportDecl[];
  types: Record<string, TypeDecl>;
  values: Record<string, ValueDecl>;
  funcs: Record<string, SignatureDecl>;
  /** By `Receiver.Method`, the receiver's base type name without pointer or type arguments. */
  methods: Record<string, MethodDecl>;
}

/** The naming context of a file: its imports and its own package's import path. */
export function namingOf(file: SourceFile, ownPackage: string): TypeNaming {
  return { importPathOf: (name) => file.importPathOf(name), ownPackage };
}

/** Extracts the package-level declarations of one parsed file. */
export function extractDeclarations(file: SourceFile, ownPackage: string): FileDecls {
  const naming = namingOf(file, ownPackage);
  const decls: FileDecls = {
    package: file.packageName,
    imports: file.imports.map((spec) => ({ path: spec.path, alias: spec.node.childForFieldName('name')?.text ?? '' })),
    types: Object.create(null),
    values: Object.create(null),
    funcs: Object.create(null),
    methods: Object.create(null),
  };
  for (const node of file.root.namedChildren) {
    if (!node) continue;
    switch (node.type) {
      case 'type_declaration':
        for (const spec of node.namedChildren) if (spec) readTypeSpec(spec, naming, decls);
        break;
      case 'function_declaration': {
        const name = node.childForFieldName('name')?.text;
        if (name && name !== '_' && name !== 'init') decls.funcs[name] = signatureDecl(node, withTypeParameters(node, naming));
        break;
      }
      case 'method_declaration':
        readMethod(node, naming, decls);
        break;
      case 'var_declaration':
      case 'const_declaration':
        readValues(node, naming, decls);
        break;
    }
  }
  return decls;
}

function withTypeParameters(node: SyntaxNode, naming: TypeNaming): TypeNaming {
  const list = node.childForFieldName('type_parameters');
  if (!list) return naming;
  const names = new Set<string>();
  for (const decl of list.namedChildren) for (const name of decl?.childrenForFieldName('name') ?? []) if (name) names.add(name.text);
  return { ...naming, typeParameters: names };
}

export function signatureDecl(fn: SyntaxNode, naming: TypeNaming): SignatureDecl {
  const signature = signatureOf(fn, naming);
  return signature.variadic ? { params: signature.params, results: signature.results, variadic: true } : { params: signature.params, results: signature.results };
}

function readTypeSpec(spec: SyntaxNode, naming: TypeNaming, decls: FileDecls): void {
  const name = spec.childForFieldName('name')?.text;
  const typeNode = spec.childForFieldName('type');
  if (!name || name === '_' || !typeNode) return;
  const scoped = withTypeParameters(spec, naming);
  if (spec.type === 'type_alias') {
    decls.types[name] = { kind: 'alias', of: typeFromNode(typeNode, scoped) };
  } else if (spec.type === 'type_spec') {
    if (typeNode.type === 'struct_type') {
      decls.types[name] = { kind: 'struct', fields: structFields(typeNode, scoped).map(fieldDecl) };
    } else if (typeNode.type === 'interface_type') {
      decls.types[name] = interfaceDecl(typeNode, scoped);
    } else {
      decls.types[name] = { kind: 'defined', of: typeFromNode(typeNode, scoped) };
    }
  }
}

function fieldDecl(field: { name: string; type: GoType; embedded: boolean }): FieldDecl {
  return field.embedded ? { name: field.name, type: field.type, embedded: true } : { name: field.name, type: field.type };
}

function interfaceDecl(node: SyntaxNode, naming: TypeNaming): TypeDecl {
  const methods: Record<string, SignatureDecl> = Object.create(null);
  const embeds: GoType[] = [];
  for (const element of node.namedChildren) {
    if (element?.type === 'method_elem' || element?.type === 'method_spec') {
      const name = element.childForFieldName('name')?.text;
      if (name) methods[name] = signatureDecl(element, naming);
    } else if (element?.type === 'type_elem' || element?.type === 'constraint_elem') {
      const types = element.namedChildren.filter((n) => n && n.type !== 'comment');
      // A single type embeds an interface; a union (`int | string`) is a constraint and adds no methods.
      if (types.length === 1) embeds.push(typeFromNode(types[0], naming));
    }
  }
  return { kind: 'interface', methods, embeds };
}

function readMethod(node: SyntaxNode, naming: TypeNaming, decls: FileDecls): void {
  const name = node.childForFieldName('name')?.text;
  const receiver = node.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
  const receiverType = receiver?.childForFieldName('type');
  if (!name || !receiverType) return;
  const base = receiverBase(receiverType);
  if (!base) return;
  const typeParameters = new Set(base.typeArguments);
  const signature = signatureDecl(node, typeParameters.size > 0 ? { ...naming, typeParameters } : naming);
  decls.methods[`${base.name}.${name}`] = base.pointer ? { ...signature, pointer: true } : signature;
}

/** `*Repo`, `Repo`, `*List[T]` → the type's name, whether the receiver is a pointer, and its type parameter names. */
export function receiverBase(type: SyntaxNode): { name: string; pointer: boolean; typeArguments: string[] } | null {
  let node: SyntaxNode | null = type;
  let pointer = false;
  while (node && (node.type === 'pointer_type' || node.type === 'parenthesized_type')) {
    if (node.type === 'pointer_type') pointer = true;
    node = node.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
  }
  if (!node) return null;
  if (node.type === 'type_identifier') return { name: node.text, pointer, typeArguments: [] };
  if (node.type === 'generic_type') {
    const name = node.childForFieldName('type')?.text;
    const args = node.childForFieldName('type_arguments')?.namedChildren.map((n) => n?.text ?? '') ?? [];
    return name ? { name, pointer, typeArguments: args } : null;
  }
  return null;
}

function readValues(node: SyntaxNode, naming: TypeNaming, decls: FileDecls): void {
  const kind = node.type === 'const_declaration' ? 'const' : 'var';
  const specs = node.namedChildren.flatMap((child) => (child?.type === 'var_spec_list' ? child.namedChildren : [child]));
  for (const spec of specs) {
    if (!spec || (spec.type !== 'var_spec' && spec.type !== 'const_spec')) continue;
    const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => !!n);
    const typeNode = spec.childForFieldName('type');
    const values = (spec.childForFieldName('value')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    names.forEach((nameNode, index) => {
      const name = nameNode.text;
      if (name === '_') return;
      if (typeNode) {
        decls.values[name] = { kind, type: typeFromNode(typeNode, naming) };
        return;
      }
      const value = values.length === names.length ? values[index] : values.length === 1 ? values[0] : undefined;
      const tupleIndex = values.length === names.length ? undefined : index;
      decls.values[name] = { kind, ...valueType(value, naming, tupleIndex) };
    });
  }
}

/** The type of an initialiser when the syntax alone tells it, else the chain to work it out later. */
function valueType(value: SyntaxNode | undefined, naming: TypeNaming, index: number | undefined): { type?: GoType; init?: InitChain } {
  if (!value) return {};
  const literal = literalType(value, naming);
  if (literal && index === undefined) return { type: literal };
  const chain = initChain(value, naming);
  if (!chain) return {};
  if (index !== undefined) chain.index = index;
  return { init: chain };
}

function literalType(value: SyntaxNode, naming: TypeNaming): GoType | null {
  switch (value.type) {
    case 'composite_literal':
      return typeFromNode(value.childForFieldName('type'), naming);
    case 'unary_expression': {
      const operand = value.childForFieldName('operand');
      if (value.child(0)?.type !== '&' || !operand) return null;
      const inner = literalType(operand, naming);
      return inner ? pointerTo(inner) : null;
    }
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return named('', 'string');
    case 'func_literal': {
      const signature = signatureOf(value, naming);
      return funcType(signature.params, signature.results, signature.variadic);
    }
    case 'parenthesized_expression': {
      const inner = value.namedChildren.find((n) => n && n.type !== 'comment');
      return inner ? literalType(inner, naming) : null;
    }
    default:
      return null;
  }
}

/** `store.Open(cfg).DB`, `newPool()`, `&cfg.Client` → a chain from a package-level name; null otherwise. */
function initChain(value: SyntaxNode, naming: TypeNaming): InitChain | null {
  const steps: string[] = [];
  let node: SyntaxNode | null = value;
  let address = false;
  if (node.type === 'unary_expression' && node.child(0)?.type === '&') {
    address = true;
    node = node.childForFieldName('operand');
  }
  for (let depth = 0; node && depth < 12; depth++) {
    if (node.type === 'parenthesized_expression') {
      node = node.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
    } else if (node.type === 'call_expression') {
      steps.unshift('()');
      node = node.childForFieldName('function');
    } else if (node.type === 'selector_expression') {
      const operand = node.childForFieldName('operand');
      const field = node.childForFieldName('field')?.text;
      if (!operand || !field) return null;
      const pkg = operand.type === 'identifier' ? naming.importPathOf(operand.text) : undefined;
      if (pkg) return finish(`"${pkg}".${field}`);
      steps.unshift(`.${field}`);
      node = operand;
    } else if (node.type === 'identifier') {
      return finish(`"${naming.ownPackage}".${node.text}`);
    } else {
      return null;
    }
  }
  return null;

  function finish(base: string): InitChain {
    return address ? { base, steps, address: true } : { base, steps };
  }
}
