/**
 * A cap on what one rule reports in one file: a generated or pathological file with thousands of log calls,
 * spans or metrics gets the first FINDINGS_PER_FILE findings and one notice for the rest, so the output (and the
 * fixes each finding carries) stays bounded however large the file is.
 */
import type { FileContext } from '../../engine/rule';
import type { SyntaxNode } from '../../go/parser';
import type { Message } from '../../engine/types';

export const FINDINGS_PER_FILE = 1000;

/** The notice's message; every rule that takes a budget lists it under `notListed`. */
export const NOT_LISTED: Message = {
  en: '{more} more findings of this rule in this file are not listed: Go Traps lists at most {limit} per file.',
  zh: '本文件中该规则还有 {more} 处问题未列出：Go Traps 每个文件最多列出 {limit} 处。',
};

export class FindingBudget {
  private listed = 0;
  private left = 0;
  private firstLeft: SyntaxNode | null = null;

  constructor(
    private readonly context: FileContext,
    private readonly limit = FINDINGS_PER_FILE,
  ) {}

  /** True while findings may still be listed; counts (and remembers the first of) the ones that may not. */
  admit(node: SyntaxNode): boolean {
    if (this.listed < this.limit) {
      this.listed++;
      return true;
    }
    this.left++;
    this.firstLeft ??= node;
    return false;
  }

  /** Reports the notice at the first finding left out, if any was. */
  finish(): void {
    if (this.firstLeft) this.context.report({ node: this.firstLeft, messageId: 'notListed', data: { more: this.left, limit: this.limit } });
  }
}
