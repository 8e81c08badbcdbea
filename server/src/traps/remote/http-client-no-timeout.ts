/**
 * An outgoing HTTP call with no overall deadline: an `http.Client{}` without `Timeout`, `http.Get/Post/Head/
 * PostForm`, or `http.DefaultClient`. One slow dependency then holds goroutines and connections until they run out.
 */
import { fieldChildren } from '../../go/syntax';
import { replaceNode } from '../../engine/edits';
import { findAll } from '../../go/syntax';
import { addKeyedElement, durationExpression, isPositionalLiteral, isQualifiedType, isShadowed, isTestSupportPackage, keyedElements, NET_HTTP } from './http-client';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { SourceFile } from '../../go/source';

/** Package-level helpers of net/http that send through `http.DefaultClient`. */
const DEFAULT_CLIENT_HELPERS = ['Get', 'Post', 'Head', 'PostForm'];
/** Methods of `*http.Client` that send a request; reading a field of `DefaultClient` sends nothing. */
const SENDING_METHODS = ['Do', 'Get', 'Post', 'Head', 'PostForm'];

export const rule = defineFileRule({
  meta: {
    id: 'http-client-no-timeout',
    trap: 'remote',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'An outgoing HTTP call has no overall deadline: http.Client without Timeout, http.Get/Post/Head/PostForm, or http.DefaultClient.',
      zh: '出站 HTTP 调用没有整体超时：未设置 Timeout 的 http.Client、http.Get/Post/Head/PostForm 或 http.DefaultClient。',
    },
    why: {
      en: 'A client without Timeout waits for a slow peer forever. When one dependency stalls, every request that calls it parks a goroutine and a connection, the pool and the worker threads run out within minutes, and the stall cascades to callers that never touched that dependency.',
      zh: '没有 Timeout 的客户端会无限等待慢的对端。某个依赖卡住时，每个调用它的请求都会占住一个 goroutine 和一条连接，几分钟内连接池和处理线程就被耗尽，故障蔓延到根本没调用这个依赖的接口。',
    },
    messages: {
      literal: {
        en: 'This http.Client has no Timeout: a stalled server holds the calling goroutine and its connection with no limit.',
        zh: '这个 http.Client 没有设置 Timeout：对端卡住时，调用方的 goroutine 和连接会被无限期占用。',
      },
      helper: {
        en: '{call} sends through http.DefaultClient, which has no timeout: a stalled server blocks this call forever.',
        zh: '{call} 走的是没有超时的 http.DefaultClient：对端卡住时这次调用会永远阻塞。',
      },
      defaultClient: {
        en: 'http.DefaultClient has no timeout: a stalled server blocks every call made through it.',
        zh: 'http.DefaultClient 没有超时：对端卡住时，经由它的每次调用都会阻塞。',
      },
      fixAddTimeout: { en: 'Add Timeout: {timeout}', zh: '添加 Timeout: {timeout}' },
      fixUseClient: { en: 'Use a client with Timeout: {timeout}', zh: '改用带 Timeout: {timeout} 的客户端' },
    },
  },
  check(context) {
    const { file } = context;
    // Tests talk to httptest servers on loopback; a missing timeout there is not a production trap.
    if (file.isTest || isTestSupportPackage(file) || !file.localNameOf(NET_HTTP)) return;
    const timeoutsSetLater = timeoutAssignments(file);
    const timeout = context.settings.timeouts.http;
    for (const literal of findAll(file.root, 'composite_literal')) {
      if (!isQualifiedType(file, literal.childForFieldName('type'), NET_HTTP, 'Client')) continue;
      const body = literal.childForFieldName('body');
      if (!body || isPositionalLiteral(body)) continue;
      const elements = keyedElements(body);
      if (elements.some((e) => e.key === 'Timeout')) continue;
      const transport = elements.find((e) => e.key === 'Transport');
      if (transport && transportHasDeadlines(file, transport.value)) continue;
      const target = boundName(literal);
      if (target && timeoutsSetLater.has(target)) continue;
      context.report({ node: literal, messageId: 'literal', data: { timeout }, fixes: literalFix(context, body) });
    }
    if (timeoutsSetLater.has('http.DefaultClient')) return;
    for (const selector of findAll(file.root, 'selector_expression')) {
      const operand = selector.childForFieldName('operand');
      const field = selector.childForFieldName('field')?.text ?? '';
      if (!file.isPackageSelector(selector, [NET_HTTP]) || isShadowed(selector, operand!.text)) continue;
      if (DEFAULT_CLIENT_HELPERS.includes(field)) {
        const data = { call: `${operand!.text}.${field}`, timeout };
        context.report({ node: selector, messageId: 'helper', data, fixes: clientFix(context, selector, `.${field}`) });
      } else if (field === 'DefaultClient' && isDefaultClientUse(selector)) {
        context.report({ node: selector, messageId: 'defaultClient', data: { timeout }, fixes: clientFix(context, selector, '') });
      }
    }
  },
});

/**
 * Targets whose `Timeout` the file sets after construction (`c.Timeout = ...`, `http.DefaultClient.Timeout = ...`),
 * and `http.DefaultClient` itself when it is replaced wholesale.
 */
function timeoutAssignments(file: SourceFile): Set<string> {
  const targets = new Set<string>();
  for (const assignment of findAll(file.root, 'assignment_statement')) {
    for (const left of assignment.childForFieldName('left')?.namedChildren ?? []) {
      if (left?.type !== 'selector_expression') continue;
      const operand = left.childForFieldName('operand')!;
      const field = left.childForFieldName('field')?.text;
      if (field === 'Timeout') targets.add(normalizeDefaultClient(file, operand));
      else if (field === 'DefaultClient' && file.isPackageSelector(left, [NET_HTTP])) targets.add('http.DefaultClient');
    }
  }
  return targets;
}

function normalizeDefaultClient(file: SourceFile, node: SyntaxNode): string {
  return file.isPackageSelector(node, [NET_HTTP], ['DefaultClient']) ? 'http.DefaultClient' : node.text;
}

/** The variable or field a client literal is stored in (`c := &http.Client{}`, `s.client = http.Client{}`). */
function boundName(literal: SyntaxNode): string | null {
  let value: SyntaxNode = literal;
  if (value.parent?.type === 'unary_expression') value = value.parent;
  const list = value.parent;
  if (list?.type !== 'expression_list') return null;
  const index = list.namedChildren.findIndex((n) => n?.id === value.id);
  const holder = list.parent;
  if (!holder) return null;
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    return holder.childForFieldName('left')?.namedChild(index)?.text ?? null;
  }
  if (holder.type === 'var_spec') return fieldChildren(holder, 'name')[index]?.text ?? null;
  return null;
}

/**
 * A transport that bounds the wait for the response itself (`ResponseHeaderTimeout`), written inline or in a
 * variable set in this file: the deadline the client lacks is then enforced below it.
 */
function transportHasDeadlines(file: SourceFile, value: SyntaxNode): boolean {
  const setsHeaderTimeout = (node: SyntaxNode) =>
    findAll(node, 'keyed_element').some((e) => e.childForFieldName('key')?.text === 'ResponseHeaderTimeout');
  if (setsHeaderTimeout(value)) return true;
  const name = value.type === 'unary_expression' ? value.childForFieldName('operand')?.text : value.text;
  if (!name || !/^[\w.]+$/.test(name)) return false;
  for (const decl of findAll(file.root, ['assignment_statement', 'short_var_declaration', 'var_spec'])) {
    const targets = decl.type === 'var_spec' ? fieldChildren(decl, 'name') : decl.childForFieldName('left')?.namedChildren ?? [];
    const assigned = targets.map((n) => n?.text);
    if (assigned.includes(name) && setsHeaderTimeout(decl)) return true;
    // `t.ResponseHeaderTimeout = d` on the transport variable.
    if (decl.type === 'assignment_statement' && assigned.includes(`${name}.ResponseHeaderTimeout`)) return true;
  }
  return false;
}

/** `http.DefaultClient` used to send, or handed on as a value; not a field read nor an assignment target. */
function isDefaultClientUse(selector: SyntaxNode): boolean {
  const parent = selector.parent;
  if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.id === selector.id) {
    return SENDING_METHODS.includes(parent.childForFieldName('field')?.text ?? '');
  }
  if (parent?.type === 'expression_list' && parent.parent?.type === 'assignment_statement') {
    return parent.parent.childForFieldName('left')?.id !== parent.id;
  }
  return true;
}

function literalFix(context: FileContext, body: SyntaxNode): FixDescriptor[] {
  const duration = durationExpression(context.file, context.settings.timeouts.http);
  if (!duration) return [];
  const edits = addKeyedElement(context.file, body, 'Timeout', duration.text);
  if (edits.length === 0) return [];
  return [{ title: rule.meta.messages.fixAddTimeout, edits: [...edits, ...duration.edits] }];
}

/**
 * Replaces `http.Get` by `(&http.Client{Timeout: d}).Get` and `http.DefaultClient` by a client with a timeout.
 * A client value is cheap: with no Transport it shares `http.DefaultTransport` and its connection pool.
 */
function clientFix(context: FileContext, selector: SyntaxNode, method: string): FixDescriptor[] {
  const duration = durationExpression(context.file, context.settings.timeouts.http);
  if (!duration) return [];
  const http = selector.childForFieldName('operand')!.text;
  const client = `&${http}.Client{Timeout: ${duration.text}}`;
  const asOperand = method !== '' || selector.parent?.type === 'selector_expression';
  const text = asOperand ? `(${client})${method}` : client;
  return [{ title: rule.meta.messages.fixUseClient, edits: [replaceNode(context.file, selector, text), ...duration.edits] }];
}
