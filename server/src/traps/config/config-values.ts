/** Where a parsed value comes from: questions the config rules ask to tell configuration from other input. */
import { enclosingTopLevelFunction, findAll, functionName, enclosingFunction } from '../../go/syntax';
import { calleeName, identifierWords, VIPER_PATH } from './config-reload';
import { contextKindOf } from '../../go/syntax';
import type { Resolver } from '../../go/resolver';
import { namedParts } from '../../go/types';
import type { SyntaxNode } from '../../go/parser';

/** Words that mark a name as configuration: `cfg.Timeout`, `loadConfig`, `envInt`, `settings["x"]`. */
const CONFIG_WORDS = new Set(['cfg', 'conf', 'config', 'configs', 'configuration', 'settings', 'setting', 'env', 'environ', 'environment', 'viper', 'getenv', 'reload']);

/** Calls that read configuration: environment lookups and config getters (viper's `GetString`). */
const CONFIG_READERS = new Set(['Getenv', 'LookupEnv', 'GetString', 'GetEnv', 'MustGetenv']);

/** True when an identifier's words include a configuration word. */
export function isConfigName(name: string): boolean {
  return identifierWords(name).some((w) => CONFIG_WORDS.has(w));
}

/**
 * True when an expression reads configuration: an env lookup, a config getter, a config struct or map, a viper
 * instance or the viper package (by resolved type, wherever it was built), an etcd value.
 */
export function readsConfig(types: Resolver, expr: SyntaxNode, depth = 0): boolean {
  for (const call of findAll(expr, 'call_expression')) {
    if (CONFIG_READERS.has(calleeName(call))) return true;
  }
  for (const id of findAll(expr, ['identifier', 'field_identifier'])) {
    if (isConfigName(id.text) || id.text === 'Kv') return true;
    if (id.type === 'identifier' && isViper(types, id)) return true;
  }
  if (depth === 0 && expr.type === 'identifier') {
    const source = localSource(expr);
    if (source) return readsConfig(types, source, 1);
  }
  return false;
}

function isViper(types: Resolver, id: SyntaxNode): boolean {
  const resolved = types.resolve(id);
  if (resolved?.kind === 'package') return resolved.path === VIPER_PATH;
  return resolved?.kind === 'value' && namedParts(resolved.type)?.pkg === VIPER_PATH;
}

/**
 * True when an expression reads the incoming request (`r.FormValue("n")`, `c.Query("limit")`, a local bound to
 * one): a parameter of type *http.Request, *gin.Context or echo.Context. That is input, not configuration.
 */
export function fromRequest(types: Resolver, expr: SyntaxNode, depth = 0): boolean {
  const ids = expr.type === 'identifier' ? [expr] : findAll(expr, 'identifier');
  return ids.some((id) => {
    const local = types.localDeclOf(id);
    if (local?.kind === 'param') {
      const kind = contextKindOf(types, types.typeOf(id));
      return kind !== null && kind !== 'context';
    }
    const bound = local && depth === 0 ? types.boundValue(local) : null;
    return !!bound && fromRequest(types, bound, 1);
  });
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

/** A name not used as an identifier anywhere in `scope`, from a list of preferences. */
export function freshName(scope: SyntaxNode, preferred: readonly string[]): string | null {
  const used = new Set(findAll(scope, 'identifier').map((n) => n.text));
  return preferred.find((name) => !used.has(name)) ?? null;
}
