/**
 * Recognising database connection strings in string literals: URLs (`postgres://u:p@host/db`), go-sql-driver
 * MySQL DSNs (`u:p@tcp(host:3306)/db`) and key=value forms (`host=... password=...`, `server=...;password=...`).
 * Strict on purpose: the whole literal must be one DSN, so prose and ordinary URLs never match.
 */

export interface Dsn {
  form: 'url' | 'mysql' | 'keyvalue';
  /** The host as written, or '' when none (or only a template placeholder) is given. */
  host: string;
  /** True when a literal password is embedded. */
  password: boolean;
  /** True when no host nor socket is named at all: the driver then connects to the local database. */
  defaultHost?: boolean;
}

const URL_SCHEMES = ['postgres', 'postgresql', 'mysql', 'mariadb', 'sqlserver', 'mssql', 'clickhouse', 'mongodb', 'mongodb+srv', 'cockroachdb', 'cockroach', 'oracle', 'tidb', 'redshift'];
const URL = /^([a-z+]+):\/\/(?:([^\s/?#@]*)@)?([^\s/?#]*)(\/[^\s]*)?$/i;
const MYSQL = /^([\w.\-]*)(?::(\S*))?@(?:(tcp6?|unix|udp)?\(([^()\s]*)\))?\/([\w.\-$]*)(\?\S*)?$/;
const KEYS = new Set(['host', 'hostaddr', 'port', 'user', 'password', 'dbname', 'sslmode', 'connect_timeout', 'application_name', 'search_path', 'server', 'data source', 'user id', 'uid', 'pwd', 'database', 'initial catalog', 'encrypt', 'trustservercertificate', 'app name']);
const HOST_KEYS = new Set(['host', 'hostaddr', 'server', 'data source']);
const PASSWORD_KEYS = new Set(['password', 'pwd']);
/** fmt verbs, Go templates, shell and env placeholders: a template is not a hard-coded value. */
const PLACEHOLDER = /%[-+# 0-9.]*[a-zA-Z]|\{\{|\}\}|\$\{|\$[A-Z_]|<[^>]*>/;

/** The DSN a literal's text is, or null. */
export function parseDsn(text: string): Dsn | null {
  const value = text.trim();
  if (!value || value.length > 2000 || /\s{2,}|\n/.test(value)) return null;
  return parseUrl(value) ?? parseMysql(value) ?? parseKeyValue(value);
}

function parseUrl(value: string): Dsn | null {
  const match = URL.exec(value);
  if (!match || !URL_SCHEMES.includes(match[1].toLowerCase())) return null;
  const userinfo = match[2] ?? '';
  const colon = userinfo.indexOf(':');
  const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
  // golang-migrate writes MySQL URLs with the driver's address syntax: mysql://u:p@tcp(host:3306)/db.
  const hostPort = (match[3] ?? '').replace(/^(?:tcp6?|udp)\((.*)\)$/, '$1');
  const host = hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']')) : hostPort.split(',')[0].replace(/:\d*$/, '');
  const defaultHost = hostPort === '' && !/[?&]host=/i.test(match[4] ?? '');
  return { form: 'url', host: hostName(literal(host)), password: literal(password) !== '', defaultHost };
}

function parseMysql(value: string): Dsn | null {
  const match = MYSQL.exec(value);
  if (!match) return null;
  const address = match[4] ?? '';
  const host = match[3] === 'unix' ? '' : address.replace(/:\d*$/, '');
  return { form: 'mysql', host: hostName(literal(host)), password: literal(match[2] ?? '') !== '', defaultHost: !match[3] && !address };
}

function parseKeyValue(value: string): Dsn | null {
  const parts = value.includes(';') ? value.split(';').filter((p) => p.trim()) : value.split(/\s+/);
  if (parts.length < 2) return null;
  let host = '';
  let hostGiven = false;
  let password = false;
  let known = 0;
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim().toLowerCase();
    const v = part.slice(eq + 1).trim().replace(/^'(.*)'$/, '$1');
    if (!KEYS.has(key)) continue;
    known++;
    if (HOST_KEYS.has(key)) {
      hostGiven = true;
      host = hostName(literal(v.replace(/^tcp:/i, '').replace(/[,:]\d*$/, '')));
    }
    if (PASSWORD_KEYS.has(key) && literal(v)) password = true;
  }
  if (known < 2 || (!host && !password)) return null;
  return { form: 'keyvalue', host, password, defaultHost: !hostGiven };
}

/** A plausible host name or address, else '': parser test data such as `a` or `y(z` is not a host. */
function hostName(host: string): string {
  if (/^[0-9a-f:]+$/i.test(host) && host.includes(':')) return host;
  return /^[a-z0-9](?:[a-z0-9\-_.]*[a-z0-9])$/i.test(host) ? host : '';
}

function literal(part: string): string {
  return PLACEHOLDER.test(part) ? '' : part;
}

const NON_PRODUCTION = new Set(['dev', 'devel', 'develop', 'development', 'test', 'testing', 'qa', 'uat', 'stage', 'staging', 'stg', 'sandbox', 'local', 'localhost']);

/**
 * The kind of non-production environment a host names — 'local' for loopback, else the telling label
 * (`dev-db` → dev, `db.staging.internal` → staging) — or '' for anything else.
 */
export function nonProductionEnvironment(host: string): string {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === 'host.docker.internal') return 'local';
  for (const label of h.split(/[.\-_]/)) if (NON_PRODUCTION.has(label)) return label === 'localhost' ? 'local' : label;
  return '';
}
