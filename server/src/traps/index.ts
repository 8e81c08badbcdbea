/** The registry: every rule, sorted by id. Adding a rule = one file in this folder + one line here. */
import type { Rule } from '../engine/rule';
import { rule as configEnvNoDefault } from './config/config-env-no-default';
import { rule as configHardcodedDsn } from './config/config-hardcoded-dsn';
import { rule as configParseUnchecked } from './config/config-parse-unchecked';
import { rule as configReloadUnvalidated } from './config/config-reload-unvalidated';
import { rule as ctxBackgroundInRequest } from './context/ctx-background-in-request';
import { rule as ctxCancelLost } from './context/ctx-cancel-lost';
import { rule as dbContextNoDeadline } from './db/db-context-no-deadline';
import { rule as dbNoContext } from './db/db-no-context';
import { rule as dbOpenErrorIgnored } from './db/db-open-error-ignored';
import { rule as dbPoolUnbounded } from './db/db-pool-unbounded';
import { rule as dbSharedPool } from './db/db-shared-pool';
import { rule as goroutineCtxCancelled } from './goroutine/goroutine-ctx-cancelled';
import { rule as goroutineNoExit } from './goroutine/goroutine-no-exit';
import { rule as goroutineUnbounded } from './goroutine/goroutine-unbounded';
import { rule as httpClientNoTimeout } from './remote/http-client-no-timeout';
import { rule as httpRequestNoContext } from './remote/http-request-no-context';
import { rule as invalidSuppression, setKnownRuleIds } from './meta/invalid-suppression';
import { rule as logErrorNoFields } from './observability/log-error-no-fields';
import { rule as logUnstructured } from './observability/log-unstructured';
import { rule as metricNoLabels } from './observability/metric-no-labels';
import { rule as traceGinNoMiddleware } from './observability/trace-gin-no-middleware';
import { rule as traceSpanNotEnded } from './observability/trace-span-not-ended';
import { rule as wsReadNoDeadline } from './goroutine/ws-read-no-deadline';

/** Kept in id order by hand (a test checks), so the list reads like the rules table in the README. */
export const RULES: readonly Rule[] = [
  configEnvNoDefault,
  configHardcodedDsn,
  configParseUnchecked,
  configReloadUnvalidated,
  ctxBackgroundInRequest,
  ctxCancelLost,
  dbContextNoDeadline,
  dbNoContext,
  dbOpenErrorIgnored,
  dbPoolUnbounded,
  dbSharedPool,
  goroutineCtxCancelled,
  goroutineNoExit,
  goroutineUnbounded,
  httpClientNoTimeout,
  httpRequestNoContext,
  invalidSuppression,
  logErrorNoFields,
  logUnstructured,
  metricNoLabels,
  traceGinNoMiddleware,
  traceSpanNotEnded,
  wsReadNoDeadline,
];

setKnownRuleIds(RULES.map((r) => r.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

/** Where each rule's documentation lives; the same pages ship in the extension under docs/rules. */
export const DOCS_BASE_URL = 'https://github.com/go-traps/go-traps/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
