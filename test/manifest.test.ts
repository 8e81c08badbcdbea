/** The extension manifest: contract command ids, localised strings in both languages, settings that match the protocol. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CLIENT_SETTINGS } from '../server/src/protocol';
import { RULES } from '../server/src/traps/index';
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
    assert.deepEqual(ids, [
      'goTraps.showChecklist',
      'goTraps.exportReport',
      'goTraps.openCalculator',
      'goTraps.analyzeWorkspace',
      'goTraps.restartServer',
      'goTraps.showOutput',
      'goTraps.openConfig',
      'goTraps.showRuleDocumentation',
      'goTraps.showStatusMenu',
      'goTraps.suppress',
      'goTraps.turnRuleOff',
    ]);
    for (const command of contributes.commands) assert.equal(nls.en[command.category.slice(1, -1)], 'Go Traps');
    // Commands that need arguments from a code action or the status item stay out of the Command Palette.
    const hidden = contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    assert.deepEqual(hidden.sort(), ['goTraps.showStatusMenu', 'goTraps.suppress', 'goTraps.turnRuleOff']);
  });

  it('completes and checks rule ids in goTraps.rules: one property per registered rule, nothing else', () => {
    const rules = contributes.configuration.properties['goTraps.rules'];
    assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.meta.id).sort());
    assert.equal(rules.additionalProperties, false, 'an unknown rule id is flagged in settings.json');
    for (const level of Object.values<{ enum: string[] }>(rules.properties)) assert.deepEqual(level.enum, ['error', 'warning', 'info', 'hint', 'off']);
  });

  it('contributes the $go-traps problem matcher, which reads the CLI\'s text lines', () => {
    const [matcher] = contributes.problemMatchers;
    assert.equal(matcher.name, 'go-traps');
    const line = 'internal/store/db.go:12:11: error db-open-error-ignored The error from sql.Open is discarded: a bad DSN goes unnoticed.';
    const match = new RegExp(matcher.pattern.regexp).exec(line);
    assert.ok(match, 'the pattern matches a CLI finding line');
    const field = (name: string) => match[matcher.pattern[name]];
    assert.deepEqual(
      { file: field('file'), line: field('line'), column: field('column'), severity: field('severity'), code: field('code') },
      { file: 'internal/store/db.go', line: '12', column: '11', severity: 'error', code: 'db-open-error-ignored' },
    );
    assert.match(field('message'), /^The error from sql\.Open/);
    assert.equal(new RegExp(matcher.pattern.regexp).exec('    internal/store/db.go:3:2: note: shared here'), null, 'related-location notes are not findings');
    assert.deepEqual(contributes.taskDefinitions.map((t: { type: string }) => t.type), ['go-traps']);
  });

  it('contributes a getting-started walkthrough whose pages exist in both languages', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['findTraps', 'checklist', 'calculator', 'teamConfig']);
    for (const step of walkthrough.steps) {
      const key = step.media.markdown.slice(1, -1);
      for (const strings of Object.values(nls)) assert.ok(existsSync(path.join(REPO_ROOT, strings[key])), `${strings[key]} exists`);
    }
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
    assert.deepEqual(Object.keys(properties).sort(), ['goTraps.baseline', 'goTraps.configFile', 'goTraps.enable', 'goTraps.problems', 'goTraps.rules', 'goTraps.run', 'goTraps.trace.server']);
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
