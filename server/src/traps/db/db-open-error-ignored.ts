/** `db, _ := sql.Open(...)`: a bad DSN or driver name surfaces as a nil-pointer panic at the first query. */
import { ensureImport, insertLinesAfter, insertLinesBefore, replaceNode } from '../../engine/edits';
import { declaresBefore, discardedSecondResult, enclosingFunction, enclosingStatement, findAll, functionName } from '../../go/syntax';
import { returnErrorStatement } from '../../go/zero-values';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { FileEdit } from '../../engine/types';

/** Constructors of database handles that return `(handle, error)`, by import path. */
const DB_OPENERS: Record<string, string[]> = {
  'database/sql': ['Open'],
  'github.com/jmoiron/sqlx': ['Open', 'Connect', 'ConnectContext', 'NewDb'],
  'gorm.io/gorm': ['Open'],
  'github.com/jinzhu/gorm': ['Open'],
};

/** True for a call of a known database constructor, whatever name (or dot import) the file reaches it by. */
function isDbOpenCall(context: FileContext, call: SyntaxNode): boolean {
  const callee = context.types.calleeOf(call);
  return callee?.kind === 'func' && !!DB_OPENERS[callee.pkg]?.includes(callee.name);
}

export const rule = defineFileRule({
  meta: {
    id: 'db-open-error-ignored',
    trap: 'db',
    severity: 'error',
    fixable: true,
    description: {
      en: 'The error from sql.Open (or sqlx/gorm Open) is discarded.',
      zh: '丢弃了 sql.Open(或 sqlx/gorm 的 Open)返回的错误。',
    },
    why: {
      en: 'A wrong driver name or malformed DSN is only reported through that error; dropped, the service starts "healthy" and panics or times out on its first query in production.',
      zh: '驱动名写错或 DSN 格式不对只会通过这个错误暴露；丢掉它，服务会“健康”启动，然后在生产环境的第一条查询时 panic 或超时。',
    },
    messages: {
      discarded: {
        en: 'The error of {call} is discarded: a bad DSN or driver would only show up as a failure at the first query.',
        zh: '{call} 的错误被丢弃：DSN 或驱动有误时，要到第一条查询才会失败。',
      },
      fixBind: { en: 'Bind and check the error of {call}', zh: '接收并检查 {call} 的错误' },
    },
  },
  check(context) {
    // Only a file that imports a database package can call its constructors.
    if (!Object.keys(DB_OPENERS).some((path) => context.file.hasImport(path))) return;
    for (const call of findAll(context.file.root, 'call_expression')) {
      if (!isDbOpenCall(context, call)) continue;
      const callee = call.childForFieldName('function')!.text;
      const parent = call.parent;
      if (parent?.type === 'expression_statement') {
        context.report({ node: call, messageId: 'discarded', data: { call: callee } });
        continue;
      }
      const blank = discardedSecondResult(call)?.blank;
      if (!blank) continue;
      context.report({ node: blank, messageId: 'discarded', data: { call: callee }, fixes: bindErrorFix(context, call, blank) });
    }
  },
});

function bindErrorFix(context: FileContext, call: SyntaxNode, blank: SyntaxNode): FixDescriptor[] {
  const statement = enclosingStatement(call);
  const fn = enclosingFunction(call);
  // A package-level `var db, _ = sql.Open(...)` has no statement to check the error in.
  if (!statement || !fn) return [];
  const errName = 'err';
  const edits: FileEdit[] = [replaceNode(context.file, blank, errName)];
  // `x, _ = open()` assigns: `err` must exist before it does.
  if (statement.type === 'assignment_statement' && !declaresBefore(fn, errName, statement)) {
    edits.push(insertLinesBefore(context.file, statement, [`var ${errName} error`]));
  }
  const returning = returnErrorStatement(fn, errName);
  let handling: string;
  if (returning) handling = returning;
  else if (fn.type === 'function_declaration' && functionName(fn) === 'main' && canUseStdLog(context)) {
    handling = `${context.file.localNameOf('log') ?? 'log'}.Fatalf("open database: %v", ${errName})`;
    edits.push(...ensureImport(context.file, 'log'));
  } else handling = `panic(${errName})`;
  edits.push(insertLinesAfter(context.file, statement, [`if ${errName} != nil {`, `\t${handling}`, '}']));
  return [{ title: rule.meta.messages.fixBind, edits }];
}

/** The standard `log` is usable unless another import already took the name `log`. */
function canUseStdLog(context: FileContext): boolean {
  return context.file.localNameOf('log') === 'log' || !context.file.importPathOf('log');
}
