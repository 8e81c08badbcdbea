/**
 * The oracle for the declaration scanner: the same facts read from tree-sitter's syntax tree. The product reads
 * declarations with the scanner (no tree needed, so a workspace can be indexed before anything is parsed); the
 * tests check that both agree on real code.
 */
import { fieldChildren } from '../../server/src/go/syntax';
import { emptyDecls, encodeChain, FileDecls, InitChain } from '../../server/src/go/declarations';
import type { SyntaxNode } from '../../server/src/go/parser';
import type { SourceFile } from '../../server/src/go/source';
import { funcType, GoType, named, pointerTo, signatureOf, typeFromNode, TypeNaming } from '../../server/src/go/types';

export function treeDeclarations(file: SourceFile, ownPackage: string): FileDecls {
  const naming: TypeNaming = { importPathOf: (name) => (name === '_' || name === '.' ? undefined : file.importPathOf(name)), ownPackage };
  const decls = emptyDecls(file.packageName);
  decls.imports = file.imports.map((spec) => ({ path: spec.path, alias: spec.node.childForFieldName('name')?.text ?? '' }));
  for (const node of file.root.namedChildren) {
    if (!node) continue;
    switch (node.type) {
      case 'type_declaration':
        for (const spec of node.namedChildren) if (spec) readTypeSpec(spec, naming, decls);
        break;
      case 'function_declaration': {
        const name = node.childForFieldName('name')?.text;
        if (name && name !== '_' && name !== 'init') decls.funcs[name] = signatureString(node, withTypeParameters(node, naming));
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
  for (const decl of list.namedChildren) for (const name of fieldChildren(decl, 'name') ?? []) if (name) names.add(name.text);
  return { ...naming, typeParameters: names };
}

function signatureString(fn: SyntaxNode, naming: TypeNaming): GoType {
  const signature = signatureOf(fn, naming);
  return funcType(signature.params, signature.results, signature.variadic);
}

function readTypeSpec(spec: SyntaxNode, naming: TypeNaming, decls: FileDecls): void {
  const name = spec.childForFieldName('name')?.text;
  const typeNode = spec.childForFieldName('type');
  if (!name || name === '_' || !typeNode) return;
  const type = typeFromNode(typeNode, withTypeParameters(spec, naming));
  if (spec.type === 'type_alias') decls.types[name] = `=${type}`;
  else if (spec.type === 'type_spec') decls.types[name] = type;
}

function readMethod(node: SyntaxNode, naming: TypeNaming, decls: FileDecls): void {
  const name = node.childForFieldName('name')?.text;
  const receiver = node.childForFieldName('receiver')?.namedChildren.find((n) => n?.type === 'parameter_declaration');
  const base = receiverBase(receiver?.childForFieldName('type') ?? null);
  if (!name || !base) return;
  const scoped = base.typeArguments.length > 0 ? { ...naming, typeParameters: new Set(base.typeArguments) } : naming;
  decls.methods[`${base.name}.${name}`] = `${base.pointer ? '*' : ''}${signatureString(node, scoped)}`;
}

function receiverBase(type: SyntaxNode | null): { name: string; pointer: boolean; typeArguments: string[] } | null {
  let node = type;
  let pointer = false;
  while (node && (node.type === 'pointer_type' || node.type === 'parenthesized_type')) {
    if (node.type === 'pointer_type') pointer = true;
    node = node.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
  }
  if (node?.type === 'type_identifier') return { name: node.text, pointer, typeArguments: [] };
  if (node?.type === 'generic_type') {
    const name = node.childForFieldName('type')?.text;
    const args = node.childForFieldName('type_arguments')?.namedChildren.map((n) => n?.text ?? '') ?? [];
    return name ? { name, pointer, typeArguments: args } : null;
  }
  return null;
}

function readValues(node: SyntaxNode, naming: TypeNaming, decls: FileDecls): void {
  const specs = node.namedChildren.flatMap((child) => (child?.type === 'var_spec_list' ? child.namedChildren : [child]));
  // In a const group, a spec with neither type nor values repeats the type of the spec before it.
  let repeated: string | null = null;
  for (const spec of specs) {
    if (!spec || (spec.type !== 'var_spec' && spec.type !== 'const_spec')) continue;
    const names = fieldChildren(spec, 'name').filter((n): n is SyntaxNode => !!n);
    const typeNode = spec.childForFieldName('type');
    const values = (spec.childForFieldName('value')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    const written: string | null = typeNode ? typeFromNode(typeNode, naming) : spec.type === 'const_spec' && values.length === 0 ? repeated : null;
    if (spec.type === 'const_spec') repeated = written;
    names.forEach((nameNode, index) => {
      const name = nameNode.text;
      if (name === '_') return;
      if (written) {
        decls.values[name] = written;
        return;
      }
      const value = values.length === names.length ? values[index] : values.length === 1 ? values[0] : undefined;
      const entry = value ? valueEntry(value, naming, values.length === names.length ? undefined : index) : null;
      if (entry) decls.values[name] = entry;
    });
  }
}

function valueEntry(value: SyntaxNode, naming: TypeNaming, index: number | undefined): string | null {
  const literal = index === undefined ? literalType(value, naming) : null;
  if (literal) return literal;
  const chain = initChain(value, naming);
  if (!chain) return null;
  if (index !== undefined) chain.index = index;
  return encodeChain(chain);
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
    case 'func_literal':
      return signatureString(value, naming);
    default:
      return null;
  }
}

function initChain(value: SyntaxNode, naming: TypeNaming): InitChain | null {
  const steps: string[] = [];
  let node: SyntaxNode | null = value;
  let address = false;
  if (node.type === 'unary_expression' && node.child(0)?.type === '&') {
    address = true;
    node = node.childForFieldName('operand');
  }
  for (let depth = 0; node && depth < 12; depth++) {
    if (node.type === 'call_expression') {
      steps.unshift('()');
      node = node.childForFieldName('function');
    } else if (node.type === 'selector_expression') {
      const operand = node.childForFieldName('operand');
      const field = node.childForFieldName('field')?.text;
      if (!operand || !field) return null;
      const pkg = operand.type === 'identifier' ? naming.importPathOf(operand.text) : undefined;
      if (pkg) return { base: `"${pkg}".${field}`, steps, ...(address ? { address } : {}) };
      steps.unshift(`.${field}`);
      node = operand;
    } else if (node.type === 'identifier') {
      return { base: `"${naming.ownPackage}".${node.text}`, steps, ...(address ? { address } : {}) };
    } else {
      return null;
    }
  }
  return null;
}
