/**
 * Reads fixture cases: `test-fixtures/<rule-id>/<name>.go` is a one-file workspace, a sub-folder is a
 * multi-file workspace (with its own go.mod). Lines state what they expect with `// want "rule-id"`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, parseConfig, Settings } from '../../server/src/engine/config';
import { GoModule, moduleFromGoMod } from '../../server/src/engine/domains';
import { RULES } from '../../server/src/traps/index';

export interface FixtureCase {
  ruleId: string;
  name: string;
  /** Absolute directory the case's paths are relative to. */
  root: string;
  sources: { path: string; text: string }[];
  modules: GoModule[];
  settings: Settings;
  /** Files with goldens: source path → { fix index (1-based) → golden text }. */
  goldens: Map<string, Map<number, string>>;
}

export interface Want {
  path: string;
  line: number;
  ruleId: string;
}

const WANT = /\/\/\s*want(-above)?((?:\s+"[^"]+")+)/;

/**
 * `// want "a" "b"` on a line means one finding of rule a and one of rule b start on that line.
 * `// want-above "a"` on a line of its own points at the line above, for findings on a comment that cannot
 * carry a second comment (a suppression directive's reason would swallow it).
 */
export function readWants(filePath: string, text: string): Want[] {
  const wants: Want[] = [];
  text.split('\n').forEach((lineText, line) => {
    const match = WANT.exec(lineText);
    if (!match) return;
    const target = match[1] ? line - 1 : line;
    for (const quoted of match[2].matchAll(/"([^"]+)"/g)) wants.push({ path: filePath, line: target, ruleId: quoted[1] });
  });
  return wants;
}

function listFiles(dir: string, base = dir): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listFiles(full, base));
    else files.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return files;
}

function settingsFor(dir: string, inherited: Settings): Settings {
  const file = path.join(dir, '.go-traps.json');
  try {
    const text = readFileSync(file, 'utf8');
    const { settings, problems } = parseConfig(text, RULES.map((r) => r.meta.id), inherited);
    if (problems.length > 0) throw new Error(`${file}: ${JSON.stringify(problems)}`);
    return settings;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return inherited;
    throw error;
  }
}

function goldensOf(root: string, files: string[]): Map<string, Map<number, string>> {
  const goldens = new Map<string, Map<number, string>>();
  for (const file of files) {
    const match = /^(.*\.go)(?:\.(\d+))?\.golden$/.exec(file);
    if (!match) continue;
    const byIndex = goldens.get(match[1]) ?? new Map<number, string>();
    byIndex.set(match[2] ? Number(match[2]) : 1, readFileSync(path.join(root, file), 'utf8'));
    goldens.set(match[1], byIndex);
  }
  return goldens;
}

export function loadRuleCases(fixturesDir: string, ruleId: string): FixtureCase[] {
  const ruleDir = path.join(fixturesDir, ruleId);
  const ruleSettings = settingsFor(ruleDir, defaultSettings());
  const cases: FixtureCase[] = [];
  const entries = readdirSync(ruleDir).sort();
  const topFiles = entries.filter((n) => statSync(path.join(ruleDir, n)).isFile());
  for (const name of topFiles.filter((n) => n.endsWith('.go'))) {
    const goldens = goldensOf(ruleDir, topFiles.filter((n) => n.startsWith(name + '.')));
    cases.push({
      ruleId,
      name,
      root: ruleDir,
      sources: [{ path: name, text: readFileSync(path.join(ruleDir, name), 'utf8') }],
      modules: [],
      settings: ruleSettings,
      goldens,
    });
  }
  for (const name of entries.filter((n) => statSync(path.join(ruleDir, n)).isDirectory())) {
    const root = path.join(ruleDir, name);
    const files = listFiles(root);
    const modules = files
      .filter((f) => f === 'go.mod' || f.endsWith('/go.mod'))
      .map((f) => moduleFromGoMod(path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f), readFileSync(path.join(root, f), 'utf8')));
    cases.push({
      ruleId,
      name: name + '/',
      root,
      sources: files.filter((f) => f.endsWith('.go')).map((f) => ({ path: f, text: readFileSync(path.join(root, f), 'utf8') })),
      modules,
      settings: settingsFor(root, ruleSettings),
      goldens: goldensOf(root, files),
    });
  }
  return cases;
}

/** Folders under test-fixtures that are not a rule's: the example workspace and the multi-package layouts. */
const NOT_RULE_DIRS = new Set(['workspace', 'layouts']);

/** The rule folders under test-fixtures. */
export function fixtureRuleDirs(fixturesDir: string): string[] {
  return readdirSync(fixturesDir)
    .filter((n) => !NOT_RULE_DIRS.has(n) && statSync(path.join(fixturesDir, n)).isDirectory())
    .sort();
}

/**
 * `test-fixtures/layouts/<case>/`: one small workspace per case (one or more modules, several packages and
 * files), checked against every rule at once: each finding must be wanted, each want found.
 */
export function loadLayoutCases(fixturesDir: string): FixtureCase[] {
  const layoutsDir = path.join(fixturesDir, 'layouts');
  return readdirSync(layoutsDir)
    .filter((n) => statSync(path.join(layoutsDir, n)).isDirectory())
    .sort()
    .map((name) => {
      const root = path.join(layoutsDir, name);
      const files = listFiles(root);
      return {
        ruleId: '*',
        name: name + '/',
        root,
        sources: files.filter((f) => f.endsWith('.go')).map((f) => ({ path: f, text: readFileSync(path.join(root, f), 'utf8') })),
        modules: files
          .filter((f) => f === 'go.mod' || f.endsWith('/go.mod'))
          .map((f) => moduleFromGoMod(path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f), readFileSync(path.join(root, f), 'utf8'))),
        settings: settingsFor(root, defaultSettings()),
        goldens: goldensOf(root, files),
      };
    });
}
