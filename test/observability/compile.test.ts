/**
 * The compiler judges the observability fixes (issue 14): every fixture case of these rules, and every layout,
 * that builds before its fixes must build after them, with Go 1.19 (the installed toolchain). Third-party
 * packages are compiled from the library signatures in go/knowledge, given panicking bodies, so the fixes are
 * checked against the same API the rules know. log/slog does not exist in Go 1.19: goldens that use it must come
 * from a module whose go.mod allows it (1.21+, or no go.mod at all).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { goSupports } from '../../server/src/engine/go-version';
import { LIBRARY_STUBS } from '../../server/src/go/knowledge';
import { FixtureCase, loadLayoutCases, loadRuleCases } from '../support/fixtures';
import { FIXTURES_DIR } from '../support/repo';

const RULE_DIRS = ['log-unstructured', 'log-error-no-fields', 'metric-no-labels', 'trace-span-not-ended', 'trace-gin-no-middleware'];
const OWN_LAYOUTS = ['logger-field-split', 'zap-other-package', 'tracer-other-package', 'metrics-other-package', 'legacy-logrus'];
/** Module roots of the libraries the fixtures import: a package belongs to the longest root it starts with. */
const MODULE_ROOTS = [
  'go.uber.org/zap',
  'github.com/rs/zerolog',
  'github.com/sirupsen/logrus',
  'github.com/prometheus/client_golang',
  'go.opentelemetry.io/otel',
  'go.opentelemetry.io/contrib',
  'golang.org/x/exp',
  'github.com/gin-gonic/gin',
  'github.com/labstack/echo/v4',
];

function findGo(): string | null {
  for (const candidate of ['go', '/usr/lib/go/bin/go', '/usr/local/go/bin/go']) {
    try {
      execFileSync(candidate, ['version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  if (process.env.CI === 'true') throw new Error('go is required in CI (apt-get install golang-go)');
  return null;
}

const GO = findGo();
const work = mkdtempSync(path.join(tmpdir(), 'go-traps-compile-'));
after(() => rmSync(work, { recursive: true, force: true }));
const env = {
  ...process.env,
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off',
  GOSUMDB: 'off',
  GOTOOLCHAIN: 'local',
  GOPATH: path.join(work, 'gopath'),
  // Shared between runs: the standard library and the stubs compile once.
  GOCACHE: path.join(tmpdir(), 'go-traps-gocache'),
};

/** The knowledge of a library as a compilable package: each bodiless function gets a body that panics. */
function stubPackage(source: string): string {
  return source
    .split('\n')
    .map((line) => (/^func /.test(line) && !/\{\s*$/.test(line) ? `${line} { panic("stub") }` : line))
    .join('\n');
}

function moduleRoot(importPath: string): string | undefined {
  return MODULE_ROOTS.filter((root) => importPath === root || importPath.startsWith(root + '/')).sort((a, b) => b.length - a.length)[0];
}

/** Writes the stub modules under work/stubs once; returns the directory of each module root. */
const stubDirs = (() => {
  let dirs: Map<string, string> | undefined;
  return () => {
    if (dirs) return dirs;
    dirs = new Map();
    for (const stub of LIBRARY_STUBS) {
      for (const importPath of stub.paths) {
        const root = moduleRoot(importPath);
        if (!root) continue;
        const moduleDir = path.join(work, 'stubs', root);
        if (!dirs.has(root)) {
          mkdirSync(moduleDir, { recursive: true });
          writeFileSync(path.join(moduleDir, 'go.mod'), `module ${root}\n\ngo 1.19\n`);
          dirs.set(root, moduleDir);
        }
        const packageDir = path.join(moduleDir, importPath.slice(root.length));
        mkdirSync(packageDir, { recursive: true });
        writeFileSync(path.join(packageDir, 'stub.go'), stubPackage(stub.source));
      }
    }
    return dirs;
  };
})();

/** The third-party import paths of some Go sources. */
function importsOf(texts: string[]): Set<string> {
  const found = new Set<string>();
  for (const text of texts) {
    for (const block of text.matchAll(/^import\s*(?:\(([\s\S]*?)\)|([^\n]+))/gm)) {
      for (const spec of (block[1] ?? block[2]).matchAll(/"([^"]+)"/g)) if (spec[1].split('/')[0].includes('.')) found.add(spec[1]);
    }
  }
  return found;
}

/** Builds a case's sources as a module (its own go.mod, or a go 1.19 one); returns go's complaint, or null. */
function build(name: string, fixture: FixtureCase, sources: { path: string; text: string }[]): string | null {
  const dir = path.join(work, 'cases', name.replace(/[^\w.-]+/g, '_'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const goMod = existsSync(path.join(fixture.root, 'go.mod')) && fixture.name.endsWith('/') ? readFileSync(path.join(fixture.root, 'go.mod'), 'utf8') : 'module example.com/fixture\n\ngo 1.19\n';
  const modulePath = /^module\s+(\S+)/m.exec(goMod)![1];
  const needed = new Set<string>();
  for (const importPath of importsOf(sources.map((s) => s.text))) {
    if (importPath === modulePath || importPath.startsWith(modulePath + '/')) continue;
    const root = moduleRoot(importPath);
    if (!root) return `imports ${importPath}, which has no stub`;
    needed.add(root);
  }
  const stubs = stubDirs();
  const requires = [...needed].map((root) => `require ${root} v0.0.0\nreplace ${root} => ${stubs.get(root)}\n`).join('');
  writeFileSync(path.join(dir, 'go.mod'), `${goMod.replace(/^go \d+\.\d+(\.\d+)?$/m, 'go 1.19')}\n${requires}`);
  for (const source of sources) {
    mkdirSync(path.dirname(path.join(dir, source.path)), { recursive: true });
    writeFileSync(path.join(dir, source.path), source.text);
  }
  try {
    execFileSync(GO!, ['build', './...'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    return null;
  } catch (error) {
    return (error as { stderr?: string }).stderr ?? String(error);
  }
}

const cases = [
  ...RULE_DIRS.flatMap((ruleId) => loadRuleCases(FIXTURES_DIR, ruleId)).map((fixture) => ({ name: `${fixture.ruleId}/${fixture.name}`, fixture })),
  ...loadLayoutCases(FIXTURES_DIR)
    .filter((fixture) => OWN_LAYOUTS.includes(fixture.name.replace(/\/$/, '')))
    .map((fixture) => ({ name: `layouts/${fixture.name}`, fixture })),
].filter(({ fixture }) => fixture.goldens.size > 0);

describe('observability fixes compile (go build, Go 1.19, library stubs from go/knowledge)', { skip: GO ? false : 'no Go toolchain here' }, () => {
  const compiled: string[] = [];
  for (const { name, fixture } of cases) {
    it(name, (t) => {
      const fixedSources = fixture.sources.map((s) => ({ path: s.path, text: fixture.goldens.get(s.path)?.get(1) ?? s.text }));
      if (fixedSources.some((s) => /"log\/slog"/.test(s.text))) {
        // Go 1.19 cannot build log/slog; what can be checked is that the rule only wrote it where the module allows.
        const goMod = fixture.name.endsWith('/') && existsSync(path.join(fixture.root, 'go.mod')) ? readFileSync(path.join(fixture.root, 'go.mod'), 'utf8') : '';
        const version = /^go\s+(\d+\.\d+)/m.exec(goMod)?.[1] ?? '';
        assert.ok(goSupports({ goVersion: version }, '1.21'), `${name} writes log/slog into a module that says go ${version}`);
        t.diagnostic('uses log/slog: its module allows Go 1.21, which is not installed here to build it');
        return;
      }
      const before = build(`${name}-before`, fixture, fixture.sources);
      if (before !== null) {
        t.diagnostic(`does not build before its fixes either, so the fixes cannot be judged: ${before.split('\n').slice(0, 3).join(' | ')}`);
        return;
      }
      const afterFix = build(`${name}-after`, fixture, fixedSources);
      assert.equal(afterFix, null, `${name} builds, but not after its fixes`);
      compiled.push(name);
    });
  }
  it('judged a real share of the cases', () => {
    assert.ok(compiled.length >= 5, `only ${compiled.length} cases were built before and after: ${compiled.join(', ')}`);
  });
});
