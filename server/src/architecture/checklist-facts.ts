/**
 * Per-file facts for the checklist's concerns that no rule measures: is a pprof endpoint wired, do tests
 * check for goroutine leaks with goleak, how many goroutines does the code start, and is there a `main`.
 */
import type { FactCollector } from '../engine/collectors';
import { findAll, goStatements, stringValue } from '../go/syntax';
import type { SourceFile } from '../go/source';

export interface ChecklistFacts {
  /** The file wires a pprof endpoint (imports net/http/pprof or a framework's pprof middleware). */
  pprof?: boolean;
  /** A test file that imports go.uber.org/goleak. */
  goleak?: boolean;
  /** `go` statements in a non-test file. */
  goStatements?: number;
  /** `func main` of package main: a program that could serve pprof. */
  main?: boolean;
}

/** The collector id; the checklist reads `summary.facts[CHECKLIST_FACTS_ID]`. */
export const CHECKLIST_FACTS_ID = '$checklist';

/** Packages whose import registers pprof handlers on a server. */
export const PPROF_PACKAGES = [
  'net/http/pprof',
  'github.com/gin-contrib/pprof',
  'github.com/labstack/echo-contrib/pprof',
  'github.com/gofiber/fiber/v2/middleware/pprof',
  'github.com/go-chi/chi/v5/middleware',
];

/** A file that serves runtime/pprof profiles by hand under the conventional /debug/pprof/ path. */
function servesRuntimePprof(file: SourceFile): boolean {
  if (!file.imports.some((s) => s.path === 'runtime/pprof')) return false;
  return findAll(file.root, 'interpreted_string_literal').some((n) => stringValue(n)?.startsWith('/debug/pprof') ?? false);
}

/** chi's middleware package only counts when its Profiler is mounted. */
function wiresPprof(file: SourceFile): boolean {
  for (const spec of file.imports) {
    if (!PPROF_PACKAGES.includes(spec.path)) continue;
    if (spec.path !== 'github.com/go-chi/chi/v5/middleware') return true;
    if (file.text.includes(`${spec.localName}.Profiler(`)) return true;
  }
  return servesRuntimePprof(file);
}

export function collectChecklistFacts(file: SourceFile): ChecklistFacts | undefined {
  const facts: ChecklistFacts = {};
  if (file.isTest) {
    if (file.imports.some((s) => s.path === 'go.uber.org/goleak')) facts.goleak = true;
  } else {
    if (wiresPprof(file)) facts.pprof = true;
    const started = goStatements(file).length;
    if (started > 0) facts.goStatements = started;
    const hasMain = file.root.namedChildren.some((n) => n?.type === 'function_declaration' && n.childForFieldName('name')?.text === 'main');
    if (file.packageName === 'main' && hasMain) facts.main = true;
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
}

/** Registered in collectors.ts beside the coupling collector. */
export const checklistCollector: FactCollector<ChecklistFacts> = {
  id: CHECKLIST_FACTS_ID,
  collect: (file) => collectChecklistFacts(file),
};
