/** A gin engine in a module that installs no tracing middleware: every request starts a fresh, orphaned trace. */
import { collectGinTracing, GinTracingFacts } from './gin-tracing';
import { defineWorkspaceRule } from '../../engine/rule';

const messages = {
  noMiddleware: {
    en: 'Gin engine {engine} serves requests with no tracing middleware installed anywhere in module {module}: the caller\'s trace stops at this service.',
    zh: 'Gin 引擎 {engine} 所在模块 {module} 中没有安装任何链路追踪中间件：调用方的链路在这个服务处断开。',
  },
  noMiddlewareSeveral: {
    en: 'Gin engine {engine} serves requests with no tracing middleware installed anywhere in module {module} (other places creating a gin engine there: {others}, listed): the caller\'s trace stops at this service.',
    zh: 'Gin 引擎 {engine} 所在模块 {module} 中没有安装任何链路追踪中间件(该模块中其他创建 gin 引擎的地方：{others} 处，见相关位置)：调用方的链路在这个服务处断开。',
  },
  otherEngine: { en: 'another gin engine of this module, also without tracing middleware', zh: '本模块中另一个同样没有链路追踪中间件的 gin 引擎' },
  fixInstall: {
    en: 'Install otelgin: {engine}.Use(otelgin.Middleware("{service}"))',
    zh: '安装 otelgin：{engine}.Use(otelgin.Middleware("{service}"))',
  },
};

export const rule = defineWorkspaceRule<GinTracingFacts>({
  meta: {
    id: 'trace-gin-no-middleware',
    trap: 'observability',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A gin engine is created in a module where no tracing middleware (otelgin or a custom server-span middleware) is installed with Use.',
      zh: '创建了 gin 引擎，但所在模块没有用 Use 安装任何链路追踪中间件(otelgin 或自定义的服务端 span 中间件)。',
    },
    why: {
      en: 'Without a middleware that extracts the incoming traceparent and starts a server span, each request begins a new trace: the upstream call, this handler and its database and RPC spans never join, and a slow request cannot be followed across services.',
      zh: '没有中间件提取传入的 traceparent 并创建服务端 span，每个请求都会开启一条新链路：上游调用、本服务的 handler 以及它的数据库和 RPC span 无法串起来，慢请求无法跨服务追踪。',
    },
    messages,
  },
  collect(file, _settings, location, types) {
    return collectGinTracing(file, location, types);
  },
  check(context) {
    const modules = new Map<string, typeof context.files[number][]>();
    for (const entry of context.files) {
      const list = modules.get(entry.location.modulePath) ?? [];
      list.push(entry);
      modules.set(entry.location.modulePath, list);
    }
    for (const [modulePath, files] of modules) {
      const tracingFunctions = new Set(files.flatMap((f) => f.facts.tracingFunctions));
      const traced = files.some((f) => f.facts.traced || f.facts.opaque || f.facts.usedNames.some((n) => tracingFunctions.has(n)));
      if (traced) continue;
      // The module is the unit of the decision (one Use anywhere traces every engine it builds): one finding, on
      // its first engine, however many places create or re-create one (go-admin builds its shared engine lazily
      // in two routers).
      const engines = files
        .flatMap(({ location, facts }) => facts.engines.map((engine) => ({ path: location.path, engine })))
        .sort((a, b) => a.path.localeCompare(b.path) || a.engine.range.start.line - b.engine.range.start.line);
      if (engines.length === 0) continue;
      const [{ path, engine }, ...others] = engines;
      const name = engine.variable || engine.call;
      context.report(path, {
        range: engine.range,
        messageId: others.length > 0 ? 'noMiddlewareSeveral' : 'noMiddleware',
        data: { engine: name, module: modulePath || '(no go.mod)', service: engine.service, others: others.length },
        related: others.map((other) => ({ path: other.path, range: other.engine.range, message: messages.otherEngine })),
        fixes: engine.fix ? [{ title: messages.fixInstall, edits: engine.fix }] : [],
      });
    }
  },
});
