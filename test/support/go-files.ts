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

/** Where Debian's golang-go puts the standard library's source (the CI installs it). */
export const GOROOT_SRC = '/usr/lib/go/src';

/** The test option that skips a standard-library sweep on a machine without Go, never on the CI. */
export const NEEDS_GOROOT = { skip: !existsSync(GOROOT_SRC) && process.env.CI !== 'true' ? 'no Go installed' : false };

/** Up to `limit` Go files from each of these standard-library folders, testdata left out. */
export function stdlibSample(dirs: readonly string[], limit: number): string[] {
  return dirs.flatMap((dir) => goFilesBelow(path.join(GOROOT_SRC, dir), limit)).filter((file) => !file.includes('/testdata/'));
}
