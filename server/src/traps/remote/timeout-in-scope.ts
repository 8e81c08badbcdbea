/**
 * A timeout the code around a fix already has: a `time.Duration` parameter named for a timeout, or such a field
 * of a config struct the function reaches through a parameter or its receiver (one struct deeper at most). A fix
 * that writes the configured default inside `NewClient(base string, timeout time.Duration)` would ignore what
 * the caller asked for.
 */
import { enclosingFunction, fieldChildren, unalias } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { deref, GoType, namedParts, typeShape } from '../../go/types';

const DURATION = '"time".Duration';
/** Timeouts of something else: a server's reads, a dial, a TLS handshake, a database, a lock. */
const OTHER_TIMEOUT = /idle|read|write|dial|handshake|header|keep_?alive|shutdown|tls|server|db|sql|redis|cache|grpc|kafka|mq|lock|ttl|grace/i;
const REMOTE_CALL = /http|client|request|api|remote|upstream|call|^timeout$/i;
const CONFIG_HOLDER = /conf|cfg|setting|option|opts|param/i;

interface Candidate {
  text: string;
  score: number;
}

/** The Go expression of a remote-call timeout visible at `node`, or null when the code has none. */
export function timeoutInScope(types: Resolver, node: SyntaxNode): string | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const candidates: Candidate[] = [];
    for (const list of [fn.childForFieldName('receiver'), fn.childForFieldName('parameters')]) {
      for (const decl of list?.namedChildren ?? []) {
        if (decl?.type !== 'parameter_declaration') continue;
        const type = types.typeOfTypeNode(decl.childForFieldName('type'));
        for (const name of fieldChildren(decl, 'name')) {
          if (name.text !== '_' && type) collect(types, name.text, type, 0, candidates);
        }
      }
    }
    if (candidates.length > 0) return candidates.reduce((best, c) => (c.score > best.score ? c : best)).text;
  }
  return null;
}

function collect(types: Resolver, path: string, type: GoType, depth: number, into: Candidate[]): void {
  const resolved = unalias(types, type);
  if (!resolved) return;
  const last = path.slice(path.lastIndexOf('.') + 1);
  if (resolved === DURATION) {
    if (/timeout/i.test(last) && !OTHER_TIMEOUT.test(last)) into.push({ text: path, score: REMOTE_CALL.test(last) ? 2 : 1 });
    return;
  }
  if (depth > 1) return;
  const owner = namedParts(deref(resolved));
  const decl = owner ? types.typeDecl(resolved) : null;
  const shape = decl ? typeShape(decl.underlying) : null;
  // Another client's or server's own settings are not this call's timeout.
  if (!owner || owner.pkg === 'net/http' || shape?.kind !== 'struct') return;
  // Below a parameter's own struct, follow only structs that hold configuration (`s.cfg`, `c.opts`).
  if (depth === 1 && !CONFIG_HOLDER.test(last)) return;
  for (const field of shape.fields) {
    if (field.embedded || (owner.pkg !== types.ownPackage && !/^\p{Lu}/u.test(field.name))) continue;
    collect(types, `${path}.${field.name}`, field.type, depth + 1, into);
  }
}
