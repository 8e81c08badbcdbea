/**
 * An outgoing HTTP call with no overall deadline: an `http.Client` built without `Timeout`, `http.Get/Post/Head/
 * PostForm`, or `http.DefaultClient`. One slow dependency then holds goroutines and connections until they run out.
 * Types come from the resolver: import and type aliases count, a look-alike `Client` or a shadowed `http` does not.
 */
import { replaceNode } from '../../engine/edits';
import { fieldChildren, findAll, unalias } from '../../go/syntax';
import { addKeyedElement, isPositionalLiteral, keyedElements, remoteTimeout } from './http-client';
import { bindingOf, HTTP_CLIENT, isHttpClient, namesTransfer, NET_HTTP, ResponseUse, responseUse, sendsByHolder, SENDING_METHODS, staysLocal } from './client-uses';
import { isTestHarness } from '../test-harness';
import { sentWithDeadline } from './request-deadline';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';
import type { Resolver } from '../../go/resolver';
import { callsNamed } from '../../go/calls-by-name';
import { mayHoldTypeOf } from '../../go/type-reach';

const NET_HTTP_PATHS = [NET_HTTP];

/** Package-level helpers of net/http that send through `http.DefaultClient`. */
const DEFAULT_CLIENT_HELPERS = new Set(['Get', 'Post', 'Head', 'PostForm']);

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
      literalStreamed: {
        en: 'This http.Client has no Timeout, and a total Timeout does not suit it either: a response it fetches is read as a stream or saved (line {line}), and Timeout would cut reading the body short. Bound the wait for the response headers (Transport.ResponseHeaderTimeout) or give each request a context deadline.',
        zh: '这个 http.Client 没有设置 Timeout，但整体 Timeout 也不适合它：它取回的响应被流式读取或写入文件(第 {line} 行)，Timeout 会把读取响应体的过程一并截断。请限制等待响应头的时间(Transport.ResponseHeaderTimeout)，或为每个请求设置带截止时间的 context。',
      },
      literalHanded: {
        en: 'This http.Client has no Timeout, and a total Timeout does not suit it either: a response it fetches is handed on to be read elsewhere (line {line}), and Timeout would cut reading the body short. Bound the wait for the response headers (Transport.ResponseHeaderTimeout) or give each request a context deadline.',
        zh: '这个 http.Client 没有设置 Timeout，但整体 Timeout 也不适合它：它取回的响应被交给别处读取(第 {line} 行)，Timeout 会把读取响应体的过程一并截断。请限制等待响应头的时间(Transport.ResponseHeaderTimeout)，或为每个请求设置带截止时间的 context。',
      },
      literalGiven: {
        en: 'This http.Client has no Timeout and is handed to {callee}, which sends through it out of sight, uploads and downloads perhaps among it: a total Timeout chosen here could cut long transfers short. Bound the wait for the response headers (Transport.ResponseHeaderTimeout) or give each call a context deadline.',
        zh: '这个 http.Client 没有设置 Timeout，并被交给了 {callee}，由它在别处发送请求(其中可能有上传和下载)：在这里定的整体 Timeout 可能把耗时长的传输截断。请限制等待响应头的时间(Transport.ResponseHeaderTimeout)，或为每次调用设置带截止时间的 context。',
      },
      sendStreamed: {
        en: '{call} sends through http.DefaultClient, which has no timeout, and a total Timeout does not suit this call either: its response is read as a stream or saved (line {line}), and Timeout would cut reading the body short. Use a client whose Transport bounds the wait for the response headers (ResponseHeaderTimeout), or give the request a context deadline.',
        zh: '{call} 走的是没有超时的 http.DefaultClient，但整体 Timeout 也不适合这次调用：它的响应被流式读取或写入文件(第 {line} 行)，Timeout 会把读取响应体的过程一并截断。请改用 Transport 限制了响应头等待时间(ResponseHeaderTimeout)的客户端，或为请求设置带截止时间的 context。',
      },
      sendHanded: {
        en: '{call} sends through http.DefaultClient, which has no timeout, and a total Timeout does not suit this call either: its response is handed on to be read elsewhere (line {line}), and Timeout would cut reading the body short. Use a client whose Transport bounds the wait for the response headers (ResponseHeaderTimeout), or give the request a context deadline.',
        zh: '{call} 走的是没有超时的 http.DefaultClient，但整体 Timeout 也不适合这次调用：它的响应被交给别处读取(第 {line} 行)，Timeout 会把读取响应体的过程一并截断。请改用 Transport 限制了响应头等待时间(ResponseHeaderTimeout)的客户端，或为请求设置带截止时间的 context。',
      },
      bodyStreamedHere: { en: 'the body is read as a stream or saved here', zh: '响应体在这里被流式读取或写入文件' },
      responseHandedHere: { en: 'the response is handed on here', zh: '响应在这里被交给别处' },
      fixAddTimeout: { en: 'Add Timeout: {timeout}', zh: '添加 Timeout: {timeout}' },
      fixUseClient: { en: 'Use a client with Timeout: {timeout}', zh: '改用带 Timeout: {timeout} 的客户端' },
    },
  },
  check(context) {
    const { file, types } = context;
    // Tests and their harnesses talk to servers the test itself started; a missing timeout there is no trap.
    // net/http itself declares DefaultClient: the trap is in using it, which is reported where that happens.
    if (isTestHarness(file, context.location, context.settings) || types.ownPackage === NET_HTTP) return;
    // Clients are built of `http.Client` and DefaultClient is named through the import: a file that can reach
    // neither has nothing to report, however often it says Timeout or Client (type-reach.ts).
    if (!mayHoldTypeOf(file, types, NET_HTTP_PATHS, HTTP_CLIENT)) return;
    const timeoutsSet = timeoutAssignments(context);
    const constructions = clientConstructions(context);
    if (constructions.length > 0) {
      // Where clients are kept, what sends through them, which transports bound the headers: once per file.
      const seen: FileFacts = { timeoutsSet, sends: sendsByHolder(types, file.root), boundedTransports: headerTimeoutHolders(context) };
      for (const construction of constructions) checkConstruction(context, construction, seen);
    }
    if (!file.localNameOf(NET_HTTP) || timeoutsSet.has(DEFAULT_CLIENT)) return;
    for (const selector of findAll(file.root, 'selector_expression')) {
      const field = selector.childForFieldName('field')?.text ?? '';
      if (!DEFAULT_CLIENT_HELPERS.has(field) && field !== 'DefaultClient') continue;
      const base = types.resolve(selector.childForFieldName('operand'));
      if (base?.kind !== 'package' || base.path !== NET_HTTP) continue;
      const call = `${selector.childForFieldName('operand')!.text}.${field}`;
      if (field !== 'DefaultClient') {
        const sent = selector.parent?.type === 'call_expression' ? selector.parent : null;
        if (sent && reportedAsTransfer(context, selector, sent, call)) continue;
        const fix = clientFix(context, selector, `.${field}`, sent ? sendSafety(types, sent) : false);
        context.report({ node: selector, messageId: 'helper', data: { call, timeout: fix.timeout }, fixes: fix.fixes });
      } else if (isDefaultClientUse(selector)) {
        const method = selector.parent?.type === 'selector_expression' ? selector.parent : null;
        const sent = method?.parent?.type === 'call_expression' ? method.parent : null;
        // A request whose context has a deadline set here is bounded; a client-wide Timeout would cut that budget.
        if (sent && sentWithDeadline(types, sent)) continue;
        if (sent && reportedAsTransfer(context, selector, sent, method!.text)) continue;
        const fix = clientFix(context, selector, '', sent ? sendSafety(types, sent) : false);
        context.report({ node: selector, messageId: 'defaultClient', data: { timeout: fix.timeout }, fixes: fix.fixes });
      }
    }
  },
});

const DEFAULT_CLIENT = `var:"${NET_HTTP}".DefaultClient`;

/**
 * A send through `http.DefaultClient` whose response is streamed, saved or handed on: reported with the line
 * that does it and no total-Timeout fix, which would cut the transfer short. False when the response is read in full.
 */
function reportedAsTransfer(context: FileContext, selector: SyntaxNode, send: SyntaxNode, call: string): boolean {
  const use = responseUse(context.types, send);
  if (use.kind === 'bounded') return false;
  const { messages } = rule.meta;
  context.report({
    node: selector,
    messageId: use.kind === 'streamed' ? 'sendStreamed' : 'sendHanded',
    data: { call, line: use.node.startPosition.row + 1, timeout: context.settings.timeouts.http },
    related: [{ path: context.file.path, range: rangeOf(use.node), message: use.kind === 'streamed' ? messages.bodyStreamedHere : messages.responseHandedHere }],
  });
  return true;
}

/** A place where an `http.Client` comes into being with its zero Timeout. */
interface Construction {
  node: SyntaxNode;
  /** The `{...}` of a composite literal; absent for `new(http.Client)`. */
  body: SyntaxNode | null;
}

/** `http.Client{...}` and `&http.Client{...}` literals (through type aliases) and `new(http.Client)`. */
function clientConstructions({ file, types }: FileContext): Construction[] {
  if (!file.text.includes('Client')) return [];
  const found: Construction[] = [];
  for (const literal of findAll(file.root, 'composite_literal')) {
    const type = literal.childForFieldName('type');
    if (!type?.text.endsWith('Client') && type?.type !== 'type_identifier') continue;
    if (!isHttpClient(types, types.typeOfTypeNode(type), 'no')) continue;
    const body = literal.childForFieldName('body');
    if (body && !isPositionalLiteral(body)) found.push({ node: literal, body });
  }
  for (const call of callsNamed(file, ['new'], { bare: true })) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'identifier' || fn.text !== 'new' || types.resolve(fn)?.kind !== 'builtin') continue;
    const type = types.typeOf(call);
    if (type && isHttpClient(types, unalias(types, type) ?? '', 'either') && type.startsWith('*')) found.push({ node: call, body: null });
  }
  return found;
}

/** What the whole file says about clients, gathered once. */
interface FileFacts {
  timeoutsSet: Set<string>;
  sends: Map<string, SyntaxNode[]>;
  boundedTransports: Set<string>;
}

function checkConstruction(context: FileContext, construction: Construction, facts: FileFacts): void {
  const { types } = context;
  if (construction.body) {
    const elements = keyedElements(construction.body);
    if (elements.some((e) => e.key === 'Timeout')) return;
    const transport = elements.find((e) => e.key === 'Transport');
    if (transport && transportHasDeadlines(types, transport.value, facts.boundedTransports)) return;
  }
  const binding = bindingOf(types, construction.node);
  if (binding.kind === 'holder' && facts.timeoutsSet.has(binding.holder)) return;
  const sdk = binding.kind === 'escapes' ? receivingCall(types, construction.node) : null;
  if (sdk) {
    // Handed to a library that sends through it out of sight (an object-storage SDK uploads through it): no
    // total Timeout can be chosen here without cutting its transfers.
    context.report({ node: construction.node, messageId: 'literalGiven', data: { callee: sdk, timeout: context.settings.timeouts.http } });
    return;
  }
  // The sends the rule can see, and whether it sees them all: a client kept in a local that never leaves it, or
  // used on the spot. A package variable or a field may be used by any file, so its fix is never safe in bulk.
  const sends = binding.kind === 'inline' ? [binding.call] : binding.kind === 'holder' ? facts.sends.get(binding.holder) ?? [] : [];
  const complete = binding.kind === 'inline' || (binding.kind === 'holder' && !!binding.local && staysLocal(types, binding.local));
  const holderName = binding.kind === 'holder' ? binding.target.text : '';
  let streamed: { use: ResponseUse & { node: SyntaxNode }; send: SyntaxNode } | null = null;
  for (const send of sends) {
    const use = responseUse(types, send);
    if (use.kind !== 'bounded') {
      streamed = { use, send };
      break;
    }
  }
  // Every send seen, each with a request whose context has a deadline: the calls are bounded already.
  if (complete && sends.length > 0 && sends.every((send) => sentWithDeadline(types, send))) return;
  if (streamed) {
    // The message says a total Timeout does not suit this client, so none is offered.
    const { messages } = rule.meta;
    const line = streamed.use.node.startPosition.row + 1;
    context.report({
      node: construction.node,
      messageId: streamed.use.kind === 'streamed' ? 'literalStreamed' : 'literalHanded',
      data: { timeout: context.settings.timeouts.http, line },
      related: [{ path: context.file.path, range: rangeOf(streamed.use.node), message: streamed.use.kind === 'streamed' ? messages.bodyStreamedHere : messages.responseHandedHere }],
    });
    return;
  }
  const safe = complete && !sends.some((send) => namesTransfer(types, send, holderName));
  const fix = literalFix(context, construction, safe);
  context.report({ node: construction.node, messageId: 'literal', data: { timeout: fix.timeout }, fixes: fix.fixes });
}

/**
 * The call a construction is passed to as an argument (`cos.NewClient(u, &http.Client{...})`), by its written
 * name, when that call is not net/http's own and, if its signature is known, takes a client; null otherwise.
 */
function receivingCall(types: Resolver, construction: SyntaxNode): string | null {
  let value = construction;
  while (value.parent && (value.parent.type === 'parenthesized_expression' || (value.parent.type === 'unary_expression' && value.parent.child(0)?.type === '&'))) {
    value = value.parent;
  }
  const call = value.parent?.type === 'argument_list' ? value.parent.parent : null;
  const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  if (!call || !fn) return null;
  const callee = types.calleeOf(call);
  if (callee?.kind === 'func' && callee.pkg === NET_HTTP) return null;
  // A known function that takes no client (`fmt.Println(c)`, `json.Marshal(c)`) does not send through it.
  if (callee && !callee.type.includes(`"${NET_HTTP}".Client`)) return null;
  const short = fn.text.length <= 60 && !fn.text.includes('\n');
  return short ? fn.text : fn.childForFieldName('field')?.text ?? fn.text.split('\n')[0];
}

/** A send whose response the rule sees read in full, in a function whose names speak of no transfer. */
function sendSafety(types: Resolver, send: SyntaxNode): boolean {
  return responseUse(types, send).kind === 'bounded' && !namesTransfer(types, send);
}

/**
 * The places whose `Timeout` the file sets after construction (`c.Timeout = ...`, `s.client.Timeout = ...`,
 * `http.DefaultClient.Timeout = ...`), and `http.DefaultClient` itself when the file replaces it wholesale.
 */
function timeoutAssignments({ file, types }: FileContext): Set<string> {
  const holders = new Set<string>();
  if (!file.text.includes('Timeout') && !file.text.includes('DefaultClient')) return holders;
  for (const assignment of findAll(file.root, 'assignment_statement')) {
    for (const left of assignment.childForFieldName('left')?.namedChildren ?? []) {
      if (left?.type !== 'selector_expression') continue;
      const operand = left.childForFieldName('operand');
      const field = left.childForFieldName('field')?.text;
      if (field === 'Timeout' && isHttpClient(types, types.typeOf(operand))) {
        const holder = types.storageOf(operand);
        if (holder) holders.add(holder);
      } else if (field === 'DefaultClient' && types.storageOf(left) === DEFAULT_CLIENT) {
        holders.add(DEFAULT_CLIENT);
      }
    }
  }
  return holders;
}

/**
 * A transport that bounds the wait for the response itself (`ResponseHeaderTimeout`), written inline, or kept in
 * a place that is given one (a literal setting it, or `t.ResponseHeaderTimeout = d` afterwards): the deadline the
 * client lacks is enforced below it.
 */
function transportHasDeadlines(types: Resolver, value: SyntaxNode, bounded: Set<string>): boolean {
  if (setsHeaderTimeout(value)) return true;
  const holder = types.storageOf(value.type === 'unary_expression' ? value.childForFieldName('operand') : value);
  return !!holder && bounded.has(holder);
}

const setsHeaderTimeout = (node: SyntaxNode) => findAll(node, 'keyed_element').some((e) => e.childForFieldName('key')?.text === 'ResponseHeaderTimeout');

/** The places in the file that hold a transport with `ResponseHeaderTimeout` set. */
function headerTimeoutHolders({ file, types }: FileContext): Set<string> {
  const holders = new Set<string>();
  if (!file.text.includes('ResponseHeaderTimeout')) return holders;
  for (const assignment of findAll(file.root, ['assignment_statement', 'short_var_declaration', 'var_spec'])) {
    const targets = assignment.type === 'var_spec' ? fieldChildren(assignment, 'name') : assignment.childForFieldName('left')?.namedChildren ?? [];
    const sets = setsHeaderTimeout(assignment);
    for (const target of targets) {
      if (!target) continue;
      if (target.type === 'selector_expression' && target.childForFieldName('field')?.text === 'ResponseHeaderTimeout') {
        const holder = types.storageOf(target.childForFieldName('operand'));
        if (holder) holders.add(holder);
      } else if (sets) {
        const holder = types.storageOf(target);
        if (holder) holders.add(holder);
      }
    }
  }
  return holders;
}

/** `http.DefaultClient` used to send, or handed on as a value; not a field read nor an assignment target. */
function isDefaultClientUse(selector: SyntaxNode): boolean {
  const parent = selector.parent;
  if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.id === selector.id) {
    return SENDING_METHODS.has(parent.childForFieldName('field')?.text ?? '');
  }
  if (parent?.type === 'expression_list' && parent.parent?.type === 'assignment_statement') {
    return parent.parent.childForFieldName('left')?.id !== parent.id;
  }
  return true;
}

function literalFix(context: FileContext, construction: Construction, safe: boolean): { timeout: string; fixes: FixDescriptor[] } {
  const duration = remoteTimeout(context, construction.node);
  const timeout = duration?.text ?? context.settings.timeouts.http;
  if (!duration) return { timeout, fixes: [] };
  let edits;
  if (construction.body) {
    edits = addKeyedElement(context.file, construction.body, 'Timeout', duration.text);
  } else {
    const type = construction.node.childForFieldName('arguments')?.namedChild(0)?.text;
    edits = type ? [replaceNode(context.file, construction.node, `&${type}{Timeout: ${duration.text}}`)] : [];
  }
  if (edits.length === 0) return { timeout, fixes: [] };
  return { timeout, fixes: [{ title: rule.meta.messages.fixAddTimeout, edits: [...edits, ...duration.edits], safe }] };
}

/**
 * Replaces `http.Get` by `(&http.Client{Timeout: d}).Get` and `http.DefaultClient` by a client with a timeout.
 * A client value is cheap: with no Transport it shares `http.DefaultTransport` and its connection pool.
 */
function clientFix(context: FileContext, selector: SyntaxNode, method: string, safe: boolean): { timeout: string; fixes: FixDescriptor[] } {
  const duration = remoteTimeout(context, selector);
  const timeout = duration?.text ?? context.settings.timeouts.http;
  if (!duration) return { timeout, fixes: [] };
  const http = selector.childForFieldName('operand')!.text;
  const client = `&${http}.Client{Timeout: ${duration.text}}`;
  const asOperand = method !== '' || selector.parent?.type === 'selector_expression';
  const text = asOperand ? `(${client})${method}` : client;
  const edits = [replaceNode(context.file, selector, text), ...duration.edits];
  return { timeout, fixes: [{ title: rule.meta.messages.fixUseClient, edits, safe }] };
}
