/**
 * Turning a printf-style log call into a message and key/value fields:
 * `"callback failed for order %s: %v", orderID, err` → message `callback failed for order`,
 * fields `order_id=orderID`, `err=err`.
 */
import type { SyntaxNode } from '../../go/parser';
import { snakeCase } from './logging-scope';

/** One field of a structured log line: the key to write and the Go expression of its value. */
export interface LogField {
  key: string;
  value: string;
  /** The value is an error (`err`, `xxxErr`, `e.Error()`): loggers have a dedicated form for it. */
  isError: boolean;
  /** The expression the value comes from (its type picks zerolog's typed field method). */
  node?: SyntaxNode;
}

export interface StructuredLine {
  message: string;
  fields: LogField[];
}

/** The text of a Go string literal, or null when it is not one or uses escapes we do not re-encode. */
export function literalText(node: SyntaxNode): string | null {
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1).replace(/\r/g, '');
  if (node.type !== 'interpreted_string_literal') return null;
  const body = node.text.slice(1, -1);
  if (!body.includes('\\')) return body;
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return null;
  }
}

/** A Go interpreted string literal for `text`. */
export function goString(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const VERB = /%([-+# 0]*)(\d+)?(\.\d+)?([a-zA-Z%])/g;

/** The pieces of a printf format: literal text around each verb; null for `%[n]`, `*` widths or a bad verb. */
export function splitFormat(format: string): { texts: string[]; verbs: string[] } | null {
  if (/%[-+# 0\d.]*[[*]/.test(format)) return null;
  const texts: string[] = [];
  const verbs: string[] = [];
  let cursor = 0;
  let pending = '';
  for (const match of format.matchAll(VERB)) {
    pending += format.slice(cursor, match.index);
    cursor = match.index! + match[0].length;
    if (match[4] === '%') {
      pending += '%';
      continue;
    }
    texts.push(pending);
    verbs.push(match[4]);
    pending = '';
  }
  pending += format.slice(cursor);
  if (pending.includes('%')) return null;
  texts.push(pending);
  return { texts, verbs };
}

/** True for values that are errors by the usual Go naming. */
export function isErrorValue(node: SyntaxNode): boolean {
  if (node.type === 'identifier') return node.text === 'err' || /^[a-z]\w*Err$/.test(node.text) || /^err[A-Z]\w*$/.test(node.text);
  if (node.type === 'selector_expression') return /^(Err|err)$|Err$/.test(node.childForFieldName('field')?.text ?? '');
  return false;
}

/** The key a value suggests: its variable or field name in snake_case; `Error()`/`String()` use their receiver. */
function keyFromExpression(node: SyntaxNode): string | null {
  if (isErrorValue(node)) return 'err';
  if (node.type === 'identifier') return snakeCase(node.text);
  if (node.type === 'selector_expression') return snakeCase(node.childForFieldName('field')?.text ?? '');
  if (node.type === 'call_expression') {
    const fn = node.childForFieldName('function');
    const [only] = node.childForFieldName('arguments')?.namedChildren ?? [];
    // len(items) → items_len
    if (fn?.type === 'identifier' && (fn.text === 'len' || fn.text === 'cap') && only) {
      const inner = keyFromExpression(only);
      return inner ? `${inner}_${fn.text}` : null;
    }
    if (fn?.type === 'selector_expression' && ['Error', 'String'].includes(fn.childForFieldName('field')?.text ?? '')) {
      const receiver = fn.childForFieldName('operand');
      return receiver ? keyFromExpression(receiver) : null;
    }
  }
  return null;
}

/** Makes keys unique in a line: a second `id` becomes `id_2`. */
function uniqueKey(key: string, used: Set<string>): string {
  let candidate = key;
  for (let n = 2; used.has(candidate); n++) candidate = `${key}_${n}`;
  used.add(candidate);
  return candidate;
}

/** Tidies what is left of a format once the verbs are gone: spaces, dangling `:`/`=`/`,`, the trailing newline. */
function tidyMessage(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]|\{\s*\}|<\s*>|""|''/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([:,;.])/g, '$1')
    .replace(/([:=,;])(?:\s*[:=,;])+/g, '$1')
    .replace(/^[\s:=,;.>|/-]+|[\s:=,;.>|/-]+$/g, '');
}

/**
 * A printf call as a structured line. `key=%v` and `key: %v` in the format name their field and leave the
 * message; other verbs take their key from the argument (`orderID` → `order_id`), else from the word before
 * them. Returns null when the call cannot be converted faithfully (verb and argument counts differ, spread
 * arguments, dynamic format).
 */
export function fromPrintf(format: string, args: SyntaxNode[], fallbackMessage: string): StructuredLine | null {
  const parts = splitFormat(format);
  if (!parts || parts.verbs.length !== args.length) return null;
  const used = new Set<string>();
  const fields: LogField[] = [];
  let message = parts.texts[0];
  args.forEach((arg, i) => {
    let before = i === 0 ? message : parts.texts[i];
    let key: string | null = null;
    // `key=%v` always names a field; `word: %v` only for non-errors, since `failed: %v` introduces the error.
    const named = (isErrorValue(arg) ? /([A-Za-z_][\w.-]*)=\s*$/ : /([A-Za-z_][\w.-]*)\s*[=:]\s*$/).exec(before);
    if (named && (named.index === 0 || /[\s,;([{]/.test(before[named.index - 1]))) {
      key = snakeCase(named[1].replace(/[.-]/g, '_'));
      before = before.slice(0, named.index);
    }
    key ??= keyFromExpression(arg);
    if (!key) {
      const word = /([A-Za-z][A-Za-z0-9]*)\s*$/.exec(before);
      key = word ? snakeCase(word[1]) : `arg${i + 1}`;
    }
    if (i === 0) message = before;
    else message += before;
    fields.push({ key: uniqueKey(key, used), value: arg.text, isError: isErrorValue(arg), node: arg });
  });
  // With no verb, the first text is also the last: it is in the message already.
  if (parts.texts.length > 1) message += parts.texts[parts.texts.length - 1];
  return { message: tidyMessage(message) || fallbackMessage, fields };
}

/** A Print/Println call as a structured line: string literals form the message, everything else a field. */
export function fromPrint(args: SyntaxNode[], fallbackMessage: string): StructuredLine | null {
  const used = new Set<string>();
  const words: string[] = [];
  const fields: LogField[] = [];
  for (const [i, arg] of args.entries()) {
    const text = literalText(arg);
    if (text !== null) {
      words.push(text);
      continue;
    }
    if (arg.type === 'interpreted_string_literal') return null;
    const key = keyFromExpression(arg) ?? `arg${i + 1}`;
    fields.push({ key: uniqueKey(key, used), value: arg.text, isError: isErrorValue(arg), node: arg });
  }
  return { message: tidyMessage(words.join(' ')) || fallbackMessage, fields };
}
