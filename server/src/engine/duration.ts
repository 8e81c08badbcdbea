/** Go duration strings ("800ms", "1m30s"): what the settings hold and what the quick fixes write as Go code. */

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Milliseconds in a Go duration string such as "1m30s"; NaN when the text is not one. */
export function parseDurationMs(text: string): number {
  if (typeof text !== 'string' || !/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text)) return NaN;
  let total = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(match[1]) * UNIT_MS[match[2]];
  return total;
}

/**
 * A Go expression for a duration, using the file's name for package time: "800ms" → `800 * time.Millisecond`,
 * "30m" → `30 * time.Minute`.
 */
export function goDuration(text: string, timePackage = 'time'): string {
  const ms = parseDurationMs(text);
  const steps: [number, string][] = [[3600000, 'Hour'], [60000, 'Minute'], [1000, 'Second'], [1, 'Millisecond']];
  for (const [size, unit] of steps) {
    if (ms >= size && ms % size === 0) return ms === size ? `${timePackage}.${unit}` : `${ms / size} * ${timePackage}.${unit}`;
  }
  return `${Math.round(ms * 1000)} * ${timePackage}.Microsecond`;
}
