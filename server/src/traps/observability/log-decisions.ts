/**
 * The facts log-unstructured reads from one file: its unstructured log calls grouped by the decision behind
 * them (the standard log package in this package, or one *log.Logger: a package variable, a struct field, a
 * parameter, a local), the *log.Logger declarations the file holds, and the conversion of its package calls.
 * The rule reports each decision once, across files, where it was made.
 */
import { isTestCode } from '../../engine/domains';
import { ALL_RULES, directiveHasReason, readDirectives } from '../../engine/suppress';
import { enclosingTopLevelFunction, fieldChildren, findAll, functionName } from '../../go/syntax';
import { named, namedParts } from '../../go/types';
import { mayHoldTypeOf } from '../../go/type-reach';
import { rangeOf } from '../../go/source';
import { isStartupCode } from './startup-code';
import { chooseTarget } from './logging-convert';
import { convertFile, FileConversion, LOG_LEVELS } from './logging-file-conversion';
import type { SyntaxNode } from '../../go/parser';
import type { Resolver } from '../../go/resolver';
import type { SourceFile } from '../../go/source';
import type { FileLocation } from '../../engine/rule';
import type { Settings } from '../../engine/config';
import type { Range } from '../../engine/types';
import { callsNamed } from '../../go/calls-by-name';

/** One decision's calls in one file. */
export interface LoggerUse {
  /** Names the decision across the workspace: `pkg:"<import path>"` for the standard logger, else the logger's storage. */
  key: string;
  kind: 'package' | 'logger';
  /** How messages name it: `log` for the package, the receiver as first written (`logs.Warn`, `a.log`) for a logger. */
  name: string;
  calls: number;
  first: Range;
}

/** A *log.Logger declared in this file: where a logger decision's finding goes. */
export interface LoggerDeclaration {
  key: string;
  range: Range;
}

export interface UnstructuredFacts {
  uses: LoggerUse[];
  declarations: LoggerDeclaration[];
  /** The file's package, by import path and by name. */
  packagePath: string;
  packageName: string;
  /**
   * The file imports something that serves requests or consumes messages (or the `log.allowInMain` setting is
   * off): a package main with such a file is a service, one without is a command-line tool.
   */
  serves: boolean;
  /** The conversion of this file's package calls, and the logger it converts to ('' when none would compile). */
  conversion: FileConversion | null;
  target: string;
}

const RULE_ID = 'log-unstructured';
const LOG_METHODS = Object.keys(LOG_LEVELS);

/** Import paths of servers and consumers: a `package main` that imports none of them is a command-line tool. */
const SERVING = /^net\/http$|^net\/rpc|grpc|gin-gonic|labstack\/echo|gofiber|go-chi|gorilla\/(mux|websocket)|nhooyr\.io\/websocket|kafka|sarama|nats|amqp|rabbitmq|redis|mqtt|robfig\/cron|hibiken\/asynq|machinery|temporal|fasthttp|beego|kratos|go-zero|iris/;

/** Collects the file's facts, or undefined when it logs nothing unstructured and declares no *log.Logger. */
export function collectUnstructured(file: SourceFile, settings: Settings, location: FileLocation, types: Resolver): UnstructuredFacts | undefined {
  if (file.isTest || types.ownPackage === 'log' || isTestCode(location, settings)) return undefined;
  const main = file.packageName === 'main';
  // With main's start-up logging not allowed, a command's lines count as much as a service's.
  const serves = main && (!settings.log.allowInMain || [...file.importPaths].some((path) => SERVING.test(path)));
  const empty = serves ? emptyFacts(types, file) : undefined;
  // Most files never name a logger method, or cannot hold a logger at all: skip their walk (and their parse).
  if (!mayCallLogger(file.text) || !mayHoldStdLogger(file, types)) return empty;
  const ignored = ignoredLines(file);
  if (ignored === 'file') return empty;
  const mainExempt = settings.log.allowInMain && main;
  const uses = new Map<string, LoggerUse>();
  const packageCalls: { call: SyntaxNode; method: string }[] = [];
  const localDeclarations: LoggerDeclaration[] = [];
  for (const call of callsNamed(file, LOG_METHODS)) {
    const found = unstructuredCall(types, call);
    if (!found || ignored.has(call.startPosition.row) || exempt(call, location, mainExempt)) continue;
    if (found.kind === 'package' && !found.receiver) packageCalls.push({ call, method: found.method });
    const key = found.kind === 'package' ? `pkg:"${types.ownPackage}"` : loggerKey(file, types, found.receiver!);
    const use = uses.get(key);
    if (use) {
      use.calls++;
      continue;
    }
    uses.set(key, { key, kind: found.kind, name: found.kind === 'package' ? 'log' : found.receiver!.text, calls: 1, first: rangeOf(call) });
    // A local or parameter is declared in this very function: its finding goes there.
    const local = found.receiver?.type === 'identifier' ? types.localDeclOf(found.receiver) : null;
    if (local) localDeclarations.push({ key, range: rangeOf(local.node) });
  }
  const declarations = [...loggerDeclarations(file, types), ...localDeclarations];
  if (uses.size === 0 && declarations.length === 0) return empty;
  const logName = file.localNameOf('log');
  const target = packageCalls.length > 0 && logName ? chooseTarget(file, logName, location, types) : null;
  return {
    uses: [...uses.values()],
    declarations,
    packagePath: types.ownPackage,
    packageName: file.packageName,
    serves,
    conversion: target && logName ? convertFile(file, types, packageCalls, logName, target) : null,
    target: target?.label ?? '',
  };
}

/**
 * Whether the text names a logger method or type at all. `fmt.Printf` is no logger call: when every `fmt` of the
 * file is the package (followed by a dot, or the import path), its calls are left out of the question.
 */
function mayCallLogger(text: string): boolean {
  const fmtIsThePackage = !/\bfmt\b(?![."])/.test(text);
  return (fmtIsThePackage ? /(?<!(?:^|[^\w.])fmt)\.(Print|Fatal|Panic)|Logger\b/ : /\.(Print|Fatal|Panic)|Logger\b/).test(text);
}

/** The standard logger type, as type strings spell it. */
const STD_LOGGER = named('log', 'Logger');

/**
 * Whether the file may hold the standard log package or a *log.Logger: false only when it imports neither `log`
 * nor anything with a dot, and writes no name through which a *log.Logger can reach it (type-reach.ts). Then no
 * call of it can be unstructured logging, and no declaration of it a logger.
 */
function mayHoldStdLogger(file: SourceFile, types: Resolver): boolean {
  return mayHoldTypeOf(file, types, LOG_PACKAGE, STD_LOGGER);
}

const LOG_PACKAGE = ['log'];

/** A serving package main's file that logs nothing: it still tells that its package is a service. */
function emptyFacts(types: Resolver, file: SourceFile): UnstructuredFacts {
  return { uses: [], declarations: [], packagePath: types.ownPackage, packageName: file.packageName, serves: true, conversion: null, target: '' };
}

/**
 * The lines whose calls this rule's suppressions silence, or 'file'. The findings sit where a logger is
 * declared, so the engine cannot match a directive on a call's line to them: the rule leaves such calls out of
 * the count itself (and the suppression rule does not call these directives unused).
 */
function ignoredLines(file: SourceFile): Set<number> | 'file' {
  const lines = new Set<number>();
  for (const directive of readDirectives(file)) {
    if (!directiveHasReason(directive) || !(directive.rules.includes(RULE_ID) || directive.rules.includes(ALL_RULES))) continue;
    if (directive.kind === 'ignore-file') return 'file';
    lines.add(directive.targetLine);
  }
  return lines;
}

/**
 * Calls that are not service logging: `init` functions (no logger exists yet in any package), main's own
 * start-up when the setting allows it, other start-up code (`setupCache`, an `initialize/` package), and
 * migration, install and seed code printing to an operator.
 */
function exempt(call: SyntaxNode, location: FileLocation, mainExempt: boolean): boolean {
  const fn = enclosingTopLevelFunction(call);
  const name = fn?.type === 'function_declaration' ? functionName(fn) : '';
  if (name === 'init') return true;
  if (mainExempt && name === 'main') return true;
  return isStartupCode(location, fn ? functionName(fn) : '');
}

/**
 * A Print, Fatal or Panic call of the standard log package (under any import name, not shadowed), or of a
 * `*log.Logger` value (`s.log.Printf`), as the resolver sees it.
 */
function unstructuredCall(types: Resolver, call: SyntaxNode): { kind: 'package' | 'logger'; method: string; receiver?: SyntaxNode } | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return null;
  const method = fn.childForFieldName('field')?.text ?? '';
  // Most calls are something else: the method name decides before the resolver is asked.
  if (!Object.hasOwn(LOG_LEVELS, method)) return null;
  const callee = types.calleeOf(call);
  if (callee?.kind === 'func') return callee.pkg === 'log' ? { kind: 'package', method } : null;
  if (callee?.kind !== 'method' || !isStdLogger(callee.receiver)) return null;
  const receiver = fn.childForFieldName('operand')!;
  // `log.Default()` is the package's own logger: the same decision as `log.Printf`.
  const made = receiver.type === 'call_expression' ? types.calleeOf(receiver) : null;
  if (made?.kind === 'func' && made.pkg === 'log' && made.name === 'Default') return { kind: 'package', method, receiver };
  return { kind: 'logger', method, receiver };
  return null;
}

function isStdLogger(type: string | null | undefined): boolean {
  const parts = namedParts(type);
  return parts?.pkg === 'log' && parts.name === 'Logger';
}

/**
 * The logger a call writes through, as a key every file spells the same way: its storage (a package variable,
 * a struct field, a parameter, a local of this file), or, for a logger with no storage (`log.Default()`, a
 * getter's result), the expression within the package.
 */
function loggerKey(file: SourceFile, types: Resolver, receiver: SyntaxNode): string {
  const storage = types.storageOf(receiver);
  if (storage?.startsWith('local:')) return `${file.path}#${storage}`;
  return storage ?? `expr:"${types.ownPackage}".${receiver.text}`;
}

/** The *log.Logger package variables and struct fields declared in this file, by the keys their uses carry. */
function loggerDeclarations(file: SourceFile, types: Resolver): LoggerDeclaration[] {
  const found: LoggerDeclaration[] = [];
  for (const decl of file.root.namedChildren) {
    if (decl?.type === 'var_declaration') {
      for (const spec of findAll(decl, 'var_spec')) {
        const typeNode = spec.childForFieldName('type');
        const values = spec.childForFieldName('value')?.namedChildren.filter((n) => n && n.type !== 'comment') ?? [];
        fieldChildren(spec, 'name').forEach((name, i) => {
          const type = typeNode ? types.typeOfTypeNode(typeNode) : types.typeOf(values[i]);
          if (name && isStdLogger(type)) found.push({ key: `var:"${types.ownPackage}".${name.text}`, range: rangeOf(name) });
        });
      }
    } else if (decl?.type === 'type_declaration') {
      for (const spec of decl.namedChildren) {
        const struct = spec?.type === 'type_spec' ? spec.childForFieldName('type') : null;
        if (struct?.type !== 'struct_type') continue;
        const typeName = spec!.childForFieldName('name')!.text;
        for (const field of findAll(struct, 'field_declaration')) {
          if (!isStdLogger(types.typeOfTypeNode(field.childForFieldName('type')))) continue;
          for (const name of fieldChildren(field, 'name')) {
            if (name) found.push({ key: `field:"${types.ownPackage}".${typeName}.${name.text}`, range: rangeOf(name) });
          }
        }
      }
    }
  }
  return found;
}
