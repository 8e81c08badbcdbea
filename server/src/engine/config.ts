/**
 * Settings: defaults, and the team's `.go-traps.json` read as untrusted input: jsonc-parser reads the text
 * (comments allowed, error offsets for Problems), the shipped JSON schema judges every value (compiled to
 * code at build time), and each bad key is named once while its default stands.
 */
import { findNodeAtLocation, getNodePath, Node, ParseError, ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';
import SCHEMA from '../../../schemas/go-traps.schema.json';
import validateConfigSchema from './generated/config-schema';
import { anyGlob, PathMatcher } from './glob';
import type { Locale, Severity } from './types';

export { goDuration, parseDurationMs } from './duration';

export type RuleLevel = Severity | 'off';

export interface Settings {
  locale: Locale;
  /** Per-rule severity or 'off'; rules not named keep their default severity. */
  rules: Record<string, RuleLevel>;
  /** Domain name → path prefixes or globs (relative to the module root) that belong to it. */
  domains: Record<string, string[]>;
  /** Folder names (where a domain would be) that are shared plumbing, never business domains. */
  infrastructure: string[];
  timeouts: { db: string; http: string; wsRead: string };
  pool: { maxOpenConns: number; maxIdleConns: number; connMaxLifetime: string };
  /** Globs of paths never analysed. */
  exclude: string[];
  /** Skip files that start with `// Code generated ... DO NOT EDIT.` */
  excludeGenerated: boolean;
  /** Files larger than this many bytes are skipped with a notice. */
  maxFileSize: number;
  log: { idKeys: string[]; allowInMain: boolean };
  metrics: { defaultLabels: string[] };
  /** Severity of db findings in schema migration, install, upgrade and seed code (default info). */
  migrations?: RuleLevel;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  locale: 'en',
  rules: {},
  domains: {},
  infrastructure: ['cmd', 'config', 'configs', 'db', 'database', 'store', 'storage', 'infra', 'infrastructure', 'platform', 'common', 'shared', 'util', 'utils', 'lib', 'server', 'middleware', 'bootstrap'],
  timeouts: { db: '800ms', http: '800ms', wsRead: '60s' },
  pool: { maxOpenConns: 10, maxIdleConns: 5, connMaxLifetime: '30m' },
  exclude: ['**/vendor/**', '**/testdata/**', '**/node_modules/**', '**/.git/**'],
  excludeGenerated: true,
  maxFileSize: 1024 * 1024,
  log: { idKeys: ['order_id', 'user_id', 'request_id', 'trace_id', 'span_id', 'tenant_id', 'session_id'], allowInMain: true },
  metrics: { defaultLabels: ['channel', 'reason'] },
  migrations: 'info',
}) as Settings;


export interface ConfigProblem {
  /** Dotted key, e.g. `timeouts.db`; '' for the file as a whole. */
  key: string;
  message: string;
  /** Where in the file's text the problem sits (UTF-16 offset and length), when it came from text. */
  offset?: number;
  length?: number;
}

export interface LoadedConfig {
  settings: Settings;
  problems: ConfigProblem[];
}

/** A larger config file is refused whole: nobody writes a megabyte of settings by hand. */
export const MAX_CONFIG_CHARS = 1024 * 1024;
/**
 * Nor one of more values (keys, list entries, scalars): a team's file holds a few hundred, and every domain
 * glob is tried on every file, so a hundred thousand would slow each analysis.
 */
export const MAX_CONFIG_VALUES = 4096;

/** Copies the defaults so callers may change their settings freely. */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}

/**
 * Parses the text of a `.go-traps.json`: JSON with comments and trailing commas, as VS Code's own settings
 * files allow. Never throws: a broken or oversized file yields one problem and the defaults; a bad value
 * yields a problem naming its key and where it sits, and that key keeps its default.
 */
export function parseConfig(text: string, knownRules: readonly string[], base: Settings = defaultSettings()): LoadedConfig {
  if (text.length > MAX_CONFIG_CHARS) {
    const message = `larger than ${MAX_CONFIG_CHARS / 1024} KiB (${text.length} characters), not read`;
    return { settings: base, problems: [{ key: '', message }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const first = errors[0] ?? { error: ParseErrorCode.ValueExpected, offset: 0, length: 0 };
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length;
    const column = first.offset - before.lastIndexOf('\n');
    const message = `not valid JSON: ${readableParseError(first.error)} at line ${line}, column ${column}`;
    return { settings: base, problems: [{ key: '', message, offset: first.offset, length: Math.max(1, first.length) }] };
  }
  const duplicates: Node[] = [];
  const loaded = applyParsed(plainValue(root, duplicates), knownRules, base);
  for (const key of duplicates) loaded.problems.push({ key: nodePath(key).join('.'), path: nodePath(key), message: 'duplicate key; the last one applies', node: key });
  return {
    settings: loaded.settings,
    problems: loaded.problems.map(({ key, message, path, node }) => {
      const at = node ?? (path ? keyNode(root, path) : undefined);
      return at ? { key, message, offset: at.offset, length: at.length } : { key, message };
    }),
  };
}

/** Applies an already parsed settings object on top of `base`; see parseConfig. */
export function applyConfigObject(raw: unknown, knownRules: readonly string[], base: Settings = defaultSettings()): LoadedConfig {
  const { settings, problems } = applyParsed(raw, knownRules, base);
  return { settings, problems: problems.map(({ key, message }) => ({ key, message })) };
}

/** A problem while its key's path is still known segment by segment (domain names may hold dots). */
interface PathedProblem extends ConfigProblem {
  path?: string[];
  node?: Node;
}

/**
 * The shipped JSON schema judges the object (compiled to code at build time); every key it rejects is
 * reported once and keeps its default, and the rest is copied over `base`, key by key.
 */
function applyParsed(raw: unknown, knownRules: readonly string[], base: Settings): { settings: Settings; problems: PathedProblem[] } {
  const settings = structuredClone(base);
  if (!isObject(raw)) return { settings, problems: [{ key: '', message: 'expected a JSON object at the top level' }] };
  if (countValues(raw, MAX_CONFIG_VALUES + 1) > MAX_CONFIG_VALUES) {
    return { settings, problems: [{ key: '', message: `holds more than ${MAX_CONFIG_VALUES} values, not read` }] };
  }
  const bad = rejectedKeys(raw);
  const problems: PathedProblem[] = [...bad.values()].map(({ path, message }) => ({ key: path.join('.'), path, message }));
  const capped = () => capProblems(problems);
  const accepted = (...path: string[]) => !bad.has(path.join('\u0000'));

  for (const key of Object.keys(raw)) {
    if (key === '$schema' || !accepted(key)) continue;
    const value = raw[key] as Record<string, unknown>;
    if (key === 'rules') {
      for (const rule of Object.keys(value)) {
        if (!accepted(key, rule)) continue;
        if (knownRules.includes(rule)) settings.rules[rule] = value[rule] as RuleLevel;
        else problems.push({ key: `rules.${rule}`, path: [key, rule], message: unknownRuleMessage(rule, knownRules) });
      }
    } else if (key === 'domains') {
      settings.domains = Object.fromEntries(Object.keys(value).filter((d) => accepted(key, d)).map((d) => [d, [...(value[d] as string[])]]));
    } else if (key === 'timeouts' || key === 'pool' || key === 'log' || key === 'metrics') {
      const section = settings[key] as unknown as Record<string, unknown>;
      for (const name of Object.keys(value)) if (accepted(key, name)) section[name] = structuredClone(value[name]);
    } else {
      (settings as unknown as Record<string, unknown>)[key] = structuredClone(value);
    }
  }
  return { settings, problems: capped() };
}

/** A file can hold thousands of bad keys; the first ones are reported, and how many more there are. */
export const MAX_CONFIG_PROBLEMS = 50;

function capProblems(problems: PathedProblem[]): PathedProblem[] {
  if (problems.length <= MAX_CONFIG_PROBLEMS) return problems;
  const more = problems.length - MAX_CONFIG_PROBLEMS;
  return [...problems.slice(0, MAX_CONFIG_PROBLEMS), { key: '', message: `and ${more} more bad key${more === 1 ? '' : 's'}` }];
}

/** How many values (object entries, list items) a parsed document holds, counting no further than `limit`. */
function countValues(value: unknown, limit: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count < limit) {
    const next = pending.pop();
    if (Array.isArray(next)) {
      count += next.length;
      pending.push(...next.slice(0, limit));
    } else if (isObject(next)) {
      const values = Object.values(next);
      count += values.length;
      pending.push(...values.slice(0, limit));
    }
  }
  return count;
}

/**
 * The keys the schema rejects, by path joined with NUL, each with one message. An error inside an array
 * condemns the whole array; errors below a rejected key are dropped, so each key is reported once.
 */
function rejectedKeys(raw: Record<string, unknown>): Map<string, { path: string[]; message: string }> {
  validateConfigSchema(raw);
  const candidates = new Map<string, { path: string[]; message: string }>();
  for (const error of validateConfigSchema.errors ?? []) {
    let path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const unknown = error.keyword === 'additionalProperties';
    if (unknown) path.push(String(error.params.additionalProperty));
    if (error.keyword === 'propertyNames') path.push(String(error.params.propertyName));
    const arrayEnd = path.findIndex((_, i) => i > 0 && Array.isArray(valueAt(raw, path.slice(0, i))));
    if (arrayEnd > 0) path = path.slice(0, arrayEnd);
    const id = path.join('\u0000');
    if (!candidates.has(id)) candidates.set(id, { path, message: unknown ? unknownKey(path) : expected(path, error.message) });
  }
  // A key below another rejected key is not reported again; paths are at most a few segments deep.
  const rejected = new Map<string, { path: string[]; message: string }>();
  for (const [id, candidate] of candidates) {
    const underAnother = candidate.path.some((_, i) => i > 0 && candidates.has(candidate.path.slice(0, i).join('\u0000')));
    if (!underAnother) rejected.set(id, candidate);
  }
  return rejected;
}

function valueAt(raw: unknown, path: readonly string[]): unknown {
  let value = raw;
  for (const segment of path) value = isObject(value) || Array.isArray(value) ? (Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined) : undefined;
  return value;
}

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  errorMessage?: string;
}

/** The schema node that governs a settings path, with `$ref`s followed. */
function schemaAt(path: readonly string[]): SchemaNode | undefined {
  const resolve = (node: SchemaNode | undefined): SchemaNode | undefined =>
    node?.$ref ? resolve((SCHEMA as { definitions: Record<string, SchemaNode> }).definitions[node.$ref.replace('#/definitions/', '')]) : node;
  let node = resolve(SCHEMA as SchemaNode);
  for (const segment of path) {
    const own = node?.properties && Object.hasOwn(node.properties, segment) ? node.properties[segment] : undefined;
    node = resolve(own ?? (typeof node?.additionalProperties === 'object' ? node.additionalProperties : node?.items));
  }
  return node;
}

/** "unknown rule id", with the id it probably means; the list of every id is the schema's completion's job. */
function unknownRuleMessage(id: string, knownRules: readonly string[]): string {
  const near = closestRuleId(id, knownRules);
  return near ? `unknown rule id; did you mean "${near}"?` : 'unknown rule id';
}

/** The known rule id closest to a mistyped one (a few edits away), or undefined when none is close. */
export function closestRuleId(id: string, knownRules: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of knownRules) {
    const distance = editDistance(id, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  // Close enough to be a typo or an abbreviation (`db-no-ctx` → `db-no-context`), not just another id.
  return bestDistance <= Math.max(2, Math.floor(id.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

function unknownKey(path: readonly string[]): string {
  if (path.length === 1) return 'unknown setting; see schemas/go-traps.schema.json for the accepted keys';
  const accepted = Object.keys(schemaAt(path.slice(0, -1))?.properties ?? {});
  if (path[0] === 'rules') return unknownRuleMessage(path[path.length - 1], accepted);
  return `unknown key; expected one of ${accepted.join(', ')}`;
}

/** The schema's own words for what a key takes (its `errorMessage`, as VS Code shows it), else ajv's. */
function expected(path: readonly string[], fallback = 'not valid'): string {
  return schemaAt(path)?.errorMessage ?? fallback;
}

/**
 * The parsed value as plain data. Keys become own properties whatever their name (`__proto__` included: it
 * is just an unknown key); a repeated key keeps its last value and is remembered in `duplicates`.
 */
function plainValue(node: Node, duplicates: Node[]): unknown {
  if (node.type === 'array') return (node.children ?? []).map((child) => plainValue(child, duplicates));
  if (node.type !== 'object') return node.value;
  const object: Record<string, unknown> = {};
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    if (Object.hasOwn(object, key.value)) duplicates.push(key);
    Object.defineProperty(object, key.value, { value: plainValue(value, duplicates), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** The property names from the root to a key node. */
function nodePath(key: Node): string[] {
  return getNodePath(key).map(String);
}

/** The node of a key's name (`"db"` in `"timeouts": {"db": …}`), for a precise range. */
function keyNode(root: Node, path: readonly string[]): Node | undefined {
  const value = findNodeAtLocation(root, [...path]);
  return value?.parent?.type === 'property' ? value.parent.children?.[0] : value;
}

function readableParseError(code: ParseErrorCode): string {
  return printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when a `/`-separated path is excluded by the settings' globs (a directory also as `dir/`). */
export function isExcluded(path: string, settings: Settings): boolean {
  let match = excludeMatchers.get(settings.exclude);
  if (!match) excludeMatchers.set(settings.exclude, (match = anyGlob(settings.exclude)));
  const normalized = path.replace(/\\/g, '/');
  return match(normalized) || match(normalized + '/');
}

/** Compiled exclusion globs per settings' list, so a scan of ten thousand files compiles them once. */
const excludeMatchers = new WeakMap<readonly string[], PathMatcher>();

/** Go's marker for generated files, anywhere before the package clause. */
export function isGenerated(text: string): boolean {
  const head = text.slice(0, Math.max(0, text.indexOf('\npackage ')) + 1 || 4096);
  return /^\/\/ Code generated .* DO NOT EDIT\.$/m.test(head);
}
