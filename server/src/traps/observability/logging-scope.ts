/** Names visible at a point of a function and field-key spelling: what the logging and metrics fixes build on. */
import { enclosingFunction, fieldChildren, walk } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';

/** A local name and the identifier that declares it (ask the resolver for its type). */
export interface LocalName {
  name: string;
  node: SyntaxNode;
}

interface FunctionNames {
  /** Parameters, the receiver and named results by normalized key; the first of a key wins. */
  params: Map<string, LocalName>;
  /** Locals (`:=`, `var`, range variables) by normalized key, in source order with where they are declared. */
  locals: Map<string, { start: number; local: LocalName }[]>;
}

/**
 * The names of each function of a file, read once per function and answered by position: which variable in
 * scope at a point spells a given key (`orderID` for `order_id`). Scopes are approximated by position (declared
 * before the point, in an enclosing function), which is enough to pick an existing variable. Each function body
 * is read once however many questions are asked, so a function with thousands of log calls stays linear.
 */
export class ScopeNames {
  private readonly functions = new Map<number, FunctionNames>();

  /** The first variable visible at `at` whose name is `key` in another spelling, innermost function first. */
  variableFor(at: SyntaxNode, key: string): LocalName | undefined {
    const wanted = normalizeKey(key);
    for (let fn = enclosingFunction(at); fn; fn = enclosingFunction(fn)) {
      const names = this.namesOf(fn);
      const param = names.params.get(wanted);
      if (param) return param;
      const local = names.locals.get(wanted)?.find((l) => l.start < at.startIndex);
      if (local) return local.local;
    }
    return undefined;
  }

  private namesOf(fn: SyntaxNode): FunctionNames {
    let names = this.functions.get(fn.id);
    if (names) return names;
    names = { params: new Map(), locals: new Map() };
    this.functions.set(fn.id, names);
    const params = names.params;
    const addParam = (node: SyntaxNode | null | undefined) => {
      if (!node || node.text === '_') return;
      const key = normalizeKey(node.text);
      if (!params.has(key)) params.set(key, { name: node.text, node });
    };
    for (const list of [fn.childForFieldName('receiver'), fn.childForFieldName('parameters'), fn.childForFieldName('result')]) {
      if (list?.type !== 'parameter_list') continue;
      for (const decl of list.namedChildren) for (const name of fieldChildren(decl, 'name')) addParam(name);
    }
    const locals = names.locals;
    const addLocal = (node: SyntaxNode | null | undefined, start: number) => {
      if (!node || node.type !== 'identifier' || node.text === '_') return;
      const key = normalizeKey(node.text);
      const list = locals.get(key) ?? [];
      list.push({ start, local: { name: node.text, node } });
      locals.set(key, list);
    };
    const body = fn.childForFieldName('body');
    if (body) {
      walk(body, (node) => {
        if (node.type === 'func_literal') return false;
        if (node.type === 'short_var_declaration' || node.type === 'range_clause') {
          for (const left of node.childForFieldName('left')?.namedChildren ?? []) addLocal(left, node.startIndex);
        } else if (node.type === 'var_spec') {
          for (const name of fieldChildren(node, 'name')) addLocal(name, node.startIndex);
        }
        return true;
      });
    }
    return names;
  }
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
