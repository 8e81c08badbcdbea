/** Finds and reads the team's `.go-traps.json` for the CLI. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigProblem, defaultSettings, parseConfig, Settings } from '../engine/config';
import { RULES } from '../traps/index';

export const CONFIG_FILE_NAME = '.go-traps.json';

/** The nearest `.go-traps.json` at or above `start` (a file or directory), if any. */
export function findConfigFile(start: string): Promise<string | undefined> {
  return findUp(CONFIG_FILE_NAME, start);
}

/** The nearest file called `name` at or above `start` (a file or directory), if any. */
export async function findUp(name: string, start: string): Promise<string | undefined> {
  let dir = path.resolve(start);
  if (!(await fs.stat(dir).then((s) => s.isDirectory(), () => false))) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, name);
    if (await fs.stat(candidate).then((s) => s.isFile(), () => false)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function loadConfigFile(explicit: string | undefined, firstPath: string): Promise<{ settings: Settings; problems: ConfigProblem[]; source: string }> {
  const file = explicit ?? (await findConfigFile(firstPath));
  if (!file) return { settings: defaultSettings(), problems: [], source: '(defaults)' };
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { settings: defaultSettings(), problems: [{ key: '', message: `cannot read: ${(error as Error).message}` }], source: file };
  }
  const { settings, problems } = parseConfig(text, RULES.map((r) => r.meta.id));
  return { settings, problems, source: path.relative(process.cwd(), file) || file };
}
