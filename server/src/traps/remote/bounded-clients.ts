/**
 * Clients this file gives a `Timeout`, and whether a request is sent only through such clients: a request built
 * without a context is then bounded already, and a new request-sized timeout would cut the client's budget.
 */
import { ancestor, enclosingStatement, fieldChildren, findAll } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { usesOf } from '../local-uses';
import { isHttpClient } from './client-uses';
import { keyedElements } from './http-client';

/**
 * The `Timeout` element of the client that sends the request `call` builds (`resp, err := c.Do(req)` in the same
 * function), when every client it is sent through is kept where this file gives it one; null otherwise.
 */
export function clientTimeoutOfSend(types: Resolver, call: SyntaxNode, bounded: Map<string, SyntaxNode>): SyntaxNode | null {
  const statement = enclosingStatement(call);
  if (!statement || (statement.type !== 'short_var_declaration' && statement.type !== 'assignment_statement')) return null;
  const request = statement.childForFieldName('left')?.namedChild(0);
  const local = request?.type === 'identifier' ? types.localDeclOf(request) : null;
  if (!local) return null;
  // Every send must go through a bounded client: one unbounded branch (cmd/go's fetch) leaves the request unbounded.
  let found: SyntaxNode | null = null;
  for (const use of usesOf(types, local)) {
    const send = use.parent?.type === 'argument_list' ? use.parent.parent : null;
    const fn = send?.type === 'call_expression' ? send.childForFieldName('function') : null;
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Do') continue;
    const client = fn.childForFieldName('operand');
    if (!client || !isHttpClient(types, types.typeOf(client))) continue;
    // Built on the spot (`client.New(opts).Do(req)`), or kept where this file gives it a Timeout.
    const holder = types.storageOf(client);
    const timeout = client.type === 'call_expression' ? timeoutElement(types, client) : holder ? bounded.get(holder) : undefined;
    if (!timeout) return null;
    found ??= timeout;
  }
  return found;
}

/**
 * The places in the file that are given a client built with a `Timeout`: `&http.Client{Timeout: d}`, or a
 * constructor handed options that set one (`client.New(client.Options{Timeout: d})`), assigned to a local, a
 * package variable or a field (`&Service{http: ...}`). Maps each place to its `Timeout` element.
 */
export function boundedClients(types: Resolver): Map<string, SyntaxNode> {
  const found = new Map<string, SyntaxNode>();
  if (!types.file.text.includes('Timeout')) return found;
  for (const node of findAll(types.file.root, ['short_var_declaration', 'assignment_statement', 'var_spec', 'keyed_element'])) {
    if (node.type === 'keyed_element') {
      const key = node.childForFieldName('key');
      const value = node.childForFieldName('value');
      const timeout = value ? timeoutElement(types, value.namedChild(0) ?? value) : null;
      const literal = timeout && key ? ancestor(node, 'composite_literal') : null;
      const member = literal ? types.member(types.typeOf(literal), key!.text) : null;
      if (timeout && member?.kind === 'field' && member.owner && isHttpClient(types, member.type)) found.set(`field:${member.owner}.${key!.text}`, timeout);
      continue;
    }
    const targets = node.type === 'var_spec' ? fieldChildren(node, 'name') : node.childForFieldName('left')?.namedChildren ?? [];
    const right = node.type === 'var_spec' ? node.childForFieldName('value') : node.childForFieldName('right');
    const values = right?.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'comment') ?? [];
    if (values.length !== targets.length) continue;
    values.forEach((value, i) => {
      const timeout = timeoutElement(types, value);
      const holder = timeout ? types.storageOf(targets[i]) : null;
      if (timeout && holder && isHttpClient(types, types.typeOf(value))) found.set(holder, timeout);
    });
  }
  return found;
}

/**
 * The `Timeout: d` element of a client literal, or of an options literal handed to a constructor, written there
 * or in a local the constructor is given (`opts := Options{Timeout: d}; New(opts)`).
 */
function timeoutElement(types: Resolver, value: SyntaxNode): SyntaxNode | null {
  const literals = value.type === 'call_expression' ? value.childForFieldName('arguments')?.namedChildren ?? [] : [value];
  for (let literal of literals) {
    while (literal && (literal.type === 'unary_expression' || literal.type === 'parenthesized_expression')) literal = literal.namedChild(0);
    // A constructor handed a timeout (`newClient(private, defaultHTTPTimeout)`) builds a bounded client.
    if (literal && value.type === 'call_expression' && isTimeoutDuration(types, literal)) return literal;
    if (literal?.type === 'identifier' && value.type === 'call_expression') literal = initialValue(types, literal);
    const body = literal?.type === 'composite_literal' ? literal.childForFieldName('body') : null;
    const element = body ? keyedElements(body).find((e) => e.key === 'Timeout') : undefined;
    if (element) return element.node;
  }
  return null;
}

/** The value a local is declared with (`opts := Options{...}`), when it is declared with one. */
function initialValue(types: Resolver, name: SyntaxNode): SyntaxNode | null {
  const local = types.localDeclOf(name);
  if (!local || local.holder.type !== 'short_var_declaration') return null;
  const values = local.holder.childForFieldName('right')?.namedChildren.filter((n) => n?.type !== 'comment') ?? [];
  return values.length > local.index ? values[local.index] : null;
}

/**
 * A duration named for a timeout (`defaultHTTPTimeout`, `cfg.RequestTimeout`). The type index does not work out
 * constant expressions (`const defaultHTTPTimeout = 10 * time.Second` has no type there), so an unknown or plain
 * number type is accepted beside Duration; a string or a bool named so is not a duration.
 */
function isTimeoutDuration(types: Resolver, node: SyntaxNode): boolean {
  const name = node.type === 'selector_expression' ? node.childForFieldName('field')?.text : node.type === 'identifier' ? node.text : '';
  if (!name || !/timeout/i.test(name)) return false;
  const type = types.typeOf(node);
  return type === null || type === '"time".Duration' || type === 'int' || type === 'int64';
}
