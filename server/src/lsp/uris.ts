/** The edge between LSP URIs and the engine's workspace-relative `/` paths. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file system path of a `file:` URI, or undefined for other schemes (untitled:, vscode-notebook-cell:). */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function uriOfFsPath(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/** `/`-separated path of `fsPath` below `root`, or undefined when it lies outside. */
export function relativeEnginePath(root: string, fsPath: string): string | undefined {
  const relative = path.relative(root, fsPath);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** Two URIs name the same file even when one client encodes `:` or spaces differently. */
export function sameUri(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = fsPathOf(a);
  return pa !== undefined && pa === fsPathOf(b);
}
