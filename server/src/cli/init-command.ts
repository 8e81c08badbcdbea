/**
 * `go-traps init [dir]`: writes a commented `.go-traps.json` with the business domains and the shared
 * infrastructure packages inferred from the Go packages below the folder, for the team to review and
 * commit. The same inference places packages when no config exists; writing it down makes it reviewable.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Settings } from '../engine/config';
import { GoModule, locateFile, placePackage } from '../engine/domains';
import { WorkspacePlacements } from '../engine/placements';
import { collectSummaries } from '../engine/summaries';
import { CONFIG_FILE_NAME } from './config-file';
import { displayPath } from './baseline-file';
import { loadProject, ProjectOptions, UsageError } from './project';
import { countOf } from '../engine/messages';

export interface InitOptions extends Pick<ProjectOptions, 'config'> {
  force?: boolean;
}

export interface InferredLayout {
  /** Domain → package folder globs, relative to the module root. */
  domains: Map<string, Set<string>>;
  /** Infrastructure package names that exist in the code. */
  infrastructure: Set<string>;
  packages: number;
}

/**
 * Groups the package folders of the files by the domain the engine's placements give them (by folder, and by code
 * when `placements` come from the parsed files: a package of mostly handlers is written as no domain's).
 */
export function inferLayout(files: readonly string[], modules: readonly GoModule[], settings: Settings, placements?: WorkspacePlacements): InferredLayout {
  const inference: Settings = { ...settings, domains: {} };
  const places = placements ?? new WorkspacePlacements([], inference);
  const domains = new Map<string, Set<string>>();
  const infrastructure = new Set<string>();
  const packages = new Map<string, { modulePath: string; packageDir: string }>();
  for (const file of files) {
    const { modulePath, packageDir } = locateFile(file, modules, inference);
    packages.set(`${modulePath}\u0000${packageDir}`, { modulePath, packageDir });
  }
  const domainOf = (modulePath: string, dir: string) => (placements ? places.ofDir(modulePath, dir) : placePackage(dir, inference)).domain;
  for (const { modulePath, packageDir } of packages.values()) {
    const segments = packageDir.split('/').filter(Boolean);
    const domain = domainOf(modulePath, packageDir);
    if (domain) {
      // The domain's folder is the shortest prefix already placed in the domain.
      const depth = segments.findIndex((_, i) => domainOf(modulePath, segments.slice(0, i + 1).join('/')) === domain);
      const set = domains.get(domain) ?? new Set<string>();
      set.add(`${segments.slice(0, depth + 1).join('/')}/**`);
      domains.set(domain, set);
    } else {
      const shared = segments.find((s) => settings.infrastructure.includes(s));
      if (shared) infrastructure.add(shared);
    }
  }
  return { domains, infrastructure, packages: new Set([...packages.values()].map((p) => p.packageDir)).size };
}

/** The config text: JSON with comments, every section saying what it is for. */
export function renderConfig(layout: InferredLayout, settings: Settings, modules: readonly GoModule[]): string {
  const q = (s: string) => JSON.stringify(s);
  const moduleNames = modules.map((m) => m.path || m.root || '(unnamed)').sort();
  const domainNames = [...layout.domains.keys()].sort();
  const found = [...layout.infrastructure].sort();
  const others = settings.infrastructure.filter((name) => !layout.infrastructure.has(name));
  const lines = [
    `// Go Traps settings, inferred by \`go-traps init\` from ${countOf(layout.packages, 'Go package folder')}` +
      (moduleNames.length ? ` in ${moduleNames.length === 1 ? 'module' : 'modules'} ${moduleNames.join(', ')}.` : '.'),
    '// Review it, then commit it: the editor and the CLI both read this file. JSON with comments;',
    '// every key is described in schemas/go-traps.schema.json.',
    '{',
    '  // Business domains and the package folders (relative to each module root) that belong to them.',
    '  // Two domains sharing one *sql.DB, cache or table is the trap Go Traps looks for; a folder not listed',
    '  // here is placed by the same inference that wrote this list.',
    '  "domains": {',
    ...domainNames.map((name, i) => {
      const globs = [...layout.domains.get(name)!].sort().map(q).join(', ');
      return `    ${q(name)}: [${globs}]${i < domainNames.length - 1 ? ',' : ''}`;
    }),
    '  },',
    '  // Shared plumbing, never a domain: first the packages found here, then the other known names, kept',
    '  // so that a shared package added later is not taken for a domain.',
    '  "infrastructure": [',
  ];
  const items = [...found, ...others];
  if (found.length) lines.push('    // found in this code');
  items.forEach((name, i) => {
    if (i === found.length && others.length) lines.push('    // known names');
    lines.push(`    ${q(name)}${i < items.length - 1 ? ',' : ''}`);
  });
  lines.push(
    '  ],',
    '  // Per-rule severity: "error", "warning", "info", "hint" or "off", e.g. "log-unstructured": "off".',
    '  "rules": {}',
    '}',
  );
  return lines.join('\n') + '\n';
}

export async function runInit(dir: string | undefined, options: InitOptions): Promise<number> {
  const folder = dir ?? '.';
  if (!(await fs.stat(folder).then((s) => s.isDirectory(), () => false))) throw new UsageError(`not a directory: ${folder}`);
  const target = path.join(folder, CONFIG_FILE_NAME);
  if (!options.force && (await fs.stat(target).then(() => true, () => false))) {
    process.stderr.write(`go-traps: ${displayPath(path.resolve(target))} already exists; pass --force to overwrite it\n`);
    return 2;
  }
  const project = await loadProject([folder], { config: options.config });
  // Placed as every other view places them (folder, then code), without the domains of any existing file.
  const inference: Settings = { ...project.settings, domains: {} };
  const summaries = await collectSummaries(project.files, project.read, inference, project.modules);
  const layout = inferLayout(project.files, project.modules, project.settings, WorkspacePlacements.fromSummaries(summaries, inference));
  await fs.writeFile(target, renderConfig(layout, project.settings, project.modules));
  const domains = [...layout.domains.keys()].sort();
  process.stdout.write(
    `go-traps: wrote ${displayPath(path.resolve(target))}: ${countOf(domains.length, 'domain')}${domains.length ? ` (${domains.join(', ')})` : ''}, ` +
      `${countOf(layout.infrastructure.size, 'infrastructure package')} found${layout.infrastructure.size ? ` (${[...layout.infrastructure].sort().join(', ')})` : ''}\n`,
  );
  return 0;
}
