/**
 * Settings: defaults, the team's `.go-traps.json`, and validation that names the bad key and the expected
 * form while defaults stand for the rest.
 */
import type { Locale, Severity } from './types';

export type RuleLevel = Severity | 'off';

export interface Settings {
  locale: Locale;
  /** Per-rule severity or 'off'; rules not named keep their default severity. */
  rules: Record<string, RuleLevel>;
  /** Domain name → path prefixes or globs (relative to the module root) that belong to it. */
  domains: Record<string, string[]>;
  /** Top-level packages that are shared plumbing, not business domains. */
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
  log: { idKeys: ['order_id', 'user_id', 'request_id', 'trace_id', 'span_id', 'tenant_id'], allowInMain: true },
  metrics: { defaultLabels: ['channel', 'reason'] },
}) as Settings;

export interface ConfigProblem {
  /** Dotted key, e.g. `timeouts.db`. */
  key: string;
  message: string;
}

export interface LoadedConfig {
  settings: Settings;
  problems: ConfigProblem[];
}

const LEVELS: RuleLevel[] = ['error', 'warning', 'info', 'hint', 'off'];
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** Copies the defaults so callers may change their settings freely. */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}

/**
 * Parses the text of a `.go-traps.json`. Never throws: a broken file yields one problem and the defaults;
 * a bad value yields a problem naming its key, and that key keeps its default.
 */
export function parseConfig(text: string, knownRules: readonly string[], base: Settings = defaultSettings()): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(text));
  } catch (error) {
    return { settings: base, problems: [{ key: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return applyConfigObject(raw, knownRules, base);
}

export function applyConfigObject(raw: unknown, knownRules: readonly string[], base: Settings = defaultSettings()): LoadedConfig {
  const settings = structuredClone(base);
  const problems: ConfigProblem[] = [];
  const problem = (key: string, message: string) => problems.push({ key, message });
  if (!isObject(raw)) return { settings, problems: [{ key: '', message: 'expected a JSON object at the top level' }] };

  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        if (!isObject(value)) problem('rules', 'expected an object of rule id → "error" | "warning" | "info" | "hint" | "off"');
        else
          for (const [rule, level] of Object.entries(value)) {
            if (!knownRules.includes(rule)) problem(`rules.${rule}`, `unknown rule id; known rules: ${knownRules.join(', ')}`);
            else if (!LEVELS.includes(level as RuleLevel)) problem(`rules.${rule}`, `expected one of ${LEVELS.map((l) => `"${l}"`).join(', ')}`);
            else settings.rules[rule] = level as RuleLevel;
          }
        break;
      case 'domains':
        if (!isObject(value) || !Object.values(value).every(isStringArray))
          problem('domains', 'expected an object of domain name → array of path prefixes or globs, e.g. {"user": ["internal/user/**"]}');
        else settings.domains = value as Record<string, string[]>;
        break;
      case 'infrastructure':
      case 'exclude':
        if (!isStringArray(value)) problem(key, 'expected an array of strings');
        else settings[key] = value;
        break;
      case 'excludeGenerated':
        if (typeof value !== 'boolean') problem(key, 'expected true or false');
        else settings.excludeGenerated = value;
        break;
      case 'maxFileSize':
        if (!isPositiveInteger(value)) problem(key, 'expected a positive whole number of bytes');
        else settings.maxFileSize = value;
        break;
      case 'timeouts':
        readSection(value, key, problem, {
          db: (v) => isDuration(v) && (settings.timeouts.db = v),
          http: (v) => isDuration(v) && (settings.timeouts.http = v),
          wsRead: (v) => isDuration(v) && (settings.timeouts.wsRead = v),
        }, 'a Go duration such as "800ms", "2s" or "1m30s"');
        break;
      case 'pool':
        readSection(value, key, problem, {
          maxOpenConns: (v) => isPositiveInteger(v) && (settings.pool.maxOpenConns = v),
          maxIdleConns: (v) => isPositiveInteger(v) && (settings.pool.maxIdleConns = v),
          connMaxLifetime: (v) => isDuration(v) && (settings.pool.connMaxLifetime = v),
        }, 'a positive whole number for connection counts, a Go duration such as "30m" for connMaxLifetime');
        break;
      case 'log':
        readSection(value, key, problem, {
          idKeys: (v) => isStringArray(v) && (settings.log.idKeys = v),
          allowInMain: (v) => typeof v === 'boolean' && ((settings.log.allowInMain = v), true),
        }, 'idKeys: an array of field names; allowInMain: true or false');
        break;
      case 'metrics':
        readSection(value, key, problem, {
          defaultLabels: (v) => isStringArray(v) && v.length > 0 && (settings.metrics.defaultLabels = v),
        }, 'defaultLabels: a non-empty array of label names');
        break;
      default:
        problem(key, 'unknown setting; see schemas/go-traps.schema.json for the accepted keys');
    }
  }
  return { settings, problems };
}

/** Reads an object section key by key; each reader returns a falsy value when the value is bad. */
function readSection(
  value: unknown,
  section: string,
  problem: (key: string, message: string) => void,
  readers: Record<string, (v: unknown) => unknown>,
  expected: string,
): void {
  if (!isObject(value)) return problem(section, `expected an object with keys ${Object.keys(readers).join(', ')}`);
  for (const [key, v] of Object.entries(value)) {
    const reader = readers[key];
    if (!reader) problem(`${section}.${key}`, `unknown key; expected one of ${Object.keys(readers).join(', ')}`);
    else if (!reader(v)) problem(`${section}.${key}`, `expected ${expected}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isDuration(value: unknown): value is string {
  return typeof value === 'string' && DURATION.test(value) && parseDurationMs(value) > 0;
}

/** Milliseconds in a Go duration string such as "1m30s". */
export function parseDurationMs(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(match[1]) * units[match[2]];
  return total;
}

/**
 * A Go expression for a duration, using the file's name for package time: "800ms" → `800 * time.Millisecond`,
 * "30m" → `30 * time.Minute`.
 */
export function goDuration(text: string, timePackage = 'time'): string {
  const ms = parseDurationMs(text);
  const steps: [number, string][] = [[3600000, 'Hour'], [60000, 'Minute'], [1000, 'Second'], [1, 'Millisecond']];
  for (const [size, unit] of steps) {
    if (ms >= size && ms % size === 0) return ms === size ? `${timePackage}.${unit}` : `${ms / size} * ${timePackage}.${unit}`;
  }
  return `${Math.round(ms * 1000)} * ${timePackage}.Microsecond`;
}

/** JSON with `//` and `/* *\/` comments, as VS Code's own settings files allow. */
export function stripJsonComments(text: string): string {
  return text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, string) => string ?? '');
}

/** A path glob as a regular expression: `**` any depth, `*` within one segment, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      pattern += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') pattern += '[^/]*';
    else if (c === '?') pattern += '[^/]';
    else pattern += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/** True when a `/`-separated path is excluded by the settings' globs. */
export function isExcluded(path: string, settings: Settings): boolean {
  const normalized = path.replace(/\\/g, '/');
  return settings.exclude.some((glob) => {
    const re = globToRegExp(glob);
    return re.test(normalized) || re.test(normalized + '/');
  });
}

/** Go's marker for generated files, anywhere before the package clause. */
export function isGenerated(text: string): boolean {
  const head = text.slice(0, Math.max(0, text.indexOf('\npackage ')) + 1 || 4096);
  return /^\/\/ Code generated .* DO NOT EDIT\.$/m.test(head);
}
