// Findings per rule in two JSON reports of the CLI (`--format json`), with what is new and what is gone (a finding
// is the same when rule, path and line are): the before/after tables of bench/RESULTS.md.
// Usage: node bench/compare-reports.mjs <before.json> <after.json> [--list rule-id]
import { readFileSync } from 'node:fs';

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: node bench/compare-reports.mjs <before.json> <after.json> [--list rule-id]');
  process.exit(2);
}
const listIndex = process.argv.indexOf('--list');
const listRule = listIndex > 0 ? process.argv[listIndex + 1] : undefined;
const load = (file) => JSON.parse(readFileSync(file, 'utf8')).findings;
const key = (f) => `${f.ruleId}\t${f.path}\t${f.range.start.line + 1}`;
const before = load(beforeFile);
const after = load(afterFile);
const beforeKeys = new Set(before.map(key));
const afterKeys = new Set(after.map(key));
const rules = [...new Set([...before, ...after].map((f) => f.ruleId))].sort();

console.log('| rule | before | after | new | gone |\n|---|---:|---:|---:|---:|');
for (const rule of rules) {
  const b = before.filter((f) => f.ruleId === rule);
  const a = after.filter((f) => f.ruleId === rule);
  const added = a.filter((f) => !beforeKeys.has(key(f))).length;
  const gone = b.filter((f) => !afterKeys.has(key(f))).length;
  console.log(`| ${rule} | ${b.length} | ${a.length} | ${added} | ${gone} |`);
}
console.log(`| **all** | **${before.length}** | **${after.length}** | | |`);
if (listRule) {
  console.log(`\n${listRule}, new:`);
  for (const f of after.filter((f) => f.ruleId === listRule && !beforeKeys.has(key(f)))) console.log(`  ${f.path}:${f.range.start.line + 1} ${f.message}`);
  console.log(`${listRule}, gone:`);
  for (const f of before.filter((f) => f.ruleId === listRule && !afterKeys.has(key(f)))) console.log(`  ${f.path}:${f.range.start.line + 1} ${f.message}`);
}
