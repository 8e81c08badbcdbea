/**
 * Writing a structured log call for a logger the module can use: log/slog (Go 1.21 and later), or the structured
 * logger the file, its package or its module already imports (zerolog's global logger, zap's global sugared
 * logger, logrus), so that a fix never needs a package the module's Go or go.mod does not have.
 */
import { goSupports } from '../../engine/go-version';
import type { FileLocation } from '../../engine/rule';
import type { Resolver } from '../../go/resolver';
import { goString, LogField, StructuredLine } from './logging-format';
import type { SourceFile } from '../../go/source';

/** zerolog's typed field methods for the declared types we can see; anything else goes through Interface. */
export const ZEROLOG_TYPED: Record<string, string> = { string: 'Str', int: 'Int', int64: 'Int64', int32: 'Int32', uint64: 'Uint64', bool: 'Bool', float64: 'Float64' };

export type LoggerKind = 'slog' | 'zerolog' | 'zap' | 'logrus';

/** An import a fix needs: its path and, when the package's own name is taken, the name to import it as. */
export interface ImportNeed {
  path: string;
  name?: string;
}

export interface LoggerTarget {
  kind: LoggerKind;
  /** The package name to write (`slog`, `zlog`, `zap`, `logrus`). */
  pkg: string;
  /** The import the converted calls need (already there when the file imports the logger). */
  import: ImportNeed;
  /** How messages and fix titles name it. */
  label: string;
  /** False when the package's name is taken in the file: the logger is the one to use, but no fix can say so. */
  writable: boolean;
}

export type LogLevel = 'info' | 'error' | 'fatal' | 'panic';

/** The structured loggers a fix may write, in the order one is preferred when several are at hand. */
const CANDIDATES: { kind: LoggerKind; path: string; name: string; label: string; servedBy: string[] }[] = [
  { kind: 'slog', path: 'log/slog', name: 'slog', label: 'log/slog', servedBy: ['log/slog'] },
  { kind: 'slog', path: 'golang.org/x/exp/slog', name: 'slog', label: 'golang.org/x/exp/slog', servedBy: ['golang.org/x/exp/slog'] },
  // The global logger lives in zerolog/log; any zerolog import means go.mod already requires the module.
  { kind: 'zerolog', path: 'github.com/rs/zerolog/log', name: 'zlog', label: 'zerolog', servedBy: ['github.com/rs/zerolog/log', 'github.com/rs/zerolog'] },
  { kind: 'zap', path: 'go.uber.org/zap', name: 'zap', label: 'zap', servedBy: ['go.uber.org/zap'] },
  { kind: 'logrus', path: 'github.com/sirupsen/logrus', name: 'logrus', label: 'logrus', servedBy: ['github.com/sirupsen/logrus'] },
];

/**
 * The structured logger to convert to: one the file already imports; else log/slog when the module's Go has it
 * (1.21+); else one that the file's package or module imports elsewhere (so go.mod already requires it). Null
 * when there is none: no conversion would compile.
 */
export function chooseTarget(file: SourceFile, stdLogName: string, location: FileLocation, types: Resolver): LoggerTarget | null {
  for (const candidate of CANDIDATES) {
    const name = file.localNameOf(candidate.path);
    if (name && name !== stdLogName) return { kind: candidate.kind, pkg: name, import: { path: candidate.path }, label: candidate.label, writable: true };
  }
  if (goSupports(location, '1.21')) return importable(file, CANDIDATES[0], types);
  const used = importsElsewhere(types, location);
  for (const candidate of CANDIDATES.slice(1)) {
    if (candidate.servedBy.some((path) => used.has(path))) return importable(file, candidate, types);
  }
  return null;
}

/** A logger the file does not import yet, to be imported under a name nothing in the file or its package uses. */
function importable(file: SourceFile, candidate: (typeof CANDIDATES)[number], types: Resolver): LoggerTarget {
  const plain = candidate.path.slice(candidate.path.lastIndexOf('/') + 1) === candidate.name;
  return {
    kind: candidate.kind,
    pkg: candidate.name,
    import: plain ? { path: candidate.path } : { path: candidate.path, name: candidate.name },
    label: candidate.label,
    writable: !nameTaken(file, candidate.name, types),
  };
}

/** True when `name` already means something in the file (an import, a local, a type) or its package. */
function nameTaken(file: SourceFile, name: string, types: Resolver): boolean {
  if (file.importPathOf(name)) return true;
  const pkg = types.ownPackage;
  if (types.index.lookupValue(pkg, name) !== undefined || types.index.lookupFunc(pkg, name) !== undefined || types.index.lookupType(pkg, name) !== undefined) return true;
  // Only a file that spells the name needs its identifiers read.
  if (!new RegExp(`\\b${name}\\b`).test(file.text)) return false;
  return file.root.descendantsOfType(['identifier', 'type_identifier', 'package_identifier']).some((n) => n?.text === name);
}

/**
 * The structured logging imports of the other files of the module (the file's own package first, which the
 * module always contains): read from the type index's per-file facts, not from trees, and recorded (a warm run or
 * the language server analyses the file again when they change).
 */
function importsElsewhere(types: Resolver, location: FileLocation): ReadonlySet<string> {
  return types.index.importedWithin(location.modulePath, types.ownPackage, WANTED_IMPORTS);
}

const WANTED_IMPORTS = [...new Set(CANDIDATES.flatMap((c) => c.servedBy))];

/** A structured call replacing a std log call, plus the statement that must follow it (exit or panic). */
export interface Conversion {
  expression: string;
  /** A statement to add after the call (`os.Exit(1)` after slog's Error for a Fatal), or null. */
  follow: string | null;
  /** Imports the new code needs. */
  imports: ImportNeed[];
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
  types: Resolver,
  panicValue: string,
): Conversion {
  const message = goString(line.message);
  switch (target.kind) {
    case 'slog': {
      const method = level === 'info' ? 'Info' : 'Error';
      const args = [message, ...line.fields.flatMap((f) => [goString(f.key), f.value])];
      if (context) args.unshift(context);
      const expression = `${target.pkg}.${method}${context ? 'Context' : ''}(${args.join(', ')})`;
      const imports = [target.import];
      if (level === 'fatal') return { expression, follow: `${file.localNameOf('os') ?? 'os'}.Exit(1)`, imports: [...imports, { path: 'os' }] };
      if (level === 'panic') return { expression, follow: `panic(${panicValue})`, imports: [...imports, { path: 'fmt' }] };
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
        return `.${ZEROLOG_TYPED[(f.node && types.typeOf(f.node)) || ''] ?? 'Interface'}(${goString(f.key)}, ${f.value})`;
      });
      return { expression: `${target.pkg}.${method}()${parts.join('')}.Msg(${message})`, follow: null, imports: [target.import] };
    }
    case 'zap': {
      const method = { info: 'Infow', error: 'Errorw', fatal: 'Fatalw', panic: 'Panicw' }[level];
      const args = [message, ...line.fields.flatMap((f) => [goString(f.key), f.value])];
      return { expression: `${target.pkg}.S().${method}(${args.join(', ')})`, follow: null, imports: [target.import] };
    }
    case 'logrus': {
      const method = { info: 'Info', error: 'Error', fatal: 'Fatal', panic: 'Panic' }[level];
      const errorField = line.fields.find((f) => f.isError);
      const others = line.fields.filter((f) => f !== errorField);
      let chain = target.pkg;
      if (errorField) chain += `.WithError(${errorField.value})`;
      if (others.length > 0) chain += `.WithFields(${target.pkg}.Fields{${others.map(logrusEntry).join(', ')}})`;
      return { expression: `${chain}.${method}(${message})`, follow: null, imports: [target.import] };
    }
  }
}

function logrusEntry(field: LogField): string {
  return `${goString(field.key)}: ${field.value}`;
}
