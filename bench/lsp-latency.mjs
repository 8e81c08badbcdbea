#!/usr/bin/env node
// Edit → diagnostics latency of the built language server over stdio, as an editor sees it: the clock starts
// when a didChange is written to the server's stdin and stops when the publishDiagnostics for that version is
// read back, so the shipped debounce is included. Also reports indexing time and RSS for a whole workspace.
//
// Keys are also typed while a re-scan of the whole workspace runs (the "full analysis" of issue 11), and peak RSS
// (VmHWM: worker threads live in the same process) is read when indexing ends.
//
// Usage: npm run build && node bench/lsp-latency.mjs [--root /usr/lib/go/src] [--edits 60] [--json out.json]
//        [--index-only] [--server server/out/server.js] (another build, e.g. a copy of the previous one, for before/after runs)
//        [--rescan-only] (index, then straight to the keys typed during a re-scan)
//        [--node-args "--trace-gc --cpu-prof"] (flags for the server's node, to see where a slow key went)
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROOT = path.resolve(option('root', '/usr/lib/go/src'));
const EDITS = Number(option('edits', '60'));
const JSON_OUT = option('json', undefined);
/** Only index the workspace and report time and memory (quick memory experiments). */
const INDEX_ONLY = args.includes('--index-only');
const SERVER = path.resolve(option('server', path.join(repo, 'server/out/server.js')));
/** Only the re-scan rows (after indexing): the quick loop when working on keys typed during a full analysis. */
const RESCAN_ONLY = args.includes('--rescan-only');
const NODE_ARGS = (option('node-args', '') ?? '').split(/\s+/).filter(Boolean);
/** Pause between edits, like a fast typist; the debounce is the server's own. */
const TYPING_GAP_MS = 30;

class Server {
  constructor() {
    // GO_TRAPS_TIMING makes the server log each analysis's own wall and CPU time, apart from pipe and scheduling.
    this.child = spawn(process.execPath, [...NODE_ARGS, SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GO_TRAPS_TIMING: '1' },
    });
    this.spawnedAt = performance.now();
    this.timings = [];
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    /** The last goTraps/status the server sent. */
    this.status = undefined;
    this.child.stdout.on('data', (chunk) => this.read(chunk));
    this.child.stderr.on('data', (chunk) => process.stderr.write(chunk));
  }

  read(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
      const at = performance.now();
      if (message.method && message.id !== undefined) {
        const result = message.method === 'workspace/configuration' ? message.params.items.map(() => ({})) : null;
        this.send({ jsonrpc: '2.0', id: message.id, result });
      } else if (message.method) {
        const timing = message.method === 'window/logMessage' && /^go-traps timing: (\w+) (\S+) v(\d+) wall=([\d.]+)ms cpu=([\d.]+)ms(?: waited=(-?[\d.]+)ms)?/.exec(message.params.message);
        if (message.method === 'goTraps/status') this.status = message.params;
        if (message.method === 'window/logMessage' && /^go-traps: (indexed|memory|an analysis worker ran out)/.test(message.params.message)) console.log(`  server: ${message.params.message.split('\n')[0]}`);
        if (timing) this.timings.push({ kind: timing[1], uri: timing[2], version: Number(timing[3]), wall: Number(timing[4]), cpu: Number(timing[5]), waited: timing[6] === undefined ? undefined : Number(timing[6]) });
        for (const listener of [...this.listeners]) listener(message, at);
      } else {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      }
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the arrival time of the first notification passing `test`. */
  next(test, timeoutMs = 600_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      const listener = (message, at) => {
        if (!test(message)) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve({ message, at });
      };
      this.listeners.push(listener);
    });
  }

  /** User + system CPU seconds the server process has used so far (from /proc, 10 ms ticks). */
  cpuSeconds() {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  rssMiB(field = 'VmRSS') {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]) / 1024;
  }

  /** The highest RSS the process (all its threads, so every worker too) has had so far. */
  peakRssMiB() {
    return this.rssMiB('VmHWM');
  }

  async start(root) {
    const uri = pathToFileURL(root).href;
    const indexed = this.next((m) => m.method === 'goTraps/status' && !m.params.indexing && m.params.filesIndexed > 0);
    const started = performance.now();
    // RSS over the scan, to see where the peak falls (printed with --index-only).
    this.rssSeries = [];
    const sampler = setInterval(() => {
      try {
        this.rssSeries.push([Math.round((performance.now() - started) / 100) / 10, Math.round(this.rssMiB())]);
      } catch {}
    }, 500);
    indexed.finally(() => clearInterval(sampler));
    await this.request('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(root) }],
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: false } },
    });
    this.notify('initialized', {});
    const { message, at } = await indexed;
    return { indexSeconds: (at - started) / 1000, filesIndexed: message.params.filesIndexed };
  }

  async stop() {
    await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 5000))]);
    this.notify('exit', null);
    setTimeout(() => this.child.kill(), 2000).unref();
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Types a trailing comment into a line in the middle of the file one character at a time, then deletes it
 * again, and measures each didChange → publishDiagnostics round trip.
 */
async function measureEdits(server, file, label, { edits = EDITS, gapMs = TYPING_GAP_MS } = {}) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n');
  let line = Math.floor(lines.length / 2);
  while (line < lines.length - 1 && !/^\t+\S/.test(lines[line])) line++;
  const opened = server.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 1);
  const openedAt = performance.now();
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
  const first = await opened;
  const openMs = first.at - openedAt;
  const typed = ' // edited by the latency benchmark, one key at a time';
  const column = lines[line].length;
  const samples = [];
  let length = 0;
  const cpuBefore = server.cpuSeconds();
  const loadBefore = loadavg()[0];
  for (let version = 2; samples.length < edits; version++) {
    const inserting = Math.floor((version - 2) / typed.length) % 2 === 0;
    const change = inserting
      ? { range: { start: { line, character: column + length }, end: { line, character: column + length } }, text: typed[length] }
      : { range: { start: { line, character: column + length - 1 }, end: { line, character: column + length } }, text: '' };
    length += inserting ? 1 : -1;
    const published = server.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version);
    const sent = performance.now();
    server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const { at, message } = await published;
    samples.push({ ms: at - sent, diagnostics: message.params.diagnostics.length, sinceRescan: rescanClock === undefined ? undefined : (sent - rescanClock) / 1000, version });
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  const cpuPerEdit = ((server.cpuSeconds() - cpuBefore) * 1000) / samples.length;
  // The server's own time for the analyses behind each published version (light ones, and full ones when typing paused).
  const own = server.timings.filter((t) => t.uri === uri && t.version >= 2);
  const ownCpu = own.map((t) => t.cpu).sort((a, b) => a - b);
  const ownWall = own.map((t) => t.wall).sort((a, b) => a - b);
  const lightCpu = own.filter((t) => t.kind === 'light').map((t) => t.cpu).sort((a, b) => a - b);
  const lightWall = own.filter((t) => t.kind === 'light').map((t) => t.wall).sort((a, b) => a - b);
  // The analysis behind a key's diagnostics, to tell a slow analysis from a key that waited for the thread.
  const analysisOf = (version) => own.find((t) => t.version === version && t.kind !== 'worker');
  server.timings = [];
  const load = (loadBefore + loadavg()[0]) / 2;
  server.notify('textDocument/didClose', { textDocument: { uri } });
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const result = {
    label,
    file,
    lines: lines.length,
    bytes: Buffer.byteLength(text),
    edits: samples.length,
    gapMs,
    openMs: round(openMs),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1]),
    diagnostics: samples[samples.length - 1].diagnostics,
    serverCpuMsPerEdit: round(cpuPerEdit),
    analyses: own.length,
    analysisWallP50: round(percentile(ownWall, 50)),
    analysisWallP95: round(percentile(ownWall, 95)),
    analysisCpuP50: round(percentile(ownCpu, 50)),
    analysisCpuP95: round(percentile(ownCpu, 95)),
    lightCpuP95: round(percentile(lightCpu, 95)),
    lightWallP95: round(percentile(lightWall, 95)),
    loadAverage: round(load),
    // Where the slowest keys fell (the first keys after opening warm the JIT and the index's caches).
    slowest: samples.map((s, i) => ({ key: i + 1, ms: round(s.ms), sinceRescan: s.sinceRescan, analysisMs: analysisOf(s.version)?.wall, waitedMs: analysisOf(s.version)?.waited })).sort((a, b) => b.ms - a.ms).slice(0, 3),
  };
  console.log(`${label}: ${result.lines} lines, ${(result.bytes / 1024).toFixed(0)} KiB, open ${result.openMs} ms, edit→diagnostics p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms (${result.edits} edits ${gapMs} ms apart, ${result.diagnostics} diagnostics); server CPU ${result.serverCpuMsPerEdit} ms/edit; in-server analyses: ${result.analyses}, wall p50 ${result.analysisWallP50} / p95 ${result.analysisWallP95} ms, CPU p50 ${result.analysisCpuP50} / p95 ${result.analysisCpuP95} ms (light only: CPU p95 ${result.lightCpuP95}, wall p95 ${result.lightWallP95}); load average ${result.loadAverage}; slowest keys ${result.slowest.map((s) => `#${s.key} ${s.ms} ms (waited ${s.waitedMs ?? '?'} ms, analysis ${s.analysisMs ?? '?'} ms${s.sinceRescan === undefined ? '' : `, ${s.sinceRescan.toFixed(1)} s into the re-scan`})`).join(', ')}`);
  return result;
}

/** When the re-scan was asked for (performance.now()), to place the slow keys typed during it. */
let rescanClock;

function round(ms) {
  return Math.round(ms * 10) / 10;
}

const results = { machine: `${cpus()[0].model}, ${cpus().length} vCPU, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`, root: ROOT, runs: [] };
console.log(results.machine);

// 1. The whole workspace indexed, then edits in a 1,000-line file and in the largest files, at the default limits.
{
  const server = new Server();
  const { indexSeconds, filesIndexed } = await server.start(ROOT);
  results.index = { seconds: round(indexSeconds), filesIndexed, rssMiB: Math.round(server.rssMiB()), peakRssMiB: Math.round(server.peakRssMiB()), serverCpuSeconds: server.cpuSeconds(), loadAverage: round(loadavg()[0]) };
  // What stays once the server idles a moment (the scan's garbage collected, idle workers gone).
  await new Promise((resolve) => setTimeout(resolve, 5000));
  results.index.rssAfterIdleMiB = Math.round(server.rssMiB());
  console.log(`indexed ${filesIndexed} files of ${ROOT} in ${results.index.seconds} s (server CPU ${results.index.serverCpuSeconds} s, load average ${results.index.loadAverage}); server RSS ${results.index.rssMiB} MiB right after, ${results.index.rssAfterIdleMiB} MiB 5 s later, peak ${results.index.peakRssMiB} MiB`);
  if (INDEX_ONLY) {
    console.log(`RSS (s, MiB): ${server.rssSeries.filter((_, i) => i % 4 === 0).map(([t, m]) => `${t}:${m}`).join(' ')}`);
    await server.stop();
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2) + '\n');
    process.exit(0);
  }
  if (!RESCAN_ONLY) await idleEdits(server);
  results.rssAfterEditsMiB = Math.round(server.rssMiB());
  // Keys while the whole workspace is analysed again (the re-scan a go.mod or settings change starts).
  const rescanStarted = performance.now();
  rescanClock = rescanStarted;
  // Server-relative, to line the slow keys up with a profile or GC log of the server (--node-args).
  console.log(`re-scan asked ${((rescanStarted - server.spawnedAt) / 1000).toFixed(2)} s after the server started`);
  const rescan = server.request('goTraps/analyzeWorkspace', null).then(() => (performance.now() - rescanStarted) / 1000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const during = async (file, label, options) => {
    const run = await measureEdits(server, file, label, options);
    run.rescanStillRunning = !!server.status?.indexing;
    console.log(`  (re-scan still running at the end: ${run.rescanStillRunning})`);
    return run;
  };
  results.runs.push(await during(path.join(ROOT, 'text/template/parse/node.go'), '1,000-line file during a re-scan of the workspace', { edits: 40 }));
  results.runs.push(await during(path.join(ROOT, 'text/template/parse/node.go'), '1,000-line file during a re-scan, a key every 400 ms', { edits: 20, gapMs: 400 }));
  results.runs.push(await during(path.join(ROOT, 'cmd/compile/internal/ssagen/ssa.go'), 'largest file analysed by default, during a re-scan', { edits: 40 }));
  results.runs.push(await during(path.join(ROOT, 'cmd/compile/internal/ssagen/ssa.go'), 'largest file analysed by default, during a re-scan, a key every 400 ms', { edits: 20, gapMs: 400 }));
  results.rescan = { seconds: round(await rescan), peakRssMiB: Math.round(server.peakRssMiB()), rssMiB: Math.round(server.rssMiB()) };
  console.log(`re-scan: ${results.rescan.seconds} s; peak RSS so far ${results.rescan.peakRssMiB} MiB, RSS now ${results.rescan.rssMiB} MiB`);
  await server.stop();
}

/** Keys in the indexed workspace with nothing else running: the 1,000-line file, then the largest analysed files. */
async function idleEdits(server) {
  results.runs.push(await measureEdits(server, path.join(ROOT, 'text/template/parse/node.go'), '1,000-line file, whole workspace indexed'));
  // Pauses longer than the facts delay: every key lands just after (or during) a full analysis.
  results.runs.push(await measureEdits(server, path.join(ROOT, 'text/template/parse/node.go'), '1,000-line file, a key every 400 ms', { edits: 20, gapMs: 400 }));
  // The largest files of the library are generated (skipped by default like vendor/ and testdata/); this is
  // the largest one a user gets diagnostics for with the default settings.
  results.runs.push(await measureEdits(server, path.join(ROOT, 'cmd/compile/internal/ssagen/ssa.go'), 'largest file analysed with default settings'));
  results.runs.push(await measureEdits(server, path.join(ROOT, 'cmd/compile/internal/ssagen/ssa.go'), 'largest file analysed with default settings, a key every 400 ms', { edits: 20, gapMs: 400 }));
  results.runs.push(await measureEdits(server, path.join(ROOT, 'time/tzdata/zipdata.go'), 'largest file of the library (generated, > 1 MiB): skipped by default'));
}

// 2. The largest file really analysed: its own workspace with maxFileSize raised above its size.
if (!RESCAN_ONLY) {
  const dir = mkdtempSync(path.join(tmpdir(), 'go-traps-bench-'));
  try {
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/bench\n\ngo 1.19\n');
    writeFileSync(path.join(dir, '.go-traps.json'), JSON.stringify({ maxFileSize: 4 * 1024 * 1024, excludeGenerated: false }));
    copyFileSync(path.join(ROOT, 'time/tzdata/zipdata.go'), path.join(dir, 'zipdata.go'));
    const server = new Server();
    await server.start(dir);
    results.runs.push(await measureEdits(server, path.join(dir, 'zipdata.go'), 'largest file of the library, analysed (maxFileSize 4 MiB, excludeGenerated false)'));
    await server.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2) + '\n');
