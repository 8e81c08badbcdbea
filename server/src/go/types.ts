/**
 * Go types as canonical strings, so that declaration facts stay plain JSON and two types are the same type
 * exactly when their strings are equal:
 *
 *   "database/sql".DB     a named type: its package's import path, quoted, then its name
 *   error, string, int    predeclared types
 *   *T  []T  [4]T  map[K]V  chan T  <-chan T  chan<- T
 *   func(P1, ...P2) R     func(P) (R1, R2)
 *   struct{a T; U}        fields by name, embedded ones by type alone
 *   interface{M func() R; "io".Reader}   methods by name with their signature, embedded interfaces by type;
 *                         interface{} is the empty interface (`any`)
 *   (T1, T2)              the results of a call that returns several values
 *   ?                     unknown (a type parameter, broken syntax): every question about it answers "unknown"
 */
import type { SyntaxNode } from './parser';
import { fieldChildren } from './syntax';

export type GoType = string;

export const UNKNOWN: GoType = '?';

export const PREDECLARED_TYPES = new Set([
  'bool', 'string', 'error', 'any', 'comparable', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32',
  'uint64', 'uintptr', 'float32', 'float64', 'complex64', 'complex128', 'byte', 'rune',
]);

/** The structure of a type string, read once per distinct string. */
export type TypeShape =
  | { kind: 'named'; pkg: string; name: string }
  | { kind: 'pointer' | 'slice' | 'array' | 'chan'; elem: GoType }
  | { kind: 'map'; key: GoType; elem: GoType }
  | { kind: 'func'; params: GoType[]; results: GoType[]; variadic: boolean }
  | { kind: 'struct'; fields: { name: string; type: GoType; embedded: boolean }[] }
  | { kind: 'interface'; methods: Record<string, GoType>; embeds: GoType[] }
  | { kind: 'tuple'; types: GoType[] }
  | { kind: 'unknown' };

export function named(pkg: string, name: string): GoType {
  if (!pkg) return name === 'byte' ? 'uint8' : name === 'rune' ? 'int32' : name === 'any' ? 'interface{}' : name;
  return `"${pkg}".${name}`;
}

export function pointerTo(type: GoType): GoType {
  return type === UNKNOWN ? UNKNOWN : `*${type}`;
}

/** `*T` → T; anything else unchanged. */
export function deref(type: GoType): GoType {
  return type.startsWith('*') ? type.slice(1) : type;
}

export function isUnknown(type: GoType | null | undefined): boolean {
  return !type || type.includes('?');
}

/** True when `type` is the named type pkg.name, or (with `pointer: 'either'`) a pointer to it. */
export function isNamed(type: GoType | null | undefined, pkg: string, name: string, pointer: 'no' | 'yes' | 'either' = 'either'): boolean {
  if (!type) return false;
  const target = named(pkg, name);
  if (type === target) return pointer !== 'yes';
  return type === `*${target}` && pointer !== 'no';
}

/** The package and name of a named type under at most one pointer, or null. */
export function namedParts(type: GoType | null | undefined): { pkg: string; name: string; pointer: boolean } | null {
  if (!type) return null;
  const pointer = type.startsWith('*');
  const shape = typeShape(pointer ? type.slice(1) : type);
  return shape.kind === 'named' ? { pkg: shape.pkg, name: shape.name, pointer } : null;
}

const shapes = new Map<GoType, TypeShape>();
const MAX_SHAPES = 50_000;

/** Reads a type string's structure; memoised, since the same few hundred types come back again and again. */
export function typeShape(type: GoType): TypeShape {
  let shape = shapes.get(type);
  if (shape) return shape;
  try {
    const reader = new TypeReader(type);
    shape = reader.shape();
    if (!reader.done()) shape = { kind: 'unknown' };
  } catch {
    shape = { kind: 'unknown' };
  }
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  shapes.set(type, shape);
  return shape;
}

/** The element type of a pointer, slice, array, map or channel; null otherwise. */
export function elementOf(type: GoType): GoType | null {
  const shape = typeShape(type);
  return 'elem' in shape ? shape.elem : null;
}

/** The results of a function type (one entry per result), or null when `type` is not a function. */
export function resultsOf(type: GoType): GoType[] | null {
  const shape = typeShape(type);
  return shape.kind === 'func' ? shape.results : null;
}

/** A call's value: the single result, a tuple for several, null for none. */
export function resultValue(results: readonly GoType[]): GoType | null {
  if (results.length === 0) return null;
  return results.length === 1 ? results[0] : `(${results.join(', ')})`;
}

/** The i-th value of a tuple, or the value itself for i = 0. */
export function tupleElement(type: GoType, index: number): GoType | null {
  const shape = typeShape(type);
  if (shape.kind === 'tuple') return shape.types[index] ?? null;
  return index === 0 ? type : null;
}

export function funcType(params: readonly GoType[], results: readonly GoType[], variadic = false): GoType {
  const list = params.map((p, i) => (variadic && i === params.length - 1 ? `...${p}` : p)).join(', ');
  const out = results.length === 0 ? '' : results.length === 1 && !results[0].startsWith('(') && !results[0].startsWith('func') ? ` ${results[0]}` : ` (${results.join(', ')})`;
  return `func(${list})${out}`;
}

/** A recursive-descent reader of the canonical syntax above. */
class TypeReader {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at === this.text.length;
  }

  shape(): TypeShape {
    const t = this.text;
    const rest = t.slice(this.at);
    if (rest.startsWith('?')) return this.advance(1, { kind: 'unknown' });
    if (rest.startsWith('*')) return { kind: 'pointer', elem: this.advanced(1) };
    if (rest.startsWith('[]')) return { kind: 'slice', elem: this.advanced(2) };
    if (rest.startsWith('[')) {
      const close = t.indexOf(']', this.at);
      if (close < 0) throw new Error('unclosed array length');
      this.at = close + 1;
      return { kind: 'array', elem: this.type() };
    }
    if (rest.startsWith('map[')) {
      this.at += 4;
      const key = this.type();
      this.expect(']');
      return { kind: 'map', key, elem: this.type() };
    }
    if (rest.startsWith('<-chan ')) return { kind: 'chan', elem: this.advanced(7) };
    if (rest.startsWith('chan<- ')) return { kind: 'chan', elem: this.advanced(7) };
    if (rest.startsWith('chan ')) return { kind: 'chan', elem: this.advanced(5) };
    if (rest.startsWith('func(')) return this.func();
    if (rest.startsWith('struct{')) return this.struct();
    if (rest.startsWith('interface{')) return this.interface();
    if (rest.startsWith('(')) {
      this.at++;
      const types = this.list(')');
      return { kind: 'tuple', types };
    }
    if (rest.startsWith('"')) {
      const close = t.indexOf('"', this.at + 1);
      if (close < 0 || t[close + 1] !== '.') throw new Error('bad qualified name');
      const pkg = t.slice(this.at + 1, close);
      this.at = close + 2;
      return { kind: 'named', pkg, name: this.identifier() };
    }
    return { kind: 'named', pkg: '', name: this.identifier() };
  }

  private func(): TypeShape {
    this.at += 5;
    const raw = this.list(')');
    const variadic = raw.length > 0 && raw[raw.length - 1].startsWith('...');
    const params = raw.map((p) => (p.startsWith('...') ? `[]${p.slice(3)}` : p));
    let results: GoType[] = [];
    if (this.text.startsWith(' (', this.at)) {
      this.at += 2;
      results = this.list(')');
    } else if (this.text[this.at] === ' ') {
      this.at++;
      results = [this.type()];
    }
    return { kind: 'func', params, results, variadic };
  }

  private struct(): TypeShape {
    this.at += 7;
    const fields: { name: string; type: GoType; embedded: boolean }[] = [];
    while (this.text[this.at] !== '}') {
      if (this.at >= this.text.length) throw new Error('unclosed struct');
      const start = this.at;
      const first = this.type();
      if (this.text[this.at] === ' ') {
        this.at++;
        fields.push({ name: this.text.slice(start, this.at - 1), type: this.type(), embedded: false });
      } else {
        const base = typeShape(deref(first));
        fields.push({ name: base.kind === 'named' ? base.name : '', type: first, embedded: true });
      }
      if (this.text.startsWith('; ', this.at)) this.at += 2;
    }
    this.at++;
    return { kind: 'struct', fields };
  }

  private interface(): TypeShape {
    this.at += 10;
    const methods: Record<string, GoType> = Object.create(null);
    const embeds: GoType[] = [];
    while (this.text[this.at] !== '}') {
      if (this.at >= this.text.length) throw new Error('unclosed interface');
      const method = /^([\p{L}_][\p{L}\p{N}_]*) (?=func\()/u.exec(this.text.slice(this.at, this.at + 256));
      if (method) {
        this.at += method[0].length;
        methods[method[1]] = this.type();
      } else {
        embeds.push(this.type());
      }
      if (this.text.startsWith('; ', this.at)) this.at += 2;
    }
    this.at++;
    return { kind: 'interface', methods, embeds };
  }

  /** Types separated by ', ' up to `close`, which is consumed. `...T` is kept as written. */
  private list(close: string): GoType[] {
    const items: GoType[] = [];
    while (this.text[this.at] !== close) {
      if (this.at >= this.text.length) throw new Error('unclosed list');
      const dots = this.text.startsWith('...', this.at);
      if (dots) this.at += 3;
      items.push((dots ? '...' : '') + this.type());
      if (this.text.startsWith(', ', this.at)) this.at += 2;
    }
    this.at++;
    return items;
  }

  /** Reads one whole type and returns its text. */
  private type(): GoType {
    const start = this.at;
    this.shape();
    return this.text.slice(start, this.at);
  }

  private advanced(n: number): GoType {
    this.at += n;
    return this.type();
  }

  private advance<T>(n: number, value: T): T {
    this.at += n;
    return value;
  }

  private identifier(): string {
    const match = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(this.text.slice(this.at));
    if (!match) throw new Error('expected a name');
    this.at += match[0].length;
    return match[0];
  }

  private expect(char: string): void {
    if (this.text[this.at] !== char) throw new Error(`expected ${char}`);
    this.at++;
  }
}

/**
 * How a file names things while its types are written down: the import path a package name stands for, the
 * import path of the file's own package, and the type parameters in scope (which stay unknown).
 */
export interface TypeNaming {
  importPathOf(localName: string): string | undefined;
  ownPackage: string;
  typeParameters?: ReadonlySet<string>;
  /** Names of types declared inside the function being read: they have no package-level identity. */
  localTypes?: ReadonlySet<string>;
}

/** The canonical string of a type written in source. */
export function typeFromNode(node: SyntaxNode | null | undefined, naming: TypeNaming): GoType {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case 'type_identifier': {
      const name = node.text;
      if (naming.typeParameters?.has(name) || naming.localTypes?.has(name)) return UNKNOWN;
      return PREDECLARED_TYPES.has(name) ? named('', name) : named(naming.ownPackage, name);
    }
    case 'qualified_type': {
      const pkg = naming.importPathOf(node.childForFieldName('package')?.text ?? '');
      const name = node.childForFieldName('name')?.text;
      return pkg && name ? named(pkg, name) : UNKNOWN;
    }
    case 'generic_type':
      return typeFromNode(node.childForFieldName('type'), naming);
    case 'parenthesized_type':
      return typeFromNode(firstNamed(node), naming);
    case 'pointer_type':
      return pointerTo(typeFromNode(firstNamed(node), naming));
    case 'slice_type':
      return `[]${typeFromNode(node.childForFieldName('element'), naming)}`;
    case 'array_type':
      return `[${node.childForFieldName('length')?.text.replace(/[\s\]]/g, '') ?? ''}]${typeFromNode(node.childForFieldName('element'), naming)}`;
    case 'implicit_length_array_type':
      return `[...]${typeFromNode(node.childForFieldName('element'), naming)}`;
    case 'map_type':
      return `map[${typeFromNode(node.childForFieldName('key'), naming)}]${typeFromNode(node.childForFieldName('value'), naming)}`;
    case 'channel_type': {
      const value = typeFromNode(node.childForFieldName('value'), naming);
      const text = node.text;
      if (text.startsWith('<-')) return `<-chan ${value}`;
      return /^chan\s*<-/.test(text) ? `chan<- ${value}` : `chan ${value}`;
    }
    case 'function_type': {
      const signature = signatureOf(node, naming);
      return funcType(signature.params, signature.results, signature.variadic);
    }
    case 'struct_type':
      return structTypeString(node, naming);
    case 'interface_type':
      return interfaceTypeString(node, naming);
    default:
      return UNKNOWN;
  }
}

function firstNamed(node: SyntaxNode): SyntaxNode | null {
  return node.namedChildren.find((n) => n && n.type !== 'comment') ?? null;
}

/** Parameter and result types of a function, method or function type; a named list repeats its type per name. */
export function signatureOf(fn: SyntaxNode, naming: TypeNaming): { params: GoType[]; results: GoType[]; variadic: boolean } {
  const params: GoType[] = [];
  let variadic = false;
  for (const decl of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (decl?.type === 'variadic_parameter_declaration') {
      params.push(typeFromNode(decl.childForFieldName('type'), naming));
      variadic = true;
    } else if (decl?.type === 'parameter_declaration') {
      const type = typeFromNode(decl.childForFieldName('type'), naming);
      const names = fieldChildren(decl, 'name').length;
      for (let i = 0; i < Math.max(1, names); i++) params.push(type);
    }
  }
  return { params, results: resultTypesOf(fn, naming), variadic };
}

export function resultTypesOf(fn: SyntaxNode, naming: TypeNaming): GoType[] {
  const result = fn.childForFieldName('result');
  if (!result) return [];
  if (result.type !== 'parameter_list') return [typeFromNode(result, naming)];
  const results: GoType[] = [];
  for (const decl of result.namedChildren) {
    if (decl?.type !== 'parameter_declaration') continue;
    const type = typeFromNode(decl.childForFieldName('type'), naming);
    const names = fieldChildren(decl, 'name').length;
    for (let i = 0; i < Math.max(1, names); i++) results.push(type);
  }
  return results;
}

/** The fields of a struct type node: names with types, embedded fields by their type's name. */
export function structFields(struct: SyntaxNode, naming: TypeNaming): { name: string; type: GoType; embedded: boolean }[] {
  const fields: { name: string; type: GoType; embedded: boolean }[] = [];
  const list = struct.namedChildren.find((n) => n?.type === 'field_declaration_list');
  for (const decl of list?.namedChildren ?? []) {
    if (decl?.type !== 'field_declaration') continue;
    const typeNode = decl.childForFieldName('type');
    const type = typeFromNode(typeNode, naming);
    const names = fieldChildren(decl, 'name').filter((n): n is SyntaxNode => !!n);
    if (names.length === 0) {
      const base = embeddedName(typeNode);
      // tree-sitter keeps the `*` of an embedded pointer (`*sql.DB`) beside the type, not in it.
      const pointer = decl.children.some((c) => c?.type === '*');
      if (base) fields.push({ name: base, type: pointer ? pointerTo(type) : type, embedded: true });
    } else {
      for (const name of names) fields.push({ name: name.text, type, embedded: false });
    }
  }
  return fields;
}

/** The field name an embedded type gives: `*sql.DB` → DB, `Base[T]` → Base. */
function embeddedName(type: SyntaxNode | null | undefined): string | null {
  if (!type) return null;
  switch (type.type) {
    case 'type_identifier':
      return type.text;
    case 'qualified_type':
      return type.childForFieldName('name')?.text ?? null;
    case 'pointer_type':
    case 'parenthesized_type':
      return embeddedName(firstNamed(type));
    case 'generic_type':
      return embeddedName(type.childForFieldName('type'));
    default:
      return null;
  }
}

function structTypeString(struct: SyntaxNode, naming: TypeNaming): GoType {
  const parts = structFields(struct, naming).map((f) => (f.embedded ? f.type : `${f.name} ${f.type}`));
  return `struct{${parts.join('; ')}}`;
}

/** `interface{Name func(P) R; Embedded}`: methods with their signatures, embedded interfaces; unions are left out. */
function interfaceTypeString(node: SyntaxNode, naming: TypeNaming): GoType {
  const parts: string[] = [];
  for (const element of node.namedChildren) {
    if (element?.type === 'method_elem') {
      const name = element.childForFieldName('name')?.text;
      if (!name) continue;
      const signature = signatureOf(element, naming);
      parts.push(`${name} ${funcType(signature.params, signature.results, signature.variadic)}`);
    } else if (element?.type === 'type_elem') {
      const types = element.namedChildren.filter((n) => n && n.type !== 'comment');
      // A single type embeds an interface; a union (`~int | string`) only constrains and adds no methods.
      if (types.length === 1 && types[0]?.type !== 'negated_type') parts.push(typeFromNode(types[0], naming));
    }
  }
  return `interface{${parts.join('; ')}}`;
}
