/**
 * Where an `http.Client` is kept and what is done with what it fetches: the questions that decide whether a
 * total `Timeout` is a safe fix. `Timeout` bounds the whole exchange, reading the body included, so a client
 * whose responses are streamed, saved to a file or handed on to be read elsewhere (cmd/go's module downloads)
 * must not get one in bulk; neither may a client whose uses the rule cannot all see.
 */
import { ancestor, findAllWithin, fieldChildren, FUNCTION_TYPES, unalias } from '../../go/syntax';
import { constantString } from '../constant-string';
import { usesOf } from '../local-uses';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { LocalDecl } from '../../go/scopes';
import { namedParts } from '../../go/types';

export const NET_HTTP = 'net/http';

/** `http.Client` as a type-reach target. */
export const HTTP_CLIENT = `"${NET_HTTP}".Client`;

/** Methods of `*http.Client` that send a request. */
export const SENDING_METHODS = new Set(['Do', 'Get', 'Post', 'Head', 'PostForm']);

/** True when `type` is `http.Client` (or, with `pointer`, `*http.Client`), through type aliases. */
export function isHttpClient(types: Resolver, type: string | null | undefined, pointer: 'no' | 'either' = 'either'): boolean {
  const parts = namedParts(type ? unalias(types, type) : null);
  return !!parts && parts.pkg === NET_HTTP && parts.name === 'Client' && (pointer === 'either' || !parts.pointer);
}

/** Where a constructed client goes: into a holder, straight into a call, or somewhere the rule cannot follow. */
export type Binding =
  | { kind: 'holder'; holder: string; target: SyntaxNode; local: LocalDecl | null }
  | { kind: 'inline'; call: SyntaxNode }
  | { kind: 'escapes' };

/** The binding of a construction (`&http.Client{...}`, `http.Client{...}`, `new(http.Client)`). */
export function bindingOf(types: Resolver, construction: SyntaxNode): Binding {
  let value = construction;
  while (value.parent && (value.parent.type === 'parenthesized_expression' || (value.parent.type === 'unary_expression' && value.parent.child(0)?.type === '&'))) {
    value = value.parent;
  }
  const parent = value.parent;
  if (parent?.type === 'selector_expression' && parent.parent?.type === 'call_expression') return { kind: 'inline', call: parent.parent };
  if (parent?.type === 'literal_element' && parent.parent?.type === 'keyed_element') {
    const key = parent.parent.childForFieldName('key');
    const literal = ancestor(parent.parent, 'composite_literal');
    const member = literal && key ? types.member(types.typeOf(literal), key.text) : null;
    // The same key `storageOf` gives `x.field` anywhere in the workspace.
    return member?.kind === 'field' && member.owner ? { kind: 'holder', holder: `field:${member.owner}.${key!.text}`, target: key!, local: null } : { kind: 'escapes' };
  }
  if (parent?.type !== 'expression_list') return { kind: 'escapes' };
  const index = parent.namedChildren.findIndex((n) => n?.id === value.id);
  const statement = parent.parent;
  let target: SyntaxNode | null | undefined = null;
  if (statement?.type === 'short_var_declaration' || statement?.type === 'assignment_statement') {
    if (statement.childForFieldName('right')?.id !== parent.id) return { kind: 'escapes' };
    target = statement.childForFieldName('left')?.namedChildren[index];
  } else if (statement?.type === 'var_spec') {
    target = fieldChildren(statement, 'name')[index];
  }
  const holder = types.storageOf(target);
  if (!target || !holder) return { kind: 'escapes' };
  return { kind: 'holder', holder, target, local: target.type === 'identifier' ? types.localDeclOf(target) : null };
}

/**
 * True when every use of a local client is visible here and keeps it here: it is only the receiver of method
 * calls and field writes, never returned, stored, passed on or handed to a goroutine.
 */
export function staysLocal(types: Resolver, local: LocalDecl): boolean {
  return usesOf(types, local).every((use) => {
    const parent = use.parent;
    if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.id === use.id) return true;
    return isAssignedTo(use);
  });
}

/** The calls below `root` that send through an `http.Client`, by where the client is kept: one pass per file. */
export function sendsByHolder(types: Resolver, root: SyntaxNode): Map<string, SyntaxNode[]> {
  const byHolder = new Map<string, SyntaxNode[]>();
  for (const call of findAllWithin(root, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || !SENDING_METHODS.has(fn.childForFieldName('field')?.text ?? '')) continue;
    const operand = fn.childForFieldName('operand');
    const holder = types.storageOf(operand);
    if (!holder || !isHttpClient(types, types.typeOf(operand))) continue;
    byHolder.set(holder, [...(byHolder.get(holder) ?? []), call]);
  }
  return byHolder;
}

/** What happens to the response of one sending call. */
export type ResponseUse =
  | { kind: 'bounded' }
  /** Read piece by piece or copied out: a download or a stream. */
  | { kind: 'streamed'; node: SyntaxNode }
  /** Returned, stored or passed to code the rule does not know: someone else reads it, for as long as it takes. */
  | { kind: 'handed'; node: SyntaxNode };

const BOUNDED: ResponseUse = { kind: 'bounded' };
const READ_ALL = new Set(['io.ReadAll', 'io/ioutil.ReadAll', 'io.LimitReader']);
const COPIES = new Set(['io.Copy', 'io.CopyN', 'io.CopyBuffer']);
const STREAM_READERS = new Set(['bufio.NewScanner', 'bufio.NewReader', 'bufio.NewReaderSize', 'io.TeeReader']);
const DECODERS = new Set(['encoding/json.NewDecoder', 'encoding/xml.NewDecoder']);

/** How the response of `send` (a `Do`/`Get`/`Post`... call, or `http.Get(...)`) is used in its function. */
export function responseUse(types: Resolver, send: SyntaxNode): ResponseUse {
  let value = send;
  while (value.parent?.type === 'parenthesized_expression') value = value.parent;
  const parent = value.parent;
  if (parent?.type === 'expression_statement') return BOUNDED;
  const statement = parent?.type === 'expression_list' ? parent.parent : null;
  if (!statement || !['short_var_declaration', 'assignment_statement', 'var_spec'].includes(statement.type)) return { kind: 'handed', node: send };
  const targets = statement.type === 'var_spec' ? fieldChildren(statement, 'name') : statement.childForFieldName('left')?.namedChildren ?? [];
  const target = targets[0];
  if (target?.text === '_') return BOUNDED;
  const local = target?.type === 'identifier' ? types.localDeclOf(target) : null;
  // A named result, a field or a package variable: the response leaves with the function or outlives it.
  if (!local || (local.kind !== 'short' && local.kind !== 'var')) return { kind: 'handed', node: target ?? send };
  for (const use of usesOf(types, local)) {
    if (isAssignedTo(use)) continue;
    const user = use.parent;
    if (user?.type === 'binary_expression') continue;
    if (user?.type !== 'selector_expression' || user.childForFieldName('operand')?.id !== use.id) return { kind: 'handed', node: use };
    if (user.childForFieldName('field')?.text !== 'Body') continue;
    const verdict = bodyUse(types, user);
    if (verdict.kind !== 'bounded') return verdict;
  }
  return BOUNDED;
}

/** Readers that decompress what they wrap: reading them reads the body, no more. */
const WRAPPERS = new Set(['compress/gzip.NewReader', 'compress/zlib.NewReader', 'compress/flate.NewReader']);

/**
 * How one `resp.Body` expression (or a local or decompressing reader that stands for it, `depth` steps away) is
 * read. A local it is put in (`reader = resp.Body`, `zr, err := gzip.NewReader(resp.Body)`) is followed to its uses.
 */
function bodyUse(types: Resolver, body: SyntaxNode, depth = 0): ResponseUse {
  const parent = body.parent;
  if (parent?.type === 'expression_list' && depth < 2) {
    const followed = followLocal(types, body, depth);
    if (followed) return followed;
  }
  if (parent?.type === 'selector_expression') {
    const method = parent.childForFieldName('field')?.text;
    if (method === 'Close') return BOUNDED;
    return { kind: method === 'Read' ? 'streamed' : 'handed', node: parent };
  }
  const call = parent?.type === 'argument_list' ? parent.parent : null;
  const callee = call ? types.calleeOf(call) : null;
  if (!call || !callee) return { kind: 'handed', node: body };
  const name = callee.kind === 'func' ? `${callee.pkg}.${callee.name}` : `${namedParts(callee.receiver)?.pkg}.${namedParts(callee.receiver)?.name}.${callee.name}`;
  if (READ_ALL.has(name)) return BOUNDED;
  if (WRAPPERS.has(name) && depth < 2) return bodyUse(types, call, depth + 1);
  if (COPIES.has(name)) return isDiscard(types, parent!.namedChildren[0]) ? BOUNDED : { kind: 'streamed', node: call };
  if (STREAM_READERS.has(name) || name === 'os.File.ReadFrom') return { kind: 'streamed', node: call };
  if (name === 'bytes.Buffer.ReadFrom') return BOUNDED;
  if (DECODERS.has(name)) return decodedInLoop(types, call) ? { kind: 'streamed', node: call } : BOUNDED;
  return { kind: 'handed', node: call };
}

/**
 * The use of the body through the local it is assigned to (`reader = resp.Body`): the worst use of that local,
 * or null when it is not assigned to a plain local of this function.
 */
function followLocal(types: Resolver, value: SyntaxNode, depth: number): ResponseUse | null {
  const list = value.parent!;
  const statement = list.parent;
  if (!statement || (statement.type !== 'short_var_declaration' && statement.type !== 'assignment_statement')) return null;
  if (statement.childForFieldName('right')?.id !== list.id || list.namedChildren.length !== 1) return null;
  const target = statement.childForFieldName('left')?.namedChild(0);
  const local = target?.type === 'identifier' ? types.localDeclOf(target) : null;
  if (!local || (local.kind !== 'short' && local.kind !== 'var')) return null;
  for (const use of usesOf(types, local)) {
    if (isAssignedTo(use)) continue;
    const verdict = bodyUse(types, use, depth + 1);
    if (verdict.kind !== 'bounded') return verdict;
  }
  return BOUNDED;
}

/** `io.Discard` (or `ioutil.Discard`): copying there only drains the body. */
function isDiscard(types: Resolver, node: SyntaxNode | null | undefined): boolean {
  if (node?.type !== 'selector_expression' || node.childForFieldName('field')?.text !== 'Discard') return false;
  const base = types.resolve(node.childForFieldName('operand'));
  return base?.kind === 'package' && (base.path === 'io' || base.path === 'io/ioutil');
}

/** A decoder read in a loop (`for dec.More()`, `for { dec.Decode(&ev) }`) is a stream of values. */
function decodedInLoop(types: Resolver, newDecoder: SyntaxNode): boolean {
  if (insideLoop(newDecoder)) return true;
  const parent = newDecoder.parent;
  const statement = parent?.type === 'expression_list' ? parent.parent : null;
  const target = statement?.type === 'short_var_declaration' ? statement.childForFieldName('left')?.namedChild(0) : null;
  const local = target?.type === 'identifier' ? types.localDeclOf(target) : null;
  return !!local && usesOf(types, local).some(insideLoop);
}

function insideLoop(node: SyntaxNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'for_statement') return true;
    if ((FUNCTION_TYPES as readonly string[]).includes(current.type)) return false;
  }
  return false;
}

/** True for the left-hand side of an assignment (`resp, err = ...`): a write, not a use. */
function isAssignedTo(use: SyntaxNode): boolean {
  const list = use.parent;
  const statement = list?.type === 'expression_list' ? list.parent : null;
  return statement?.type === 'assignment_statement' && statement.childForFieldName('left')?.id === list!.id;
}

/** Words that say the code moves files or streams: downloads, uploads, mirrors, event streams. */
const TRANSFER_WORDS = /download|upload|stream|mirror|archive|backup|export|dump|transfer|tail|follow|watch|events|sse|longpoll/i;
/** A URL whose path ends in a file name (`…/windowsZones.xml`, `…/go1.21.tar.gz`) fetches a file, not an API. */
const FILE_URL = /^[a-z][a-z0-9+.-]*:\/\/[^?#]*\/[^/?#]+\.(?!(?:php|aspx?|jsp|cgi|html?)\b)[a-z0-9]{1,5}(?:[?#].*)?$/i;

/**
 * True when the names around a call speak of transfers: the functions it sits in, the place the client is kept,
 * or a URL it fetches (a literal or a constant of this file).
 */
export function namesTransfer(types: Resolver, call: SyntaxNode, holderName = ''): boolean {
  if (TRANSFER_WORDS.test(holderName)) return true;
  for (let fn = ancestor(call, FUNCTION_TYPES); fn; fn = ancestor(fn, FUNCTION_TYPES)) {
    if (TRANSFER_WORDS.test(fn.childForFieldName('name')?.text ?? '')) return true;
  }
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.some((arg) => {
    const url = constantString(types, arg);
    return url !== null && (TRANSFER_WORDS.test(url) || FILE_URL.test(url));
  });
}
