/**
 * The engine: one file's rules and facts (`analyzeFile`), the workspace rules over every file's facts, and the
 * suppressions and severity overrides that come last. pipeline.ts runs it over a workspace.
 */
import { isExcluded, isGenerated, Settings } from './config';
import type { GoModule } from './domains';
import { formatMessage } from './messages';
import { scanDeclarations } from '../go/declaration-scanner';
import type { FileDecls } from '../go/declarations';
import { knowledgeIndex } from '../go/knowledge';
import { searchingFor } from '../go/node-search';
import { Resolver } from '../go/resolver';
import { TypeIndex } from '../go/type-index';
import type { FileContext, FileLocation, ReportDescriptor, Rule, WorkspaceRule } from './rule';
import { rangeOf, SourceFile } from '../go/source';
import { applyDirectives, Directive, readDirectives } from './suppress';
import type { Finding, RuleMeta } from './types';
import { RULES } from '../traps/index';
import { COLLECTORS, FactCollector } from './collectors';
import { packageKeyOf } from './packages';
import { SUPPRESSION_RULE_ID, unusedDirectiveFindings } from '../traps/meta/invalid-suppression';

/** Something that kept the engine from analysing a file or running a rule; reported, never thrown. */
export interface AnalysisProblem {
  path: string;
  ruleId?: string;
  message: string;
}

/** What the workspace index keeps per file: small, plain data, no syntax tree. */
export interface FileSummary {
  location: FileLocation;
  /** Facts by workspace rule id. */
  facts: Record<string, unknown>;
  directives: Directive[];
}

export interface FileAnalysis {
  summary: FileSummary;
  /** File-rule findings before suppression. */
  findings: Finding[];
  problems: AnalysisProblem[];
}

export interface SourceInput {
  path: string;
  text: string;
}

/** Why a file is not analysed, or undefined when it should be. */
export function skipReason(path: string, text: string, settings: Settings): string | undefined {
  if (isExcluded(path, settings)) return 'excluded by settings';
  if (text.length > settings.maxFileSize) return `larger than maxFileSize (${text.length} > ${settings.maxFileSize} bytes)`;
  if (text.includes('\u0000')) return 'binary content (NUL bytes), not Go source';
  if (settings.excludeGenerated && isGenerated(text)) return 'generated file (// Code generated ... DO NOT EDIT.)';
  return undefined;
}

export class Engine {
  readonly rules: readonly Rule[];

  constructor(
    readonly settings: Settings,
    rules: readonly Rule[] = RULES,
    /** The fact collectors to run beside the rules; the language server keeps them off the keystroke path. */
    private readonly collectors: readonly FactCollector[] = COLLECTORS,
  ) {
    this.rules = rules.filter((rule) => settings.rules[rule.meta.id] !== 'off');
  }

  /** The package key and the package-level declarations of a file, for the type index: read from the text alone. */
  declare(text: string, location: FileLocation): { packageKey: string; decls: FileDecls } {
    const decls = scanDeclarations(text, (packageName) => packageKeyOf(location, packageName));
    return { packageKey: packageKeyOf(location, decls.package), decls };
  }

  /**
   * Runs the file rules and collects the workspace rules' facts for one parsed file. Types are resolved against
   * `index`, which must already hold the declarations of the file's package and its imports (the pipeline
   * analyses packages in dependency order); without one, the file is its own package. When `dependencies` is
   * given, every declaration the analysis looked up is recorded there.
   */
  analyzeFile(file: SourceFile, location: FileLocation, index?: TypeIndex, dependencies?: Set<string>): FileAnalysis {
    const packageKey = packageKeyOf(location, file.packageName);
    if (!index) {
      index = new TypeIndex(knowledgeIndex());
      index.setFile(file.path, packageKey, this.declare(file.text, location).decls);
    }
    const types = new Resolver(file, index, packageKey);
    return index.recording(dependencies, () => searchingFor(this, () => this.runRules(file, location, types)));
  }

  private runRules(file: SourceFile, location: FileLocation, types: Resolver): FileAnalysis {
    const findings: Finding[] = [];
    const problems: AnalysisProblem[] = [];
    const facts: Record<string, unknown> = {};
    for (const rule of this.rules) {
      try {
        if (rule.kind === 'file') {
          const context: FileContext = {
            file,
            location,
            settings: this.settings,
            types,
            report: (descriptor) => findings.push(this.toFinding(rule.meta, file.path, descriptor)),
          };
          rule.check(context);
        } else {
          const collected = rule.collect(file, this.settings, location, types);
          if (collected !== undefined) facts[rule.meta.id] = collected;
        }
      } catch (error) {
        problems.push({ path: file.path, ruleId: rule.meta.id, message: describeError(error) });
      }
    }
    for (const collector of this.collectors) {
      try {
        const collected = collector.collect(file, this.settings, location, types);
        if (collected !== undefined) facts[collector.id] = collected;
      } catch (error) {
        problems.push({ path: file.path, ruleId: collector.id, message: describeError(error) });
      }
    }
    return { summary: { location, facts, directives: readDirectives(file) }, findings, problems };
  }

  /** Runs every workspace rule over the summaries; findings come back grouped by path. */
  workspaceFindings(summaries: Iterable<FileSummary>): { byPath: Map<string, Finding[]>; problems: AnalysisProblem[] } {
    // Each rule's files in one pass over the summaries: asking every summary for every rule's facts cost ~20 ms
    // on the standard library, paid on the language server's main thread whenever some file's facts change.
    const filesByRule = new Map<string, { location: FileLocation; facts: unknown }[]>();
    for (const summary of summaries) {
      for (const id in summary.facts) {
        const facts = summary.facts[id];
        if (facts === undefined) continue;
        const list = filesByRule.get(id);
        if (list) list.push({ location: summary.location, facts });
        else filesByRule.set(id, [{ location: summary.location, facts }]);
      }
    }
    const byPath = new Map<string, Finding[]>();
    const problems: AnalysisProblem[] = [];
    for (const rule of this.rules) {
      if (rule.kind !== 'workspace') continue;
      const workspaceRule = rule as WorkspaceRule<unknown>;
      const files = filesByRule.get(rule.meta.id) ?? [];
      try {
        workspaceRule.check({
          settings: this.settings,
          files,
          report: (path, descriptor) => {
            const list = byPath.get(path) ?? [];
            list.push(this.toFinding(rule.meta, path, descriptor));
            byPath.set(path, list);
          },
        });
      } catch (error) {
        problems.push({ path: '', ruleId: rule.meta.id, message: describeError(error) });
      }
    }
    return { byPath, problems };
  }

  /** Applies a file's suppressions to all its findings and reports the directives that silenced nothing. */
  finalize(path: string, findings: Finding[], directives: Directive[]): Finding[] {
    const { kept, used } = applyDirectives(findings, directives, SUPPRESSION_RULE_ID);
    const suppressionRule = this.rules.find((r) => r.meta.id === SUPPRESSION_RULE_ID);
    if (suppressionRule) {
      const enabled = new Set(this.rules.map((r) => r.meta.id));
      for (const descriptor of unusedDirectiveFindings(directives, used, enabled)) {
        kept.push(this.toFinding(suppressionRule.meta, path, descriptor));
      }
    }
    return kept.sort(compareFindings);
  }

  toFinding(meta: RuleMeta, path: string, descriptor: ReportDescriptor): Finding {
    const message = meta.messages[descriptor.messageId];
    if (!message) throw new Error(`rule ${meta.id} reported unknown messageId "${descriptor.messageId}"`);
    const range = descriptor.range ?? (descriptor.node ? rangeOf(descriptor.node) : undefined);
    if (!range) throw new Error(`rule ${meta.id} reported without a node or range`);
    const locale = this.settings.locale;
    const level = this.settings.rules[meta.id];
    return {
      ruleId: meta.id,
      path,
      range,
      severity: descriptor.severity ?? (level && level !== 'off' ? level : meta.severity),
      messageId: descriptor.messageId,
      message: formatMessage(message, locale, descriptor.data),
      related: (descriptor.related ?? []).map((r) => ({ path: r.path, range: r.range, message: formatMessage(r.message, locale, descriptor.data) })),
      fixes: (descriptor.fixes ?? []).map((f) => ({
        title: formatMessage(f.title, locale, descriptor.data),
        edits: f.edits,
        safe: f.safe ?? true,
        ...(f.group ? { group: f.group } : {}),
      })),
    };
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}`.trim() : String(error);
}

export interface AnalyzeResult {
  findings: Finding[];
  problems: AnalysisProblem[];
  skipped: { path: string; reason: string }[];
  filesAnalyzed: number;
}

export { analyze, type AnalyzeOptions, type AnalyzeStats } from './pipeline';
import { analyze } from './pipeline';

/** Convenience for tests and small callers: analyse in-memory sources. */
export function analyzeSources(sources: readonly SourceInput[], settings: Settings, modules: readonly GoModule[] = []): Promise<AnalyzeResult> {
  const byPath = new Map(sources.map((s) => [s.path, s.text]));
  return analyze([...byPath.keys()], (path) => byPath.get(path)!, settings, modules);
}
