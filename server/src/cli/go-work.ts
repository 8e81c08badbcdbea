/**
 * Reads a `go.work` file: the module directories its `use` directives name, in both the single form
 * (`use ./api`) and the block form (`use ( ./api ../shared )`), quoted or not, comments ignored.
 */

/** The `use` directories of a go.work, as written (relative to the go.work's directory, or absolute). */
export function parseGoWork(text: string): string[] {
  const dirs: string[] = [];
  let block: 'use' | 'other' | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = withoutComment(raw).trim();
    if (!line) continue;
    if (block) {
      if (line === ')') block = undefined;
      else if (block === 'use') dirs.push(unquote(line));
      continue;
    }
    const use = /^use\b\s*(.*)$/.exec(line);
    if (use) {
      const rest = use[1].trim();
      if (rest === '(') block = 'use';
      else if (rest.startsWith('(') && rest.endsWith(')')) dirs.push(...rest.slice(1, -1).trim().split(/\s+/).filter(Boolean).map(unquote));
      else if (rest) dirs.push(unquote(rest));
      continue;
    }
    // replace ( ... ), godebug ( ... ): their lines are not module directories.
    if (/^\w+\s*\($/.test(line)) block = 'other';
  }
  return dirs;
}

/** The line up to a `//` comment that is not inside a quoted or back-quoted string. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

function unquote(token: string): string {
  if (token.length >= 2 && token.startsWith('`') && token.endsWith('`')) return token.slice(1, -1);
  if (token.length >= 2 && token.startsWith('"') && token.endsWith('"')) {
    try {
      return JSON.parse(token) as string;
    } catch {
      return token.slice(1, -1);
    }
  }
  return token;
}
