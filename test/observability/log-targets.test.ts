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
    assert.equal(finding.messageId, 'packageCallsNoTarget');
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
    assert.equal(finding.messageId, 'packageCalls');
    assert.deepEqual(finding.fixes, []);
  });

  it('reports a *log.Logger held in a field once, where the field is declared, with its calls in other files', async () => {
    const app = 'package app\n\nimport "log"\n\ntype App struct{ log *log.Logger }\n';
    const handle = 'package app\n\nfunc (a *App) Handle(id string) {\n\ta.log.Printf("handling %s", id)\n\ta.log.Println("done")\n}\n';
    const audit = 'package app\n\nfunc (a *App) Audit(id string) {\n\ta.log.Printf("audit %s", id)\n}\n';
    const found = await findings({ 'app/app.go': app, 'app/handle.go': handle, 'app/audit.go': audit }, '1.22');
    assert.equal(found.length, 1);
    const [finding] = found;
    assert.equal(finding.path, 'app/app.go');
    assert.equal(finding.range.start.line, 4);
    assert.match(finding.message, /\(App\.log\) .*calls: 3, files: 2/);
    assert.deepEqual(finding.related.map((r) => `${r.path}:${r.range.start.line}`), ['app/audit.go:3', 'app/handle.go:3']);
    assert.deepEqual(finding.fixes, []);
  });

  it('reports the log package once per package, converting every file of it in one fix', async () => {
    const refund = 'package orders\n\nimport "log"\n\nfunc Refund(orderID string) {\n\tlog.Printf("refund %s", orderID)\n}\n';
    const found = await findings({ 'orders/orders.go': ORDERS, 'orders/refund.go': refund }, '1.21');
    assert.equal(found.length, 1);
    const [finding] = found;
    assert.match(finding.message, /package orders \(calls: 2, files: 2\)/);
    assert.equal(finding.fixes[0].title, 'Convert the log calls of package orders to log/slog (2 of 2)');
    assert.deepEqual([...new Set(finding.fixes[0].edits.map((e) => e.path))].sort(), ['orders/orders.go', 'orders/refund.go']);
    const refundEdits = finding.fixes[0].edits.filter((e) => e.path === 'orders/refund.go');
    assert.equal(applyEdits(refund, refundEdits), 'package orders\n\nimport "log/slog"\n\nfunc Refund(orderID string) {\n\tslog.Info("refund", "order_id", orderID)\n}\n');
  });

  it('calls on a line with a suppression are left out of the count, and the directive is not called unused', async () => {
    const quiet = 'package orders\n\nimport "log"\n\nfunc Cancel(orderID string) {\n\t//go-traps:ignore log-unstructured printed for the operator\n\tlog.Printf("cancel %s", orderID)\n\tlog.Printf("again %s", orderID)\n}\n';
    const sources = [{ path: 'orders/orders.go', text: quiet }];
    const result = await analyzeSources(sources, defaultSettings(), [{ root: '', path: 'example.com/shop', goVersion: '1.21' }]);
    const unstructured = result.findings.filter((f) => f.ruleId === 'log-unstructured');
    assert.equal(unstructured.length, 1);
    assert.match(unstructured[0].message, /calls: 1, files: 1/);
    assert.equal(unstructured[0].range.start.line, 7);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'invalid-suppression'), []);
  });

  it('a local that shadows the log import is not the package', async () => {
    const shadow = 'package orders\n\nimport "log"\n\ntype printer struct{}\n\nfunc (printer) Printf(string, ...any) {}\n\nvar _ = log.Prefix\n\nfunc Cancel(id string) {\n\tlog := printer{}\n\tlog.Printf("cancel %s", id)\n}\n';
    assert.deepEqual(await findings({ 'orders/orders.go': shadow }, '1.22'), []);
  });
});
