// `npm run test:e2e`: the end-to-end suite inside a real VS Code (code-server) driven by Debian's Chromium, with
// Go Traps installed from the VSIX that `npm run package` made (dist/go-traps.vsix), as a user installs it.
// Phase A runs the mocha suite (test/e2e/suite) in the extension host; phase B checks what a person sees and
// saves screenshots under test/e2e/out/; phase D opens the Go standard library and checks the calculator there;
// phase C checks it again with VS Code's display language in Chinese. Prints `N passed, N failed` and exits
// non-zero on any failure.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { startCodeServer } from './code-server.mjs';
import { ensureTools } from './tools.mjs';
import { seedChineseLanguagePack } from './language-pack.mjs';
import { runUiChecks } from './ui-checks.mjs';
import { runChineseChecks } from './ui-checks-zh.mjs';
import { runStdlibChecks } from './ui-checks-stdlib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(repo, 'test', 'e2e', 'out', 'screenshots');
const VSIX = path.join(repo, 'dist', 'go-traps.vsix');
/** A bare extension that only carries the mocha suite into the extension host; Go Traps comes from the VSIX. */
const HARNESS = path.join(repo, 'test', 'e2e', 'harness');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const log = (...args) => console.log(...args);
/** Bounds phase A, so a hung extension host cannot stall CI: the suite itself needs well under a minute. */
const PHASE_A_TIMEOUT_MS = 240_000;
/** Window console lines that say nothing about the extension: connection plumbing and offline-machine noise. */
const NOISE = /ENOTFOUND|open-vsx|vsda|authentication provider|^\[[\w:. -]+\]|^Creating a socket|connection token|builtin extensions cache/;
/** GO_TRAPS_E2E_PHASES=a, =b, =c or =d runs some phases while working on them; CI runs all four. */
const phases = (process.env.GO_TRAPS_E2E_PHASES || 'abcd').toLowerCase();
/** Phase D's workspace: the Go standard library (its real path: code-server shows symlinked folders oddly). */
const STDLIB = process.env.GO_TRAPS_E2E_STDLIB || '/usr/lib/go/src';

function payloadUrl(server, folder, entries) {
  const payload = [
    ...entries,
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function launchBrowser(tools) {
  const require = createRequire(path.join(tools.dir, 'package.json'));
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Phase A: the mocha suite in the extension host; returns its per-test results. */
async function runSuite(browser, server, workspace) {
  const resultFile = path.join(server.state, 'suite-results.json');
  const suiteIndex = path.join(repo, 'test', 'e2e', 'out', 'suite', 'index.js');
  if (!existsSync(suiteIndex)) throw new Error(`${suiteIndex} is missing: run npm run build first`);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const exitCode = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The workbench forwards console calls with their format arguments (mocha's reporter uses %s and %d).
    const line = Array.isArray(args) ? format(...args) : String(args);
    if (!NOISE.test(line)) log(`  [window] ${line}`);
  });
  const env = JSON.stringify({ GO_TRAPS_E2E_RESULTS: resultFile, GO_TRAPS_E2E_WORKSPACE: workspace, GO_TRAPS_E2E_EXTENSIONS_DIR: server.extensionsDir, GO_TRAPS_E2E_REPO: repo });
  await page.goto(
    payloadUrl(server, workspace, [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${HARNESS}`],
      ['extensionTestsPath', `vscode-remote://127.0.0.1:${server.port}${suiteIndex}`],
      ['extensionEnvironment', env],
    ]),
  );
  let timer;
  const code = await Promise.race([exitCode, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), PHASE_A_TIMEOUT_MS)))]);
  clearTimeout(timer);
  await page.close();
  const results = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : { tests: [] };
  if (code === 'timeout') results.tests.push({ title: `phase A finished within ${PHASE_A_TIMEOUT_MS / 1000} s`, passed: false, error: 'timed out' });
  else if (code !== 0 && results.tests.every((t) => t.passed)) results.tests.push({ title: 'phase A exit code', passed: false, error: `exit ${code}` });
  return results.tests;
}

/** Temporary folders this run made; removed at the end (screenshots stay in test/e2e/out/). */
const temporary = [];

function freshWorkspace() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-traps-ws-'));
  temporary.push(dir);
  cpSync(process.env.GO_TRAPS_E2E_SOURCE || path.join(repo, 'test-fixtures', 'workspace'), dir, { recursive: true });
  return dir;
}

async function main() {
  const started = Date.now();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: npm run package makes it`);
  const tools = ensureTools(log);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const server = await startCodeServer(tools, log, { vsix: VSIX });
  /** Phase C's code-server, started when it runs. */
  let chinese;
  // Interrupted (Ctrl+C, a CI timeout): stop what this run started, by PID, before exiting.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`e2e: ${signal}, stopping code-server (pid ${server.pid})`);
      void Promise.all([server.stop(), chinese?.stop()]).finally(() => process.exit(130));
    });
  }
  const results = [];
  let browser;
  try {
    browser = await launchBrowser(tools);
    if (phases.includes('a')) {
      log('e2e: phase A — mocha suite in the extension host');
      results.push(...(await runSuite(browser, server, freshWorkspace())));
    }
    if (phases.includes('b')) {
      log('e2e: phase B — what a person sees');
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const workspace = freshWorkspace();
      await page.goto(payloadUrl(server, workspace, []));
      results.push(...(await runUiChecks({ page, server, workspace, outDir, log })));
      // Its extension host and language server would compete with the next phases for the two cores.
      await page.close();
    }
    if (phases.includes('d')) {
      log('e2e: phase D — the Go standard library');
      if (!existsSync(STDLIB)) throw new Error(`${STDLIB} is missing (apt-get install golang-go)`);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(payloadUrl(server, realpathSync(STDLIB), []));
      results.push(...(await runStdlibChecks({ page, outDir, log })));
      await page.close();
    }
    if (phases.includes('c')) {
      log('e2e: phase C — the workbench in Simplified Chinese');
      // A second code-server: the display language is fixed when the server starts.
      chinese = await startCodeServer(tools, log, { extraArgs: ['--locale', 'zh-cn'], seed: seedChineseLanguagePack, vsix: VSIX });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(payloadUrl(chinese, freshWorkspace(), []));
      results.push(...(await runChineseChecks({ page, repo, outDir, log })));
    }
  } catch (error) {
    results.push({ title: 'e2e driver', passed: false, error: error instanceof Error ? error.stack : String(error) });
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
    await chinese?.stop();
    if (chinese) temporary.push(chinese.state);
    for (const dir of [...temporary, server.state]) rmSync(dir, { recursive: true, force: true });
  }
  for (const r of results) log(`${r.passed ? '  ✓' : '  ✗'} ${r.title}${r.passed ? '' : `\n      ${String(r.error).split('\n').join('\n      ')}`}`);
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  log(`e2e: ${Math.round((Date.now() - started) / 1000)} s`);
  log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
