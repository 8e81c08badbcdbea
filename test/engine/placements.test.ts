/**
 * The engine's one answer to "which packages are business domains, and why": placed by folder, then by code
 * (a package of mostly handlers is a front-end, package main an entry point), with the `domains` setting winning.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/engine/config';
import { locateFile } from '../../server/src/engine/domains';
import { PLACEMENT_FACTS_ID, WorkspacePlacements, type PackageShape } from '../../server/src/engine/placements';
import { collectSummaries } from '../../server/src/engine/summaries';
import type { FileLocation } from '../../server/src/engine/rule';

const MODULE = { root: '', path: 'example.com/shop' };
const settings = defaultSettings();

function at(path: string): FileLocation {
  return locateFile(path, [MODULE], settings);
}

function placements(files: Record<string, PackageShape | undefined>, chosen = settings): WorkspacePlacements {
  return new WorkspacePlacements(
    Object.entries(files).map(([path, shape]) => ({ location: locateFile(path, [MODULE], chosen), shape })),
    chosen,
  );
}

describe('workspace placements', () => {
  it('sets apart a layout domain whose functions are mostly handlers, and says why', () => {
    const places = placements({
      'internal/fever/handler.go': { functions: 3, handlers: 2 },
      'internal/order/order.go': { functions: 4, handlers: 1 },
    });
    const fever = places.ofLocation(at('internal/fever/handler.go'));
    assert.equal(fever.domain, '');
    assert.equal(fever.role, 'transport');
    assert.equal(fever.by, 'code');
    assert.match(fever.reason.en, /^transport: mostly handlers \(2 of its 3 functions serve requests\)$/);
    assert.match(fever.reason.zh, /传输层/);
    // One handler among four functions is a domain with an endpoint, not a front-end.
    assert.equal(places.ofLocation(at('internal/order/order.go')).domain, 'order');
    assert.deepEqual(places.domains(), ['order']);
  });

  it('sums the package over its files before judging it', () => {
    const places = placements({
      'internal/order/http.go': { functions: 2, handlers: 2 },
      'internal/order/service.go': { functions: 5, handlers: 0 },
    });
    assert.equal(places.ofPackage('example.com/shop/internal/order').domain, 'order');
  });

  it('lets the domains setting win over the code', () => {
    const mapped = { ...defaultSettings(), domains: { reading: ['internal/fever/**'] } };
    const place = placements({ 'internal/fever/handler.go': { functions: 2, handlers: 2 } }, mapped).ofPackage('example.com/shop/internal/fever');
    assert.deepEqual([place.domain, place.role, place.by], ['reading', 'domain', 'setting']);
    assert.equal(place.reason.en, 'set by the domains setting (internal/fever/**)');
  });

  it('takes package main for an entry point wherever it sits', () => {
    const places = placements({ 'internal/importer/main.go': { functions: 1, handlers: 0, main: true } });
    const place = places.ofDir('example.com/shop', 'internal/importer');
    assert.deepEqual([place.domain, place.role], ['', 'entry']);
    assert.equal(place.reason.en, 'entry point (package main)');
  });

  it('places a package it has no file of by its folder, and one outside the modules nowhere', () => {
    const places = placements({ 'internal/order/order.go': { functions: 1, handlers: 0 } });
    assert.equal(places.ofPackage('example.com/shop/internal/user').domain, 'user');
    assert.equal(places.ofPackage('github.com/other/lib').domain, '');
    assert.equal(places.ofFunction('"example.com/shop/internal/user".Service.Get').domain, 'user');
  });

  it('lists every folder once, domains first, with the role and the reason in the user\'s language', () => {
    const places = placements({
      'internal/user/user.go': { functions: 1, handlers: 0 },
      'internal/user/user_test.go': undefined,
      'cmd/shop/main.go': { functions: 1, handlers: 0, main: true },
      'internal/store/db.go': { functions: 1, handlers: 0 },
      'internal/api/routes.go': { functions: 2, handlers: 2 },
    });
    const rows = places.rows('en');
    assert.deepEqual(
      rows.map((r) => `${r.dir} | ${r.what} | ${r.reason} | ${r.files}`),
      [
        'internal/user | domain user | internal/<domain> layout | 2',
        'internal/api | transport front-end | internal/api/ is a transport front-end over the domains | 1',
        'cmd/shop | entry point | entry point (cmd/) | 1',
        'internal/store | infrastructure | internal/store/ is listed in the infrastructure setting | 1',
      ],
    );
    const zh = places.rows('zh-cn');
    assert.equal(zh[0].what, '业务域 user');
    assert.equal(zh[0].reason, 'internal/<domain> 布局');
  });

  it('counts functions and handlers from the code, and leaves test files out', async () => {
    const handlers = [
      'package fever',
      'import (',
      '  "net/http"',
      '  "github.com/gin-gonic/gin"',
      ')',
      'type h struct{}',
      'func (h) items(w http.ResponseWriter, r *http.Request) {}',
      'func list(c *gin.Context) {}',
      'func helper(n int) int { return n }',
      '',
    ].join('\n');
    const sources: Record<string, string> = {
      'internal/fever/handler.go': handlers,
      'internal/fever/handler_test.go': 'package fever\nimport "net/http"\nfunc a(w http.ResponseWriter) {}\nfunc b(w http.ResponseWriter) {}\n',
    };
    const summaries = await collectSummaries(Object.keys(sources), (p) => sources[p], settings, [MODULE]);
    const shapes = summaries.map((s) => s.facts[PLACEMENT_FACTS_ID]);
    assert.deepEqual(shapes, [{ functions: 3, handlers: 2 }, undefined]);
    const place = WorkspacePlacements.fromSummaries(summaries, settings).ofLocation(at('internal/fever/handler.go'));
    assert.equal(place.role, 'transport');
  });
});
