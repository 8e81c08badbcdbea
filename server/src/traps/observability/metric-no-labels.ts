/** `prometheus.NewCounter(... "payment_errors_total" ...)`: errors counted with no dimension to find the cause by. */
import { insertAt, replaceNode } from '../../engine/edits';
import { callArguments, enclosingFunction, fieldChildren, findAll, stringValue } from '../../go/syntax';
import { named, namedParts } from '../../go/types';
import { goString } from './logging-format';
import { FindingBudget, NOT_LISTED } from './finding-budget';
import { ScopeNames } from './logging-scope';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';
import type { FileEdit } from '../../engine/types';
import { mentionsAnyWord } from '../../go/text-search';
import { callsNamed } from '../../go/calls-by-name';

const PROMETHEUS = 'github.com/prometheus/client_golang/prometheus';
const PROMAUTO = 'github.com/prometheus/client_golang/prometheus/promauto';

/** Constructor → the options type it takes and the metric type it returns. */
const CONSTRUCTORS: Record<string, { opts: string; type: string }> = {
  NewCounter: { opts: 'CounterOpts', type: 'Counter' },
  NewGauge: { opts: 'GaugeOpts', type: 'Gauge' },
  NewHistogram: { opts: 'HistogramOpts', type: 'Histogram' },
  NewSummary: { opts: 'SummaryOpts', type: 'Summary' },
};

const CONSTRUCTOR_NAMES = Object.keys(CONSTRUCTORS);

/** Methods that record a value; on a Vec they move behind `WithLabelValues(...)`. */
const RECORDERS = new Set(['Inc', 'Dec', 'Add', 'Sub', 'Set', 'Observe', 'SetToCurrentTime']);

const FAILURE_WORDS = new Set(['error', 'errors', 'err', 'errs', 'fail', 'fails', 'failed', 'failure', 'failures', 'failing', 'timeout', 'timeouts', 'timedout']);

/** True when a metric name or help text is about errors, failures or timeouts. */
export function soundsLikeFailure(text: string): boolean {
  const lower = text.toLowerCase();
  return /timed[\s_-]?out/.test(lower) || lower.split(/[^a-z]+/).some((word) => FAILURE_WORDS.has(word));
}

export const rule = defineFileRule({
  meta: {
    id: 'metric-no-labels',
    trap: 'observability',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'An error/failure/timeout metric is a plain Counter/Gauge/Histogram/Summary with no labels.',
      zh: '错误/失败/超时类指标使用了不带标签的 Counter/Gauge/Histogram/Summary。',
    },
    why: {
      en: 'A single unlabelled error counter tells you that failures rose, not for which channel or reason; the alert fires and the investigation starts from zero.',
      zh: '一个不带标签的错误计数器只能告诉你失败变多了，却说不出是哪个渠道、什么原因；告警响了，排查却要从零开始。',
    },
    messages: {
      noLabels: {
        en: 'The metric {name} counts failures without labels: use {vec} with labels such as {labels} so the cause can be found.',
        zh: '指标 {name} 统计失败却没有任何标签：请改用 {vec} 并加上 {labels} 等标签，以便定位原因。',
      },
      fixVec: {
        en: 'Convert to {vec} with labels {labels} and update the call sites in this file',
        zh: '转换为带 {labels} 标签的 {vec}，并更新本文件中的调用处',
      },
      notListed: NOT_LISTED,
    },
  },
  check(context) {
    const { file, types } = context;
    if (file.isTest || !mentionsAnyWord(file.text, CONSTRUCTOR_NAMES)) return;
    const budget = new FindingBudget(context);
    const sites = new FixSites(context);
    for (const call of callsNamed(file, CONSTRUCTOR_NAMES, { bare: true })) {
      const found = metricConstructor(context, call);
      if (!found) continue;
      const { name: constructorName, constructor, opts } = found;
      const literal = optionsLiteral(context, opts);
      if (!literal || types.typeOf(literal) !== named(PROMETHEUS, constructor.opts)) continue;
      const fields = literalFields(literal);
      if (fields.has('ConstLabels')) continue;
      const name = stringValue(fields.get('Name')) ?? '';
      const help = stringValue(fields.get('Help')) ?? '';
      // A parenthetical in the help is a caveat ("queued requests (may fail on errors)"), not what is measured.
      if (!soundsLikeFailure(name) && !soundsLikeFailure(help.replace(/\([^()]*\)/g, ' '))) continue;
      if (!budget.admit(call)) continue;
      const labels = context.settings.metrics.defaultLabels;
      const vec = `${constructorName}Vec`;
      context.report({
        node: call,
        messageId: 'noLabels',
        data: { name: name || call.childForFieldName('function')!.text, vec, labels: labels.join(', ') },
        fixes: vecFix(context, call, opts, constructor.type, labels, sites),
      });
    }
    budget.finish();
  },
});

/** A Prometheus metric constructor as the resolver sees it: prometheus.NewX, promauto.NewX, or a promauto.Factory's NewX. */
function metricConstructor(context: FileContext, call: SyntaxNode): { name: string; constructor: { opts: string; type: string }; opts: SyntaxNode } | null {
  const fn = call.childForFieldName('function');
  const name = (fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text) ?? '';
  // Most calls are something else: the name decides before the resolver is asked.
  if (!Object.hasOwn(CONSTRUCTORS, name)) return null;
  const callee = context.types.calleeOf(call);
  const fromPackage = callee?.kind === 'func' && (callee.pkg === PROMETHEUS || callee.pkg === PROMAUTO);
  const fromFactory = callee?.kind === 'method' && namedParts(callee.receiver)?.pkg === PROMAUTO;
  if (!fromPackage && !fromFactory) return null;
  const opts = callArguments(call)[0];
  return opts ? { name, constructor: CONSTRUCTORS[name], opts } : null;
}

/** The options literal: written in the call, or the literal a local was bound to (`opts := prometheus.CounterOpts{...}`). */
function optionsLiteral(context: FileContext, opts: SyntaxNode): SyntaxNode | null {
  if (opts.type === 'composite_literal') return opts;
  if (opts.type !== 'identifier') return null;
  const local = context.types.localDeclOf(opts);
  const bound = local && (local.kind === 'short' || local.kind === 'var') ? context.types.boundValue(local) : null;
  return bound?.type === 'composite_literal' ? bound : null;
}

/** The keyed fields of a struct literal by name, e.g. Name → its value node. */
function literalFields(literal: SyntaxNode): Map<string, SyntaxNode> {
  const fields = new Map<string, SyntaxNode>();
  const body = literal.childForFieldName('body');
  for (const element of body?.namedChildren ?? []) {
    if (element?.type !== 'keyed_element') continue;
    const [key, value] = element.namedChildren;
    const valueNode = value?.type === 'literal_element' ? value.namedChild(0) : value;
    if (key && valueNode) fields.set(key.text, valueNode);
  }
  return fields;
}

/**
 * How the file refers to the metric afterwards: a local or package variable (`declaration` is its declaring
 * name), or a struct field (`m.errors`).
 */
type Binding =
  | { kind: 'variable'; name: string; declaration: SyntaxNode; typeNode: SyntaxNode | null; local: boolean }
  | { kind: 'field'; name: string };

function bindingOf(context: FileContext, call: SyntaxNode): Binding | null {
  const parent = call.parent;
  if (parent?.type === 'expression_list' && parent.namedChildCount === 1) {
    const holder = parent.parent;
    if (holder?.type === 'var_spec') {
      const names = fieldChildren(holder, 'name');
      const local = !!enclosingFunction(holder);
      return names.length === 1 && names[0] ? { kind: 'variable', name: names[0].text, declaration: names[0], typeNode: holder.childForFieldName('type'), local } : null;
    }
    if (holder?.type === 'short_var_declaration') {
      const left = holder.childForFieldName('left')?.namedChildren ?? [];
      if (left.length !== 1 || left[0]?.type !== 'identifier') return null;
      return { kind: 'variable', name: left[0].text, declaration: left[0], typeNode: null, local: true };
    }
    if (holder?.type === 'assignment_statement') {
      const left = holder.childForFieldName('left')?.namedChildren ?? [];
      if (left.length !== 1 || left[0]?.type !== 'selector_expression') return null;
      return { kind: 'field', name: left[0].childForFieldName('field')!.text };
    }
    return null;
  }
  if (parent?.type === 'literal_element' && parent.parent?.type === 'keyed_element') {
    const key = parent.parent.namedChild(0);
    if (key && key.id !== parent.id && /^\w+$/.test(key.text)) return { kind: 'field', name: key.text };
  }
  return null;
}

/**
 * What the Vec fixes of one file read, gathered once: the recording calls and field declarations by name, the
 * names in scope, and whether other code can reach the package's names.
 */
class FixSites {
  readonly scope = new ScopeNames();
  private recorders: Map<string, SyntaxNode[]> | undefined;
  private fields: Map<string, SyntaxNode[]> | undefined;
  private importers: boolean | undefined;

  constructor(private readonly context: FileContext) {}

  /** Recording calls (`x.Inc()`, `m.errors.Add(1)`) by the name their receiver ends in. */
  recordersOf(name: string): SyntaxNode[] {
    if (!this.recorders) {
      this.recorders = new Map();
      for (const use of findAll(this.context.file.root, 'call_expression')) {
        const selector = use.childForFieldName('function');
        if (selector?.type !== 'selector_expression' || !RECORDERS.has(selector.childForFieldName('field')?.text ?? '')) continue;
        const operand = selector.childForFieldName('operand')!;
        const key = operand.type === 'identifier' ? operand.text : operand.type === 'selector_expression' ? (operand.childForFieldName('field')?.text ?? '') : '';
        if (key) pushTo(this.recorders, key, use);
      }
    }
    return this.recorders.get(name) ?? [];
  }

  /** Single-name field declarations of this file by name. */
  fieldsNamed(name: string): SyntaxNode[] {
    if (!this.fields) {
      this.fields = new Map();
      for (const decl of findAll(this.context.file.root, 'field_declaration')) {
        const names = fieldChildren(decl, 'name');
        if (names.length === 1 && names[0]) pushTo(this.fields, names[0].text, decl);
      }
    }
    return this.fields.get(name) ?? [];
  }

  /**
   * True when code outside this file may use the metric by name: other files of the package, or (for an
   * exported name) any importer of the package. The fix changes the metric's type, which only compiles when
   * every use is rewritten, and a fix sees this file alone.
   */
  usedOutsideFile(name: string): boolean {
    const { index, ownPackage } = this.context.types;
    if (index.filesOf(ownPackage).some((path) => path !== this.context.file.path)) return true;
    if (!/^\p{Lu}/u.test(name)) return false;
    this.importers ??= [...index.packages()].some((pkg) => index.filesOf(pkg).some((path) => index.declsOf(path)?.imports.some((spec) => spec.path === ownPackage)));
    return this.importers;
  }
}

function pushTo(map: Map<string, SyntaxNode[]>, key: string, node: SyntaxNode): void {
  const list = map.get(key);
  if (list) list.push(node);
  else map.set(key, [node]);
}

/**
 * The Vec conversion: constructor, label names, the declared type, and every recording call in this file.
 * Never applied by fix-all: label values need a person. Offered only where every use of the metric is in this
 * file: a metric returned, passed on, or shared with other files would no longer compile there.
 */
function vecFix(context: FileContext, call: SyntaxNode, opts: SyntaxNode, type: string, labels: string[], sites: FixSites): FixDescriptor[] {
  const { file, types } = context;
  const binding = bindingOf(context, call);
  if (!binding) return [];
  if (!(binding.kind === 'variable' && binding.local) && sites.usedOutsideFile(binding.name)) return [];
  const fn = call.childForFieldName('function')!;
  const nameNode = fn.type === 'selector_expression' ? fn.childForFieldName('field')! : fn;
  const edits: FileEdit[] = [replaceNode(file, nameNode, `${nameNode.text}Vec`), insertAt(file, rangeOf(opts).end, `, []string{${labels.map(goString).join(', ')}}`)];
  const plain = named(PROMETHEUS, type);
  const vecText = (typeNode: SyntaxNode) => `*${typeNode.childForFieldName('package')?.text ?? ''}.${type}Vec`;
  const isPlainType = (node: SyntaxNode | null | undefined): node is SyntaxNode => node?.type === 'qualified_type' && types.typeOfTypeNode(node) === plain;
  if (binding.kind === 'variable' && isPlainType(binding.typeNode)) edits.push(replaceNode(file, binding.typeNode, vecText(binding.typeNode)));
  if (binding.kind === 'field') {
    for (const decl of sites.fieldsNamed(binding.name)) {
      const typeNode = decl.childForFieldName('type');
      if (isPlainType(typeNode)) edits.push(replaceNode(file, typeNode, vecText(typeNode)));
    }
  }
  for (const use of sites.recordersOf(binding.name)) {
    const operand = use.childForFieldName('function')!.childForFieldName('operand')!;
    if (!sameMetric(context, operand, binding, plain)) continue;
    const values = labels.map((label) => sites.scope.variableFor(use, label)?.name ?? '"unknown"');
    edits.push(insertAt(file, rangeOf(operand).end, `.WithLabelValues(${values.join(', ')})`));
  }
  return [{ title: rule.meta.messages.fixVec, edits, safe: false }];
}

/** True when `operand` names the metric being converted: the same variable, or a field of that name holding such a metric. */
function sameMetric(context: FileContext, operand: SyntaxNode, binding: Binding, plain: string): boolean {
  const { types } = context;
  if (binding.kind === 'variable') {
    if (operand.type !== 'identifier' || operand.text !== binding.name) return false;
    const local = types.localDeclOf(operand);
    return binding.local ? local?.node.id === binding.declaration.id : !local;
  }
  return operand.type === 'selector_expression' && operand.childForFieldName('field')?.text === binding.name && types.typeOf(operand) === plain;
}
