/**
 * Hover on a flagged range: the rule's "why" in a few lines and a link to its documentation. The editor already
 * shows the finding's message with its source and rule id right above, so the hover does not repeat them.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { ShowRuleDocumentationCommand } from '../protocol';
import type { Finding, Locale, Position, Range } from '../engine/types';
import { docsUrl, ruleById } from '../traps/index';

function contains(range: Range, position: Position): boolean {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}

/** The documentation link: the shipped page through the client's command when it can open it, else the web page. */
function docsLink(ruleId: string, commandLinks: boolean): string {
  if (!commandLinks) return docsUrl(ruleId);
  return `command:${ShowRuleDocumentationCommand}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}

export function hoverFor(findings: readonly Finding[], position: Position, locale: Locale, commandLinks = false): Hover | undefined {
  const hits = findings.filter((f) => contains(f.range, position));
  if (hits.length === 0) return undefined;
  const seen = new Set<string>();
  const sections: string[] = [];
  const label = locale === 'zh-cn' ? '为什么重要：' : 'Why it matters:';
  const link = locale === 'zh-cn' ? '查看文档' : 'Show documentation';
  for (const finding of hits) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    const meta = ruleById(finding.ruleId)?.meta;
    if (!meta) continue;
    const why = locale === 'zh-cn' ? meta.why.zh : meta.why.en;
    sections.push(`**${label}** ${why}\n\n[${link}](${docsLink(finding.ruleId, commandLinks)})`);
  }
  if (sections.length === 0) return undefined;
  const contents: MarkupContent = { kind: 'markdown', value: sections.join('\n\n---\n\n') };
  return { contents, range: hits[0].range };
}
