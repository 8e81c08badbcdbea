/**
 * schemas/go-traps.schema.json is the single source of validation: the loader in server/src/engine/config.ts
 * runs the code ajv generates from it at build time. Every key of the settings is in the schema with the same
 * default, every schema key is accepted, and the generated code judges sample files as the schema does when
 * ajv compiles it here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { schemaAjv } from '../scripts/config-validator.mjs';
import generatedValidator from '../server/src/engine/generated/config-schema';
import { parseDurationMs } from '../server/src/engine/duration';
import { applyConfigObject, DEFAULT_SETTINGS } from '../server/src/engine/config';
import { RULE_CONCERNS } from '../server/src/architecture/checklist';
import { RULES } from '../server/src/traps/index';
import { REPO_ROOT } from './support/repo';

interface SchemaNode {
  properties?: Record<string, SchemaNode & { default?: unknown }>;
  additionalProperties?: boolean | SchemaNode;
}

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/go-traps.schema.json'), 'utf8')) as SchemaNode & Record<string, unknown>;
const knownRules = RULES.map((r) => r.meta.id);
/** `locale` comes from the editor or LANG, never from the file. */
const NOT_IN_FILE = new Set(['locale']);
/** Sections whose keys the loader checks one by one. */
const SECTIONS = ['timeouts', 'pool', 'log', 'metrics'] as const;

/** The schema compiled now, with the same keywords the build step knows. */
function compileHere() {
  return schemaAjv({ durationModule: 'unused', parseDurationMs }).compile(schema);
}

function problemsOf(raw: unknown): string[] {
  return applyConfigObject(raw, knownRules).problems.map((p) => `${p.key}: ${p.message}`);
}

describe('configuration schema', () => {
  const top = schema.properties!;

  it('has every top-level setting of the loader, and only those (plus $schema)', () => {
    const loaderKeys = Object.keys(DEFAULT_SETTINGS).filter((k) => !NOT_IN_FILE.has(k)).sort();
    const schemaKeys = Object.keys(top).filter((k) => k !== '$schema').sort();
    assert.deepEqual(schemaKeys, loaderKeys);
    assert.equal(schema.additionalProperties, false, 'unknown keys must be flagged, as the loader does');
  });

  it('has every key of each section, with the loader\'s defaults', () => {
    for (const section of SECTIONS) {
      const defaults = DEFAULT_SETTINGS[section] as unknown as Record<string, unknown>;
      const properties = top[section].properties ?? {};
      assert.deepEqual(Object.keys(properties).sort(), Object.keys(defaults).sort(), `keys of ${section}`);
      assert.equal(top[section].additionalProperties, false, `${section} must reject unknown keys`);
      for (const [key, value] of Object.entries(defaults)) assert.deepEqual(properties[key].default, value, `default of ${section}.${key}`);
    }
    for (const key of ['infrastructure', 'exclude', 'excludeGenerated', 'maxFileSize', 'domains', 'migrations'] as const) {
      assert.deepEqual(top[key].default, DEFAULT_SETTINGS[key], `default of ${key}`);
    }
  });

  it('names every key the loader accepts: the loader takes each schema key without "unknown" complaints', () => {
    const sample = {
      $schema: './node_modules/go-traps/schemas/go-traps.schema.json',
      rules: Object.fromEntries(knownRules.map((id) => [id, 'warning'])),
      domains: { user: ['internal/user/**'] },
      infrastructure: ['platform'],
      timeouts: { db: '500ms', http: '2s', wsRead: '1m30s' },
      pool: { maxOpenConns: 20, maxIdleConns: 10, connMaxLifetime: '1h' },
      exclude: ['**/gen/**'],
      excludeGenerated: false,
      maxFileSize: 2048,
      log: { idKeys: ['order_id'], allowInMain: false },
      metrics: { defaultLabels: ['reason'] },
      migrations: 'warning',
    };
    assert.deepEqual(Object.keys(sample).sort(), Object.keys(top).sort(), 'the sample covers every schema key');
    assert.deepEqual(problemsOf(sample), []);
    const validate = compileHere();
    assert.equal(validate(sample), true, JSON.stringify(validate.errors));
    assert.equal(generatedValidator(sample), true, JSON.stringify(generatedValidator.errors));
  });

  it('lists every registered rule, and only rules of the product contract, under "rules"', () => {
    const schemaRules = Object.keys(top.rules.properties ?? {}).sort();
    for (const id of knownRules) assert.ok(schemaRules.includes(id), `add rule ${id} to schemas/go-traps.schema.json`);
    const contract = [...RULE_CONCERNS.flatMap((c) => c.rules), 'invalid-suppression'].sort();
    assert.deepEqual(schemaRules, contract);
  });

  it('rejects what the loader rejects', () => {
    const validate = compileHere();
    const bad: unknown[] = [
      { timeouts: { db: 'abc' } },
      { timeouts: { db: 800 } },
      { timeouts: { read: '1s' } },
      { pool: { maxOpenConns: 0 } },
      { pool: { maxOpenConns: 2.5 } },
      { log: { allowInMain: 'yes' } },
      { metrics: { defaultLabels: [] } },
      { rules: { 'db-open-error-ignored': 'loud' } },
      { rules: { 'no-such-rule': 'off' } },
      { domains: { user: 'internal/user' } },
      { excludeGenerated: 'true' },
      { maxFileSize: -1 },
      { surprise: true },
      { timeouts: { db: '0.5ms' } },
      { timeouts: { db: '25h' } },
      { pool: { maxIdleConns: 10001 } },
      { exclude: ['**a**a**b'] },
      { exclude: Array.from({ length: 257 }, (_, i) => `gen${i}/**`) },
    ];
    for (const raw of bad) {
      assert.equal(validate(raw), false, `schema accepted ${JSON.stringify(raw)}`);
      assert.equal(generatedValidator(raw), false, `generated code accepted ${JSON.stringify(raw)}`);
      assert.ok(problemsOf(raw).length > 0, `loader accepted ${JSON.stringify(raw)}`);
    }
  });
});
