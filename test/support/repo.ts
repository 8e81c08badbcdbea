/** Paths and tools the tests share. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Test bundles run from test/out/ or a folder below it: the root is the nearest folder with the manifest. */
export const REPO_ROOT = (() => {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'test-fixtures'))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
})();
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test-fixtures');

let gofmtPath: string | null | undefined;

/** gofmt from PATH or Debian's golang-go; CI installs it, so there its absence is an error. */
export function findGofmt(): string | null {
  if (gofmtPath !== undefined) return gofmtPath;
  const candidates = ['gofmt', '/usr/lib/go/bin/gofmt', '/usr/local/go/bin/gofmt'];
  gofmtPath = null;
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ['-h'], { stdio: 'ignore' });
      gofmtPath = candidate;
      break;
    } catch (error) {
      // gofmt -h exits 2 after printing usage: it exists.
      if ((error as { status?: number }).status === 2) {
        gofmtPath = candidate;
        break;
      }
    }
  }
  if (!gofmtPath && process.env.CI === 'true') throw new Error('gofmt is required in CI (apt-get install golang-go)');
  return gofmtPath;
}

/** gofmt's verdict on Go source: null when it is syntactically valid and already formatted. */
export function gofmtProblem(source: string): string | null {
  const gofmt = findGofmt();
  if (!gofmt) return null;
  try {
    const formatted = execFileSync(gofmt, ['-e'], { input: source, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    if (formatted !== source) return `not gofmt-clean; gofmt would write:\n${formatted}`;
    return null;
  } catch (error) {
    return `gofmt -e rejected it: ${(error as { stderr?: string }).stderr ?? String(error)}`;
  }
}

export function exists(file: string): boolean {
  return existsSync(file);
}
