/**
 * Addresses of Redis, message brokers (AMQP, Kafka, NATS), gRPC services and etcd written into code where a
 * client is built: `redis.Options{Addr: "localhost:6379"}`, `sarama.NewClient([]string{"10.0.0.7:9092"}, c)`,
 * `grpc.Dial("127.0.0.1:50051", ...)`. The positions are known by resolved types, so aliases count and a
 * look-alike `Options` does not; the value is followed through constants and locals bound to literals.
 */
import { fieldChildren, findAll, stringValue, unalias } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { deref, namedParts } from '../../go/types';
import { nonProductionEnvironment } from './dsn';
import { mayHoldTypeOf, packagesTarget } from '../../go/type-reach';

const REDIS = ['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8', 'github.com/go-redis/redis/v9', 'github.com/go-redis/redis/v7', 'github.com/go-redis/redis'];
const KAFKA_GO = ['github.com/segmentio/kafka-go'];
const SARAMA = ['github.com/IBM/sarama', 'github.com/Shopify/sarama'];
const AMQP = ['github.com/rabbitmq/amqp091-go', 'github.com/streadway/amqp'];
const GRPC = ['google.golang.org/grpc'];
const NATS = ['github.com/nats-io/nats.go'];
const ETCD = ['go.etcd.io/etcd/client/v3', 'github.com/coreos/etcd/clientv3', 'go.etcd.io/etcd/clientv3'];

interface Position {
  service: string;
  /** The environment variable a fix reads instead; none for lists, where one variable is not one element. */
  variable?: string;
}

/** Fields of option structs that hold addresses: `<type>.<field>`. */
const FIELDS: { paths: string[]; fields: Record<string, Position> }[] = [
  {
    paths: REDIS,
    fields: { 'Options.Addr': { service: 'Redis', variable: 'REDIS_ADDR' }, 'ClusterOptions.Addrs': { service: 'Redis' }, 'UniversalOptions.Addrs': { service: 'Redis' }, 'FailoverOptions.SentinelAddrs': { service: 'Redis' } },
  },
  { paths: KAFKA_GO, fields: { 'ReaderConfig.Brokers': { service: 'Kafka' }, 'WriterConfig.Brokers': { service: 'Kafka' }, 'Writer.Addr': { service: 'Kafka' } } },
  { paths: NATS, fields: { 'Options.Url': { service: 'NATS', variable: 'NATS_URL' }, 'Options.Servers': { service: 'NATS' } } },
  { paths: ETCD, fields: { 'Config.Endpoints': { service: 'etcd' } } },
];

/** Functions that take an address: name → argument index and position. */
const CALLS: { paths: string[]; calls: Record<string, [number, Position]> }[] = [
  { paths: REDIS, calls: { ParseURL: [0, { service: 'Redis', variable: 'REDIS_URL' }] } },
  { paths: GRPC, calls: { Dial: [0, { service: 'gRPC', variable: 'GRPC_TARGET' }], NewClient: [0, { service: 'gRPC', variable: 'GRPC_TARGET' }], DialContext: [1, { service: 'gRPC', variable: 'GRPC_TARGET' }] } },
  { paths: AMQP, calls: { Dial: [0, { service: 'AMQP', variable: 'AMQP_URL' }], DialTLS: [0, { service: 'AMQP', variable: 'AMQP_URL' }], DialConfig: [0, { service: 'AMQP', variable: 'AMQP_URL' }] } },
  {
    paths: SARAMA,
    calls: Object.fromEntries(['NewClient', 'NewConsumer', 'NewConsumerGroup', 'NewSyncProducer', 'NewAsyncProducer', 'NewClusterAdmin'].map((n) => [n, [0, { service: 'Kafka' }]])),
  },
  { paths: KAFKA_GO, calls: { TCP: [-1, { service: 'Kafka' }], Dial: [1, { service: 'Kafka' }], DialContext: [2, { service: 'Kafka' }], DialLeader: [2, { service: 'Kafka' }] } },
  { paths: NATS, calls: { Connect: [0, { service: 'NATS', variable: 'NATS_URL' }] } },
];

/** One hard-coded address that points somewhere production should never depend on. */
export interface ServiceAddress {
  /** The string literal holding it. */
  node: SyntaxNode;
  service: string;
  host: string;
  /** 'local', 'private network', or the non-production label of the host (`dev`, `staging` ...); '' when none. */
  env: string;
  /** True when the address carries a password (`amqp://user:secret@...`). */
  password: boolean;
  /** Set when the literal alone fills the position, so `os.Getenv(variable)` can replace it. */
  variable?: string;
}

/** Every address literal in client-building positions of the file that names a local, private or dev host or a password. */
export function serviceAddresses(types: Resolver): ServiceAddress[] {
  const found = new Map<number, ServiceAddress>();
  const note = (value: SyntaxNode | null | undefined, position: Position) => {
    for (const { node, text, whole } of addressStrings(types, value)) {
      const address = classify(text);
      if (!address || found.has(node.id)) continue;
      found.set(node.id, { node, service: position.service, ...address, ...(whole && position.variable ? { variable: position.variable } : {}) });
    }
  };
  const { text } = types.file;
  const fields = FIELD_NAMES.test(text);
  const calls = CALL_NAMES.test(text);
  if ((!fields && !calls) || !mayBuildClients(types)) return [];
  if (fields) {
    for (const element of findAll(types.file.root, 'keyed_element')) {
      const position = fieldPosition(types, element);
      if (position) note(element.childForFieldName('value'), position);
    }
  }
  if (!calls) return [...found.values()];
  for (const call of findAll(types.file.root, 'call_expression')) {
    const match = callPosition(types, call);
    if (!match) continue;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
    for (const arg of match.index < 0 ? args : [args[match.index]]) note(arg, match.position);
  }
  return [...found.values()];
}

export const CLIENT_PATHS = [...new Set([...FIELDS, ...CALLS].flatMap((c) => c.paths))];
export const CLIENT_TYPES = packagesTarget(CLIENT_PATHS);

/**
 * Whether the file may name a client library's options type or function (see type-reach.ts): false only when it
 * imports none of the libraries, nothing with a dot, and writes no name that leads to one of their types. Their
 * functions are called through an import; their option types may also come through another package's alias.
 */
function mayBuildClients(types: Resolver): boolean {
  return mayHoldTypeOf(types.file, types, CLIENT_PATHS, CLIENT_TYPES);
}

/** Cheap first looks at the text: files that name none of the fields or functions have no position to check. */
const FIELD_NAMES = /\b(Addrs?|SentinelAddrs|Brokers|Url|Servers|Endpoints)\s*:/;
const CALL_NAMES = new RegExp(`\\.(${[...new Set(CALLS.flatMap((c) => Object.keys(c.calls)))].join('|')})\\(`);
const KEYS = new Set(FIELDS.flatMap((f) => Object.keys(f.fields).map((k) => k.slice(k.indexOf('.') + 1))));

function fieldPosition(types: Resolver, element: SyntaxNode): Position | null {
  const key = element.childForFieldName('key')?.text;
  if (!key || !KEYS.has(key)) return null;
  const literal = element.parent?.parent;
  if (!key || literal?.type !== 'composite_literal') return null;
  const type = namedParts(deref(unalias(types, types.typeOfTypeNode(literal.childForFieldName('type')) ?? '') ?? ''));
  if (!type) return null;
  return FIELDS.find((f) => f.paths.includes(type.pkg))?.fields[`${type.name}.${key}`] ?? null;
}

function callPosition(types: Resolver, call: SyntaxNode): { index: number; position: Position } | null {
  const name = call.childForFieldName('function')?.childForFieldName('field')?.text;
  if (!name || !CALLS.some((c) => name in c.calls)) return null;
  const callee = types.calleeOf(call);
  if (callee?.kind !== 'func') return null;
  const entry = CALLS.find((c) => c.paths.includes(callee.pkg))?.calls[callee.name];
  return entry ? { index: entry[0], position: entry[1] } : null;
}

/**
 * The address strings an expression holds, each with the literal it comes from: a literal or constant, the
 * elements of a `[]string{...}`, the arguments of `kafka.TCP(...)`, and a local bound to any of these.
 * `whole` is true when the literal is the expression's entire value.
 */
function addressStrings(types: Resolver, expr: SyntaxNode | null | undefined, depth = 0): { node: SyntaxNode; text: string; whole: boolean }[] {
  if (!expr || depth > 3) return [];
  if (expr.type === 'literal_element') return addressStrings(types, expr.namedChild(0), depth);
  if (stringValue(expr) !== null) return [{ node: expr, text: stringValue(expr)!, whole: depth === 0 }];
  if (expr.type === 'identifier') {
    const local = types.localDeclOf(expr);
    const bound = local ? types.boundValue(local) : constantNode(expr);
    return addressStrings(types, bound, depth + 1).map((a) => ({ ...a, whole: false }));
  }
  if (expr.type === 'composite_literal') {
    const body = expr.childForFieldName('body');
    return (body?.namedChildren ?? []).flatMap((element) => addressStrings(types, element, depth + 1).map((a) => ({ ...a, whole: false })));
  }
  if (expr.type === 'call_expression' && callPosition(types, expr)?.index === -1) {
    return (expr.childForFieldName('arguments')?.namedChildren ?? []).flatMap((arg) => addressStrings(types, arg, depth + 1).map((a) => ({ ...a, whole: false })));
  }
  return [];
}

/** The literal a package-level constant of this file is bound to, found the way constantString finds it. */
function constantNode(id: SyntaxNode): SyntaxNode | null {
  for (const decl of id.tree.rootNode.namedChildren) {
    if (decl?.type !== 'const_declaration' && decl?.type !== 'var_declaration') continue;
    for (const spec of findAll(decl, ['const_spec', 'var_spec'])) {
      const names = fieldChildren(spec, 'name');
      const index = names.findIndex((n) => n.text === id.text);
      const values = (spec.childForFieldName('value')?.namedChildren ?? []).filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
      if (index >= 0) return values.length === names.length ? values[index] : null;
    }
  }
  return null;
}

/**
 * The host of an address (`localhost:6379`, `dns:///10.0.0.5:50051`, `amqp://u:p@mq-dev:5672/`,
 * `a:9092,b:9092`) when it is local, private or named for a non-production environment, or carries a password.
 */
function classify(text: string): { host: string; env: string; password: boolean } | null {
  if (!text || text.length > 500 || /\s/.test(text) || /^unix:|^\//.test(text)) return null;
  for (const part of text.split(',')) {
    // `redis://…`, `dns:///…`: a scheme always has slashes here; `localhost:6379` has none.
    const withoutScheme = /^[a-z][a-z0-9+.-]*:\/\/\/?(.*)$/i.exec(part)?.[1] ?? part;
    const at = withoutScheme.lastIndexOf('@');
    const userinfo = at >= 0 ? withoutScheme.slice(0, at) : '';
    const hostPort = (at >= 0 ? withoutScheme.slice(at + 1) : withoutScheme).split(/[/?#]/)[0];
    const host = hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']')) : hostPort.replace(/:\d*$/, '');
    if (!/^[a-z0-9][a-z0-9\-_.:]*$/i.test(host)) continue;
    const env = nonProductionEnvironment(host) || (isPrivateAddress(host) ? 'private network' : '');
    const password = userinfo.includes(':') && userinfo.slice(userinfo.indexOf(':') + 1) !== '' && !/%|\$\{|\{\{/.test(userinfo);
    if (env || password) return { host, env, password };
  }
  return null;
}

/** RFC 1918, carrier-grade NAT, link-local and IPv6 unique-local addresses. */
export function isPrivateAddress(host: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
  }
  return /^f[cd][0-9a-f]{2}:/i.test(host) || /^fe80:/i.test(host);
}
