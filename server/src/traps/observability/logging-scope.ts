/** Names visible at a point of a function and field-key spelling: what the logging and metrics fixes build on. */
import { fieldChildren } from '../../go/syntax';
import { enclosingFunction, parametersOf, walk } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';

/** A local name and the type written at its declaration ('' when inferred, as with `:=`). */
export interface LocalName {
  name: string;
  type: string;
}

/**
 * Parameters, named results and local declarations (`:=`, `var`, range variables) of the functions enclosing
 * `at`, declared before it. Scopes are approximated by position, which is enough to pick an existing variable.
 */
export function namesInScope(at: SyntaxNode): LocalName[] {
  const names: LocalName[] = [];
  const seen = new Set<string>();
  const add = (name: string, type: string) => {
    if (!name || name === '_' || seen.has(name)) return;
    seen.add(name);
    names.push({ name, type });
  };
  for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
    for (const param of parametersOf(fn)) add(param.name, param.type);
    const result = fn.childForFieldName('result');
    if (result?.type === 'parameter_list') {
      for (const decl of result.namedChildren) {
        const type = decl?.childForFieldName('type')?.text ?? '';
        for (const name of fieldChildren(decl, 'name') ?? []) if (name) add(name.text, type);
      }
    }
    const body = fn.childForFieldName('body');
    if (!body) continue;
    walk(body, (node) => {
      if (node.startIndex >= at.startIndex) return false;
      if (node.type === 'func_literal') return false;
      if (node.type === 'short_var_declaration') {
        for (const left of node.childForFieldName('left')?.namedChildren ?? []) if (left?.type === 'identifier') add(left.text, '');
      } else if (node.type === 'var_spec') {
        const type = node.childForFieldName('type')?.text ?? '';
        for (const name of fieldChildren(node, 'name')) if (name) add(name.text, type);
      } else if (node.type === 'range_clause') {
        for (const left of node.childForFieldName('left')?.namedChildren ?? []) if (left?.type === 'identifier') add(left.text, '');
      }
      return true;
    });
  }
  return names;
}

/** A key compared without case or separators: `order_id`, `orderID`, `Order-Id` are one key. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `orderID` → `order_id`, `HTTPStatus` → `http_status`, `userId` → `user_id`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The first variable in scope whose name is the key in another spelling (`orderID` for `order_id`). */
export function variableForKey(names: readonly LocalName[], key: string): LocalName | undefined {
  const wanted = normalizeKey(key);
  return names.find((n) => normalizeKey(n.name) === wanted);
}
