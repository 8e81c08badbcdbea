// Real-code corpus run (issue 10, point 8): analyses each public Go service checked out below a corpus folder
// with the CLI, one repository at a time, and prints per repository the files, lines of Go, findings per rule
// and per 1,000 lines; then the checks the issue asks for (one design decision, migration code and timeouts).
// Writes every finding (path, line, rule, message, related locations, fix titles) to a JSON file and a read
// sample per rule (all findings up to --sample, spread across repositories) with the code around each to a text
// file, both under /tmp. The corpus is never copied into the project: this script only reads it.
//
// Corpus layout: <corpus>/<owner>+<name>/ holds a repository's newest commit (git archive or worktree); an
// optional <corpus>/<owner>+<name>/.corpus-commit holds its commit hash (first line) and date (second line).
// Usage: npm run build && node bench/realcode.mjs [corpus=/tmp/corpus] [--out /tmp/realcode] [--only a,b]
//        [--rules ids] [--jobs 1] [--sample 25] [--context 6] [--cli path/to/cli.js] [--compare findings.json]
// --compare FILE prints, per rule, how the findings differ from an earlier run's findings.json (same corpus).
// --cli runs another build (say an older commit's, for a before/after comparison); options that build does not
// list in its --help are left out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const options = parseArguments(process.argv.slice(2));
const cli = path.resolve(options.cli ?? path.join(root, 'server/out/cli.js'));
const TIMEOUT_FIX = /timeout|deadline|超时/i;
// Where schema work lives: folder, file or function names, and DDL in the statement (issue 10, point 4).
const MIGRATION_PLACE = /migrat|install|upgrade|seed|schema|init_?db|init_?database|create_?db|create_?database|create_?tables?|bootstrap|setup/i;
const DDL = /\b(CREATE|ALTER|DROP|TRUNCATE)\s+(TABLE|INDEX|UNIQUE|VIEW|SCHEMA|DATABASE|EXTENSION|TYPE|TRIGGER|FUNCTION|SEQUENCE)\b/i;
// Maintenance statements run for minutes by design, like DDL: a request-sized timeout would abort them.
const MAINTENANCE = /\b(VACUUM|ANALYZE|REINDEX|CLUSTER|REFRESH\s+MATERIALIZED\s+VIEW|OPTIMIZE\s+TABLE)\b/;
const DB_CONTEXT_RULES = new Set(['db-no-context', 'db-context-no-deadline']);

function parseArguments(args) {
  const parsed = { corpus: '/tmp/corpus', out: '/tmp/realcode', only: undefined, rules: undefined, jobs: '1', sample: 25, context: 6, cli: undefined, compare: undefined };
  for (let i = 0; i < args.length; i++) {
    const value = () => args[++i];
    switch (args[i]) {
      case '--out': parsed.out = value(); break;
      case '--only': parsed.only = value().split(','); break;
      case '--rules': parsed.rules = value(); break;
      case '--jobs': parsed.jobs = value(); break;
      case '--sample': parsed.sample = Number(value()); break;
      case '--context': parsed.context = Number(value()); break;
      case '--cli': parsed.cli = value(); break;
      case '--compare': parsed.compare = value(); break;
      default:
        if (args[i].startsWith('--')) throw new Error(`unknown option ${args[i]}`);
        parsed.corpus = args[i];
    }
  }
  return parsed;
}

/** The Go files the CLI walks (it skips vendor, testdata, node_modules and dot folders), relative to dir. */
function goFiles(dir, prefix = '') {
  const found = [];
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    if (name.startsWith('.') || name === 'vendor' || name === 'testdata' || name === 'node_modules') continue;
    const relative = prefix ? `${prefix}/${name}` : name;
    const stat = statSync(path.join(dir, relative), { throwIfNoEntry: false });
    if (stat?.isDirectory()) found.push(...goFiles(dir, relative));
    else if (stat?.isFile() && name.endsWith('.go')) found.push(relative);
  }
  return found;
}

const lineCache = new Map();
function linesOf(file) {
  if (!lineCache.has(file)) lineCache.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
  return lineCache.get(file);
}

function commitOf(dir) {
  const marker = path.join(dir, '.corpus-commit');
  if (!existsSync(marker)) return { hash: 'unknown', date: '' };
  const [hash, date = ''] = readFileSync(marker, 'utf8').trim().split('\n');
  return { hash: hash.trim(), date: date.trim().slice(0, 10) };
}

/** The options this build of the CLI lists in its --help (older builds lack --no-baseline, --no-cache, --jobs). */
function knownOptions() {
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout ?? '';
  return new Set(help.match(/--[a-z][a-z-]*/g) ?? []);
}

/** Runs the CLI on one repository from inside it, so paths are relative and no outside settings apply. */
function analyse(dir, known) {
  const args = [cli, '.', '--format', 'json', '--exit-zero', '--locale', 'en'];
  for (const flag of ['--no-baseline', '--no-cache']) if (known.has(flag)) args.push(flag);
  if (known.has('--jobs')) args.push('--jobs', options.jobs);
  if (options.rules) args.push('--rules', options.rules);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, LANG: 'C' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${dir}: the CLI exited ${result.status}\n${result.stderr.slice(-3000)}`);
  return { report: JSON.parse(result.stdout), seconds };
}

/** The function a line sits in (the nearest top-level `func` line above it): its name and first line index. */
function enclosingFunction(lines, index) {
  for (let i = index; i >= 0; i--) {
    const match = /^func\s+(?:\([^)]*\)\s*)?([\w]+)/.exec(lines[i] ?? '');
    if (match) return { name: match[1], start: i };
  }
  return { name: '', start: Math.max(0, index - 3) };
}

function toFinding(repo, dir, f) {
  return {
    repo,
    path: f.path,
    line: f.range.start.line + 1,
    rule: f.ruleId,
    severity: f.severity,
    message: f.message,
    related: (f.related ?? []).map((r) => ({ path: r.path, line: r.range.start.line + 1, message: r.message })),
    fixes: (f.fixes ?? []).map((x) => x.title),
    function: enclosingFunction(linesOf(path.join(dir, f.path)), f.range.start.line).name,
  };
}

const perThousand = (count, lines) => (lines ? (1000 * count / lines).toFixed(2) : '—');

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/**
 * Up to `size` findings of one rule: the places are shared out between the repositories in turn, and each
 * repository's share is taken at even steps through its findings (in path and line order), so that the first
 * folder of a large repository does not stand for all of it.
 */
function spreadSample(findings, size) {
  const byRepo = new Map();
  for (const f of [...findings].sort((a, b) => a.repo.localeCompare(b.repo) || a.path.localeCompare(b.path) || a.line - b.line)) {
    if (!byRepo.has(f.repo)) byRepo.set(f.repo, []);
    byRepo.get(f.repo).push(f);
  }
  const lists = [...byRepo.values()];
  const shares = lists.map(() => 0);
  let left = Math.min(size, findings.length);
  while (left > 0) {
    lists.forEach((list, i) => {
      if (left > 0 && shares[i] < list.length) {
        shares[i]++;
        left--;
      }
    });
  }
  return lists.flatMap((list, i) => Array.from({ length: shares[i] }, (_, k) => list[Math.floor((k * list.length) / shares[i])]));
}

function excerpt(dir, file, line, context) {
  const lines = linesOf(path.join(dir, file));
  const from = Math.max(0, line - 1 - context);
  const to = Math.min(lines.length, line + context);
  return lines.slice(from, to).map((text, i) => `${from + i + 1 === line ? '>' : ' '}${String(from + i + 1).padStart(5)}  ${text}`).join('\n');
}

// Rules whose finding stands for a thing declared once (a pool, a client, a router, a metric, a watcher): many
// findings with the same message in one repository may be one design decision reported again and again. The
// other rules report each call site, which is its own fix; their repeats are listed apart, for reading.
const DECLARATION_RULES = new Set(['db-shared-pool', 'db-pool-unbounded', 'http-client-no-timeout', 'trace-gin-no-middleware',
  'metric-no-labels', 'config-reload-unvalidated', 'config-hardcoded-dsn', 'config-env-no-default']);

/**
 * Groups that may be one design decision reported several times: findings of one rule in one repository with
 * the same message (which names the handle, client, router or API) or pointing at the same related location.
 * Only groups over 3 are returned; whether a group is one decision is judged by reading.
 */
function decisionGroups(findings) {
  const groups = new Map();
  const add = (key, f) => {
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  };
  for (const f of findings) {
    add(`${f.repo} ${f.rule}: "${f.message.slice(0, 90)}"`, f);
    for (const r of f.related.slice(0, 1)) add(`${f.repo} ${f.rule}: related ${r.path}:${r.line}`, f);
  }
  return [...groups.entries()].filter(([, list]) => list.length > 3).sort((a, b) => b[1].length - a[1].length);
}

/** The enclosing function's text up to a few lines after the finding: where its statement is spelled out. */
function functionText(dir, f) {
  const lines = linesOf(path.join(dir, f.path));
  return lines.slice(enclosingFunction(lines, f.line - 1).start, f.line + 3).join('\n');
}

function isMigrationLike(dir, f) {
  return MIGRATION_PLACE.test(f.path) || MIGRATION_PLACE.test(f.function) || DDL.test(functionText(dir, f));
}

function gitHead() {
  return spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || 'unknown commit';
}

if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
const repos = readdirSync(options.corpus).filter((name) => statSync(path.join(options.corpus, name)).isDirectory() && (!options.only || options.only.includes(name))).sort();
mkdirSync(options.out, { recursive: true });
const known = knownOptions();

const results = [];
for (const name of repos) {
  const dir = path.join(options.corpus, name);
  process.stderr.write(`analysing ${name} ... `);
  const { report, seconds } = analyse(dir, known);
  process.stderr.write(`${seconds.toFixed(1)} s, ${report.findings.length} findings\n`);
  const skipped = new Set(report.skipped.map((s) => s.path));
  const files = goFiles(dir).filter((f) => !skipped.has(f));
  let lines = 0;
  let testLines = 0;
  for (const f of files) {
    const count = linesOf(path.join(dir, f)).length;
    lines += count;
    if (f.endsWith('_test.go')) testLines += count;
  }
  lineCache.clear();
  results.push({
    repo: name.replace('+', '/'),
    dir,
    commit: commitOf(dir),
    filesAnalyzed: report.filesAnalyzed,
    skipped: report.skipped.length,
    problems: report.problems,
    lines,
    nonTestLines: lines - testLines,
    seconds,
    findings: report.findings.map((f) => toFinding(name.replace('+', '/'), dir, f)),
  });
}

const all = results.flatMap((r) => r.findings);
const rules = [...new Set(all.map((f) => f.rule))].sort();
const totalLines = results.reduce((n, r) => n + r.nonTestLines, 0);
const count = (list, rule) => list.filter((f) => f.rule === rule).length;

console.log(`## Corpus run — ${new Date().toISOString().slice(0, 10)}, \`node bench/realcode.mjs ${process.argv.slice(2).join(' ')}\`\n`);
console.log(`CLI: ${cli}${options.cli ? '' : ` (this checkout, ${gitHead()})`}\n`);
console.log(table(['repository@commit', 'files analysed', 'lines of Go (non-test)', 'test lines', 'findings', 'per 1,000 lines', 'wall s', 'engine problems'],
  results.map((r) => [`${r.repo}@${r.commit.hash}`, r.filesAnalyzed, r.nonTestLines, r.lines - r.nonTestLines, r.findings.length, perThousand(r.findings.length, r.nonTestLines), r.seconds.toFixed(1), r.problems.length])));
console.log(`\nTotal: ${results.length} repositories, ${totalLines} non-test lines, ${all.length} findings (${perThousand(all.length, totalLines)} per 1,000 lines).`);
console.log('Per 1,000 lines counts non-test lines: the rules skip `_test.go` files.\n');

console.log('### Findings per rule and repository (count, then per 1,000 non-test lines)\n');
// Column labels: the repository's name, with its owner when the name alone says little (service, server, v2).
const short = (repo) => (repo.split('/')[1].length > 7 ? repo.split('/')[1] : repo);
console.log(table(['rule', ...results.map((r) => short(r.repo)), 'total', 'per 1,000'],
  rules.map((rule) => [rule, ...results.map((r) => { const n = count(r.findings, rule); return n ? `${n} (${perThousand(n, r.nonTestLines)})` : '0'; }), count(all, rule), perThousand(count(all, rule), totalLines)])));

console.log('\n### One design decision, several findings (groups over 3; judge each by reading)\n');
const groups = decisionGroups(all);
const declared = groups.filter(([, list]) => DECLARATION_RULES.has(list[0].rule));
const perCall = groups.filter(([, list]) => !DECLARATION_RULES.has(list[0].rule));
console.log(`Rules about a declared thing (${[...DECLARATION_RULES].join(', ')}):`);
if (!declared.length) console.log('- no group of more than 3 findings shares a message or a related location.');
for (const [key, list] of declared) console.log(`- ${key}: ${list.length} findings (first ${list[0].path}:${list[0].line})`);
console.log('\nPer-call rules (each finding is its own call site; listed so that repeats can be read):');
for (const [key, list] of perCall.slice(0, 30)) console.log(`- ${key}: ${list.length} findings (first ${list[0].path}:${list[0].line})`);
if (perCall.length > 30) console.log(`- … ${perCall.length - 30} more groups`);

console.log('\n### Migration code and timeout fixes\n');
const dbContext = results.flatMap((r) => r.findings.filter((f) => DB_CONTEXT_RULES.has(f.rule)).map((f) => ({ f, migration: isMigrationLike(r.dir, f) })));
const migration = dbContext.filter((x) => x.migration);
const offended = migration.filter((x) => x.f.fixes.some((t) => TIMEOUT_FIX.test(t)));
console.log(`- db-no-context / db-context-no-deadline findings: ${dbContext.length}; in code that looks like schema work (path, function or DDL): ${migration.length}; of those offered a fix whose title mentions a timeout: **${offended.length}**`);
console.log(`- of the migration-looking ones, reported at severity information: ${migration.filter((x) => x.f.severity === 'info').length}`);
for (const { f } of offended) console.log(`  - ${f.repo} ${f.path}:${f.line} (${f.function}) — ${f.fixes.join('; ')}`);
const timeoutOffers = dbContext.filter((x) => !x.migration && x.f.fixes.some((t) => TIMEOUT_FIX.test(t)));
console.log(`- outside schema-looking code, findings offered a timeout fix: ${timeoutOffers.length} (read them: none should be schema work the heuristics missed)`);
const maintenance = results.flatMap((r) => timeoutOffers.filter((x) => x.f.repo === r.repo && MAINTENANCE.test(functionText(r.dir, x.f))));
console.log(`- of those, in a function that spells out a maintenance statement (VACUUM, ANALYZE, REINDEX, REFRESH MATERIALIZED VIEW ...): ${maintenance.length}`);
for (const { f } of maintenance) console.log(`  - ${f.repo} ${f.path}:${f.line} (${f.function}) — ${f.fixes.join('; ')}`);

if (options.compare) {
  const earlier = JSON.parse(readFileSync(options.compare, 'utf8')).flatMap((r) => r.findings);
  const key = (f) => `${f.repo} ${f.path}:${f.line} ${f.rule}`;
  const before = new Set(earlier.map(key));
  const now = new Set(all.map(key));
  const compared = [...new Set([...earlier, ...all].map((f) => f.rule))].sort();
  console.log(`\n### Against ${options.compare} (a finding is the same when repository, path, line and rule are)\n`);
  console.log(table(['rule', 'before', 'now', 'new', 'gone'], compared.map((rule) => [rule,
    count(earlier, rule), count(all, rule),
    all.filter((f) => f.rule === rule && !before.has(key(f))).length,
    earlier.filter((f) => f.rule === rule && !now.has(key(f))).length])));
}

const dump = path.join(options.out, 'findings.json');
writeFileSync(dump, JSON.stringify(results.map(({ dir, ...r }) => r), null, 1));
const sampleFile = path.join(options.out, 'sample.txt');
const chunks = [];
for (const rule of rules) {
  const sample = spreadSample(all.filter((f) => f.rule === rule), options.sample);
  chunks.push(`\n################ ${rule}: ${sample.length} of ${count(all, rule)} ################`);
  sample.forEach((f, i) => {
    const dir = results.find((r) => r.repo === f.repo).dir;
    chunks.push(`\n=== ${rule} #${i + 1} ${f.repo} ${f.path}:${f.line} [${f.severity}] in ${f.function || '(package level)'}\n${f.message}`);
    if (f.fixes.length) chunks.push(`fixes: ${f.fixes.join(' | ')}`);
    chunks.push(excerpt(dir, f.path, f.line, options.context));
    for (const r of f.related.slice(0, 6)) chunks.push(`--- related ${r.path}:${r.line} (${r.message})\n${excerpt(dir, r.path, r.line, 2)}`);
  });
}
writeFileSync(sampleFile, chunks.join('\n') + '\n');
console.log(`\nAll findings: ${dump}; read sample (up to ${options.sample} per rule, with code): ${sampleFile}`);
