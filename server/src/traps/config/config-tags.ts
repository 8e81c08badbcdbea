/** Go struct tags (`key:"value" key2:"value2"`) read with the offsets a fix needs to edit one value. */

/** One `key:"value"` pair of a struct tag. */
export interface TagPair {
  key: string;
  value: string;
  /** Offset of the key in the tag's content (without the backquotes). */
  start: number;
  /** Offset just past the closing quote of the value. */
  end: number;
  /** Offset of the first character of the value (after the opening quote). */
  valueStart: number;
}

/** Parses the content of a struct tag the way reflect.StructTag.Lookup does; stops at the first malformed pair. */
export function parseStructTag(content: string): TagPair[] {
  const pairs: TagPair[] = [];
  let i = 0;
  while (i < content.length) {
    while (content[i] === ' ') i++;
    const start = i;
    while (i < content.length && content[i] > ' ' && content[i] !== ':' && content[i] !== '"' && content.charCodeAt(i) !== 0x7f) i++;
    if (i === start || content[i] !== ':' || content[i + 1] !== '"') break;
    const key = content.slice(start, i);
    i += 2;
    const valueStart = i;
    while (i < content.length && content[i] !== '"') i += content[i] === '\\' ? 2 : 1;
    if (i >= content.length) break;
    pairs.push({ key, value: content.slice(valueStart, i), start, end: i + 1, valueStart });
    i++;
  }
  return pairs;
}

/** The text of a Go zero value as an env default for a field type: "0", "false", "0s" or "". */
export function zeroDefaultFor(type: string): string {
  const t = type.trim();
  if (t === 'bool') return 'false';
  if (/(^|\.)Duration$/.test(t)) return '0s';
  if (/^(u?int(8|16|32|64)?|float(32|64)|uintptr|byte|rune)$/.test(t)) return '0';
  return '';
}
