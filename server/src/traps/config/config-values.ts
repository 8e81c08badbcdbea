/** Where a parsed value comes from: questions the config rules ask to tell configuration from other input. */
import { enclosingTopLevelFunction, findAll, functionName, enclosingFunction } from '../../go/syntax';
import { calleeName, identifierWords } from './config-reload';
import type { SyntaxNode } from '../../go/parser';
import type { SourceFile } from '../../go/source';
import { ensureImport } from '../../engine/edits';
import type { FileEdit } from '../../engine/types';

/** Words that mark a name as configuration: `cfg.Timeout`, `loadConfig`, `envInt`, `settings["x"]`. */
const CONFIG_WORDS = new Set(['cfg', 'conf', 'config', 'configs', 'configuration', 'settings', 'setting', 'env', 'environ', 'environment', 'viper', 'getenv', 'reload']);

/** Calls that read configuration: environment lookups and config getters (viper's `GetString`). */
const CONFIG_READERS = new Set(['Getenv', 'LookupEnv', 'GetString', 'GetEnv', 'MustGetenv']);

/** True when an identifier's words include a configuration word. */
export function isConfigName(name: string): boolean {
  return identifierWords(name).some((w) => CONFIG_WORDS.has(w));
}

/** True when an expression reads configuration: an env lookup, a config getter, a config struct or map, an etcd value. */
export function readsConfig(file: SourceFile, expr: SyntaxNode, depth = 0): boolean {
  for (const call of findAll(expr, 'call_expression')) {
    if (CONFIG_READERS.has(calleeName(call))) return true;
  }
  for (const id of findAll(expr, ['identifier', 'field_identifier'])) {
    if (isConfigName(id.text) || id.text === 'Kv' || file.importPathOf(id.text) === 'github.com/spf13/viper') return true;
  }
  if (depth === 0 && expr.type === 'identifier') {
    const source = localSource(expr);
    if (source) return readsConfig(file, source, 1);
  }
  return false;
}

/** The right-hand side that last gave a local identifier its value before `use`: `v := os.Getenv("X")`. */
function localSource(use: SyntaxNode): SyntaxNode | null {
  const fn = enclosingTopLevelFunction(use);
  if (!fn) return null;
  let found: SyntaxNode | null = null;
  for (const decl of findAll(fn, ['short_var_declaration', 'assignment_statement'])) {
    if (decl.startIndex >= use.startIndex) break;
    const left = decl.childForFieldName('left')?.namedChildren ?? [];
    const right = decl.childForFieldName('right')?.namedChildren ?? [];
    const index = left.findIndex((n) => n?.text === use.text);
    if (index < 0) continue;
    found = right.length === left.length ? right[index] : right[0] ?? null;
  }
  return found;
}

/** True for string literals and concatenations of them: text fixed at compile time. */
export function isConstantText(expr: SyntaxNode): boolean {
  if (expr.type === 'interpreted_string_literal' || expr.type === 'raw_string_literal') return true;
  if (expr.type === 'parenthesized_expression') return !!expr.namedChild(0) && isConstantText(expr.namedChild(0)!);
  if (expr.type === 'binary_expression') {
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    return !!left && !!right && isConstantText(left) && isConstantText(right);
  }
  return false;
}

/** True when the function (or an enclosing one) holding `node` is named for configuration: `loadConfig`, `FromEnv`. */
export function inConfigFunction(node: SyntaxNode): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (isConfigName(functionName(fn))) return true;
  }
  return false;
}

/** The logger a fix writes with: log/slog (or golang.org/x/exp/slog when the file already uses it). */
export function slogFor(file: SourceFile): { name: string; edits: FileEdit[] } {
  const exp = file.localNameOf('golang.org/x/exp/slog');
  if (exp) return { name: exp, edits: [] };
  const std = file.localNameOf('log/slog');
  if (std) return { name: std, edits: [] };
  return { name: 'slog', edits: ensureImport(file, 'log/slog') };
}

/** A name not used as an identifier anywhere in `scope`, from a list of preferences. */
export function freshName(scope: SyntaxNode, preferred: readonly string[]): string | null {
  const used = new Set(findAll(scope, 'identifier').map((n) => n.text));
  return preferred.find((name) => !used.has(name)) ?? null;
}
