/**
 * Messages that arrive before `initialize` has been answered (a client that does not wait, or sends
 * `initialized` early) wait for it, in the order they came, instead of meeting a server without a parser.
 */
import type { Connection } from 'vscode-languageserver';

/** Handlers registered through these stay direct: they make or end the session. */
const UNGATED = new Set(['onInitialize', 'onShutdown', 'onExit']);

export class InitializeGate {
  private open = false;
  private release!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.release = resolve));

  /** Lets the waiting messages through, then every later one directly. */
  openNow(): void {
    this.open = true;
    this.release();
  }

  /**
   * The connection, with every `on…` registration (notifications and requests alike) wrapped so that its
   * handler runs only once the gate is open. Everything else passes straight through.
   */
  wrap(connection: Connection): Connection {
    return new Proxy(connection, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof property !== 'string' || !property.startsWith('on') || UNGATED.has(property) || typeof value !== 'function') return value;
        return (...args: unknown[]) => value.apply(target, args.map((arg) => (typeof arg === 'function' ? this.gated(arg as (...a: unknown[]) => unknown) : arg)));
      },
    });
  }

  private gated(handler: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
    return (...args) => (this.open ? handler(...args) : this.opened.then(() => handler(...args)));
  }
}
