/**
 * What the VSIX holds: `vsce ls` with the options of `npm run package` must list exactly what the extension
 * needs (bundles, grammars, media, schema, rule pages, the Marketplace README), and nothing else (no CLI, no
 * sources, no source maps). The Marketplace README's relative links must name files that exist.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './support/repo';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const packageScript: string = manifest.scripts.package;
const readmePath = /--readme-path (\S+)/.exec(packageScript)?.[1];

function vsceList(): string[] {
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const output = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', readmePath!], { cwd: REPO_ROOT, encoding: 'utf8' });
  return output.split('\n').map((l) => l.trim()).filter(Boolean).sort();
}

describe('packaging', () => {
  it('packages with vsce, offline-safe options and the Marketplace README', () => {
    assert.match(packageScript, /\bvsce package\b/);
    assert.match(packageScript, /--no-dependencies/, 'the bundles carry their dependencies; vsce must not run npm');
    assert.ok(readmePath && existsSync(path.join(REPO_ROOT, readmePath)), `the Marketplace README ${readmePath} exists`);
    assert.equal(manifest.scripts['vscode:prepublish'], 'node esbuild.mjs --production');
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/go-traps\/go-traps(\.git)?$/);
    assert.match(manifest.homepage, /^https:\/\/github\.com\/go-traps\/go-traps/);
  });

  it('ships exactly what the extension needs', () => {
    const rulePages = readdirSync(path.join(REPO_ROOT, 'docs', 'rules')).map((name) => `docs/rules/${name}`);
    const walkthrough = readdirSync(path.join(REPO_ROOT, 'media', 'walkthrough')).map((name) => `media/walkthrough/${name}`);
    const media = readdirSync(path.join(REPO_ROOT, 'client', 'media')).map((name) => `client/media/${name}`);
    const expected = [
      'package.json',
      'package.nls.json',
      'package.nls.zh-cn.json',
      readmePath!,
      'LICENSE',
      'CHANGELOG.md',
      'client/out/extension.js',
      'server/out/server.js',
      // The language server's scan and full analyses run in worker threads.
      'server/out/analysis-worker.js',
      'grammars/tree-sitter.wasm',
      'grammars/tree-sitter-go.wasm',
      'schemas/go-traps.schema.json',
      'media/icon.png',
      ...media,
      ...rulePages,
      ...walkthrough,
    ].sort();
    assert.deepEqual(vsceList(), expected);
  });

  it('has a PNG icon of at least 128×128 pixels', () => {
    const png = readFileSync(path.join(REPO_ROOT, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 128 && height >= 128, `icon is ${width}×${height}`);
  });

  it('links only to files that exist from the Marketplace README (vsce makes them absolute)', () => {
    const text = readFileSync(path.join(REPO_ROOT, readmePath!), 'utf8');
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^(https?:|#|mailto:)/.test(l));
    assert.ok(links.some((l) => l.endsWith('.png')), 'the README shows screenshots');
    for (const link of links) assert.ok(existsSync(path.join(REPO_ROOT, link.split('#')[0])), `${readmePath} links to ${link}, which does not exist`);
    for (const section of ['## Install', '## Settings', '## CLI']) assert.ok(text.includes(section), `a "${section}" section`);
  });
});
