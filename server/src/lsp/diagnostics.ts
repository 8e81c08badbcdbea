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

/**
 * The go-traps data of a diagnostic the client sent back, or undefined for anyone else's diagnostic. The
 * client may send anything back: only well-formed fixes are kept.
 */
export function dataOf(diagnostic: Diagnostic | null | undefined): DiagnosticData | undefined {
  if (!diagnostic || diagnostic.source !== DIAGNOSTIC_SOURCE || !isRange(diagnostic.range)) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | null | undefined;
  if (!data || typeof data.ruleId !== 'string' || !Array.isArray(data.fixes)) return undefined;
  return { ruleId: data.ruleId, version: typeof data.version === 'number' ? data.version : -1, fixes: data.fixes.filter(isWireFix) };
}

function isWireFix(fix: unknown): fix is WireFix {
  const f = fix as WireFix | null;
  return (
    !!f &&
    typeof f.title === 'string' &&
    Array.isArray(f.edits) &&
    f.edits.every((e) => !!e && typeof e.uri === 'string' && Array.isArray(e.edits) && e.edits.every((t) => !!t && isRange(t.range) && typeof t.newText === 'string'))
  );
}

/** A range whose positions are whole numbers. */
export function isRange(range: unknown): range is Diagnostic['range'] {
  const r = range as Diagnostic['range'] | null;
  const at = (p: { line: unknown; character: unknown } | null | undefined) => !!p && Number.isSafeInteger(p.line) && Number.isSafeInteger(p.character);
  return !!r && at(r.start) && at(r.end);
}
