/** The scan's closing line for the output, naming every skipped file and why, grouped by reason. */

/** `head`, then how many files were skipped and, under each reason, their paths with any detail (sorted). */
export function describeSkipped(head: string, skipped: ReadonlyMap<string, string>): string {
  if (skipped.size === 0) return head;
  const byReason = new Map<string, string[]>();
  for (const [path, reason] of skipped) {
    // "larger than maxFileSize (2100000 > 1048576 bytes)": the figures belong to the file, not to the group.
    const detail = /^(.*?)\s*(\([^()]*\))?$/.exec(reason)!;
    const group = detail[1] || reason;
    byReason.set(group, [...(byReason.get(group) ?? []), detail[2] ? `${path} ${detail[2]}` : path]);
  }
  const lines = [`${head}; skipped ${skipped.size === 1 ? '1 file' : `${skipped.size} files`}:`];
  for (const [reason, paths] of [...byReason].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${reason} (${paths.length}):`);
    for (const path of paths.sort()) lines.push(`    ${path}`);
  }
  return lines.join('\n');
}
