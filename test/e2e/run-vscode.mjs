// `npm run test:vscode`: the same end-to-end suite under @vscode/test-electron, for machines that can download
// VS Code. 1.95.3 runs its extension host on Node 20 (Electron 32), the Node the bundles target, and
// @vscode/test-electron 2.x itself runs on Node 20 (3.x needs Node 22). Runs on a temporary copy of the example
// workspace and prints `N passed, N failed` like the code-server runner. Like it, it installs the packaged VSIX
// (npm run package) and loads only a bare harness extension in development mode to carry the suite.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';

const VSCODE_VERSION = process.env.GO_TRAPS_VSCODE_VERSION || '1.95.3';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main() {
  const suiteIndex = path.join(repo, 'test', 'e2e', 'out', 'suite', 'index.js');
  if (!existsSync(suiteIndex)) throw new Error(`${suiteIndex} is missing: run npm run build first`);
  const state = mkdtempSync(path.join(os.tmpdir(), 'go-traps-vscode-'));
  const workspace = path.join(state, 'workspace');
  cpSync(path.join(repo, 'test-fixtures', 'workspace'), workspace, { recursive: true });
  const resultFile = path.join(state, 'suite-results.json');
  const vsix = path.join(repo, 'dist', 'go-traps.vsix');
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: npm run package makes it`);
  const extensionsDir = path.join(state, 'exts');
  let error;
  try {
    const vscodeExecutablePath = await downloadAndUnzipVSCode(VSCODE_VERSION);
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
    execFileSync(cli, [...cliArgs, '--extensions-dir', extensionsDir, '--install-extension', vsix], { stdio: 'inherit' });
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: path.join(repo, 'test', 'e2e', 'harness'),
      extensionTestsPath: suiteIndex,
      extensionTestsEnv: { GO_TRAPS_E2E_RESULTS: resultFile, GO_TRAPS_E2E_WORKSPACE: workspace, GO_TRAPS_E2E_EXTENSIONS_DIR: extensionsDir, GO_TRAPS_E2E_REPO: repo },
      launchArgs: [
        workspace,
        '--extensions-dir',
        extensionsDir,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(state, 'ud'),
      ],
    });
  } catch (caught) {
    error = caught;
  }
  const tests = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')).tests : [];
  for (const t of tests) console.log(`${t.passed ? '  ✓' : '  ✗'} ${t.title}${t.passed ? '' : `\n      ${String(t.error).split('\n').join('\n      ')}`}`);
  const passed = tests.filter((t) => t.passed).length;
  const failed = tests.length - passed + (error && tests.every((t) => t.passed) ? 1 : 0);
  if (error) console.error(error);
  console.log(`${passed} passed, ${failed} failed`);
  rmSync(state, { recursive: true, force: true });
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
