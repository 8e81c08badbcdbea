/**
 * A file's package-level declarations as plain, compact facts: what other files of the package and importers
 * need to know the type of an expression. Every entry is one string in the canonical type syntax of
 * `go/types.ts`, so the facts of a whole workspace stay small and compare with `===`. No positions are kept:
 * an edit that only moves lines leaves them equal.
 */
import type { GoType } from './types';

export interface ImportDecl {
  path: string;
  /** The alias as written: '' for none, '.' for a dot import, '_' for a blank one. */
  alias: string;
}

export interface FileDecls {
  package: string;
  imports: ImportDecl[];
  /** Type name → its underlying type (`struct{...}`, `interface{...}`, `[]T`, ...), or `=T` for an alias. */
  types: Record<string, string>;
  /**
   * Package variable or typed constant → its type, or `@` and the chain its value comes from when the type
   * must be worked out from other declarations (see `InitChain`). Names whose type cannot be known are left out.
   */
  values: Record<string, string>;
  /** Function → its signature as a func type. */
  funcs: Record<string, string>;
  /** `Receiver.Method` (the receiver's type name) → its signature; `*` first for a pointer receiver. */
  methods: Record<string, string>;
  /**
   * Functions and methods (a method by its name alone) whose body may hold a loop with no way out, read from the
   * text (endless-loop-text.ts); absent when none. goroutine-no-exit asks which names a `go` statement may start.
   */
  loops?: string[];
}

/**
 * How a package variable without a written type got its value: `var DB = store.Open(cfg)` is the chain
 * `"…/store".Open` then `()`. Written `@[&]<base><steps>[#<index>]`, e.g. `@"database/sql".Open()#0`.
 */
export interface InitChain {
  /** A package-level name qualified by its package's import path: `"…/store".Open`. */
  base: string;
  /** `()` calls and `.name` selections, applied in order. */
  steps: string[];
  /** Which value of a multi-value result the variable takes. */
  index?: number;
  /** The chain's value has its address taken (`&cfg.Client`). */
  address?: boolean;
}

export function emptyDecls(packageName = ''): FileDecls {
  return { package: packageName, imports: [], types: Object.create(null), values: Object.create(null), funcs: Object.create(null), methods: Object.create(null) };
}

export function encodeChain(chain: InitChain): string {
  return `@${chain.address ? '&' : ''}${chain.base}${chain.steps.join('')}${chain.index !== undefined ? `#${chain.index}` : ''}`;
}

const CHAIN = /^@(&?)("[^"]*"\.[\p{L}_][\p{L}\p{N}_]*)((?:\(\)|\.[\p{L}_][\p{L}\p{N}_]*)*)(?:#(\d+))?$/u;

export function decodeChain(text: string): InitChain | null {
  const match = CHAIN.exec(text);
  if (!match) return null;
  const steps = match[3].match(/\(\)|\.[\p{L}_][\p{L}\p{N}_]*/gu) ?? [];
  return { base: match[2], steps, ...(match[4] !== undefined ? { index: Number(match[4]) } : {}), ...(match[1] ? { address: true } : {}) };
}

/** A method's signature and receiver kind from its entry. */
export function methodEntry(entry: string): { signature: GoType; pointer: boolean } {
  return entry.startsWith('*') ? { signature: entry.slice(1), pointer: true } : { signature: entry, pointer: false };
}
