/** Which Go a module is written for: a fix may use only what the module's `go` directive gives it. */

/**
 * True when the module's Go version (`1.19`, `1.21.3`, from go.mod) is at least `wanted` (`1.21`). An unknown
 * version ('': a file in no module) counts as the current Go, which has everything.
 */
export function goVersionAtLeast(version: string, wanted: string): boolean {
  const have = parse(version);
  if (!have) return true;
  const need = parse(wanted)!;
  return have[0] !== need[0] ? have[0] > need[0] : have[1] >= need[1];
}

function parse(version: string): [number, number] | null {
  const match = /^(?:go)?(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : null;
}
