/** Facts about gin engines and tracing middleware in one file, for a workspace rule that looks across a module. */
import { fieldChildren } from '../../go/syntax';
import { calleeName } from '../config/config-reload';
import { ensureImport, insertLinesAfter } from '../../engine/edits';
import { enclosingStatement, findAll, findAllWithin, functionName } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import { GoType, namedParts } from '../../go/types';
import type { FileLocation } from '../../engine/rule';
import { defaultPackageName, rangeOf, SourceFile } from '../../go/source';
import type { FileEdit, Range } from '../../engine/types';
import { mentionsAnySelector, mentionsAnyWord } from '../../go/text-search';

/** Import paths of gin and of its OpenTelemetry middleware. */
export const GIN_PATH = 'github.com/gin-gonic/gin';
export const OTELGIN_PATH = 'go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin';

/** Packages whose middleware traces gin requests: OpenTelemetry, Datadog, Elastic APM, New Relic, OpenTracing. */
const TRACING_PACKAGES = [
  OTELGIN_PATH,
  'gopkg.in/DataDog/dd-trace-go.v1/contrib/gin-gonic/gin',
  'github.com/DataDog/dd-trace-go/contrib/gin-gonic/gin/v2',
  'go.elastic.co/apm/module/apmgin',
  'go.elastic.co/apm/module/apmgin/v2',
  'github.com/newrelic/go-agent/v3/integrations/nrgin',
  'github.com/opentracing-contrib/go-gin/ginhttp',
  'github.com/SkyAPM/go2sky-plugins/gin/v3',
];

/** Wrapping the whole engine as an http.Handler traces it too. */
const HANDLER_WRAPPERS: Record<string, string[]> = {
  'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp': ['NewHandler', 'NewMiddleware'],
};
const WRAPPER_NAMES = new Set(Object.values(HANDLER_WRAPPERS).flat());
const CALLED_NAMES = ['Use', ...WRAPPER_NAMES];

/** One `gin.New()`/`gin.Default()` call and what a fix needs to install middleware after it. */
export interface GinEngine {
  range: Range;
  /** `gin.New()` or `gin.Default()` as written. */
  call: string;
  /** What the engine is assigned to ('' when it is not assigned). */
  variable: string;
  /** The edits that install otelgin after the engine is created, when the shape allows it. */
  fix: FileEdit[] | null;
  service: string;
}

/** What one file contributes to the module-wide question "is gin traced here?". */
export interface GinTracingFacts {
  engines: GinEngine[];
  /** A known tracing middleware is installed with Use, or the engine is wrapped by otelhttp. */
  traced: boolean;
  /** A Use call with arguments we cannot see into (`r.Use(middlewares...)`): the module may be traced. */
  opaque: boolean;
  /** Names of the functions a Use call installs: `OtelMiddleware` for `r.Use(OtelMiddleware(tp))`. */
  usedNames: string[];
  /** Functions declared here that extract the propagated context and start a span: custom tracing middleware. */
  tracingFunctions: string[];
}

/** Collects the facts of one file, or undefined when it holds nothing about gin or tracing. */
export function collectGinTracing(file: SourceFile, location: FileLocation, types: Resolver): GinTracingFacts | undefined {
  // Most files mention none of these; skip their walk.
  if (file.isTest || !/gin|Use\(|otelhttp|Extract|traceparent/i.test(file.text)) return undefined;
  const facts: GinTracingFacts = { engines: [], traced: false, opaque: false, usedNames: [], tracingFunctions: [] };
  // A server-span middleware calls both Extract and Start; without both words no function needs reading.
  const mayStartSpans = (file.text.includes('Extract') && file.text.includes('Start')) || /traceparent/i.test(file.text);
  // gin.New/Default only through an import of gin; a wrapper only through its package; Use on any receiver.
  const mayCall = mentionsAnySelector(file.text, CALLED_NAMES) || (file.mayImport(GIN_PATH) && mentionsAnyWord(file.text, ['New', 'Default']));
  if (!mayCall && !mayStartSpans) return undefined;
  for (const call of mayCall ? findAll(file.root, 'call_expression') : []) {
    const callee = call.childForFieldName('function');
    const name = calleeName(call);
    if (name !== 'New' && name !== 'Default' && name !== 'Use' && !WRAPPER_NAMES.has(name)) continue;
    const resolved = types.calleeOf(call);
    if (resolved?.kind === 'func' && resolved.pkg === GIN_PATH && (name === 'New' || name === 'Default')) {
      facts.engines.push(engineFacts(file, call, location));
    } else if (WRAPPER_NAMES.has(name) && HANDLER_WRAPPERS[packageOf(callee, types) ?? '']?.includes(name)) {
      facts.traced = true;
    } else if (name === 'Use' && callee?.type === 'selector_expression' && mayBeGin(types.typeOf(callee.childForFieldName('operand')))) {
      readUse(call, facts, location.modulePath, types);
    }
  }
  for (const decl of file.root.namedChildren) {
    if (!mayStartSpans) break;
    if (decl && (decl.type === 'function_declaration' || decl.type === 'method_declaration') && startsServerSpan(decl)) {
      facts.tracingFunctions.push(functionName(decl));
    }
    // `var Tracing = func(c *gin.Context) {...}`: a middleware held in a package variable.
    if (decl?.type === 'var_declaration') {
      for (const spec of findAll(decl, 'var_spec')) {
        const names = fieldChildren(spec, 'name');
        const values = spec.childForFieldName('value')?.namedChildren ?? [];
        values.forEach((value, i) => {
          if (value?.type === 'func_literal' && startsServerSpan(value) && names[i]) facts.tracingFunctions.push(names[i]!.text);
        });
      }
    }
  }
  const empty = facts.engines.length === 0 && !facts.traced && !facts.opaque && facts.usedNames.length === 0 && facts.tracingFunctions.length === 0;
  return empty ? undefined : facts;
}

/** The import path of the package a selector `pkg.Name` selects from (aliases honoured, shadowing respected). */
function packageOf(fn: SyntaxNode | null, types: Resolver): string | undefined {
  if (fn?.type !== 'selector_expression') return undefined;
  const resolved = types.resolve(fn.childForFieldName('operand'));
  return resolved?.kind === 'package' ? resolved.path : undefined;
}

/**
 * True unless the receiver is known to be something other than gin (an echo server, a chi router): an engine or
 * group of gin, gin's IRoutes, or a receiver of unknown type, which may be gin's.
 */
function mayBeGin(type: GoType | null): boolean {
  if (!type) return true;
  const parts = namedParts(type);
  return parts?.pkg === GIN_PATH;
}

function readUse(call: SyntaxNode, facts: GinTracingFacts, modulePath: string, types: Resolver): void {
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'variadic_argument') {
      facts.opaque = true;
      continue;
    }
    const target = arg.type === 'call_expression' ? arg.childForFieldName('function') : arg;
    if (!target) continue;
    if (target.type === 'selector_expression') {
      const operand = types.resolve(target.childForFieldName('operand'));
      const path = operand?.kind === 'package' ? operand.path : undefined;
      if (path && (TRACING_PACKAGES.includes(path) || isExternalTracing(path, target.childForFieldName('field')?.text ?? '', modulePath))) {
        facts.traced = true;
        continue;
      }
      facts.usedNames.push(target.childForFieldName('field')?.text ?? '');
    } else if (target.type === 'identifier') {
      facts.usedNames.push(target.text);
    } else if (target.type === 'func_literal') {
      if (startsServerSpan(target)) facts.traced = true;
    } else {
      // Something computed (`mws[0]`, a method value of a value we cannot see): it may well be tracing.
      facts.opaque = true;
    }
  }
}

const TRACING_WORDS = /otel|trac(e|ing)|telemetry|apm|span|jaeger|zipkin|skywalking|sky(api|apm)|instrumentation/i;

/**
 * Middleware from another module that speaks of tracing in its import path or name (`mw.ServerMiddlewareAll()`
 * from an instrumentation package, `tracing.Gin()`): its body is out of sight, so it is given the benefit of
 * the doubt. Middleware of the module itself is judged by its body instead.
 */
function isExternalTracing(importPath: string, name: string, modulePath: string): boolean {
  const internal = modulePath !== '' && (importPath === modulePath || importPath.startsWith(modulePath + '/'));
  return !internal && (TRACING_WORDS.test(importPath) || TRACING_WORDS.test(name));
}

/**
 * A middleware that continues the caller's trace: it extracts the propagated context and starts a span, or it
 * handles the W3C `traceparent` header itself (reads it to keep the caller's trace id, or writes it to pass the
 * trace on), as a hand-written trace-context middleware does.
 */
function startsServerSpan(fn: SyntaxNode): boolean {
  if (findAllWithin(fn, 'interpreted_string_literal').some((literal) => /^"traceparent"$/i.test(literal.text))) return true;
  const calls = findAllWithin(fn, 'call_expression').map(calleeName);
  return calls.includes('Extract') && calls.includes('Start');
}

function engineFacts(file: SourceFile, call: SyntaxNode, location: FileLocation): GinEngine {
  const service = serviceName(location);
  const engine: GinEngine = { range: rangeOf(call), call: call.text, variable: '', fix: null, service };
  const list = call.parent;
  const holder = list?.type === 'expression_list' ? list.parent : null;
  let target: SyntaxNode | null | undefined = null;
  if (holder && (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') && list!.namedChildCount === 1) {
    const left = holder.childForFieldName('left')?.namedChildren ?? [];
    if (left.length === 1) target = left[0];
  } else if (holder?.type === 'var_spec' && list!.namedChildCount === 1) {
    const names = fieldChildren(holder, 'name');
    if (names.length === 1) target = names[0];
  }
  if (!target || target.text === '_') return engine;
  engine.variable = target.text;
  const statement = enclosingStatement(call);
  if (!statement || statement.parent?.type !== 'statement_list') return engine;
  const existing = file.localNameOf(OTELGIN_PATH);
  const name = existing ?? defaultPackageName(OTELGIN_PATH);
  // Another import already answers to `otelgin`: adding ours would not compile.
  if (!existing && file.importPathOf(name)) return engine;
  engine.fix = [insertLinesAfter(file, statement, [`${target.text}.Use(${name}.Middleware(${JSON.stringify(service)}))`]), ...ensureImport(file, OTELGIN_PATH)];
  return engine;
}

/** The service name otelgin records: the `cmd/<name>` directory, else the module's last path element. */
export function serviceName(location: FileLocation): string {
  const cmd = /(?:^|\/)cmd\/([^/]+)/.exec(location.packageDir);
  if (cmd) return cmd[1];
  const parts = location.modulePath.split('/').filter(Boolean);
  let last = parts[parts.length - 1] ?? '';
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last || 'service';
}
