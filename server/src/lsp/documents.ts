/**
 * Open documents with one syntax tree each, kept in step with the editor incrementally: every change edits
 * the old tree (`tree.edit`), and the next analysis reparses with it, so tree-sitter reuses what did not
 * change. Trees live in WASM memory: every tree replaced or dropped is `delete()`d here.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Position } from '../engine/types';

/** Broken code up to this many characters is parsed afresh (about 50 ms at the parser's 5 MB/s). */
export const FRESH_PARSE_LIMIT = 256 * 1024;

/** One open editor buffer. */
export class OpenDocument {
  private document: TextDocument;
  private tree: Tree | undefined;
  /** True when the text changed since the tree was last brought up to date by a parse. */
  private stale = true;

  constructor(
    readonly uri: string,
    languageId: string,
    version: number,
    text: string,
  ) {
    this.document = TextDocument.create(uri, languageId, version, text);
  }

  get version(): number {
    return this.document.version;
  }

  get text(): string {
    return this.document.getText();
  }

  get lineCount(): number {
    return this.document.lineCount;
  }

  /**
   * Applies the editor's changes in order, describing each to the old tree so it can be reused. A range is
   * made well-formed first (ends swapped when reversed, positions clamped to the text) and the document and
   * the tree are given the same one, so the tree always matches a fresh parse; a change that is not text at
   * all is dropped.
   */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!change || typeof change.text !== 'string') continue;
      if (!('range' in change) || !change.range) {
        this.dropTree();
        this.document = TextDocument.update(this.document, [{ text: change.text }], version);
        continue;
      }
      if (!isPosition(change.range.start) || !isPosition(change.range.end)) continue;
      let startIndex = this.document.offsetAt(change.range.start);
      let oldEndIndex = this.document.offsetAt(change.range.end);
      if (startIndex > oldEndIndex) [startIndex, oldEndIndex] = [oldEndIndex, startIndex];
      // offsetAt clamps positions past a line's end or the text's; the tree must see the clamped positions too.
      const range = { start: this.document.positionAt(startIndex), end: this.document.positionAt(oldEndIndex) };
      // Tree-sitter counts rows by '\n' only, where LSP also breaks lines at a lone '\r': its points come from offsets.
      const start = treePoint(this.document.getText(), startIndex);
      const oldEnd = treePoint(this.document.getText(), oldEndIndex);
      this.document = TextDocument.update(this.document, [{ range, text: change.text }], version);
      this.tree?.edit({
        startIndex,
        oldEndIndex,
        newEndIndex: startIndex + change.text.length,
        startPosition: point(start),
        oldEndPosition: point(oldEnd),
        newEndPosition: point(endOfInsertion(start, change.text)),
      });
    }
    this.document = TextDocument.update(this.document, [], version);
    this.stale = true;
  }

  /**
   * The tree for the current text, reparsed incrementally when the text moved on. Tree-sitter's error
   * recovery depends on the old tree: an incremental parse of broken code may differ from a fresh parse of
   * the same text, so a tree with errors is parsed afresh (up to a size where that stays cheap), and the
   * findings depend on the text alone, never on the way it was typed.
   */
  syntaxTree(parser: Parser): Tree {
    if (this.tree && !this.stale) return this.tree;
    const text = this.document.getText();
    let next = parser.parse(text, this.tree ?? null);
    if (next && this.tree && next.rootNode.hasError && text.length <= FRESH_PARSE_LIMIT) {
      next.delete();
      next = parser.parse(text);
    }
    if (!next) throw new Error('tree-sitter returned no tree');
    this.tree?.delete();
    this.tree = next;
    this.stale = false;
    return next;
  }

  /** Frees the tree (the document is closed, skipped or replaced wholesale). */
  dropTree(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.stale = true;
  }

  get hasTree(): boolean {
    return this.tree !== undefined;
  }
}

/** A position whose line and character are whole numbers (negative ones clamp to the start). */
function isPosition(value: unknown): value is Position {
  const p = value as Position | null;
  return !!p && Number.isSafeInteger(p.line) && Number.isSafeInteger(p.character);
}

/** Row and column of an offset as tree-sitter counts them: rows end at '\n', columns in UTF-16 units. */
function treePoint(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function point(position: Position): { row: number; column: number } {
  return { row: position.line, column: position.character };
}

/** Where inserted text ends, in UTF-16 columns like LSP and web-tree-sitter. */
export function endOfInsertion(start: Position, text: string): Position {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak < 0) return { line: start.line, character: start.character + text.length };
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return { line: start.line + lines, character: text.length - lastBreak - 1 };
}

/** The open documents by URI. */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.documents.get(uri)?.dropTree();
    const document = new OpenDocument(uri, languageId, version, text);
    this.documents.set(uri, document);
    return document;
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  close(uri: string): OpenDocument | undefined {
    const document = this.documents.get(uri);
    document?.dropTree();
    this.documents.delete(uri);
    return document;
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  dispose(): void {
    for (const document of this.documents.values()) document.dropTree();
    this.documents.clear();
  }
}
