/**
 * What log-unstructured converts to, by the module's Go version and the loggers the module already uses
 * (issue 14): log/slog only from Go 1.21, else a structured logger the file, package or module imports, else
 * no conversion at all; a *log.Logger value is reported without one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeSources } from '../../server/src/engine/analyze';
import { defaultSettings } from '../../server/src/engine/config';
import { applyEdits } from '../../server/src/engine/edits';
import type { Finding } from '../../server/src/engine/types';

const ORDERS = 'package orders\n\nimport "log"\n\nfunc Cancel(orderID string) {\n\tlog.Printf("cancel %s", orderID)\n}\n';

async function findings(files: Record<string, string>, goVersion: string): Promise<Finding[]> {
  const sources = Object.entries(files).map(([path, text]) => ({ path, text }));
  const result = await analyzeSources(sources, defaultSettings(), [{ root: '', path: 'example.com/shop', goVersion }]);
  assert.deepEqual(result.problems, []);
  return result.findings.filter((f) => f.ruleId === 'log-unstructured');
}

function fixed(text: string, finding: Finding): string {
  return applyEdits(text, finding.fixes[0].edits);
}

describe('log-unstructured conversion targets', () => {
  it('converts to log/slog from Go 1.21', async () => {
    const [finding] = await findings({ 'orders/orders.go': ORDERS }, '1.21');
    assert.match(finding.message, /log\/slog/);
    assert.equal(fixed(ORDERS, finding), 'package orders\n\nimport "log/slog"\n\nfunc Cancel(orderID string) {\n\tslog.Info("cancel", "order_id", orderID)\n}\n');
  });

  it('offers no conversion below Go 1.21 when the module has no structured logger', async () => {
    const [finding] = await findings({ 'orders/orders.go': ORDERS }, '1.19');
    assert.equal(finding.messageId, 'unstructuredNoTarget');
    assert.match(finding.message, /Go 1\.19 has no log\/slog/);
    assert.deepEqual(finding.fixes, []);
  });

  it('below Go 1.21, converts to a logger another package of the module imports', async () => {
    const setup = 'package platform\n\nimport "github.com/rs/zerolog"\n\nvar Level = zerolog.InfoLevel\n';
    const [finding] = await findings({ 'orders/orders.go': ORDERS, 'platform/log.go': setup }, '1.19');
    assert.equal(
      fixed(ORDERS, finding),
      'package orders\n\nimport zlog "github.com/rs/zerolog/log"\n\nfunc Cancel(orderID string) {\n\tzlog.Info().Str("order_id", orderID).Msg("cancel")\n}\n',
    );
    assert.equal(finding.fixes[0].safe, true);
  });

  it('below Go 1.21, uses golang.org/x/exp/slog when the module has it, and zap only as an unsafe fix', async () => {
    const exp = 'package platform\n\nimport "golang.org/x/exp/slog"\n\nvar L = slog.Default()\n';
    const [viaExp] = await findings({ 'orders/orders.go': ORDERS, 'platform/log.go': exp }, '1.20');
    assert.match(fixed(ORDERS, viaExp), /import "golang.org\/x\/exp\/slog"[\s\S]*slog\.Info\("cancel", "order_id", orderID\)/);
    const zap = 'package platform\n\nimport "go.uber.org/zap"\n\nvar L = zap.NewNop()\n';
    const [viaZap] = await findings({ 'orders/orders.go': ORDERS, 'platform/log.go': zap }, '1.19');
    assert.match(fixed(ORDERS, viaZap), /zap\.S\(\)\.Infow\("cancel", "order_id", orderID\)/);
    // zap's global logger discards everything until the program installs one: a person decides.
    assert.equal(viaZap.fixes[0].safe, false);
  });

  it('a logger of another module does not count (its go.mod is not this one)', async () => {
    const other = 'package lib\n\nimport "github.com/sirupsen/logrus"\n\nvar L = logrus.New()\n';
    const sources = [
      { path: 'orders/orders.go', text: ORDERS },
      { path: 'lib/lib.go', text: other },
    ];
    const result = await analyzeSources(sources, defaultSettings(), [
      { root: '', path: 'example.com/shop', goVersion: '1.19' },
      { root: 'lib', path: 'example.com/lib', goVersion: '1.19' },
    ]);
    const [finding] = result.findings.filter((f) => f.ruleId === 'log-unstructured');
    assert.deepEqual(finding.fixes, []);
  });

  it('writes no conversion when the name it would import is taken in the file', async () => {
    const taken = 'package orders\n\nimport "log"\n\nfunc Cancel(orderID string, slog int) {\n\tlog.Printf("cancel %s %d", orderID, slog)\n}\n';
    const [finding] = await findings({ 'orders/orders.go': taken }, '1.22');
    assert.equal(finding.messageId, 'unstructured');
    assert.deepEqual(finding.fixes, []);
  });

  it('reports a *log.Logger held in a field of another file, without a conversion', async () => {
    const app = 'package app\n\nimport "log"\n\ntype App struct{ log *log.Logger }\n';
    const handle = 'package app\n\nfunc (a *App) Handle(id string) {\n\ta.log.Printf("handling %s", id)\n}\n';
    const [finding] = await findings({ 'app/app.go': app, 'app/handle.go': handle }, '1.22');
    assert.equal(finding.path, 'app/handle.go');
    assert.match(finding.message, /a\.log\.Printf writes an unstructured line: use structured logging \(log\/slog\)/);
    assert.deepEqual(finding.fixes, []);
  });

  it('a local that shadows the log import is not the package', async () => {
    const shadow = 'package orders\n\nimport "log"\n\ntype printer struct{}\n\nfunc (printer) Printf(string, ...any) {}\n\nvar _ = log.Prefix\n\nfunc Cancel(id string) {\n\tlog := printer{}\n\tlog.Printf("cancel %s", id)\n}\n';
    assert.deepEqual(await findings({ 'orders/orders.go': shadow }, '1.22'), []);
  });
});
