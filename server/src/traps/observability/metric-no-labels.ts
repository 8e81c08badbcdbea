/** `prometheus.NewCounter(... "payment_errors_total" ...)`: errors counted with no dimension to find the cause by. */
import { fieldChildren } from '../../go/syntax';
import { insertAt, replaceNode } from '../../engine/edits';
import { findAll, stringValue } from '../../go/syntax';
import { goString } from './logging-format';
import { namesInScope, variableForKey } from './logging-scope';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import { rangeOf } from '../../go/source';
import type { FileEdit } from '../../engine/types';

const PROMETHEUS = 'github.com/prometheus/client_golang/prometheus';

/** Constructor → the options type it takes and the metric type it returns. */
const CONSTRUCTORS: Record<string, { opts: string; type: string }> = {
  NewCounter: { opts: 'CounterOpts', type: 'Counter' },
  NewGauge: { opts: 'GaugeOpts', type: 'Gauge' },
  NewHistogram: { opts: 'HistogramOpts', type: 'Histogram' },
  NewSummary: { opts: 'SummaryOpts', type: 'Summary' },
};

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
    },
  },
  check(context) {
    const { file } = context;
    if (file.isTest) return;
    const prom = file.localNameOf(PROMETHEUS);
    if (!prom) return;
    for (const call of findAll(file.root, 'call_expression')) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'selector_expression') continue;
      const constructor = CONSTRUCTORS[fn.childForFieldName('field')?.text ?? ''];
      const opts = call.childForFieldName('arguments')?.namedChildren.find((n) => n && n.type !== 'comment');
      if (!constructor || !opts || opts.type !== 'composite_literal') continue;
      if (opts.childForFieldName('type')?.text !== `${prom}.${constructor.opts}`) continue;
      const fields = literalFields(opts);
      if (fields.has('ConstLabels')) continue;
      const name = stringValue(fields.get('Name')) ?? '';
      const help = stringValue(fields.get('Help')) ?? '';
      // A parenthetical in the help is a caveat ("queued requests (may fail on errors)"), not what is measured.
      if (!soundsLikeFailure(name) && !soundsLikeFailure(help.replace(/\([^()]*\)/g, ' '))) continue;
      const labels = context.settings.metrics.defaultLabels;
      const vec = `${fn.childForFieldName('field')!.text}Vec`;
      context.report({
        node: call,
        messageId: 'noLabels',
        data: { name: name || fn.text, vec, labels: labels.join(', ') },
        fixes: vecFix(context, call, opts, prom, constructor.type, labels),
      });
    }
  },
});

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

/** How the file refers to the metric afterwards: a variable, or a struct field (`m.errors`). */
type Binding = { kind: 'variable'; name: string; typeNode: SyntaxNode | null } | { kind: 'field'; name: string };

function bindingOf(call: SyntaxNode): Binding | null {
  const parent = call.parent;
  if (parent?.type === 'expression_list' && parent.namedChildCount === 1) {
    const holder = parent.parent;
    if (holder?.type === 'var_spec') {
      const names = fieldChildren(holder, 'name');
      return names.length === 1 && names[0] ? { kind: 'variable', name: names[0].text, typeNode: holder.childForFieldName('type') } : null;
    }
    if (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement') {
      const left = holder.childForFieldName('left')?.namedChildren ?? [];
      if (left.length !== 1 || !left[0]) return null;
      if (left[0].type === 'identifier') return { kind: 'variable', name: left[0].text, typeNode: null };
      if (left[0].type === 'selector_expression') return { kind: 'field', name: left[0].childForFieldName('field')!.text };
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
 * The Vec conversion: constructor, label names, the declared type, and every recording call in this file.
 * Never applied by fix-all: label values need a person, and uses in other files of the package change too.
 */
function vecFix(context: FileContext, call: SyntaxNode, opts: SyntaxNode, prom: string, type: string, labels: string[]): FixDescriptor[] {
  const { file } = context;
  const fn = call.childForFieldName('function')!;
  const edits: FileEdit[] = [
    replaceNode(file, fn.childForFieldName('field')!, `${fn.childForFieldName('field')!.text}Vec`),
    insertAt(file, rangeOf(opts).end, `, []string{${labels.map(goString).join(', ')}}`),
  ];
  const binding = bindingOf(call);
  const vecType = `*${prom}.${type}Vec`;
  const isPlainType = (node: SyntaxNode | null | undefined) => node?.text === `${prom}.${type}`;
  if (binding?.kind === 'variable' && isPlainType(binding.typeNode)) edits.push(replaceNode(file, binding.typeNode!, vecType));
  if (binding?.kind === 'field') {
    for (const decl of findAll(file.root, 'field_declaration')) {
      const typeNode = decl.childForFieldName('type');
      const names = fieldChildren(decl, 'name');
      if (names.length === 1 && names[0]?.text === binding.name && isPlainType(typeNode)) edits.push(replaceNode(file, typeNode!, vecType));
    }
  }
  if (binding) {
    for (const use of findAll(file.root, 'call_expression')) {
      const selector = use.childForFieldName('function');
      if (selector?.type !== 'selector_expression' || !RECORDERS.has(selector.childForFieldName('field')?.text ?? '')) continue;
      const operand = selector.childForFieldName('operand')!;
      const matches =
        binding.kind === 'variable'
          ? operand.type === 'identifier' && operand.text === binding.name
          : operand.type === 'selector_expression' && operand.childForFieldName('field')?.text === binding.name;
      if (!matches) continue;
      const names = namesInScope(use);
      const values = labels.map((label) => variableForKey(names, label)?.name ?? '"unknown"');
      edits.push(insertAt(file, rangeOf(operand).end, `.WithLabelValues(${values.join(', ')})`));
    }
  }
  return [{ title: rule.meta.messages.fixVec, edits, safe: false }];
}
