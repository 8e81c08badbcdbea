/**
 * The warning line a config fix writes, in a logger the module can compile: log/slog from Go 1.21 (or
 * golang.org/x/exp/slog when the file already uses it), else the standard `log` with the same fields as text.
 */
import { ensureImport } from '../../engine/edits';
import { goSupports } from '../../engine/go-version';
import type { FileContext } from '../../engine/rule';
import type { FileEdit } from '../../engine/types';
import type { SourceFile } from '../../go/source';

export interface FixLogger {
  /** The imports the lines need. */
  edits: FileEdit[];
  /** A statement logging `message` with `fields` (key and Go expression pairs). */
  warn(message: string, fields: [string, string][]): string;
}

/** The logger for a fix in this file, or null when neither slog nor `log` can be named without a clash. */
export function fixLogger({ file, location }: Pick<FileContext, 'file' | 'location'>): FixLogger | null {
  // The same for every fix of the file; working out the import edit walks the file's top level.
  const cached = loggers.get(file);
  if (cached && cached.version === location.goVersion) return cached.logger;
  const logger = chooseLogger(file, location);
  loggers.set(file, { version: location.goVersion, logger });
  return logger;
}

const loggers = new WeakMap<SourceFile, { version: string; logger: FixLogger | null }>();

function chooseLogger(file: SourceFile, location: Pick<FileContext, 'location'>['location']): FixLogger | null {
  const slog = file.localNameOf('golang.org/x/exp/slog') ?? file.localNameOf('log/slog');
  if (slog) return structured(slog, []);
  if (goSupports(location, '1.21') && !file.importPathOf('slog')) return structured('slog', ensureImport(file, 'log/slog'));
  const log = file.localNameOf('log') ?? (file.importPathOf('log') ? null : 'log');
  if (!log) return null;
  return {
    edits: ensureImport(file, 'log'),
    warn: (message, fields) => {
      const verbs = fields.map(([key]) => ` ${key}=%v`).join('');
      return `${log}.Printf(${JSON.stringify(message + ':' + verbs)}${fields.map(([, value]) => `, ${value}`).join('')})`;
    },
  };
}

function structured(name: string, edits: FileEdit[]): FixLogger {
  return {
    edits,
    warn: (message, fields) => `${name}.Warn(${JSON.stringify(message)}${fields.map(([key, value]) => `, ${JSON.stringify(key)}, ${value}`).join('')})`,
  };
}
