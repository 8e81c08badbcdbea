// Parse throughput of a web-tree-sitter build on a Go corpus (default: the Go standard library).
// Usage: node bench/parse-speed.mjs [corpusDir] [webTreeSitterDir] [runs]
// The grammar is always the tree-sitter-go.wasm the build copied into grammars/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.argv[2] ?? '/usr/lib/go/src';
const runtimeDir = path.resolve(process.argv[3] ?? path.join(root, 'node_modules/web-tree-sitter'));
const runs = Number(process.argv[4] ?? 3);

function goFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) goFiles(full, out);
    else if (name.endsWith('.go')) out.push(full);
  }
  return out;
}

// Resolve through the package's exports, from the node_modules folder that holds it.
const require = createRequire(path.join(runtimeDir, '..', '..', 'bench.js'));
const { Parser, Language } = require('web-tree-sitter');
const version = JSON.parse(readFileSync(path.join(runtimeDir, 'package.json'), 'utf8')).version;
await Parser.init({ locateFile: (name) => path.join(runtimeDir, name) });  // tree-sitter.wasm or web-tree-sitter.wasm
const go = await Language.load(path.join(root, 'grammars/tree-sitter-go.wasm'));
const parser = new Parser();
parser.setLanguage(go);

const texts = goFiles(corpus).map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
const times = [];
for (let run = 0; run < runs; run++) {
  const start = process.hrtime.bigint();
  for (const text of texts) parser.parse(text).delete();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const best = Math.min(...times);
console.log(JSON.stringify({ webTreeSitter: version, files: texts.length, lines, mb: +(bytes / 1e6).toFixed(1), runsMs: times.map(Math.round), bestMs: Math.round(best), mbPerSec: +((bytes / 1e6) / (best / 1000)).toFixed(2) }));
