// One build script for every bundle: the client, the language server, the CLI and the tests.
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeConfigValidator } from './scripts/config-validator.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** The parser runtime and the Go grammar come from the installed packages, never from a download. */
function copyGrammars() {
  mkdirSync(join(root, 'grammars'), { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), join(root, 'grammars', 'tree-sitter.wasm'));
  copyFileSync(require.resolve('tree-sitter-go/tree-sitter-go.wasm'), join(root, 'grammars', 'tree-sitter-go.wasm'));
}

function testEntryPoints(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === 'out' || name === 'e2e') continue;
    if (statSync(full).isDirectory()) found.push(...testEntryPoints(full));
    else if (name.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  alias: {
    '@protocol': join(root, 'server/src/protocol.ts'),
    // jsonc-parser's UMD main requires its parts at run time, which a bundle cannot follow; its ES build can be bundled.
    'jsonc-parser': 'jsonc-parser/lib/esm/main.js',
  },
  // web-tree-sitter's ES module asks for import.meta.url, which a CommonJS bundle must supply itself.
  define: { 'import.meta.url': '__goTrapsImportMetaUrl' },
  banner: { js: "const __goTrapsImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

/** What ships (`npm run package` builds with --production): minified, without source maps. */
const shipped = production ? { minify: true, keepNames: true, sourcemap: false } : {};

const builds = [
  // jsonc-parser's UMD main loads its parts with require calls a bundle cannot follow: take its ES module build.
  { ...common, ...shipped, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'client/out', external: ['vscode'], mainFields: ['module', 'main'] },
  { ...common, ...shipped, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts', 'analysis-worker': 'server/src/engine/analysis-worker.ts' }, outdir: 'server/out' },
  {
    ...common,
    entryPoints: testEntryPoints(join(root, 'test')).map((p) => relative(root, p)),
    outdir: 'test/out',
    outbase: 'test',
    // GitHub's toolkit is an ES module that checks our annotations; it is loaded as it ships, not bundled.
    external: ['@actions/core'],
  },
  {
    // The fuzz suite (npm run fuzz) is not a test entry point: the default run never starts it.
    ...common,
    entryPoints: { 'fuzz/run-fuzz': 'test/fuzz/run-fuzz.ts' },
    outdir: 'test/out',
  },
  {
    // The end-to-end suite runs inside VS Code's extension host: vscode is provided there, mocha is required
    // from node_modules at run time.
    ...common,
    entryPoints: { index: 'test/e2e/suite/index.ts', 'extension.test': 'test/e2e/suite/extension.test.ts' },
    outdir: 'test/e2e/out/suite',
    external: ['vscode', 'mocha'],
  },
];

copyGrammars();
// The schema of .go-traps.json becomes validation code once here, not at every start of the server or CLI.
writeConfigValidator(join(root, 'schemas/go-traps.schema.json'), join(root, 'server/src/engine/generated/config-schema.js'), '../duration');
if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
