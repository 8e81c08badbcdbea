/**
 * How each loop of a file can end, worked out for all loops at once: every exit (return, break, continue to a
 * label, goto, panic, a receive on a quit channel) is recorded on its innermost loop with how far out it escapes,
 * and the records are folded into the enclosing loops from the inside out. Linear in the file's size.
 */
import type { SyntaxNode } from '../../go/parser';
import type { GoroutineScan } from './goroutine-scan';
import { isQuitChannel, isTerminatingCall, receivedChannel } from './goroutine-ast';

/** What a loop body offers as a way out. */
export interface LoopExits {
  /** Some statement leaves the loop: return, break or continue to it or an outer label, goto, panic, exit. */
  leaves: boolean;
  /** A quit/Done receive whose select case ends in a plain `break`, which leaves only the select. */
  breakInSelect: SyntaxNode | null;
  /** A receive on a quit channel or `ctx.Done()`. */
  quitReceive: boolean;
}

const cache = new WeakMap<GoroutineScan, Map<number, LoopExits>>();

/** The exits of every `for` of the scanned file, by scan index. */
export function loopExitsOf(scan: GoroutineScan): Map<number, LoopExits> {
  let exits = cache.get(scan);
  if (!exits) cache.set(scan, (exits = compute(scan)));
  return exits;
}

function compute(scan: GoroutineScan): Map<number, LoopExits> {
  const loops = scan.ofType('for_statement');
  const depth = new Map<number, number>();
  /** The lowest loop depth an exit inside escapes to: a loop at depth d is left when this is <= d. */
  const escape = new Map<number, number>();
  const quit = new Map<number, boolean>();
  const breakInSelect = new Map<number, number>();
  const labeled = new Map<string, number>();
  for (const loop of loops) {
    const outer = scan.loop[loop];
    depth.set(loop, outer >= 0 ? depth.get(outer)! + 1 : 0);
    const holder = scan.parent[loop];
    if (holder >= 0 && scan.types[holder] === 'labeled_statement' && scan.starts[holder] <= scan.starts[loop]) {
      const label = scan.nodes[holder].childForFieldName('label')?.text;
      if (label) labeled.set(`${scan.fn[loop]}:${label}`, loop);
    }
  }
  const record = (loop: number, level: number) => {
    if (loop >= 0 && level < (escape.get(loop) ?? Infinity)) escape.set(loop, level);
  };
  const exitTypes = ['return_statement', 'goto_statement', 'break_statement', 'continue_statement', 'call_expression', 'unary_expression'];
  for (const type of exitTypes) {
    for (const i of scan.ofType(type)) {
      const loop = scan.loop[i];
      if (loop < 0) continue;
      const node = scan.nodes[i];
      switch (type) {
        case 'return_statement':
        case 'goto_statement':
          record(loop, -1);
          break;
        case 'call_expression':
          if (isTerminatingCall(node)) record(loop, -1);
          break;
        case 'unary_expression': {
          const channel = receivedChannel(node);
          if (channel && isQuitChannel(channel)) quit.set(loop, true);
          break;
        }
        default: {
          const label = node.namedChildren.find((n) => n?.type === 'label_name')?.text;
          if (label) {
            const target = labeled.get(`${scan.fn[i]}:${label}`);
            // Breaking to (or continuing) an enclosing loop leaves this one; continuing this one does not.
            if (target !== undefined && scan.holds(target, i)) record(loop, depth.get(target)! + (type === 'continue_statement' ? 1 : 0));
          } else if (type === 'break_statement') {
            const target = scan.breakable[i];
            if (target === loop) record(loop, depth.get(loop)!);
            else if (target >= 0 && scan.types[target] === 'select_statement' && caseReceivesQuit(scan, i, target) && !breakInSelect.has(loop)) {
              breakInSelect.set(loop, i);
            }
          }
        }
      }
    }
  }
  // Inner loops come after outer ones in document order: fold from the last back to the first.
  for (let k = loops.length - 1; k >= 0; k--) {
    const loop = loops[k];
    const outer = scan.loop[loop];
    if (outer < 0) continue;
    const level = escape.get(loop);
    if (level !== undefined) record(outer, level);
    if (quit.get(loop)) quit.set(outer, true);
    const inner = breakInSelect.get(loop);
    const current = breakInSelect.get(outer);
    if (inner !== undefined && (current === undefined || inner < current)) breakInSelect.set(outer, inner);
  }
  const result = new Map<number, LoopExits>();
  for (const loop of loops) {
    const hasBody = !!scan.nodes[loop].childForFieldName('body');
    const bis = breakInSelect.get(loop);
    result.set(loop, {
      leaves: !hasBody || (escape.get(loop) ?? Infinity) <= depth.get(loop)!,
      breakInSelect: bis !== undefined ? scan.nodes[bis] : null,
      quitReceive: quit.get(loop) ?? false,
    });
  }
  return result;
}

/** True when the select case holding break `i` (a case of `select`) receives from a quit channel. */
function caseReceivesQuit(scan: GoroutineScan, i: number, select: number): boolean {
  const clause = scan.commCase[i];
  if (clause < 0 || scan.parent[clause] !== select) return false;
  const communication = scan.nodes[clause].childForFieldName('communication');
  if (!communication) return false;
  return scan.ofTypeWithin('unary_expression', communication.startIndex, communication.endIndex).some((u) => {
    const channel = receivedChannel(scan.nodes[u]);
    return !!channel && isQuitChannel(channel);
  });
}
