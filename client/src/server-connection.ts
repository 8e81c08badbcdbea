/**
 * Starts the Go Traps language server over IPC and keeps it alive: a crash restarts it (up to five times in
 * three minutes, then the user decides), and requests wait for the server to be ready.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { ClientFeatures, ClientSettings, DEFAULT_CLIENT_SETTINGS, ShowRuleDocumentationCommand, StatusNotification, StatusParams } from '@protocol';
import { currentLocale, t } from './strings';

const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Restarts a crashed server unless it keeps crashing; connection errors alone never stop it. */
class RestartingErrorHandler implements ErrorHandler {
  private readonly crashes: number[] = [];

  constructor(private readonly log: vscode.OutputChannel) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.appendLine(`[client] connection error (${count ?? 1}): ${error.message}`);
    return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length > MAX_RESTARTS) {
      const message = t('crashedTooOften', { count: this.crashes.length });
      this.log.appendLine(`[client] ${message}`);
      void vscode.window.showErrorMessage(message, t('restart'), t('showOutput')).then((choice) => {
        if (choice === t('restart')) void vscode.commands.executeCommand('goTraps.restartServer');
        if (choice === t('showOutput')) this.log.show(true);
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.log.appendLine(`[client] ${t('crashed')}`);
    return { action: CloseAction.Restart, handled: true };
  }
}

/**
 * The output channel as the language client writes to it. The client library logs "Server process exited with
 * code 0." as an error whenever the server exits, also when it was asked to (a restart, the window closing):
 * that line is left out for each exit that was asked for, so a requested restart reads as quiet as it is.
 */
class QuietOutputChannel implements vscode.OutputChannel {
  private expectedExits = 0;

  constructor(private readonly channel: vscode.OutputChannel) {}

  get name(): string {
    return this.channel.name;
  }

  /** The next clean exit is one we asked for. */
  expectExit(): void {
    this.expectedExits++;
  }

  append(value: string): void {
    this.channel.append(value);
  }

  appendLine(value: string): void {
    if (this.expectedExits > 0 && /Server process exited with code 0\.?$/.test(value)) {
      this.expectedExits--;
      return;
    }
    this.channel.appendLine(value);
  }

  replace(value: string): void {
    this.channel.replace(value);
  }

  clear(): void {
    this.channel.clear();
  }

  show(columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserve === 'boolean') this.channel.show(columnOrPreserve);
    else this.channel.show(columnOrPreserve, preserveFocus);
  }

  hide(): void {
    this.channel.hide();
  }

  dispose(): void {
    // The real channel belongs to the extension, which disposes of it.
  }
}

/** What this client does itself, so the server leaves it out: progress, the reason prompt, the docs preview. */
const FEATURES: ClientFeatures = { progressInStatus: true, clientCommands: true, commandLinks: true };

/** The window-level `goTraps.*` settings, sent with `initialize`; per-folder values are asked for by the server. */
export function readClientSettings(scope?: vscode.ConfigurationScope): ClientSettings {
  const config = vscode.workspace.getConfiguration('goTraps', scope);
  return {
    enable: config.get<boolean>('enable', DEFAULT_CLIENT_SETTINGS.enable),
    run: config.get<ClientSettings['run']>('run', DEFAULT_CLIENT_SETTINGS.run),
    problems: config.get<ClientSettings['problems']>('problems', DEFAULT_CLIENT_SETTINGS.problems),
    rules: config.get<ClientSettings['rules']>('rules', DEFAULT_CLIENT_SETTINGS.rules),
    configFile: config.get<string>('configFile', DEFAULT_CLIENT_SETTINGS.configFile),
    baseline: config.get<ClientSettings['baseline']>('baseline', DEFAULT_CLIENT_SETTINGS.baseline),
  };
}

/** The language client and the last status the server sent. */
export class ServerConnection implements vscode.Disposable {
  readonly client: LanguageClient;
  private status: StatusParams | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams | undefined>();
  /** Fires with each `goTraps/status`, and with undefined when the server stops. */
  readonly onStatus = this.statusEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly clientOutput: QuietOutputChannel;

  constructor(context: vscode.ExtensionContext, readonly output: vscode.OutputChannel) {
    this.clientOutput = new QuietOutputChannel(output);
    const module = context.asAbsolutePath('server/out/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'go' },
        { scheme: 'untitled', language: 'go' },
      ],
      outputChannel: this.clientOutput,
      traceOutputChannel: output,
      // storageDir keeps the server's crash journal (which file it was analyzing) with the workspace's storage.
      initializationOptions: { locale: vscode.env.language, settings: readClientSettings(), features: FEATURES, storageDir: (context.storageUri ?? context.globalStorageUri).fsPath },
      // Hovers link to the shipped rule page through this command.
      markdown: { isTrusted: { enabledCommands: [ShowRuleDocumentationCommand] } },
      errorHandler: new RestartingErrorHandler(output),
      diagnosticCollectionName: 'go-traps',
    };
    // The id 'goTraps' makes the client honour the `goTraps.trace.server` setting.
    this.client = new LanguageClient('goTraps', 'Go Traps', serverOptions, clientOptions);
    this.disposables.push(
      this.client.onNotification(StatusNotification, (params: StatusParams) => this.setStatus(params)),
      this.client.onDidChangeState((event) => {
        this.output.appendLine(`[client] server ${State[event.newState].toLowerCase()}`);
        if (event.newState === State.Stopped) this.setStatus(undefined);
      }),
      this.statusEmitter,
    );
  }

  /** The latest status from the server, if it is running. */
  get lastStatus(): StatusParams | undefined {
    return this.status;
  }

  get running(): boolean {
    return this.client.isRunning();
  }

  private setStatus(status: StatusParams | undefined): void {
    this.status = status;
    this.statusEmitter.fire(status);
  }

  async start(): Promise<void> {
    this.output.appendLine(`[client] starting the language server (locale ${currentLocale()})`);
    await this.client.start();
  }

  /** Stops and starts the server again, or just starts it when it had given up. */
  async restart(): Promise<void> {
    if (this.client.needsStop()) {
      this.clientOutput.expectExit();
      await this.client.restart();
    } else await this.client.start();
  }

  /** A custom request, once the server runs; starts it if it was stopped. */
  async request<R>(method: string, params?: unknown): Promise<R> {
    if (this.client.state === State.Stopped) await this.client.start();
    return params === undefined ? this.client.sendRequest<R>(method) : this.client.sendRequest<R>(method, params);
  }

  async stop(): Promise<void> {
    if (!this.client.needsStop()) return;
    this.clientOutput.expectExit();
    await this.client.stop();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
