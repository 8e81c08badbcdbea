// Starts code-server on loopback with fresh state, and stops it and every process it started, by PID.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** User settings for a quiet, predictable window: no welcome page, tips, AI panels, telemetry or updates. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'editor.minimap.enabled': false,
  // Sticky scroll can cover the line under test; the UI checks click and read editor lines.
  'editor.stickyScroll.enabled': false,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Light Modern',
};

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Every descendant PID of `pid`, deepest last, read before anything is stopped. */
function descendants(pid) {
  let children = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `code-server --install-extension <vsix>`: what a user does with a downloaded VSIX; fails loudly. */
function installExtension(tools, vsix, userDataDir, extensionsDir, log) {
  const args = [tools.codeServerEntry, '--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix];
  const output = execFileSync(tools.node, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  const installed = readdirSync(extensionsDir).filter((name) => name.startsWith('go-traps.go-traps-'));
  if (installed.length !== 1) throw new Error(`installing ${vsix} left ${installed.join(', ') || 'nothing'} in ${extensionsDir}:\n${output}`);
  log(`e2e: installed ${path.basename(vsix)} as ${installed[0]}`);
}

/**
 * Starts code-server on a free loopback port with fresh user data; resolves once /healthz answers.
 * `vsix` is installed first, the way a user installs the packaged extension; `seed(userDataDir, extensionsDir)`
 * may put files in place before it starts; `extraArgs` go on its command line.
 */
export async function startCodeServer(tools, log, { extraArgs = [], seed, vsix } = {}) {
  const state = mkdtempSync(path.join(os.tmpdir(), 'go-traps-e2e-'));
  const userDataDir = path.join(state, 'ud');
  const extensionsDir = path.join(state, 'exts');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  seed?.(userDataDir, extensionsDir);
  if (vsix) installExtension(tools, vsix, userDataDir, extensionsDir, log);
  const port = await freePort();
  const args = [
    tools.codeServerEntry,
    '--config', '/dev/null',
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--vscode-option', 'enable-smoke-test-driver',
    ...extraArgs,
  ];
  const child = spawn(tools.node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early:\n${output.join('')}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz in 60 s:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`e2e: code-server ${url} (pid ${child.pid}), state in ${state}`);
  return {
    url,
    port,
    pid: child.pid,
    state,
    userDataDir,
    extensionsDir,
    output,
    async stop() {
      const pids = [...descendants(child.pid)];
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const until = Date.now() + 6000;
      while (Date.now() < until && [child.pid, ...pids].some(alive)) await new Promise((r) => setTimeout(r, 200));
      for (const pid of [child.pid, ...pids]) {
        if (alive(pid)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // raced to exit
          }
        }
      }
    },
  };
}
