/**
 * "Split sql.DB per domain" for a handle opened in a function and handed to several domains' constructors:
 * each receiving domain gets its own handle, opened the same way, with its own pool limits, and its hand-offs
 * pass that handle instead. Computed at collect time because only then is the syntax tree at hand.
 */
import { goDuration } from '../../engine/config';
import type { Settings } from '../../engine/config';
import { ensureImport, insertAt, replaceNode } from '../../engine/edits';
import { findAll } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import { rangeOf, SourceFile } from '../../go/source';
import type { FileEdit, Position, Range } from '../../engine/types';

/** `X, err = open(...)` assigning a package-level pool, with what a per-domain copy of it needs. */
export interface GlobalOpenFact {
  name: string;
  /** End of the last statement of the open group (the error check, pool settings). */
  at: Position;
  indent: string;
  call: string;
  errName: string;
  errCheck: string;
  closes: boolean;
  timePackage: string;
  /** The edits that import `time` into the file, if it lacks it. */
  imports: FileEdit[];
}

/** The edits that give each receiving domain its own pool, computed where the tree is at hand. */
export interface LocalSplitPlan {
  /** Domains that get a new handle, in the order of their first hand-off. */
  domains: string[];
  edits: FileEdit[];
}

/** `user` → `userDB`, `gift-card` → `giftCardDB`; with `base` `DB` → `UserDB`, `conn` → `userConn`. */
export function domainHandleName(domain: string, base = 'db'): string {
  const words = domain.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const exported = /^[A-Z]/.test(base);
  const prefix = words.map((w, i) => (i === 0 && !exported ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('');
  const suffix = base.toLowerCase() === 'db' ? 'DB' : base[0].toUpperCase() + base.slice(1);
  return /^[A-Za-z]/.test(prefix) ? `${prefix}${suffix}` : `${exported ? 'DB' : 'db'}${prefix}${suffix}`;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Statements right after the open that belong to it: the error check, pool settings, `defer x.Close()`. */
function openGroup(open: SyntaxNode, handle: string, errName: string): { group: SyntaxNode[]; errCheck?: SyntaxNode; closes: boolean } {
  const group = [open];
  let errCheck: SyntaxNode | undefined;
  let closes = false;
  for (let next = open.nextNamedSibling; next; next = next.nextNamedSibling) {
    // A trailing comment on a statement of the group stays with it.
    if (next.type === 'comment' && next.startPosition.row === group[group.length - 1].endPosition.row) continue;
    const text = next.text.replace(/\s+/g, ' ');
    if (!errCheck && group.length === 1 && next.type === 'if_statement' && !next.childForFieldName('initializer') && !next.childForFieldName('alternative') && next.childForFieldName('condition')?.text === `${errName} != nil`) {
      errCheck = next;
    } else if (next.type === 'expression_statement' && new RegExp(`^${handle}\\.Set\\w+\\(`).test(text)) {
      // Pool settings of the shared handle move with it.
    } else if (next.type === 'defer_statement' && text === `defer ${handle}.Close()`) {
      closes = true;
    } else break;
    group.push(next);
  }
  return { group, errCheck, closes };
}

/**
 * The plan for one local handle, or undefined when the shape is too unusual to rewrite safely: the handle must
 * come from `x, err := open(...)` followed by `if err != nil { ... }`, and the new names must be free.
 */
export function planLocalSplit(
  settings: Settings,
  file: SourceFile,
  fn: SyntaxNode,
  local: { name: string; range: Range },
  handoffs: { domain: string; node: SyntaxNode }[],
  ownDomain: string,
): LocalSplitPlan | undefined {
  const open = findAll(fn, 'short_var_declaration').find((s) => {
    const first = s.childForFieldName('left')?.namedChild(0);
    return !!first && sameRange(rangeOf(first), local.range);
  });
  const left = open?.childForFieldName('left')?.namedChildren ?? [];
  const right = open?.childForFieldName('right')?.namedChildren ?? [];
  if (!open || open.parent?.type !== 'statement_list' || left.length !== 2 || right.length !== 1 || right[0]?.type !== 'call_expression') return undefined;
  const errName = left[1]!.text;
  if (errName === '_' || left[1]!.type !== 'identifier') return undefined;
  const { group, errCheck, closes } = openGroup(open, local.name, errName);
  const mentions = (node: SyntaxNode) => node.descendantsOfType('identifier').some((id) => id?.text === local.name);
  if (!errCheck || mentions(errCheck)) return undefined;

  const moved = handoffs.filter((h) => h.domain !== ownDomain);
  const domains = [...new Set(moved.map((h) => h.domain))];
  const names = new Map(domains.map((d) => [d, domainHandleName(d)]));
  if ([...names.values()].some((name) => new RegExp(`\\b${name}\\b`).test(file.text)) || new Set(names.values()).size !== domains.length) return undefined;

  const movedNodes = new Set(moved.map((h) => h.node.id));
  const inGroup = (node: SyntaxNode) => group.some((g) => node.startIndex >= g.startIndex && node.endIndex <= g.endIndex);
  const otherUses = fn.descendantsOfType('identifier').filter((id) => id && id.text === local.name && !movedNodes.has(id.id) && !inGroup(id));
  const replaceGroup = otherUses.length === 0;

  const timePkg = file.localNameOf('time') ?? 'time';
  const call = right[0]!.text;
  const indent = file.indentOf(open.startPosition.row);
  const blocks = domains.map((domain) => {
    const name = names.get(domain)!;
    const lines = [
      `// The ${domain} domain gets its own pool: slow queries elsewhere cannot take its connections.`,
      `${name}, ${errName} := ${call}`,
      errCheck.text,
      `${name}.SetMaxOpenConns(${settings.pool.maxOpenConns})`,
      `${name}.SetConnMaxLifetime(${goDuration(settings.pool.connMaxLifetime, timePkg)})`,
      ...(closes ? [`defer ${name}.Close()`] : []),
    ];
    return lines.map((l) => indent + l).join('\n');
  });

  const edits: FileEdit[] = [];
  const last = group[group.length - 1];
  const endOfGroup = { line: last.endPosition.row, character: file.lineText(last.endPosition.row).length };
  if (replaceGroup) {
    edits.push({ path: file.path, range: { start: { line: open.startPosition.row, character: 0 }, end: endOfGroup }, newText: blocks.join('\n\n') });
  } else {
    edits.push(insertAt(file, endOfGroup, blocks.map((b) => '\n\n' + b).join('')));
  }
  for (const handoff of moved) edits.push(replaceNode(file, handoff.node, names.get(handoff.domain)!));
  edits.push(...ensureImport(file, 'time'));
  return { domains, edits };
}

/** What a package-level handle's open needs for per-domain copies: `X, err = open(...)` plus its error check. */
export function planGlobalOpen(file: SourceFile, statement: SyntaxNode, name: string, errName: string): GlobalOpenFact | undefined {
  if (statement.parent?.type !== 'statement_list' || errName === '_') return undefined;
  const { group, errCheck, closes } = openGroup(statement, name, errName);
  if (!errCheck || errCheck.descendantsOfType('identifier').some((id) => id?.text === name)) return undefined;
  const last = group[group.length - 1];
  const call = statement.childForFieldName('right')?.namedChild(0)?.text;
  if (!call) return undefined;
  return {
    name,
    at: { line: last.endPosition.row, character: file.lineText(last.endPosition.row).length },
    indent: file.indentOf(statement.startPosition.row),
    call,
    errName,
    errCheck: errCheck.text,
    closes,
    timePackage: file.localNameOf('time') ?? 'time',
    imports: ensureImport(file, 'time'),
  };
}

/** A use to retarget: the handle's name ends its range (`store.DB`, `db`). */
export interface GlobalUse {
  domain: string;
  path: string;
  range: Range;
}

/**
 * The edits that split a package-level handle: per-domain variables declared next to it, opened and bounded
 * next to its own open, and every use in a domain pointed at that domain's variable. Undefined when a new
 * name is taken or a use cannot be retargeted.
 */
export function globalSplitEdits(
  settings: Settings,
  handle: { name: string; path: string; split: { at: Position; type: string } },
  open: { path: string; fact: GlobalOpenFact },
  uses: GlobalUse[],
  taken: (name: string) => boolean,
): FileEdit[] | undefined {
  const domains = [...new Set(uses.map((u) => u.domain))].sort();
  const names = new Map(domains.map((d) => [d, domainHandleName(d, handle.name)]));
  if ([...names.values()].some(taken) || new Set(names.values()).size !== domains.length) return undefined;
  const width = Math.max(...[...names.values()].map((n) => n.length));
  const declaration = [
    '',
    '',
    '// Per-domain pools: a slow query in one domain cannot take the connections of another.',
    'var (',
    ...domains.map((d) => `\t${names.get(d)!.padEnd(width)} ${handle.split.type}`),
    ')',
  ].join('\n');
  const { fact } = open;
  const blocks = domains.map((domain) => {
    const name = names.get(domain)!;
    const lines = [
      `${name}, ${fact.errName} = ${fact.call}`,
      fact.errCheck,
      `${name}.SetMaxOpenConns(${settings.pool.maxOpenConns})`,
      `${name}.SetConnMaxLifetime(${goDuration(settings.pool.connMaxLifetime, fact.timePackage)})`,
      ...(fact.closes ? [`defer ${name}.Close()`] : []),
    ];
    return '\n\n' + lines.map((l) => fact.indent + l).join('\n');
  });
  const edits: FileEdit[] = [
    { path: handle.path, range: { start: handle.split.at, end: handle.split.at }, newText: declaration },
    { path: open.path, range: { start: fact.at, end: fact.at }, newText: blocks.join('') },
    ...fact.imports.map((e) => ({ ...e, path: open.path })),
  ];
  for (const use of uses) {
    const end = use.range.end;
    if (end.character < handle.name.length) return undefined;
    const start = { line: end.line, character: end.character - handle.name.length };
    edits.push({ path: use.path, range: { start, end }, newText: names.get(use.domain)! });
  }
  return edits;
}
