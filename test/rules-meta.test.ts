/** Every rule ships complete: a file named by its id, a registry entry, docs, fixtures both ways, messages in two languages. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../server/src/traps/index';
import { fixtureRuleDirs, loadRuleCases, readWants } from './support/fixtures';
import { exists, FIXTURES_DIR, REPO_ROOT } from './support/repo';

const DOC_SECTIONS = ['## What it flags', '## Why it hurts', '## Incorrect', '## Correct', '## Fix', '## Options'];

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe('rule registry', () => {
  it('is sorted by id with no duplicates', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort(), 'RULES must be listed in id order');
    assert.equal(new Set(ids).size, ids.length);
  });

  it('keeps each rule in its family folder, named by its id, and every file that defines a rule registered', () => {
    const trapsDir = path.join(REPO_ROOT, 'server/src/traps');
    const defining: string[] = [];
    for (const family of readdirSync(trapsDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const name of readdirSync(path.join(trapsDir, family.name)).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(path.join(trapsDir, family.name, name), 'utf8');
        if (/\bdefine(File|Workspace)Rule(<[^>]*>)?\(/.test(text)) defining.push(`${family.name}/${name.replace(/\.ts$/, '')}`);
      }
    }
    assert.deepEqual(defining.sort(), RULES.map((r) => `${r.meta.trap}/${r.meta.id}`).sort());
  });

  it('has a fixture folder for each rule and a rule for each fixture folder', () => {
    assert.deepEqual(fixtureRuleDirs(FIXTURES_DIR), RULES.map((r) => r.meta.id).sort());
  });
});

for (const rule of RULES) {
  const { meta } = rule;
  describe(`rule ${meta.id}`, () => {
    it('has kebab-case id, description, why and both languages for every message', () => {
      assert.match(meta.id, /^[a-z]+(-[a-z]+)*$/);
      for (const message of [meta.description, meta.why, ...Object.values(meta.messages)]) {
        assert.ok(message.en.trim(), `empty English text in ${meta.id}`);
        assert.ok(message.zh.trim(), `empty Chinese text in ${meta.id}`);
        assert.match(message.zh, /[\u4e00-\u9fff]/, `Chinese text of ${meta.id} has no Chinese: ${message.zh}`);
        assert.deepEqual(placeholders(message.zh), placeholders(message.en), `placeholders differ in ${meta.id}: ${message.en}`);
      }
    });

    it('has a documentation page with every section', () => {
      const doc = path.join(REPO_ROOT, 'docs/rules', `${meta.id}.md`);
      assert.ok(exists(doc), `missing ${doc}`);
      const text = readFileSync(doc, 'utf8');
      assert.ok(text.startsWith(`# ${meta.id}`), 'doc must start with "# <rule-id>"');
      for (const section of DOC_SECTIONS) assert.ok(text.includes(section), `doc lacks "${section}"`);
    });

    it('has positive and negative fixtures', () => {
      const cases = loadRuleCases(FIXTURES_DIR, meta.id);
      const sources = cases.flatMap((c) => c.sources);
      const positive = sources.filter((s) => readWants(s.path, s.text).some((w) => w.ruleId === meta.id));
      const negative = sources.filter((s) => !readWants(s.path, s.text).some((w) => w.ruleId === meta.id));
      assert.ok(positive.length > 0, 'no fixture expects this rule (`// want "<rule-id>"`)');
      assert.ok(negative.length > 0, 'no look-alike fixture without a want for this rule');
      if (meta.fixable) assert.ok(cases.some((c) => c.goldens.size > 0), 'fixable rule without a .golden fix test');
    });
  });
}
