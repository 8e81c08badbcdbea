/**
 * Writing a structured log call for the logger a file already uses: log/slog (the default), zerolog's global
 * logger, zap's global sugared logger, or logrus.
 */
import { goString, LogField, StructuredLine } from './logging-format';
import type { SourceFile } from '../../go/source';

/** zerolog's typed field methods for the declared types we can see; anything else goes through Interface. */
export const ZEROLOG_TYPED: Record<string, string> = { string: 'Str', int: 'Int', int64: 'Int64', int32: 'Int32', uint64: 'Uint64', bool: 'Bool', float64: 'Float64' };

export type LoggerKind = 'slog' | 'zerolog' | 'zap' | 'logrus';

export interface LoggerTarget {
  kind: LoggerKind;
  /** The package name to write (`slog`, `zlog`, `zap`, `logrus`). */
  pkg: string;
  importPath: string;
  /** How the fix title names it. */
  label: string;
}

export type LogLevel = 'info' | 'error' | 'fatal' | 'panic';

/** The structured logger to convert to: one the file already imports, else log/slog. */
export function chooseTarget(file: SourceFile, stdLogName: string): LoggerTarget {
  const imported = (path: string) => {
    const name = file.localNameOf(path);
    return name && name !== stdLogName ? name : undefined;
  };
  for (const path of ['log/slog', 'golang.org/x/exp/slog']) {
    const pkg = imported(path);
    if (pkg) return { kind: 'slog', pkg, importPath: path, label: path };
  }
  const zerolog = imported('github.com/rs/zerolog/log');
  if (zerolog) return { kind: 'zerolog', pkg: zerolog, importPath: 'github.com/rs/zerolog/log', label: 'zerolog' };
  const zap = imported('go.uber.org/zap');
  if (zap) return { kind: 'zap', pkg: zap, importPath: 'go.uber.org/zap', label: 'zap' };
  const logrus = imported('github.com/sirupsen/logrus');
  if (logrus) return { kind: 'logrus', pkg: logrus, importPath: 'github.com/sirupsen/logrus', label: 'logrus' };
  return { kind: 'slog', pkg: 'slog', importPath: 'log/slog', label: 'log/slog' };
}

/** A structured call replacing a std log call, plus the statement that must follow it (exit or panic). */
export interface Conversion {
  expression: string;
  /** A statement to add after the call (`os.Exit(1)` after slog's Error for a Fatal), or null. */
  follow: string | null;
  /** Import paths the new code needs. */
  imports: string[];
}

/**
 * Builds the call. `context` is a context expression in scope (slog then uses the *Context form so a
 * context-aware handler can add trace ids); `panicValue` is the Go expression the original Panic* panicked with.
 */
export function convertCall(
  target: LoggerTarget,
  level: LogLevel,
  line: StructuredLine,
  context: string | null,
  file: SourceFile,
  panicValue: string,
): Conversion {
  const message = goString(line.message);
  switch (target.kind) {
    case 'slog': {
      const method = level === 'info' ? 'Info' : 'Error';
      const args = [message, ...line.fields.flatMap((f) => [goString(f.key), f.value])];
      if (context) args.unshift(context);
      const expression = `${target.pkg}.${method}${context ? 'Context' : ''}(${args.join(', ')})`;
      const imports = target.importPath === 'log/slog' ? ['log/slog'] : [];
      if (level === 'fatal') return { expression, follow: `${file.localNameOf('os') ?? 'os'}.Exit(1)`, imports: [...imports, 'os'] };
      if (level === 'panic') return { expression, follow: `panic(${panicValue})`, imports: [...imports, 'fmt'] };
      return { expression, follow: null, imports };
    }
    case 'zerolog': {
      const method = { info: 'Info', error: 'Error', fatal: 'Fatal', panic: 'Panic' }[level];
      let errorTaken = false;
      const parts = line.fields.map((f) => {
        if (f.isError && !errorTaken) {
          errorTaken = true;
          return `.Err(${f.value})`;
        }
        if (f.isError) return `.AnErr(${goString(f.key)}, ${f.value})`;
        return `.${ZEROLOG_TYPED[f.type ?? ''] ?? 'Interface'}(${goString(f.key)}, ${f.value})`;
      });
      return { expression: `${target.pkg}.${method}()${parts.join('')}.Msg(${message})`, follow: null, imports: [] };
    }
    case 'zap': {
      const method = { info: 'Infow', error: 'Errorw', fatal: 'Fatalw', panic: 'Panicw' }[level];
      const args = [message, ...line.fields.flatMap((f) => [goString(f.key), f.value])];
      return { expression: `${target.pkg}.S().${method}(${args.join(', ')})`, follow: null, imports: [] };
    }
    case 'logrus': {
      const method = { info: 'Info', error: 'Error', fatal: 'Fatal', panic: 'Panic' }[level];
      const errorField = line.fields.find((f) => f.isError);
      const others = line.fields.filter((f) => f !== errorField);
      let chain = target.pkg;
      if (errorField) chain += `.WithError(${errorField.value})`;
      if (others.length > 0) chain += `.WithFields(${target.pkg}.Fields{${others.map(logrusEntry).join(', ')}})`;
      return { expression: `${chain}.${method}(${message})`, follow: null, imports: [] };
    }
  }
}

function logrusEntry(field: LogField): string {
  return `${goString(field.key)}: ${field.value}`;
}
