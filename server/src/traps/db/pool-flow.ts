/**
 * Where database pools go: the per-file facts the pool rules share, read with the resolver, and the workspace-wide
 * flow computed from them. A pool starts at an open call (`sql.Open`, `sqlx.Connect`, `gorm.Open`) and flows
 * through storage — locals, package variables, struct fields, parameters, results — by assignment, struct
 * literal, call argument and return; a handle derived from it (`db.Begin()`, `gdb.DB()`, `db.Where(...)`) is the
 * same pool. Facts are plain JSON; `check` joins every file's facts without a syntax tree.
 *
 * Storage keys are the resolver's (`var:"pkg".Name`, `field:"pkg".T.f`, `param:"pkg".F#0`), plus
 * `result:"pkg".F#0` for what a function returns, `local:<path>:<offset>` for locals and
 * `open:<path>:<offset>` for the open calls themselves.
 */
import type { Settings } from '../../engine/config';
import { isTestCode } from '../../engine/domains';
import { isRequestType } from '../../engine/placements';
import type { FileLocation } from '../../engine/rule';
import type { SyntaxNode } from '../../go/parser';
import type { Callee, Resolver } from '../../go/resolver';
import { rangeOf, SourceFile } from '../../go/source';
import { asMethodCall, callArguments, fieldChildren, findAll } from '../../go/syntax';
import { deref, named, namedParts, typeShape } from '../../go/types';
import type { Range } from '../../engine/types';
import { DB_LIBRARIES, dbHandleOf, DbLibrary, handleLabel, poolOpener } from './db-handles';

export const POOL_LIMITS = ['SetMaxOpenConns', 'SetMaxIdleConns', 'SetConnMaxLifetime', 'SetConnMaxIdleTime'] as const;

export interface OpenFact {
  /** The origin key, `open:<path>:<offset>`. */
  origin: string;
  range: Range;
  /** The call as written: `sql.Open`. */
  call: string;
  library: DbLibrary;
  /** The storage the pool goes to first, when it is stored (`db`, `s.db`, `store.DB`). */
  target?: string;
  /** The target as written, for messages and fixes. */
  targetText?: string;
  /** The enclosing named function, if any. */
  fn?: string;
  /** The error result is bound to this name (`db, err := ...`), '' when discarded, undefined for no error result. */
  errName?: string;
}

/** A package variable or struct field of a pool type declared in this file: where a shared pool is reported. */
export interface AnchorFact {
  storage: string;
  name: string;
  range: Range;
  type: string;
}

/** A method called on a handle: who draws on the pool, from which function. */
export interface UseFact {
  storage: string;
  fn: string;
  range: Range;
  method: string;
  /** The receiver when it names the storage directly (`store.DB`, `db`): where a split retargets the use. */
  ref?: Range;
  /** Inside a function literal that serves a request (a handler registered inline). */
  interactive?: true;
}

/**
 * A pool handed to a function or struct of another package (`user.NewRepo(db)`, `&order.Service{Store: st}`):
 * the receiving package draws on it from then on, even before any of its queries run.
 */
export interface HandoffFact {
  /** The storage whose pool is handed over: the handle's, or the pool field of a struct that holds one. */
  storage: string;
  /** The receiving package (import path). */
  pkg: string;
  /** The receiving parameter or field. */
  target: string;
  fn: string;
  range: Range;
  /** The argument when it names the storage directly: where a split retargets the hand-off. */
  ref?: Range;
  /** Set when a struct holding the pool is handed over (`user.NewService(store)`): the struct's type. */
  holder?: string;
}

/** A call of a workspace function whose result is a handle, and where the result goes: `userDB, err := db.Open(dsn)`. */
export interface ResultSiteFact {
  /** `result:"pkg".F#0` */
  result: string;
  /** The storage the result is assigned to. */
  target: string;
  targetText: string;
  range: Range;
  call: string;
}

export interface FunctionFact {
  id: string;
  name: string;
  range: Range;
  /** Serves a request (an *http.Request, gin, echo or gRPC-style request parameter). */
  interactive?: true;
  /** Runs as batch work by its name or its package's (worker, job, cron, import, consume, refresh, ...). */
  batch?: true;
}

export interface PoolFlowFacts {
  /** The file's package (import path), whether it is a program's `main`, and the workspace packages it imports. */
  pkg: string;
  main?: true;
  imports: string[];
  opens: OpenFact[];
  anchors: AnchorFact[];
  /** `from\tto`: the pool in `from` reaches `to`. */
  edges: string[];
  uses: UseFact[];
  handoffs: HandoffFact[];
  resultSites: ResultSiteFact[];
  functions: FunctionFact[];
  /** `caller\tcallee` for calls of workspace functions from a named function. */
  calls: string[];
}

const BATCH_WORDS = /(^|[^a-z])(worker|workers|job|jobs|cron|batch|import|importer|consumer|consume|refresh|refresher|scheduler|schedule|task|tasks|backfill|sync|syncer|bulk|queue|poller|poll)([^a-z]|$)/i;

const collected = new WeakMap<SourceFile, PoolFlowFacts | undefined>();

/**
 * The pool facts of one file, or undefined when the file touches no handle or is test code (a `_test.go` file or
 * a test-harness package: sharing a pool there costs nothing in production); read once for both pool rules.
 */
export function collectPoolFlow(file: SourceFile, location: FileLocation, types: Resolver, settings: Settings): PoolFlowFacts | undefined {
  if (collected.has(file)) return collected.get(file);
  const facts = isTestCode(location, settings) || !workspaceUsesDatabases(types) ? undefined : new FlowReader(file, location, types).read();
  collected.set(file, facts);
  return facts;
}

/**
 * True when some file of the workspace imports a database library: every other workspace is spared the work
 * (the Go standard library is one).
 */
function workspaceUsesDatabases(types: Resolver): boolean {
  return Object.keys(DB_LIBRARIES).some((path) => types.index.importedBy(path).length > 0);
}

class FlowReader {
  private readonly facts: PoolFlowFacts = { pkg: '', imports: [], opens: [], anchors: [], edges: [], uses: [], handoffs: [], resultSites: [], functions: [], calls: [] };
  private readonly edgeSet = new Set<string>();
  private readonly callSet = new Set<string>();

  constructor(
    readonly file: SourceFile,
    readonly location: FileLocation,
    readonly types: Resolver,
  ) {}

  read(): PoolFlowFacts | undefined {
    this.readDeclarations();
    const nodes = findAll(this.file.root, ['call_expression', 'short_var_declaration', 'assignment_statement', 'var_spec', 'keyed_element', 'literal_value', 'return_statement']);
    for (const node of nodes) {
      if (node.type === 'call_expression') this.call(node);
      else if (node.type === 'keyed_element') this.keyed(node);
      else if (node.type === 'literal_value') this.positional(node);
      else if (node.type === 'return_statement') this.returned(node);
      else this.assignment(node);
    }
    const f = this.facts;
    // Every file says where it sits among the programs (its package and imports), even with no pool of its own:
    // a pool opened by one program's main never reaches another program's code.
    f.pkg = this.types.ownPackage;
    if (this.file.packageName === 'main') f.main = true;
    f.imports = this.file.imports.map((spec) => spec.path).filter((path) => this.types.index.filesOf(path).length > 0);
    return f;
  }

  /** Package variables and struct fields of a pool type, and the file's named functions. */
  private readDeclarations(): void {
    for (const decl of this.file.root.namedChildren) {
      if (!decl) continue;
      if (decl.type === 'var_declaration') {
        for (const spec of decl.descendantsOfType('var_spec')) {
          if (!spec) continue;
          for (const name of fieldChildren(spec, 'name')) this.anchor(name, this.types.typeOf(name), this.types.storageOf(name));
        }
      } else if (decl.type === 'type_declaration') {
        for (const spec of decl.namedChildren) {
          const typeNode = spec?.childForFieldName('type');
          const typeName = spec?.childForFieldName('name')?.text;
          if (spec?.type !== 'type_spec' || typeNode?.type !== 'struct_type' || !typeName) continue;
          for (const field of typeNode.descendantsOfType('field_declaration')) {
            if (!field || field.parent?.parent?.id !== typeNode.id) continue;
            const type = this.types.typeOfTypeNode(field.childForFieldName('type'));
            const names = fieldChildren(field, 'name');
            for (const name of names) this.anchor(name, type, `field:"${this.types.ownPackage}".${typeName}.${name.text}`);
          }
        }
      } else if (decl.type === 'function_declaration' || decl.type === 'method_declaration') {
        this.function(decl);
      }
    }
  }

  private anchor(name: SyntaxNode, type: string | null, storage: string | null): void {
    const handle = dbHandleOf(type);
    if (!handle || handle.kind !== 'DB' || !storage) return;
    this.facts.anchors.push({ storage, name: name.text, range: rangeOf(name), type: handleLabel(handle) });
  }

  private function(decl: SyntaxNode): void {
    const id = this.types.functionId(decl);
    const nameNode = decl.childForFieldName('name');
    if (!id || !nameNode) return;
    const fact: FunctionFact = { id, name: nameNode.text, range: rangeOf(nameNode) };
    const receiverType = decl.type === 'method_declaration' ? id.slice(id.lastIndexOf('"') + 2, id.lastIndexOf('.')) : '';
    const fileName = this.location.path.slice(this.location.path.lastIndexOf('/') + 1);
    if (BATCH_WORDS.test(`${this.location.packageDir} ${fileName.replace(/\.go$/, '')} ${receiverType} ${nameNode.text}`.replace(/([a-z])([A-Z])/g, '$1 $2'))) fact.batch = true;
    let index = 0;
    for (const param of decl.childForFieldName('parameters')?.namedChildren ?? []) {
      if (param?.type !== 'parameter_declaration' && param?.type !== 'variadic_parameter_declaration') continue;
      const type = this.types.typeOfTypeNode(param.childForFieldName('type'));
      if (isRequestType(type)) fact.interactive = true;
      const names = fieldChildren(param, 'name');
      // A pool parameter is a pool of its own until some caller in the workspace is seen passing one.
      names.forEach((name, i) => this.anchor(name, param.type === 'parameter_declaration' ? type : null, `param:${id}#${index + i}`));
      index += Math.max(1, names.length);
    }
    this.facts.functions.push(fact);
  }

  // ---- flow ----------------------------------------------------------------------------------------------------

  private edge(from: string | null, to: string | null): void {
    if (!from || !to || from === to) return;
    const key = `${from}\t${to}`;
    if (this.edgeSet.has(key)) return;
    this.edgeSet.add(key);
    this.facts.edges.push(key);
  }

  /** Storage keys made workspace-wide: a local's key gets the file's path. */
  private storage(expr: SyntaxNode | null | undefined): string | null {
    const key = this.types.storageOf(expr);
    return key?.startsWith('local:') ? `local:${this.file.path}:${key.slice(6)}` : key;
  }

  /** Where the pool a value carries comes from, or null when the value is no handle we can follow. */
  private source(value: SyntaxNode | null | undefined, index = 0): string | null {
    if (!value) return null;
    switch (value.type) {
      case 'parenthesized_expression':
        return this.source(value.namedChildren.find((n) => n && n.type !== 'comment'), index);
      case 'unary_expression':
        return value.child(0)?.type === '&' ? this.source(value.childForFieldName('operand'), index) : null;
      case 'identifier':
      case 'selector_expression':
        return index === 0 && dbHandleOf(this.types.typeOf(value)) ? this.storage(value) : null;
      case 'call_expression': {
        const callee = this.types.calleeOf(value);
        if (poolOpener(callee)) return index === 0 ? `open:${this.file.path}:${value.startIndex}` : null;
        // A handle derived from a handle (Begin, Conn, Prepare, gorm's chain and DB()) draws on the same pool.
        if (callee?.kind === 'method' && dbHandleOf(callee.receiver)) {
          const receiver = asMethodCall(value)?.receiver;
          return index === 0 && receiver ? this.source(receiver) : null;
        }
        const result = this.types.typeOf(value);
        const type = result && typeShape(result).kind === 'tuple' ? (typeShape(result) as { types: string[] }).types[index] : index === 0 ? result : null;
        if (!dbHandleOf(type)) return null;
        // A library function that takes a handle and returns one wraps the same pool (sqlx.NewDb(db, driver)).
        if (callee && !this.isWorkspaceFunction(callee)) {
          const wrapped = callArguments(value).find((arg) => dbHandleOf(this.types.typeOf(arg)));
          return wrapped && index === 0 ? this.source(wrapped) : null;
        }
        const id = calleeId(callee);
        return id ? `result:${id}#${index}` : null;
      }
      default:
        return null;
    }
  }

  private assignment(node: SyntaxNode): void {
    let targets: SyntaxNode[];
    let values: SyntaxNode[];
    if (node.type === 'var_spec') {
      targets = fieldChildren(node, 'name');
      values = (node.childForFieldName('value')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    } else {
      if (node.type === 'assignment_statement' && node.childForFieldName('operator')?.text !== '=') return;
      targets = (node.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
      values = (node.childForFieldName('right')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    }
    if (values.length === targets.length) {
      targets.forEach((target, i) => this.assign(values[i], this.source(values[i]), target));
    } else if (values.length === 1) {
      targets.forEach((target, i) => this.assign(values[0], this.source(values[0], i), target));
    }
  }

  private assign(value: SyntaxNode, source: string | null, targetNode: SyntaxNode): void {
    const target = this.storage(targetNode);
    this.edge(source, target);
    // A factory (`db.Open(dsn)` returning a new pool per call) makes one pool per call site: keep where.
    if (source?.startsWith('result:') && target) {
      const call = value.childForFieldName('function')?.text ?? value.text;
      this.facts.resultSites.push({ result: source, target, targetText: targetNode.text, range: rangeOf(value), call });
    }
  }

  /** `&Store{db: conn}`: the pool goes into the field. */
  private keyed(node: SyntaxNode): void {
    const literal = node.parent?.parent;
    if (literal?.type !== 'composite_literal') return;
    const key = node.childForFieldName('key');
    const value = node.childForFieldName('value')?.namedChildren.find((n) => n && n.type !== 'comment');
    if (!key || !value) return;
    const member = this.types.member(this.types.typeOf(literal), key.text);
    if (member?.kind !== 'field' || !member.owner) return;
    const target = `field:${member.owner}.${key.text}`;
    const source = this.source(value);
    if (source) this.edge(source, target);
    this.handoff(value, source, namedParts(member.owner)?.pkg, target, node);
  }

  /** `&Storage{db}`: the i-th element goes into the struct's i-th field. */
  private positional(list: SyntaxNode): void {
    const literal = list.parent;
    if (literal?.type !== 'composite_literal') return;
    const elements = list.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    if (elements.length === 0 || elements.some((e) => e.type !== 'literal_element')) return;
    const type = this.types.typeOf(literal);
    const decl = type ? this.types.typeDecl(deref(type)) : null;
    const shape = decl ? typeShape(decl.underlying) : null;
    if (!decl || shape?.kind !== 'struct' || shape.fields.length !== elements.length) return;
    const owner = named(decl.pkg, decl.name);
    elements.forEach((element, i) => {
      const field = shape.fields[i];
      const value = element.namedChildren.find((n) => n && n.type !== 'comment');
      if (!value || !field.name) return;
      const target = `field:${owner}.${field.name}`;
      const source = this.source(value);
      if (source) this.edge(source, target);
      this.handoff(value, source, decl.pkg, target, element);
    });
  }

  /** Records a pool (or a struct holding pools) handed into another package. */
  private handoff(value: SyntaxNode | null | undefined, source: string | null, pkg: string | undefined, target: string, at: SyntaxNode): void {
    if (!value || !pkg || pkg === this.types.ownPackage || this.types.index.filesOf(pkg).length === 0) return;
    const fn = enclosingNamedFunction(at);
    const base: Omit<HandoffFact, 'storage'> = { pkg, target, fn: (fn && this.types.functionId(fn)) ?? '', range: rangeOf(value) };
    if (source?.startsWith('var:') && this.storage(value) === source) base.ref = rangeOf(value);
    if (source) {
      this.facts.handoffs.push({ storage: source, ...base });
      return;
    }
    delete base.ref;
    const type = this.types.typeOf(value);
    for (const field of this.poolFields(type)) this.facts.handoffs.push({ storage: field, ...base, holder: field.slice(6, field.lastIndexOf('.')) });
  }

  /** The pool fields of a struct type (directly or one level of embedding down): what handing it over shares. */
  private poolFields(type: string | null): string[] {
    const declared = type ? this.types.typeDecl(type) : null;
    if (!declared) return [];
    const shape = typeShape(declared.underlying);
    if (shape.kind !== 'struct') return [];
    const owner = `"${declared.pkg}".${declared.name}`;
    const fields: string[] = [];
    for (const field of shape.fields) {
      const handle = dbHandleOf(field.type);
      if (handle?.kind === 'DB') fields.push(`field:${owner}.${field.name}`);
    }
    return fields;
  }

  private returned(node: SyntaxNode): void {
    const fn = enclosingNamedFunction(node);
    const id = fn ? this.types.functionId(fn) : null;
    if (!id || enclosingFunctionLiteral(node, fn!)) return;
    const values = node.namedChildren[0]?.type === 'expression_list' ? node.namedChildren[0].namedChildren : node.namedChildren;
    values.forEach((value, i) => {
      if (value && value.type !== 'comment') this.edge(this.source(value), `result:${id}#${i}`);
    });
  }

  private call(node: SyntaxNode): void {
    const method = asMethodCall(node);
    const callee = this.types.calleeOf(node);
    const fn = enclosingNamedFunction(node);
    const fnId = fn ? this.types.functionId(fn) : null;
    const opener = poolOpener(callee);
    if (opener) {
      this.open(node, opener.library, fnId);
      return;
    }
    if (callee?.kind === 'method' && dbHandleOf(callee.receiver) && method) {
      const storage = this.source(method.receiver);
      if (storage) {
        const range = { start: rangeOf(method.methodNode).start, end: rangeOf(node).end };
        const use: UseFact = { storage, fn: fnId ?? '', range, method: method.method };
        // Only a receiver that names the package variable itself can be pointed at another variable by a split.
        if (storage.startsWith('var:') && this.storage(method.receiver) === storage) use.ref = rangeOf(method.receiver);
        if (this.inRequestClosure(node, fn)) use.interactive = true;
        this.facts.uses.push(use);
      }
      return;
    }
    const id = calleeId(callee);
    if (!id) return;
    if (fnId && this.isWorkspaceFunction(callee!)) {
      const key = `${fnId}\t${id}`;
      if (!this.callSet.has(key)) {
        this.callSet.add(key);
        this.facts.calls.push(key);
      }
    }
    const pkg = callee!.kind === 'func' ? callee!.pkg : namedParts(callee!.receiver)?.pkg;
    callArguments(node).forEach((arg, i) => {
      const source = this.source(arg);
      if (source) this.edge(source, `param:${id}#${i}`);
      this.handoff(arg, source, pkg, `param:${id}#${i}`, node);
    });
  }

  /** True inside a function literal with a request parameter (`r.GET("/x", func(c *gin.Context) {...})`). */
  private inRequestClosure(node: SyntaxNode, outer: SyntaxNode | null): boolean {
    for (let current = node.parent; current && current.id !== outer?.id; current = current.parent) {
      if (current.type !== 'func_literal') continue;
      for (const param of current.childForFieldName('parameters')?.namedChildren ?? []) {
        if (param?.type === 'parameter_declaration' && isRequestType(this.types.typeOfTypeNode(param.childForFieldName('type')))) return true;
      }
    }
    return false;
  }

  private isWorkspaceFunction(callee: Callee): boolean {
    const pkg = callee.kind === 'func' ? callee.pkg : namedParts(callee.receiver)?.pkg;
    return !!pkg && this.types.index.filesOf(pkg).length > 0;
  }

  private open(call: SyntaxNode, library: DbLibrary, fnId: string | null): void {
    const origin = `open:${this.file.path}:${call.startIndex}`;
    const fact: OpenFact = { origin, range: rangeOf(call), call: call.childForFieldName('function')?.text ?? '', library };
    if (fnId) fact.fn = fnId;
    const list = call.parent?.type === 'expression_list' && call.parent.namedChildCount === 1 ? call.parent : null;
    const holder = list?.parent;
    let targets: SyntaxNode[] = [];
    if (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement') {
      targets = (holder.childForFieldName('left')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    } else if (holder?.type === 'var_spec') {
      targets = fieldChildren(holder, 'name');
    }
    const target = targets[0];
    const storage = target && target.text !== '_' ? this.storage(target) : null;
    if (storage) {
      fact.target = storage;
      fact.targetText = target.text;
    }
    if (targets.length === 2) fact.errName = targets[1].text === '_' ? '' : targets[1].text;
    this.facts.opens.push(fact);
  }
}

/** `"pkg".F` / `"pkg".T.m` for a callee, null for builtins and function values. */
export function calleeId(callee: Callee | null): string | null {
  if (!callee) return null;
  if (callee.kind === 'func') return `"${callee.pkg}".${callee.name}`;
  return namedParts(callee.receiver) ? `${callee.receiver}.${callee.name}` : null;
}

function enclosingNamedFunction(node: SyntaxNode): SyntaxNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration') return current;
  }
  return null;
}

function enclosingFunctionLiteral(node: SyntaxNode, outer: SyntaxNode): boolean {
  for (let current = node.parent; current && current.id !== outer.id; current = current.parent) if (current.type === 'func_literal') return true;
  return false;
}

// ---- the workspace view ------------------------------------------------------------------------------------------

/** A pool's origin as reported: an open call, or the call of a factory that opens a new pool each time. */
export interface PoolOrigin {
  path: string;
  range: Range;
  call: string;
  library: DbLibrary;
  /** The storage it is first assigned to, as written. */
  targetText?: string;
  target?: string;
}

/**
 * Every file's facts joined: which pools reach which storage. A function that opens a pool and returns it
 * (`func Open(dsn) (*sql.DB, error)`) is a factory: each of its calls is a pool of its own, followed from the call.
 */
export class PoolFlow {
  /** Storage → the pools (origins) that reach it. */
  readonly reaching = new Map<string, Set<string>>();
  /** Origin key (`open:…` or `call:<path>:<line>:<col>`) → where it starts. */
  readonly opens = new Map<string, PoolOrigin>();
  /** A factory's open → the pools its calls make (one per call site). */
  readonly derived = new Map<string, string[]>();
  /** Opens inside factories: each call of the factory is a pool of its own. */
  readonly factoryOpens: ReadonlySet<string>;

  /** Origin → the packages its pool can reach (its programs' import closures); undefined for any package. */
  private readonly reach = new Map<string, Set<string> | undefined>();
  /** Several opens that assign one variable (`switch` branches, a reload) are one pool: origin → canonical origin. */
  readonly canonical = new Map<string, string>();

  constructor(files: ReadonlyArray<{ location: FileLocation; facts: PoolFlowFacts }>) {
    const next = new Map<string, { to: string; pkg: string }[]>();
    const opens: { path: string; pkg: string; fact: OpenFact }[] = [];
    const sites: { path: string; pkg: string; site: ResultSiteFact }[] = [];
    const link = (from: string, to: string, pkg: string) => {
      const list = next.get(from);
      if (list) list.push({ to, pkg });
      else next.set(from, [{ to, pkg }]);
    };
    for (const { location, facts } of files) {
      for (const open of facts.opens) opens.push({ path: location.path, pkg: facts.pkg, fact: open });
      for (const site of facts.resultSites) sites.push({ path: location.path, pkg: facts.pkg, site });
      for (const edge of facts.edges) {
        const tab = edge.indexOf('\t');
        link(edge.slice(0, tab), edge.slice(tab + 1), facts.pkg);
      }
      for (const open of facts.opens) if (open.target) link(open.origin, open.target, facts.pkg);
    }
    const programs = new Programs(files.map((f) => f.facts));
    // Factories: an open whose pool reaches its own function's result through locals only.
    const factories = new Map<string, { path: string; fact: OpenFact }>();
    for (const open of opens) {
      const seen = new Set<string>([open.fact.origin]);
      const queue = [open.fact.origin];
      while (queue.length > 0) {
        for (const { to } of next.get(queue.pop()!) ?? []) {
          if (seen.has(to)) continue;
          seen.add(to);
          if (to.startsWith('local:')) queue.push(to);
          else if (open.fact.fn && to.startsWith(`result:${open.fact.fn}#`)) factories.set(to, open);
        }
      }
    }
    // A function returning a factory's result is a factory too (`func Primary() (*sql.DB, error) { return Open(dsn) }`).
    for (let grew = true; grew; ) {
      grew = false;
      for (const [result, open] of [...factories]) {
        for (const { to } of next.get(result) ?? []) {
          if (to.startsWith('result:') && !factories.has(to)) {
            factories.set(to, open);
            grew = true;
          }
        }
      }
    }
    // Every open is an origin (a factory's for what it does inside before returning), and so is every call site.
    const origins: { origin: string; pkg: string; target?: string }[] = [];
    for (const open of opens) {
      this.opens.set(open.fact.origin, { path: open.path, range: open.fact.range, call: open.fact.call, library: open.fact.library, targetText: open.fact.targetText, target: open.fact.target });
      origins.push({ origin: open.fact.origin, pkg: open.pkg, target: open.fact.target });
    }
    for (const { path, pkg, site } of sites) {
      const factory = factories.get(site.result);
      if (!factory || factories.has(site.target)) continue;
      const origin = `call:${path}:${site.range.start.line}:${site.range.start.character}`;
      this.opens.set(origin, { path, range: site.range, call: site.call, library: factory.fact.library, targetText: site.targetText, target: site.target });
      link(origin, site.target, pkg);
      origins.push({ origin, pkg, target: site.target });
      const list = this.derived.get(factory.fact.origin) ?? [];
      list.push(origin);
      this.derived.set(factory.fact.origin, list);
    }
    this.factoryOpens = new Set([...factories.values()].map((f) => f.fact.origin));
    // Opens assigned to the same variable are alternatives (one per driver, a reload): one pool, the first of them.
    const byTarget = new Map<string, string>();
    for (const { origin, target } of [...origins].sort((a, b) => (a.origin < b.origin ? -1 : 1))) {
      if (!target || target.startsWith('result:') || this.factoryOpens.has(origin)) continue;
      const first = byTarget.get(target);
      if (first) this.canonical.set(origin, first);
      else byTarget.set(target, origin);
    }
    // Storage of a pool type that no open reaches (a handle from a library, a parameter nobody in the workspace
    // passes) is a pool of its own: each is followed from itself.
    for (const { facts } of files) for (const anchor of facts.anchors) origins.push({ origin: anchor.storage, pkg: facts.pkg });
    for (const { origin, pkg } of origins) {
      const allowed = programs.reachableFrom(pkg);
      this.reach.set(origin, allowed);
      this.programs = programs;
      const pool = this.canonical.get(origin) ?? origin;
      const seen = new Set<string>([origin]);
      const queue = [origin];
      while (queue.length > 0) {
        for (const { to, pkg: via } of next.get(queue.pop()!) ?? []) {
          // A factory's result is a new pool per call, which the call sites stand for; and a pool never crosses
          // into code that its programs do not contain.
          if (seen.has(to) || factories.has(to) || (allowed && !allowed.has(via) && programs.owns(via))) continue;
          seen.add(to);
          queue.push(to);
        }
      }
      for (const storage of seen) {
        let set = this.reaching.get(storage);
        if (!set) this.reaching.set(storage, (set = new Set()));
        set.add(pool);
      }
    }
  }

  private programs: Programs | undefined;

  /**
   * True when code of package `pkg` can draw on the pool: it belongs to a program that opens it, or to no program
   * at all (a library no main imports, which nothing proves apart).
   */
  reaches(pool: string, pkg: string): boolean {
    const allowed = this.reach.get(pool);
    return !allowed || allowed.has(pkg) || !this.programs?.owns(pkg);
  }

  /** The pools that reach a storage key (opens and factory calls; an anchor when neither reaches it). */
  poolsAt(storage: string): string[] {
    const all = [...(this.reaching.get(storage) ?? [])];
    const opened = all.filter((o) => o.startsWith('open:') || o.startsWith('call:'));
    if (opened.length > 0) return opened;
    // An anchor reached by no open stands for the pool itself; among several, the ones no other anchor feeds.
    return all.filter((o) => ![...(this.reaching.get(o) ?? [])].some((p) => p !== o));
  }
}

/**
 * The programs of the workspace: each `main` package with the workspace packages it imports, directly or not.
 * A package in some program belongs to those programs; one in none (a library) to any.
 */
class Programs {
  private readonly closures: Set<string>[] = [];
  private readonly owned = new Set<string>();
  private readonly cache = new Map<string, Set<string> | undefined>();

  constructor(facts: readonly PoolFlowFacts[]) {
    const imports = new Map<string, Set<string>>();
    const mains = new Set<string>();
    for (const f of facts) {
      const set = imports.get(f.pkg) ?? new Set<string>();
      for (const path of f.imports) set.add(path);
      imports.set(f.pkg, set);
      if (f.main) mains.add(f.pkg);
    }
    for (const main of [...mains].sort()) {
      const closure = new Set<string>([main]);
      const queue = [main];
      while (queue.length > 0) {
        for (const dep of imports.get(queue.pop()!) ?? []) {
          if (closure.has(dep)) continue;
          closure.add(dep);
          queue.push(dep);
        }
      }
      this.closures.push(closure);
      for (const pkg of closure) this.owned.add(pkg);
    }
  }

  /** True when some program imports the package. */
  owns(pkg: string): boolean {
    return this.owned.has(pkg);
  }

  /** The packages code of `pkg` can hand a pool to: the union of its programs, or undefined for any. */
  reachableFrom(pkg: string): Set<string> | undefined {
    if (this.cache.has(pkg)) return this.cache.get(pkg);
    const mine = this.closures.filter((closure) => closure.has(pkg));
    const allowed = mine.length === 0 ? undefined : new Set(mine.flatMap((closure) => [...closure]));
    this.cache.set(pkg, allowed);
    return allowed;
  }
}
