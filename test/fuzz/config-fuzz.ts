/**
 * Random `.go-traps.json` documents through parseConfig: it must never throw, never take long, and every
 * setting it returns must be of the schema's type and range, whatever the text.
 */
import { defaultSettings, isExcluded, parseConfig, parseDurationMs, Settings } from '../../server/src/engine/config';
import { domainOf } from '../../server/src/engine/domains';
import { RULES } from '../../server/src/traps/index';
import type { FuzzReport } from './report';
import { Random } from './mutate';

const KNOWN_RULES = RULES.map((r) => r.meta.id);
const KEYS: Record<string, string[]> = {
  '': ['rules', 'domains', 'infrastructure', 'timeouts', 'pool', 'exclude', 'excludeGenerated', 'maxFileSize', 'log', 'metrics', '$schema', '__proto__', 'constructor', 'surprise'],
  timeouts: ['db', 'http', 'wsRead', '__proto__', 'toString'],
  pool: ['maxOpenConns', 'maxIdleConns', 'connMaxLifetime', '__proto__'],
  log: ['idKeys', 'allowInMain', '__proto__'],
  metrics: ['defaultLabels', '__proto__'],
  rules: [...KNOWN_RULES, 'no-such-rule', '__proto__'],
  domains: ['user', 'order', '__proto__', 'constructor', 'a.b', ''],
};
const SCALARS: unknown[] = [
  0, -1, 1, 2.5, 1e21, 1e308, 10000, 10001, 'fast', '800ms', '0.0000001ns', '99999999999999999999h', '24h', '24h1ns', '1ms', '999us',
  '1m30s', '', true, false, null, 'error', 'off', 'loud', '**/vendor/**', '**a**a**a**b', '**/a/**/a/**/b', '{a,b}/*.go', '[', '\u0000',
];

function value(random: Random, section: string, depth: number): unknown {
  const roll = random.next();
  if (depth > 3 || roll < 0.45) return random.pick(SCALARS);
  if (roll < 0.7) return Array.from({ length: random.chance(0.05) ? 300 : random.int(5) }, () => value(random, '', depth + 1));
  const keys = KEYS[section] ?? KEYS[''];
  const object: Record<string, unknown> = {};
  for (let i = 0; i < random.int(5); i++) {
    const key = random.pick(keys);
    Object.defineProperty(object, key, { value: value(random, key, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** A document: valid JSON, JSON with comments and trailing commas, or broken text. */
export function randomConfigText(random: Random): string {
  const json = JSON.stringify(value(random, '', 0) ?? {}, null, random.chance(0.5) ? 2 : undefined) ?? '{}';
  const roll = random.next();
  if (roll < 0.6) return json;
  if (roll < 0.75) return `// team settings\n${json.replace(/,/, ', /* c */')}`.replace(/}$/, ',}');
  if (roll < 0.9) return json.slice(0, random.int(json.length + 1));
  return json.replace(/"/g, () => (random.chance(0.1) ? '' : '"'));
}

/** Problems with what parseConfig returned, as sentences; empty when the settings are well-formed. */
export function settingsProblems(settings: Settings): string[] {
  const bad: string[] = [];
  const duration = (key: string, v: string) => {
    const ms = parseDurationMs(v);
    if (!(ms >= 1 && ms <= 86_400_000)) bad.push(`${key} = ${JSON.stringify(v)} is not a duration in 1ms..24h`);
  };
  duration('timeouts.db', settings.timeouts.db);
  duration('timeouts.http', settings.timeouts.http);
  duration('timeouts.wsRead', settings.timeouts.wsRead);
  duration('pool.connMaxLifetime', settings.pool.connMaxLifetime);
  for (const key of ['maxOpenConns', 'maxIdleConns'] as const) {
    const n = settings.pool[key];
    if (!Number.isInteger(n) || n < 1 || n > 10_000) bad.push(`pool.${key} = ${n}`);
  }
  if (!Number.isInteger(settings.maxFileSize) || settings.maxFileSize < 1) bad.push(`maxFileSize = ${settings.maxFileSize}`);
  const strings = (key: string, v: unknown) => {
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) bad.push(`${key} is not a list of strings`);
  };
  strings('exclude', settings.exclude);
  strings('infrastructure', settings.infrastructure);
  strings('log.idKeys', settings.log.idKeys);
  strings('metrics.defaultLabels', settings.metrics.defaultLabels);
  for (const [domain, globs] of Object.entries(settings.domains)) strings(`domains.${domain}`, globs);
  if (typeof settings.excludeGenerated !== 'boolean') bad.push('excludeGenerated is not a boolean');
  if (Object.getPrototypeOf(settings) !== Object.prototype) bad.push('settings lost their prototype');
  return bad;
}

/** Runs random documents until `deadline` (ms since the epoch). */
export function fuzzConfig(random: Random, deadline: number, report: FuzzReport): void {
  const section = report.section('config documents');
  const probe = 'internal/user/' + 'a/'.repeat(200) + 'x.go';
  while (Date.now() < deadline) {
    const text = randomConfigText(random);
    const started = Date.now();
    try {
      const { settings } = parseConfig(text, KNOWN_RULES, defaultSettings());
      const problems = settingsProblems(settings);
      // The globs it accepted are used at once, on a deep path, as a scan would.
      isExcluded(probe, settings);
      domainOf('internal/user/' + 'a/'.repeat(200), settings);
      if (problems.length > 0) section.crash(`ill-typed settings: ${problems.join('; ')}`, text);
    } catch (error) {
      section.crash(`parseConfig threw: ${(error as Error).stack}`, text);
    }
    if (Date.now() - started > 1000) section.hang(`took ${Date.now() - started} ms`, text);
    section.iterations++;
  }
}
