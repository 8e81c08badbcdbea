/**
 * `go-traps domains [paths...]`: which packages the engine takes for business domains and why — entry points,
 * wiring, infrastructure, transport front-ends, batch runners and test harnesses set apart — so a team can see
 * what the pool and coupling analyses compare, and correct it with the `domains` (or `infrastructure`) setting.
 */
import { locateFile, placePackage, Placement } from '../engine/domains';
import { loadProject, ProjectOptions } from './project';

export interface DomainsOptions extends Pick<ProjectOptions, 'config'> {
  json?: boolean;
}

export interface PackagePlacement extends Placement {
  /** The package folder, relative to its module root. */
  dir: string;
  module: string;
  files: number;
}

/** One row per package folder, domains first, then by role and folder. */
export function placementsOf(files: readonly string[], project: Awaited<ReturnType<typeof loadProject>>): PackagePlacement[] {
  const byDir = new Map<string, PackagePlacement>();
  for (const file of files) {
    const location = locateFile(file, project.modules, project.settings);
    const key = `${location.modulePath}\u0000${location.packageDir}`;
    const known = byDir.get(key);
    if (known) known.files++;
    else byDir.set(key, { dir: location.packageDir || '.', module: location.modulePath, files: 1, ...placePackage(location.packageDir, project.settings) });
  }
  const order = ['domain', 'batch', 'transport', 'entry', 'wiring', 'infrastructure', 'harness'];
  return [...byDir.values()].sort(
    (a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.domain.localeCompare(b.domain) || a.module.localeCompare(b.module) || a.dir.localeCompare(b.dir),
  );
}

export async function runDomains(paths: string[], options: DomainsOptions): Promise<number> {
  const project = await loadProject(paths, { config: options.config });
  const rows = placementsOf(project.files, project);
  if (options.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const domains = [...new Set(rows.filter((r) => r.role === 'domain').map((r) => r.domain))];
  const lines = [`${domains.length} business domain${domains.length === 1 ? '' : 's'}: ${domains.join(', ') || '(none)'}`, ''];
  const width = Math.max(...rows.map((r) => r.dir.length), 7);
  for (const row of rows) {
    const what = row.role === 'domain' ? `domain ${row.domain}` : row.role;
    lines.push(`${row.dir.padEnd(width)}  ${what.padEnd(22)}  ${row.reason}`);
  }
  lines.push('', 'Correct the inference with "domains" (folder globs per domain) or "infrastructure" (names that are never a domain) in .go-traps.json.');
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
