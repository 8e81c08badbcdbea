/** A config reload that applies new values with no validation and no recover: one bad push takes the service down. */
import { applies } from './config-apply';
import { callsRecover, callsValidation, declaredFunctions, handlerCode, isInside, isViperCall, ReloadHandler, reloadHandlers } from './config-reload';
import { isTestHarness } from '../test-harness';
import type { Resolver } from '../../go/resolver';
import { guardFix } from './config-reload-fix';
import { enclosingTopLevelFunction, findAll } from '../../go/syntax';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule } from '../../engine/rule';

const KIND_NAMES: Record<ReloadHandler['kind'], string> = { viper: 'viper OnConfigChange', fsnotify: 'fsnotify event loop', etcd: 'etcd Watch loop' };

const messages = {
  unvalidated: {
    en: 'This {kind} applies the new config without validating it and without recover: one bad value pushed at runtime goes live or crashes the service.',
    zh: '这个 {kind} 直接应用新配置，既没有校验也没有 recover：运行时推送的一个非法值要么直接生效，要么让服务崩溃。',
  },
  watchNoHook: {
    en: 'viper.WatchConfig swaps changed values in with no OnConfigChange hook to validate them.',
    zh: 'viper.WatchConfig 会直接换入变更后的值，却没有 OnConfigChange 回调来校验它们。',
  },
  fixGuard: {
    en: 'Validate before the swap and recover from a panic, keeping the previous config',
    zh: '在替换前校验，并用 recover 兜住 panic，保留上一份配置',
  },
  fixRecoverOnly: {
    en: 'Recover from a panic in the reload (no Validate method found: write one and call it before the swap)',
    zh: '用 recover 兜住热更新中的 panic(未找到 Validate 方法：请编写一个并在替换前调用)',
  },
};

export const rule = defineFileRule({
  meta: {
    id: 'config-reload-unvalidated',
    trap: 'config',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A config reload path (viper OnConfigChange, fsnotify loop, etcd Watch loop) applies new values without validation or recover.',
      zh: '配置热更新路径(viper OnConfigChange、fsnotify 循环、etcd Watch 循环)在没有校验、也没有 recover 的情况下应用新值。',
    },
    why: {
      en: 'Hot reload skips the deploy pipeline: a typo pushed to etcd or a half-written file reaches every instance at once. Without a validation step the bad value goes live; without recover a panic while applying it restarts the service.',
      zh: '热更新绕过了发布流程：推到 etcd 的一个笔误或写了一半的文件会同时到达所有实例。没有校验，非法值直接生效；没有 recover，应用时的 panic 会让服务重启。',
    },
    messages,
  },
  check(context) {
    const { file, types } = context;
    if (isTestHarness(file, context.location, context.settings)) return;
    const handlers = reloadHandlers(types);
    const functions = handlers.length > 0 ? declaredFunctions(file) : new Map<string, SyntaxNode[]>();
    for (const handler of handlers) {
      // A loop nested in another handler (etcd events inside a watch response) is part of that handler.
      if (handlers.some((other) => other !== handler && isInside(handler.anchor, [other.body]))) continue;
      const code = handlerCode(file, handler.body, functions);
      if (!applies(file, code, handler) || callsValidation(code) || callsRecover(code)) continue;
      // A panic in a loop unwinds the function that runs it; a recover there at least keeps the process.
      const owner = enclosingTopLevelFunction(handler.anchor);
      if (handler.scope === 'loop' && owner && callsRecover([owner])) continue;
      context.report({ node: handler.anchor, messageId: 'unvalidated', data: { kind: KIND_NAMES[handler.kind] }, fixes: guardFix(context, handler, { validate: messages.fixGuard, recoverOnly: messages.fixRecoverOnly }) });
    }
    if (file.text.includes('WatchConfig') && !handlers.some((h) => h.kind === 'viper')) {
      for (const call of findAll(file.root, 'call_expression')) {
        if (isViperCall(types, call, 'WatchConfig') && readsLater(types, call)) {
          context.report({ node: call, messageId: 'watchNoHook' });
        }
      }
    }
  },
});

/**
 * True when some other function of the file reads viper values (`viper.GetInt(...)`): those reads see whatever
 * the watcher swapped in. Values copied once next to WatchConfig never change, so the watch is merely idle.
 */
function readsLater(types: Resolver, watch: SyntaxNode): boolean {
  const owner = enclosingTopLevelFunction(watch);
  const receiver = watch.childForFieldName('function')?.childForFieldName('operand')?.text;
  return findAll(watch.tree.rootNode, 'call_expression').some((call) => {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('operand')?.text !== receiver) return false;
    const name = fn.childForFieldName('field')?.text ?? '';
    return /^Get[A-Z]?\w*$/.test(name) && isViperCall(types, call, name) && !(owner && isInside(call, [owner]));
  });
}
