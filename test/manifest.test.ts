/** The extension manifest: contract command ids, localised strings in both languages, settings that match the protocol. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CLIENT_SETTINGS } from '../server/src/protocol';
import { REPO_ROOT } from './support/repo';

const read = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
const manifest = read('package.json');
const nls: Record<string, Record<string, string>> = { en: read('package.nls.json'), 'zh-cn': read('package.nls.zh-cn.json') };

function placeholders(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    const match = /^%([\w.]+)%$/.exec(value);
    if (match) found.push(match[1]);
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) placeholders(v, found);
  return found;
}

describe('extension manifest', () => {
  const contributes = manifest.contributes;

  it('contributes the contract commands in category "Go Traps"', () => {
    const ids = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(ids, ['goTraps.showChecklist', 'goTraps.exportReport', 'goTraps.openCalculator', 'goTraps.analyzeWorkspace', 'goTraps.restartServer', 'goTraps.showOutput']);
    for (const command of contributes.commands) assert.equal(nls.en[command.category.slice(1, -1)], 'Go Traps');
  });

  it('declares workspace trust: limited, with the settings that name files restricted in Restricted Mode', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.match(nls.en[trust.description.slice(1, -1)], /runs nothing from the workspace/);
    const settings = contributes.configuration.properties;
    const namingFiles = Object.keys(settings).filter((key) => /file|path/i.test(key));
    assert.deepEqual(trust.restrictedConfigurations, namingFiles);
    for (const key of trust.restrictedConfigurations) assert.ok(settings[key], `${key} is a contributed setting`);
  });

  it('localises every %key% in English and Simplified Chinese, with no stale keys', () => {
    const keys = [...new Set(placeholders(manifest))].sort();
    for (const [locale, strings] of Object.entries(nls)) {
      assert.deepEqual(Object.keys(strings).sort(), keys, `keys of package.nls${locale === 'en' ? '' : '.' + locale}.json`);
      for (const key of keys) assert.ok(strings[key].trim(), `empty ${key} in ${locale}`);
    }
    assert.match(nls['zh-cn']['command.showChecklist'], /[\u4e00-\u9fff]/);
  });

  it('declares each setting with a default, a scope and a description, matching the protocol\'s defaults', () => {
    const properties = contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), ['goTraps.baseline', 'goTraps.configFile', 'goTraps.enable', 'goTraps.rules', 'goTraps.run', 'goTraps.trace.server']);
    for (const [key, setting] of Object.entries<Record<string, unknown>>(properties)) {
      assert.ok('default' in setting, `${key} has no default`);
      assert.ok(setting.scope, `${key} has no scope`);
      assert.ok(setting.description || setting.markdownDescription, `${key} has no description`);
    }
    for (const [key, value] of Object.entries(DEFAULT_CLIENT_SETTINGS)) assert.deepEqual(properties[`goTraps.${key}`].default, value, key);
  });

  it('validates .go-traps.json with the schema and activates for Go and for the calculator\'s restore', () => {
    assert.deepEqual(contributes.jsonValidation, [{ fileMatch: '.go-traps.json', url: './schemas/go-traps.schema.json' }]);
    assert.ok(manifest.activationEvents.includes('onLanguage:go'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/go.mod'));
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:goTraps.calculator'));
  });

  it('keeps the scripts the team relies on', () => {
    for (const script of ['build', 'typecheck', 'start', 'test']) assert.ok(manifest.scripts[script], script);
  });

  it('ships as an npm package with self-contained bundles: no runtime dependencies, no "files" field beside .vscodeignore', () => {
    // vsce refuses to package when package.json has "files" and a .vscodeignore exists; npm reads .npmignore.
    assert.equal(manifest.files, undefined);
    assert.ok(existsSync(path.join(REPO_ROOT, '.vscodeignore')) && existsSync(path.join(REPO_ROOT, '.npmignore')));
    assert.deepEqual(manifest.bin, { 'go-traps': 'server/out/cli.js' });
    assert.equal(Object.keys(manifest.dependencies ?? {}).length, 0, 'everything is bundled: an install needs nothing from the registry');
    const builtins = new Set(builtinModules);
    for (const bundle of ['server/out/cli.js', 'server/out/server.js', 'client/out/extension.js']) {
      const text = readFileSync(path.join(REPO_ROOT, bundle), 'utf8');
      const required = [...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, ''));
      const foreign = required.filter((name) => !builtins.has(name) && name !== 'vscode');
      assert.deepEqual([...new Set(foreign)], [], `${bundle} requires modules it does not bundle`);
    }
    assert.match(readFileSync(path.join(REPO_ROOT, 'server/out/cli.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });
});
