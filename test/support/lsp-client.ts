/**
 * A small JSON-RPC client that drives the built language server as an editor would: over stdio
 * (`Content-Length` framing) or node-ipc. It answers the server's own requests (settings, registrations,
 * progress) and records every notification so tests can wait for the one they expect.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The repository root, found from wherever the test bundle sits (test/out or deeper). */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'server', 'src'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${__dirname}`);
  }
}

export const SERVER_BUNDLE = path.join(repoRoot(), 'server', 'out', 'server.js');

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

export interface Notification {
  method: string;
  params: any;
  /** True for a request the server sent (answered by the client); waitFor sees those too. */
  request?: boolean;
  /** Milliseconds since the client started, from a monotonic clock. */
  at: number;
}

export interface ClientOptions {
  transport?: 'stdio' | 'node-ipc';
  /** Script to run instead of the shipped server bundle (e.g. one with an extra rule). */
  script?: string;
  /** `goTraps` settings returned for `workspace/configuration`; may be changed between requests. */
  settings?: Record<string, unknown>;
  locale?: string;
  env?: NodeJS.ProcessEnv;
  /** Sent as `initializationOptions` (e.g. the VS Code client's `features`). */
  initializationOptions?: Record<string, unknown>;
  /** Answers to the server's requests by method, instead of the defaults (e.g. pick a message's button). */
  answers?: Record<string, (params: any) => unknown>;
}

export class LspClient {
  readonly notifications: Notification[] = [];
  /** Requests the server sent us, by method, with their params. */
  readonly serverRequests: { method: string; params: any }[] = [];
  settings: Record<string, unknown>;
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; method: string }>();
  private buffer = Buffer.alloc(0);
  private readonly waiters: { test: (n: Notification) => boolean; resolve: (n: Notification) => void }[] = [];
  private readonly started = performance.now();
  stderr = '';
  exited: Promise<number | null>;

  constructor(private readonly options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
    const transport = options.transport ?? 'stdio';
    const script = options.script ?? SERVER_BUNDLE;
    this.child = spawn(process.execPath, [script, `--${transport}`], {
      stdio: transport === 'node-ipc' ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    this.child.stderr!.on('data', (chunk) => (this.stderr += chunk));
    if (transport === 'node-ipc') this.child.on('message', (message) => this.dispatch(message as Message));
    else this.child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Milliseconds since start, on the same clock as `Notification.at`. */
  now(): number {
    return performance.now() - this.started;
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  private write(message: Message): void {
    if ((this.options.transport ?? 'stdio') === 'node-ipc') {
      this.child.send(message);
      return;
    }
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined) {
      const request = message.id !== undefined;
      if (request) {
        this.serverRequests.push({ method: message.method, params: message.params });
        this.write({ jsonrpc: '2.0', id: message.id, result: this.answer(message.method, message.params) });
      }
      const notification: Notification = { method: message.method, params: message.params, at: this.now(), ...(request ? { request } : {}) };
      this.notifications.push(notification);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(notification)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(notification);
        }
      }
      return;
    }
    const pending = this.pending.get(message.id as number);
    if (!pending) return;
    this.pending.delete(message.id as number);
    if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
    else pending.resolve(message.result);
  }

  private answer(method: string, params: any): unknown {
    const custom = this.options.answers?.[method];
    if (custom) return custom(params);
    if (method === 'workspace/configuration') return params.items.map(() => this.settings);
    if (method === 'window/showDocument') return { success: true };
    return null;
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** The first notification, past or future, that passes `test`. Past ones count from index `since`. */
  waitFor(test: (n: Notification) => boolean, timeoutMs = 10_000, since = 0): Promise<Notification> {
    const past = this.notifications.slice(since).find(test);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve: (n: Notification) => (clearTimeout(timer), resolve(n)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a notification; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The next publishDiagnostics for `uri` (with `version` when given) arriving after this call. */
  diagnostics(uri: string, version?: number, timeoutMs?: number): Promise<any[]> {
    return this.waitFor(
      (n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && (version === undefined || n.params.version === version),
      timeoutMs,
      this.notifications.length,
    ).then((n) => n.params.diagnostics);
  }

  /** `beforeResponse` runs right after the request is sent: a client that does not wait for the answer. */
  async initialize(rootDir: string | undefined, capabilities: Record<string, unknown> = defaultCapabilities(), beforeResponse?: () => void): Promise<any> {
    const rootUri = rootDir ? pathToFileURL(rootDir).href : null;
    const answer = this.request('initialize', {
      processId: process.pid,
      locale: this.options.locale ?? 'en',
      rootUri,
      workspaceFolders: rootDir ? [{ uri: rootUri, name: path.basename(rootDir) }] : null,
      capabilities,
      initializationOptions: this.options.initializationOptions,
    });
    beforeResponse?.();
    const result = await answer;
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text } });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  change(uri: string, version: number, changes: unknown[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async shutdown(): Promise<void> {
    if (this.child.exitCode !== null) return;
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // The server may already be gone; killing it below is enough.
    }
    const timer = setTimeout(() => this.child.kill(), 2000);
    await this.exited;
    clearTimeout(timer);
  }

  /** The server's exit code, or null while it runs. */
  get exitCode(): number | null {
    return this.child.exitCode;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }
}

/** What the VS Code client does itself (it sends this as `initializationOptions.features`). */
export const VSCODE_FEATURES = { features: { progressInStatus: true, clientCommands: true, commandLinks: true } };

/** What VS Code advertises that matters to this server. */
export function defaultCapabilities(): Record<string, unknown> {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
    textDocument: {
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: { dataSupport: true, isPreferredSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
    },
  };
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
