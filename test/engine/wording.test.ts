/**
 * Words users read: English plurals without "(s)", messages that say exactly what is missing, US spelling,
 * and placeholders that are not reasons.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeSources } from '../../server/src/engine/analyze';
import { closestRuleId, defaultSettings } from '../../server/src/engine/config';
import { formatMessage } from '../../server/src/engine/messages';
import { isPlaceholderReason } from '../../server/src/engine/suppress';
import { RULES } from '../../server/src/traps/index';
import { REPO_ROOT } from '../support/repo';

const POOL = (limits: string) => `package store

import (
	"database/sql"
	"time"
)

var _ = time.Second

// Open opens the shop's pool.
func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
${limits}	return db, nil
}
`;

async function poolMessage(limits: string): Promise<string | undefined> {
  const { findings } = await analyzeSources([{ path: 'internal/store/db.go', text: POOL(limits) }], defaultSettings());
  return findings.find((f) => f.ruleId === 'db-pool-unbounded')?.message;
}

describe('wording', () => {
  it('puts English nouns in the plural by the number, and leaves Chinese alone', () => {
    const message = { en: '{count} {count:exit|exits} without it', zh: '有 {count} 处出口' };
    assert.equal(formatMessage(message, 'en', { count: 1 }), '1 exit without it');
    assert.equal(formatMessage(message, 'en', { count: 3 }), '3 exits without it');
    assert.equal(formatMessage(message, 'en', { count: 0 }), '0 exits without it');
    assert.equal(formatMessage(message, 'zh-cn', { count: 3 }), '有 3 处出口');
  });

  it('db-pool-unbounded names exactly what is missing', async () => {
    const lifetimeOnly = await poolMessage('\tdb.SetMaxOpenConns(20)\n');
    assert.ok(lifetimeOnly, 'flagged: no SetConnMaxLifetime');
    assert.match(lifetimeOnly, /never given SetConnMaxLifetime/);
    assert.doesNotMatch(lifetimeOnly, /SetMaxOpenConns|without limit|no limit|grows|as many connections/, 'the pool is bounded; only the lifetime is missing');
    const openOnly = await poolMessage('\tdb.SetConnMaxLifetime(time.Hour)\n');
    assert.match(openOnly ?? '', /never given SetMaxOpenConns: it opens as many connections as there are concurrent queries/);
    assert.doesNotMatch(openOnly ?? '', /forever|SetConnMaxLifetime/);
    const neither = await poolMessage('');
    assert.match(neither ?? '', /never given SetMaxOpenConns \/ SetConnMaxLifetime/);
    assert.equal(await poolMessage('\tdb.SetMaxOpenConns(20)\n\tdb.SetConnMaxLifetime(time.Hour)\n'), undefined);
  });

  it('has no "(s)" plurals, British spellings or "for ever" in what users read', () => {
    const sources = ['client/src', 'client/media', 'server/src', 'docs/rules', 'media/walkthrough'];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (name === 'generated') continue; // built from the schema, which is checked as JSON below
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|js|md)$/.test(name)) files.push(full);
      }
    };
    for (const dir of sources) walk(path.join(REPO_ROOT, dir));
    files.push(path.join(REPO_ROOT, 'package.nls.json'), path.join(REPO_ROOT, 'MARKETPLACE.md'), path.join(REPO_ROOT, 'schemas', 'go-traps.schema.json'));
    const offences: string[] = [];
    // Quoted strings only, where the words users read live (comments may say what they like).
    const quoted = /(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const strings = /\.(md|json)$/.test(file) ? [text] : [...text.matchAll(quoted)].map((m) => m[2]);
      for (const s of strings) {
        for (const bad of [/(?<![.\w])[a-z]+\((s|es)\)/, /\banalys(e|ed|es|ing)\b/i, /\bfor ever\b/i, /\b(behaviour|colour|initialis|recognis|organis)/i]) {
          const hit = bad.exec(s);
          if (hit) offences.push(`${path.relative(REPO_ROOT, file)}: "${hit[0]}" in ${JSON.stringify(s.slice(0, 80))}`);
        }
      }
    }
    assert.deepEqual(offences, []);
  });

  it('suggests the rule a mistyped id probably means', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(closestRuleId('db-no-ctx', ids), 'db-no-context');
    assert.equal(closestRuleId('log-unstructed', ids), 'log-unstructured');
    assert.equal(closestRuleId('errcheck', ids), undefined);
  });

  it('tells a reason from a placeholder', () => {
    for (const placeholder of ['', 'TODO', 'TODO: say why this trap is acceptable here', 'todo later', 'FIXME', '<reason>', '[reason]', '...', '…', '-', 'reason', 'n/a', 'TODO: 说明为何此处可以接受这个陷阱']) {
      assert.equal(isPlaceholderReason(placeholder), true, JSON.stringify(placeholder));
    }
    for (const reason of ['DSN validated by config.Load', 'reporting reads every domain on purpose', 'because the vendor SDK owns the pool', '进程内单例,随进程退出']) {
      assert.equal(isPlaceholderReason(reason), false, reason);
    }
  });
});
