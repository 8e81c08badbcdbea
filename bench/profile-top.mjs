// The top entries of a V8 CPU profile (`node --cpu-prof`), by self time and by total time per source file:
// what bench/results/profile.md records before and after performance work.
// Usage: node bench/profile-top.mjs <file.cpuprofile> [--top 25] [--by-rule]
// --by-rule adds a table that charges every sample to the outermost rule or helper of the project on its stack,
// with web-tree-sitter's parse (wherever a lazy parse was triggered) counted apart.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/profile-top.mjs <file.cpuprofile> [--top N]');
  process.exit(2);
}
const topIndex = process.argv.indexOf('--top');
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 25;
const profile = JSON.parse(readFileSync(file, 'utf8'));

// Self time per node: the samples that landed on it, each weighted by the time delta that follows it.
const selfMicros = new Map();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

// Bundles (server/out/*.js) carry source maps: name the original TypeScript file and line.
const maps = new Map();
function original(url, line, column) {
  if (!url.startsWith('file://')) return null;
  if (!maps.has(url)) {
    const mapFile = `${fileURLToPath(url)}.map`;
    maps.set(url, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
  }
  const entry = maps.get(url)?.findEntry(line, column);
  return entry?.originalSource ? { file: entry.originalSource.replace(/^.*?(server\/src\/|node_modules\/)/, '$1'), line: entry.originalLine + 1 } : null;
}

const byFunction = new Map();
const byFile = new Map();
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (!micros) continue;
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const mapped = original(url, lineNumber, columnNumber);
  const where = mapped ? `${mapped.file}:${mapped.line}` : url ? `${path.basename(url)}:${lineNumber + 1}` : '';
  const name = `${functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const source = mapped ? mapped.file : url ? path.basename(url) : functionName || '(native)';
  byFile.set(source, (byFile.get(source) ?? 0) + micros);
}

const table = (title, map) => {
  console.log(`\n${title}\n\n| entry | self ms | share |\n|---|---:|---:|`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| \`${name.replace(/\|/g, '\\|')}\` | ${(micros / 1000).toFixed(0)} | ${((100 * micros) / total).toFixed(1)}% |`);
  }
};
console.log(`Profile ${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled`);
table('By function (self time)', byFunction);
table('By source (self time)', byFile);
if (process.argv.includes('--by-rule')) table('By rule (total time; the parse apart)', byRule());

/** Each sample's time, charged to the outermost project frame under the engine's loops, or to the parse. */
function byRule() {
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
  const labelOf = new Map();
  const label = (id) => {
    if (!labelOf.has(id)) {
      const { functionName, url, lineNumber, columnNumber } = nodeById.get(id).callFrame;
      const mapped = original(url, lineNumber, columnNumber);
      labelOf.set(id, mapped ? { name: functionName, file: mapped.file } : null);
    }
    return labelOf.get(id);
  };
  const charged = new Map();
  for (const [id, micros] of selfMicros) {
    const stack = [];
    for (let at = id; at !== undefined; at = parentOf.get(at)) stack.push(at);
    let key;
    if (stack.some((at) => label(at)?.name === 'parse' && label(at).file.includes('web-tree-sitter'))) key = 'parse (web-tree-sitter)';
    else {
      for (let i = stack.length - 1; i >= 0 && !key; i--) {
        const frame = label(stack[i]);
        if (frame && /(traps|architecture|go)\//.test(frame.file) && !/node-search|type-index/.test(frame.file)) key = `${frame.name} ${frame.file}`;
      }
      key ??= nodeById.get(id).callFrame.functionName || '(other)';
    }
    charged.set(key, (charged.get(key) ?? 0) + micros);
  }
  return charged;
}
