/**
 * Derived answers (what leads to *log.Logger, what a module imports, a package's function names) are kept by the
 * result cache for the exact state of the workspace they were worked out for: a run over the same files reuses
 * them, any other state works them out again, and an unreadable file is ignored.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/pipeline';
import { defaultSettings } from '../../server/src/engine/config';

const root = mkdtempSync(path.join(tmpdir(), 'go-traps-derived-'));
after(() => rmSync(root, { recursive: true, force: true }));

const modules = [{ root: '', path: 'example.com/shop' }];
const SINK = 'package sink\n\ntype Sink struct{}\n\nfunc (s *Sink) Printf(format string, args ...any) {}\n';
const LOGGER = 'package sink\n\nimport "log"\n\ntype Sink = log.Logger\n';
const sources = (sink: string): Record<string, string> => ({
  'sink/sink.go': sink,
  'store/kit.go': 'package store\n\nimport "example.com/shop/sink"\n\ntype Kit struct{ Out *sink.Sink }\n',
  'order/pay.go': 'package order\n\nimport "example.com/shop/store"\n\nfunc Pay(k *store.Kit) {\n\tk.Out.Printf("paid")\n}\n',
});

async function run(files: Record<string, string>, cache = { root, scope: 'derived-test' }) {
  return analyze(Object.keys(files), (p) => files[p], defaultSettings(), modules, { cache, collectors: false });
}

const unstructured = (result: Awaited<ReturnType<typeof run>>) => result.findings.filter((f) => f.ruleId === 'log-unstructured').map((f) => f.path);

describe('derived answers in the result cache', () => {
  it('are reused for the same files only, and never change a finding', async () => {
    assert.deepEqual(unstructured(await run(sources(SINK))), []);
    const warm = await run(sources(SINK));
    assert.equal(warm.stats.derivedReused, true, 'the same files: reused');
    assert.equal(warm.stats.fromCache, 3);
    assert.deepEqual(unstructured(warm), []);
    // sink.Sink becomes the logger: another state, worked out again (a reused answer would miss the finding).
    const changed = await run(sources(LOGGER));
    assert.equal(changed.stats.derivedReused, false);
    assert.deepEqual(unstructured(changed), ['order/pay.go']);
    const again = await run(sources(LOGGER));
    assert.equal(again.stats.derivedReused, true);
    assert.deepEqual(unstructured(again), ['order/pay.go']);
  });

  it('are reused after an edit inside a function body, which changes no declaration', async () => {
    const cache = { root, scope: 'derived-body' };
    await run(sources(LOGGER), cache);
    const edited = { ...sources(LOGGER), 'order/pay.go': sources(LOGGER)['order/pay.go'].replace('k.Out.Printf("paid")', 'k.Out.Printf("paid")\n\tk.Out.Printf("twice")') };
    const result = await run(edited, cache);
    assert.equal(result.stats.derivedReused, true);
    assert.equal(result.stats.fromCache, 2, 'the edited file was analysed again');
    assert.deepEqual(result.findings, (await run(edited, { root, scope: 'derived-body-fresh' })).findings);
  });

  it('ignores an unreadable file of derived answers', async () => {
    const cache = { root, scope: 'derived-broken' };
    await run(sources(LOGGER), cache);
    const files = readdirSync(root).map((scope) => path.join(root, scope, 'derived.json')).filter((file) => existsSync(file));
    assert.ok(files.length > 0, 'derived answers were stored');
    for (const file of files) writeFileSync(file, '{"state": 1, "fingerprints": ');
    const result = await run(sources(LOGGER), cache);
    assert.equal(result.stats.derivedReused, false);
    assert.deepEqual(unstructured(result), ['order/pay.go']);
  });
});
