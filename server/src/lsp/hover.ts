/** Hover on a flagged range: the rule's "why" in a few lines and the link to its documentation. */
import type { Hover, MarkupContent } from 'vscode-languageserver';
import type { Finding, Locale, Position, Range } from '../engine/types';
import { docsUrl, ruleById } from '../traps/index';

function contains(range: Range, position: Position): boolean {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}

export function hoverFor(findings: readonly Finding[], position: Position, locale: Locale): Hover | undefined {
  const hits = findings.filter((f) => contains(f.range, position));
  if (hits.length === 0) return undefined;
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const finding of hits) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    const meta = ruleById(finding.ruleId)?.meta;
    const why = meta ? (locale === 'zh-cn' ? meta.why.zh : meta.why.en) : finding.message;
    const link = locale === 'zh-cn' ? '文档' : 'Documentation';
    sections.push(`**go-traps: \`${finding.ruleId}\`**\n\n${why}\n\n[${link}](${docsUrl(finding.ruleId)})`);
  }
  const contents: MarkupContent = { kind: 'markdown', value: sections.join('\n\n---\n\n') };
  const first = hits[0].range;
  return { contents, range: first };
}
