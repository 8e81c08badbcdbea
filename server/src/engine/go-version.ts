/** What a module's Go has: a fix may only write what the `go` line of its go.mod allows. */
import type { FileLocation } from './rule';

/**
 * True when the file's module declares at least Go `minimum` ("1.21"), or declares nothing (a loose file: the
 * fix is offered, and its title names the version it needs); false when the module is older.
 */
export function goSupports(location: Pick<FileLocation, 'goVersion'>, minimum: string): boolean {
  const have = parse(location.goVersion);
  const want = parse(minimum);
  if (!have || !want) return true;
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
  return true;
}

/** `1.21`, `1.21.3`, `1.21rc1` → [1, 21, 3]; null when it is not a Go version. */
function parse(version: string): number[] | null {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : null;
}
