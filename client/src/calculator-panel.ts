/**
 * The split-threshold calculator: a webview panel in the shape of the samples' CatCodingPanel — a singleton
 * with createOrShow, a serializer that restores it after a reload, strict CSP with a nonce, resources only from
 * client/media, and messages tagged by `command` in both directions. The extension side owns the state (kept
 * in workspace state too) and asks the engine's model for the decision; the page only shows and edits it.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { CouplingReport, SplitDecision, SplitInput } from '@protocol';
import { calculatorStrings } from './calculator-strings';
import { currentLocale, t } from './strings';

/** What the calculator knows; JSON-able so the page's getState and the workspace memento can both keep it. */
export interface CalculatorState {
  input: SplitInput;
  /** True when the user typed a coupling score instead of using the measured one. */
  couplingOverridden: boolean;
  coupling?: CouplingReport;
  /** The measure was taken while the workspace scan was still running. */
  measuredWhileIndexing?: boolean;
}

/** What `goTraps.openCalculator` resolves with: the decision on screen, with the state it was made from. */
export type CalculatorSnapshot = SplitDecision & CalculatorState;

/** What the panel needs from the extension: the model, the measure and a place to keep state. */
export interface CalculatorHost {
  readonly extensionUri: vscode.Uri;
  readonly memento: vscode.Memento;
  decide(input: SplitInput): Promise<SplitDecision>;
  /** The workspace's coupling, or undefined when the server cannot say. */
  measure(): Promise<{ coupling: CouplingReport; indexing: boolean } | undefined>;
}

/** Messages from the page. */
type PageMessage =
  | { command: 'ready' }
  | { command: 'inputs'; input: SplitInput; couplingOverridden: boolean }
  | { command: 'measure' };

// v2: load and team size are no longer prefilled; a state saved with the old example values is not restored.
const STATE_KEY = 'goTraps.calculator.state.v2';
/** Nothing the user has not given: load and team size start empty (the page shows examples as placeholders). */
const DEFAULT_INPUT: SplitInput = { couplingScore: 0 };

const optionalNumber = (value: unknown) => value === undefined || typeof value === 'number';

function isState(value: unknown): value is CalculatorState {
  const input = (value as CalculatorState | undefined)?.input;
  return !!input && optionalNumber(input.qps) && optionalNumber(input.teamSize) && typeof input.couplingScore === 'number';
}

export class CalculatorPanel {
  static readonly viewType = 'goTraps.calculator';
  private static current: CalculatorPanel | undefined;

  private state: CalculatorState;
  private decision: SplitDecision | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens the panel (or brings it forward), applies any given inputs and resolves with the decision. */
  static async createOrShow(host: CalculatorHost, prefill?: Partial<SplitInput>): Promise<CalculatorSnapshot> {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    let panel = CalculatorPanel.current;
    if (panel) panel.panel.reveal(column);
    else {
      const webviewPanel = vscode.window.createWebviewPanel(CalculatorPanel.viewType, t('calculatorTitle'), column, CalculatorPanel.webviewOptions(host.extensionUri));
      panel = new CalculatorPanel(webviewPanel, host, host.memento.get<CalculatorState>(STATE_KEY));
    }
    return panel.settle(prefill);
  }

  /** Restores the panel after a window reload, from the page's own saved state. */
  static revive(webviewPanel: vscode.WebviewPanel, host: CalculatorHost, saved: unknown): void {
    webviewPanel.webview.options = CalculatorPanel.webviewOptions(host.extensionUri);
    const panel = new CalculatorPanel(webviewPanel, host, isState(saved) ? saved : host.memento.get<CalculatorState>(STATE_KEY));
    void panel.settle();
  }

  /** The decision on screen, if the panel is open. */
  static snapshot(): CalculatorSnapshot | undefined {
    const panel = CalculatorPanel.current;
    return panel?.decision ? { ...structuredClone(panel.state), ...panel.decision } : undefined;
  }

  /** Re-measures an open panel whose measure was taken mid-scan, once the scan is over; user overrides stay. */
  static async scanFinished(): Promise<void> {
    const panel = CalculatorPanel.current;
    if (!panel?.state.measuredWhileIndexing) return;
    await panel.measure();
    await panel.update();
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'client', 'media')] };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly host: CalculatorHost,
    saved: CalculatorState | undefined,
  ) {
    CalculatorPanel.current = this;
    this.state = isState(saved) ? structuredClone(saved) : { input: { ...DEFAULT_INPUT }, couplingOverridden: false };
    this.panel.webview.html = this.html();
    this.panel.onDidDispose(() => this.dispose(), null, this.disposables);
    this.panel.webview.onDidReceiveMessage((message: PageMessage) => void this.receive(message), null, this.disposables);
  }

  /** Measures when there is no measure yet, applies inputs, decides, and tells the page. */
  private async settle(prefill?: Partial<SplitInput>): Promise<CalculatorSnapshot> {
    if (prefill) {
      this.state.input = { ...this.state.input, ...prefill };
      if (prefill.couplingScore !== undefined) this.state.couplingOverridden = true;
    }
    if (!this.state.coupling) await this.measure();
    return this.update();
  }

  private async measure(): Promise<void> {
    void this.post({ command: 'measuring' });
    const measured = await this.host.measure().catch(() => undefined);
    if (!measured) return;
    this.state.coupling = measured.coupling;
    this.state.measuredWhileIndexing = measured.indexing;
    if (!this.state.couplingOverridden) this.state.input.couplingScore = measured.coupling.score;
    if (this.state.input.crossModuleCallShare === undefined && measured.coupling.crossModuleCallShare !== undefined) {
      this.state.input.crossModuleCallShare = measured.coupling.crossModuleCallShare;
    }
  }

  private async update(): Promise<CalculatorSnapshot> {
    this.decision = await this.host.decide(this.state.input);
    await this.host.memento.update(STATE_KEY, this.state);
    void this.post({ command: 'state', state: this.state, decision: this.decision });
    return { ...structuredClone(this.state), ...this.decision };
  }

  private async receive(message: PageMessage): Promise<void> {
    switch (message.command) {
      case 'ready':
        if (this.decision) void this.post({ command: 'state', state: this.state, decision: this.decision });
        break;
      case 'inputs':
        this.state.input = message.input;
        this.state.couplingOverridden = message.couplingOverridden;
        if (!message.couplingOverridden && this.state.coupling) this.state.input.couplingScore = this.state.coupling.score;
        await this.update();
        break;
      case 'measure':
        await this.measure();
        await this.update();
        break;
    }
  }

  private post(message: { command: string; [key: string]: unknown }): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'client', 'media', name));
    const nonce = crypto.randomBytes(16).toString('base64');
    const locale = currentLocale();
    const data = JSON.stringify({ strings: calculatorStrings(locale), state: this.state, locale }).replace(/</g, '\\u003c');
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="${locale === 'zh-cn' ? 'zh-CN' : 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${media('calculator.css')}" rel="stylesheet">
<title>${t('calculatorTitle')}</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" id="go-traps-data" type="application/json">${data}</script>
<script nonce="${nonce}" src="${media('coupling-graph.js')}"></script>
<script nonce="${nonce}" src="${media('domain-list.js')}"></script>
<script nonce="${nonce}" src="${media('calculator.js')}"></script>
</body>
</html>`;
  }

  private dispose(): void {
    CalculatorPanel.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** Registers the serializer that brings the panel back after a reload. */
export function registerCalculatorSerializer(host: CalculatorHost): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(CalculatorPanel.viewType, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      CalculatorPanel.revive(panel, host, (state as { calculator?: unknown } | undefined)?.calculator);
    },
  });
}
