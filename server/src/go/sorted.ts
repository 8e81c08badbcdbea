/** Binary search over lists sorted by offset in a file (nodes, spans, identifiers). */

/** The first index of a list sorted by `offsetOf` whose offset is at or after `offset`. */
export function firstFrom<T>(list: readonly T[], offsetOf: (item: T) => number, offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsetOf(list[mid]) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
