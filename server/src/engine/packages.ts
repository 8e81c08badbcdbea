/**
 * Go is written in packages: a file's package is its directory (its import path, from go.mod) plus its package
 * name (`foo_test` files in foo's directory form a package of their own). The type index keys declarations by
 * this import path, which is also what importers write.
 */
import type { FileLocation } from './rule';

/** The import path of a file's directory: module path + directory, the bare directory in Go's own `std` module. */
export function importPathOfLocation(location: FileLocation): string {
  const { modulePath, packageDir } = location;
  if (modulePath === 'std') return packageDir;
  if (modulePath) return packageDir ? `${modulePath}/${packageDir}` : modulePath;
  // Outside any module the directory is the only identity; the prefix keeps it apart from real import paths.
  const slash = location.path.lastIndexOf('/');
  return `<dir>/${slash < 0 ? '.' : location.path.slice(0, slash)}`;
}

/** The type index's key for a file's package. */
export function packageKeyOf(location: FileLocation, packageName: string): string {
  const importPath = importPathOfLocation(location);
  return packageName.endsWith('_test') && location.path.endsWith('_test.go') ? `${importPath}_test` : importPath;
}
