/** Chooses which fixes can be applied together: safe ones, first come first served, none overlapping. */
import { editsOverlap } from './edits';
import type { FileEdit, Finding, Fix } from './types';

export interface FixPlan {
  /** Edits to apply, by path. */
  edits: Map<string, FileEdit[]>;
  /** How many findings' fixes were taken. */
  applied: number;
  /** Safe fixes left out because they overlapped one already taken (a second pass can pick them up). */
  deferred: number;
}

export function planFixes(findings: readonly Finding[], onlyPath?: string): FixPlan {
  const chosen: ChosenFix[] = [];
  for (const finding of findings) {
    if (onlyPath !== undefined && finding.path !== onlyPath) continue;
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix || fix.edits.length === 0) continue;
    if (onlyPath !== undefined && fix.edits.some((e) => e.path !== onlyPath)) continue;
    chosen.push({ path: finding.path, fix });
  }
  return planChosenFixes(chosen);
}

/** One finding's fix picked for a bulk application. */
export interface ChosenFix {
  /** The path of the finding (groups are per file). */
  path: string;
  fix: Fix;
}

interface GroupState {
  size: number;
  members: number;
  combined?: FileEdit[];
  outcome?: 'applied' | 'failed';
}

/**
 * Plans fixes applied together, in the given order. A fix group whose members are all here is applied as its
 * combined edits, once, where its first member stands. If those edits overlap something already taken, the whole
 * group waits for a later pass: its members applied one by one would each keep what the others still need (the
 * `log` import), and all of them together would leave it unused.
 */
export function planChosenFixes(chosen: readonly ChosenFix[]): FixPlan {
  const edits = new Map<string, FileEdit[]>();
  let applied = 0;
  let deferred = 0;
  const groups = new Map<string, GroupState>();
  const groupKey = (path: string, id: string) => `${path}\u0000${id}`;
  for (const { path, fix } of chosen) {
    if (!fix.group) continue;
    const key = groupKey(path, fix.group.id);
    const state = groups.get(key) ?? { size: fix.group.size, members: 0 };
    state.members++;
    state.combined ??= fix.group.combined;
    groups.set(key, state);
  }
  const take = (candidate: readonly FileEdit[]): boolean => {
    // Import insertions are identical across fixes; keep one and let the others share it.
    const fresh = candidate.filter((edit) => !(edits.get(edit.path) ?? []).some((e) => sameEdit(e, edit)));
    if (fresh.some((edit) => editsOverlap([edit], edits.get(edit.path) ?? []))) return false;
    for (const edit of fresh) {
      const list = edits.get(edit.path) ?? [];
      list.push(edit);
      edits.set(edit.path, list);
    }
    return true;
  };
  for (const { path, fix } of chosen) {
    const group = fix.group ? groups.get(groupKey(path, fix.group.id)) : undefined;
    if (group?.combined && group.members === group.size) {
      if (group.outcome === undefined) group.outcome = take(group.combined) ? 'applied' : 'failed';
      if (group.outcome === 'applied') applied++;
      else deferred++;
      continue;
    }
    if (take(fix.edits)) applied++;
    else deferred++;
  }
  return { edits, applied, deferred };
}

function sameEdit(a: FileEdit, b: FileEdit): boolean {
  return (
    a.path === b.path &&
    a.newText === b.newText &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}
