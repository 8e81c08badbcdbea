/** Engine findings as LSP diagnostics, with everything a stateless quick fix needs in `data`. */
import { Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation, TextEdit } from 'vscode-languageserver';
import type { Finding, Severity } from '../engine/types';
import { docsUrl } from '../traps/index';

export const DIAGNOSTIC_SOURCE = 'go-traps';

/** A fix as it travels inside a diagnostic: edits already keyed by URI. */
export interface WireFix {
  title: string;
  safe: boolean;
  edits: { uri: string; edits: TextEdit[] }[];
}

/** What `Diagnostic.data` holds for a go-traps diagnostic. */
export interface DiagnosticData {
  ruleId: string;
  /** The document version the edits were computed for; stale edits are refused by the client. */
  version: number;
  fixes: WireFix[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, version: number, toUri: (path: string) => string): Diagnostic {
  const related: DiagnosticRelatedInformation[] = finding.related.map((r) => ({
    location: { uri: toUri(r.path), range: r.range },
    message: r.message,
  }));
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    version,
    fixes: finding.fixes.map((fix) => {
      const byUri = new Map<string, TextEdit[]>();
      for (const edit of fix.edits) {
        const uri = toUri(edit.path);
        byUri.set(uri, [...(byUri.get(uri) ?? []), { range: edit.range, newText: edit.newText }]);
      }
      return { title: fix.title, safe: fix.safe, edits: [...byUri].map(([uri, edits]) => ({ uri, edits })) };
    }),
  };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}

/** The go-traps data of a diagnostic the client sent back, or undefined for anyone else's diagnostic. */
export function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.ruleId !== 'string' || !Array.isArray(data.fixes)) return undefined;
  return { ruleId: data.ruleId, version: typeof data.version === 'number' ? data.version : -1, fixes: data.fixes };
}
