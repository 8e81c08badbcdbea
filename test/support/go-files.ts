/** Go files below a folder, for tests and the fuzz suite that sweep fixtures or the Go standard library. */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

/** Go files below `dir`, in directory order, at most `limit` (links followed at the top only: Debian's GOROOT is one). */
export function goFilesBelow(dir: string, limit = 20_000): string[] {
  const found: string[] = [];
  if (!existsSync(dir)) return found;
  const visit = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      if (found.length >= limit) return;
      const full = path.join(d, name.name);
      if (name.isDirectory()) visit(full);
      else if (name.isFile() && name.name.endsWith('.go')) found.push(full);
    }
  };
  visit(realpathSync(dir));
  return found;
}
