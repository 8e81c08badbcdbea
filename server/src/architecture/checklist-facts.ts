/**
 * Per-file facts for the checklist's concerns that no rule measures: is a pprof endpoint wired, do tests
 * check for goroutine leaks with goleak, how many goroutines does the code start, and is there a `main`.
 * Every question is asked of the text first: the language server's scan collects these for every file, and a
 * tree for each (2,669 files of the standard library that no rule needs) doubled its parsing.
 */
import type { FactCollector } from '../engine/collectors';
import { findAll, goStatements, stringValue } from '../go/syntax';
import type { SourceFile } from '../go/source';
import { matchesInCode } from '../go/string-spans';

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
  if (!file.text.includes('/debug/pprof') || !file.hasImport('runtime/pprof')) return false;
  return findAll(file.root, 'interpreted_string_literal').some((n) => stringValue(n)?.startsWith('/debug/pprof') ?? false);
}

/** chi's middleware package only counts when its Profiler is mounted. */
function wiresPprof(file: SourceFile): boolean {
  if (!PPROF_PACKAGES.some((p) => file.mayImport(p))) return servesRuntimePprof(file);
  for (const spec of file.imports) {
    if (!PPROF_PACKAGES.includes(spec.path)) continue;
    if (spec.path !== 'github.com/go-chi/chi/v5/middleware') return true;
    if (file.text.includes(`${spec.localName}.Profiler(`)) return true;
  }
  return servesRuntimePprof(file);
}

/** The `go` keyword; in code (not a comment or a string) it starts a go statement. */
const GO_KEYWORD = /\bgo\b/g;
/** `func main`, with any spaces, newlines or comments between the two words. */
const FUNC_MAIN = /\bfunc(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)+main\b/;

export function collectChecklistFacts(file: SourceFile): ChecklistFacts | undefined {
  const facts: ChecklistFacts = {};
  if (file.isTest) {
    if (file.hasImport('go.uber.org/goleak')) facts.goleak = true;
  } else {
    if (wiresPprof(file)) facts.pprof = true;
    const started = matchesInCode(file.text, GO_KEYWORD) ? goStatements(file).length : 0;
    if (started > 0) facts.goStatements = started;
    if (FUNC_MAIN.test(file.text) && file.packageName === 'main' && declaresMain(file)) facts.main = true;
  }
  return Object.keys(facts).length > 0 ? facts : undefined;
}

function declaresMain(file: SourceFile): boolean {
  return file.root.namedChildren.some((n) => n?.type === 'function_declaration' && n.childForFieldName('name')?.text === 'main');
}

/** Registered in collectors.ts beside the coupling collector. */
export const checklistCollector: FactCollector<ChecklistFacts> = {
  id: CHECKLIST_FACTS_ID,
  collect: (file) => collectChecklistFacts(file),
};
