/**
 * The coupling collector reads the plainest calls and selectors from the text instead of asking the tree about
 * each; its facts must be exactly the tree's, on awkward spellings, every fixture and a sample of the library.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { collectCouplingFacts } from '../server/src/architecture/coupling-facts';
import { defaultSettings } from '../server/src/engine/config';
import { parseGo } from '../server/src/go/parser';
import { SourceFile } from '../server/src/go/source';
import { goFilesBelow } from './support/go-files';
import { FIXTURES_DIR, REPO_ROOT } from './support/repo';

const AWKWARD = `package order

import (
	"example.com/shop/internal/coupon"
	"example.com/shop/internal/user"
)

type Service struct{ db any }

func (s *Service) Place(id string) {
	coupon.Apply(id)(s.db)
	user.
		Find(id)
	s.check(id)
	s . check (id)
	func() { coupon.Apply(id) }()
	user /* who */ .Find(id)
	pick[int](1)
	(user.Find)(id)
	_ = user.Admin
	_ = coupon.Rules.Max
	s.db = nil
	len(id)
	check(id)(id)
	Ünïcode(id)
}

func pick[T any](v T) T { return v }
func check(id string) func(string) { return nil }
func Ünïcode(string) {}
`;

async function compare(filePath: string, text: string, modulePath: string, packageDir: string): Promise<void> {
  const tree = await parseGo(text);
  try {
    const file = new SourceFile(filePath, text, tree);
    const location = { path: filePath, modulePath, packageDir, domain: '', goVersion: '' };
    const settings = defaultSettings();
    assert.deepEqual(collectCouplingFacts(file, settings, location, true), collectCouplingFacts(file, settings, location, false), filePath);
  } finally {
    tree.delete();
  }
}

describe('coupling facts read from the text', () => {
  it("are the tree's on awkward spellings, and count what they should", async () => {
    await compare('internal/order/place.go', AWKWARD, 'example.com/shop', 'internal/order');
    const tree = await parseGo(AWKWARD);
    try {
      const facts = collectCouplingFacts(new SourceFile('internal/order/place.go', AWKWARD, tree), defaultSettings(), { path: 'internal/order/place.go', modulePath: 'example.com/shop', packageDir: 'internal/order', domain: '', goVersion: '' })!;
      // `(user.Find)(id)` calls a parenthesized expression: not counted, as the tree says.
      assert.deepEqual(facts.callsByDir, { 'internal/coupon': 2, 'internal/user': 2 });
      assert.ok(facts.localCalls >= 4, `localCalls ${facts.localCalls}`);
    } finally {
      tree.delete();
    }
  });

  it("are the tree's on every fixture", async () => {
    const files = goFilesBelow(FIXTURES_DIR, Infinity);
    assert.ok(files.length > 100);
    for (const file of files) {
      const relative = path.relative(REPO_ROOT, file);
      await compare(relative, readFileSync(file, 'utf8'), 'example.com/app', path.dirname(path.relative(FIXTURES_DIR, file)));
    }
  });

  const goroot = '/usr/lib/go/src';
  it("are the tree's on a sample of the standard library", { skip: !existsSync(goroot) && process.env.CI !== 'true' ? 'no Go installed' : false }, async () => {
    for (const dir of ['net/http', 'database/sql', 'go/types', 'cmd/go/internal/work']) {
      for (const file of goFilesBelow(path.join(goroot, dir), 40)) await compare(path.relative(goroot, file), readFileSync(file, 'utf8'), 'cmd', path.relative(goroot, path.dirname(file)));
    }
  });
});
