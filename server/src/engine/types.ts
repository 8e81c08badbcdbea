/** Core types of the Go Traps engine. Nothing here knows of VS Code or LSP. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Locale = 'en' | 'zh-cn';

/** Zero-based line and UTF-16 column, the same units as LSP and web-tree-sitter. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** An edit in a named file: most fixes touch only the file they were found in, some touch several. */
export interface FileEdit extends TextEdit {
  path: string;
}

export interface Fix {
  title: string;
  edits: FileEdit[];
  /** Safe fixes may be applied in bulk (fix-all, `--fix`); unsafe ones only one at a time by a person. */
  safe: boolean;
  group?: FixGroup;
}

/**
 * Fixes that are better applied together than one by one. Each member's edits stand alone; when fix-all takes
 * every member of the group in a file, it applies the group's `combined` edits once instead of theirs (or, when
 * they cannot go in, none of them). Converting each log call of a file is one member; converting all of them
 * also drops the import they all used, which no single member may do while the others still need it. A group
 * without combined edits is applied member by member.
 */
export interface FixGroup {
  /** Names the group within its file. */
  id: string;
  /** How many fixes belong to it: with one missing (suppressed, not listed, unsafe) the group is never combined. */
  size: number;
  /** The edits of the whole group, carried by one member only so that output stays linear in the members. */
  combined?: FileEdit[];
}

export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  path: string;
  range: Range;
  severity: Severity;
  messageId: string;
  message: string;
  related: RelatedLocation[];
  fixes: Fix[];
}

/** A message in both languages the product speaks; `{name}` placeholders are filled from report data. */
export interface Message {
  en: string;
  zh: string;
}

export type TrapFamily = 'db' | 'remote' | 'context' | 'goroutine' | 'observability' | 'config' | 'meta';

export interface RuleMeta {
  id: string;
  trap: TrapFamily;
  description: Message;
  /** A few lines on why it hurts, shown on hover. */
  why: Message;
  severity: Severity;
  fixable: boolean;
  messages: Record<string, Message>;
}
