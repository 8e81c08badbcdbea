/** Suppression comments that hide a trap without saying why, name no known rule, or silence nothing. */
import { defineFileRule, ReportDescriptor } from '../../engine/rule';
import { ALL_RULES, Directive, directiveHasReason, isPlaceholderReason, readDirectives } from '../../engine/suppress';

export const SUPPRESSION_RULE_ID = 'invalid-suppression';

/**
 * Rules that read their own directives: they report a decision once, away from the calls a directive sits on,
 * and leave those calls out themselves, so whether a directive was used cannot be told from their findings.
 */
const SUPPRESSED_BY_THE_RULE: ReadonlySet<string> = new Set(['log-unstructured']);

/** Set by the registry, which imports this file: the ids a directive may name. */
let knownRuleIds: ReadonlySet<string> = new Set();
export function setKnownRuleIds(ids: Iterable<string>): void {
  knownRuleIds = new Set(ids);
}

export const rule = defineFileRule({
  meta: {
    id: SUPPRESSION_RULE_ID,
    trap: 'meta',
    // Visible in Problems (VS Code lists no hints there): a suppression that does not work must be seen.
    severity: 'info',
    fixable: false,
    description: {
      en: 'A go-traps suppression comment without a reason, naming an unknown rule, or silencing nothing.',
      zh: 'go-traps 抑制注释缺少理由、引用了不存在的规则，或者没有抑制任何问题。',
    },
    why: {
      en: 'A silenced trap is a decision the next engineer must be able to read. Stale suppressions hide the day the trap comes back.',
      zh: '被抑制的陷阱是一个需要让后来者读懂的决定；过期的抑制注释会在陷阱重新出现时把它藏起来。',
    },
    messages: {
      noReason: {
        en: 'Suppression of {rule} gives no reason, so it silences nothing; write why this trap is acceptable here.',
        zh: '对 {rule} 的抑制没有写理由，因此不起作用；请说明为什么这里可以接受这个陷阱。',
      },
      placeholderReason: {
        en: 'Suppression of {rule} has a placeholder ("{reason}") instead of a reason, so it silences nothing; write why this trap is acceptable here.',
        zh: '对 {rule} 的抑制只有占位文字（"{reason}"）而不是理由，因此不起作用；请说明为什么这里可以接受这个陷阱。',
      },
      unknownRule: {
        en: 'Suppression names "{rule}", which is not a go-traps rule.',
        zh: '抑制注释引用的 "{rule}" 不是 go-traps 的规则。',
      },
      unused: {
        en: 'This suppression of {rule} silences nothing; remove it.',
        zh: '这条对 {rule} 的抑制没有抑制任何问题，请删除。',
      },
    },
  },
  check(context) {
    for (const directive of readDirectives(context.file)) {
      if (directive.kind === 'nolint') continue;
      const named = directive.rules.join(',') || '?';
      for (const id of directive.rules) {
        if (!knownRuleIds.has(id)) context.report({ range: directive.range, messageId: 'unknownRule', data: { rule: id } });
      }
      if (directiveHasReason(directive)) continue;
      if (directive.reason.trim() === '') context.report({ range: directive.range, messageId: 'noReason', data: { rule: named } });
      else if (isPlaceholderReason(directive.reason)) context.report({ range: directive.range, messageId: 'placeholderReason', data: { rule: named, reason: directive.reason.trim() } });
    }
  },
});

/**
 * The directives that silenced nothing. Only directives naming rules that ran can be judged; golangci-lint's
 * `//nolint` lists may name other linters, so only the go-traps parts of them are judged.
 */
export function unusedDirectiveFindings(directives: Directive[], used: Set<Directive>, enabledRules: Set<string>): ReportDescriptor[] {
  const reports: ReportDescriptor[] = [];
  for (const directive of directives) {
    // A directive without a reason silences nothing by design; its report says why already.
    if (used.has(directive) || directive.rules.includes(ALL_RULES) || !directiveHasReason(directive)) continue;
    const judged = directive.rules.filter((id) => enabledRules.has(id) && knownRuleIds.has(id) && !SUPPRESSED_BY_THE_RULE.has(id));
    if (judged.length === 0 || judged.length !== directive.rules.filter((id) => knownRuleIds.has(id)).length) continue;
    if (directive.kind === 'nolint' && judged.length !== directive.rules.length) continue;
    reports.push({ range: directive.range, messageId: 'unused', data: { rule: judged.join(', ') } });
  }
  return reports;
}
