/** Which module and business domain a file belongs to. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings } from '../../server/src/engine/config';
import { domainOf, locateFile, moduleFromGoMod, parseGoModPath, parseGoModVersion } from '../../server/src/engine/domains';

describe('domains', () => {
  const settings = defaultSettings();
  it('looks through container folders to the top-level package', () => {
    assert.equal(domainOf('internal/user', settings), 'user');
    assert.equal(domainOf('internal/order/repo', settings), 'order');
    assert.equal(domainOf('app/services/coupon', settings), 'coupon');
    assert.equal(domainOf('user', settings), 'user');
  });
  it('reads a layer suffix below domain/ as the same domain in another layer', () => {
    assert.equal(domainOf('business/domain/userbus', settings), 'user');
    assert.equal(domainOf('business/domain/userbus/stores/userdb', settings), 'user');
    assert.equal(domainOf('app/domain/userapp', settings), 'user');
    assert.equal(domainOf('app/domain/productapp', settings), 'product');
    // Elsewhere a name is kept whole: `internal/webapp` is not `web`, and `domain/bus` has no stem.
    assert.equal(domainOf('internal/webapp', settings), 'webapp');
    assert.equal(domainOf('domain/bus', settings), 'bus');
  });
  it('reads a role name with or without its layer suffix: a readiness check is not a business domain', () => {
    assert.equal(domainOf('app/domain/checkapp', settings), '');
    assert.equal(domainOf('internal/readiness', settings), '');
    assert.equal(domainOf('business/domain/auditbus', settings), 'audit');
  });
  it('gives composition roots and infrastructure no domain', () => {
    assert.equal(domainOf('', settings), '');
    assert.equal(domainOf('cmd/shop', settings), '');
    assert.equal(domainOf('internal/store', settings), '');
    assert.equal(domainOf('internal', settings), '');
  });
  it('lets the configured map win', () => {
    const mapped = { ...defaultSettings(), domains: { billing: ['internal/payment/**', 'internal/invoice'] } };
    assert.equal(domainOf('internal/payment/alipay', mapped), 'billing');
    assert.equal(domainOf('internal/invoice', mapped), 'billing');
    assert.equal(domainOf('internal/user', mapped), 'user');
  });
  it('places files in the deepest module', () => {
    const modules = [
      { root: '', path: 'example.com/root' },
      { root: 'services/shop', path: 'example.com/shop', goVersion: '1.20' },
    ];
    const location = locateFile('services/shop/internal/order/svc.go', modules, settings);
    assert.deepEqual(location, { path: 'services/shop/internal/order/svc.go', modulePath: 'example.com/shop', packageDir: 'internal/order', domain: 'order', goVersion: '1.20' });
  });
  it('reads the module path and the go version from go.mod', () => {
    assert.equal(parseGoModPath('// comment\nmodule example.com/shop\n\ngo 1.21\n'), 'example.com/shop');
    assert.equal(parseGoModPath('module "example.com/quoted"\n'), 'example.com/quoted');
    assert.deepEqual(moduleFromGoMod('svc', 'module example.com/svc\n\ngo 1.21.3 // pinned\n\ntoolchain go1.22.1\n'), { root: 'svc', path: 'example.com/svc', goVersion: '1.21.3' });
    assert.equal(parseGoModVersion('module m\n'), '');
  });
});
