/** go.work: the `use` directives in every form, and a walk that joins the workspace's modules. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseGoWork } from '../../server/src/cli/go-work';
import { walkGoFiles } from '../../server/src/cli/walk';
import { defaultSettings } from '../../server/src/engine/config';
import { locateFile } from '../../server/src/engine/domains';
import { REPO_ROOT } from '../support/repo';

describe('parseGoWork', () => {
  it('reads single and block use directives, quoted or not, with comments', () => {
    const text = [
      'go 1.22',
      'toolchain go1.22.1',
      '',
      'use ./api // the public API',
      'use "./with space"',
      'use (',
      '\t./services/billing',
      '\t../shared // outside the folder',
      '\t"./quoted"',
      '\t`./raw`',
      ')',
      '',
      'replace (',
      '\texample.com/old => ./not-a-module',
      ')',
      'replace example.com/x => ../elsewhere',
      'godebug (',
      '\tpanicnil=1',
      ')',
    ].join('\n');
    assert.deepEqual(parseGoWork(text), ['./api', './with space', './services/billing', '../shared', './quoted', './raw']);
  });

  it('finds nothing in a go.work without use, and survives CRLF and an empty file', () => {
    assert.deepEqual(parseGoWork('go 1.21\r\n'), []);
    assert.deepEqual(parseGoWork(''), []);
    assert.deepEqual(parseGoWork('go 1.21\r\nuse (\r\n\t./a\r\n)\r\n'), ['./a']);
    assert.deepEqual(parseGoWork('// use ./commented\nuser := 1\n'), [], 'a comment or a word starting with use is not a directive');
  });
});

function tree(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'go-traps-gowork-')));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('walking a Go workspace', () => {
  const files = {
    'work/go.work': 'go 1.21\n\nuse (\n\t./platform\n\t./services\n\t../shared\n)\n',
    'work/platform/go.mod': 'module example.com/platform\n',
    'work/platform/db/pool.go': 'package db\n',
    'work/services/go.mod': 'module example.com/services\n',
    'work/services/internal/user/repo.go': 'package user\n',
    'work/services/internal/order/repo.go': 'package order\n',
    'shared/go.mod': 'module example.com/shared\n',
    'shared/internal/billing/pay.go': 'package billing\n',
    'unlisted/x.go': 'package x\n',
  };

  it('walks every used module, also one outside the folder, each placing its own files in domains', async () => {
    const root = tree(files);
    const settings = defaultSettings();
    const walk = await walkGoFiles([path.join(root, 'work')], root, settings, { followWorkspace: true });
    assert.deepEqual(walk.workspaces, [path.join(root, 'work', 'go.work')]);
    assert.deepEqual(walk.modules.map((m) => m.path).sort(), ['example.com/platform', 'example.com/services', 'example.com/shared']);
    const relative = walk.files.map((f) => path.relative(root, f).split(path.sep).join('/'));
    assert.deepEqual(relative, ['shared/internal/billing/pay.go', 'work/platform/db/pool.go', 'work/services/internal/order/repo.go', 'work/services/internal/user/repo.go']);
    const place = (file: string) => locateFile(file, walk.modules, settings);
    assert.deepEqual(
      ['work/services/internal/user/repo.go', 'work/services/internal/order/repo.go', 'shared/internal/billing/pay.go', 'work/platform/db/pool.go'].map((f) => [place(f).modulePath, place(f).domain]),
      [
        ['example.com/services', 'user'],
        ['example.com/services', 'order'],
        ['example.com/shared', 'billing'],
        ['example.com/platform', ''],
      ],
    );
  });

  it('from inside one module, knows the other modules of the go.work above but walks only the path given', async () => {
    const root = tree(files);
    const walk = await walkGoFiles([path.join(root, 'work', 'services')], root, defaultSettings(), { followWorkspace: true });
    assert.deepEqual(walk.modules.map((m) => m.path).sort(), ['example.com/platform', 'example.com/services', 'example.com/shared']);
    assert.ok(walk.files.every((f) => f.startsWith(path.join(root, 'work', 'services') + path.sep)), walk.files.join('\n'));
  });

  it('leaves a go.work alone unless asked (the language server walks its folder only)', async () => {
    const root = tree(files);
    const walk = await walkGoFiles([path.join(root, 'work')], root, defaultSettings());
    assert.deepEqual(walk.workspaces, []);
    assert.ok(!walk.files.some((f) => f.includes(`${path.sep}shared${path.sep}`)));
  });

  it('makes the CLI analyse every module of the workspace, the one outside the folder too', () => {
    const trap = 'package billing\n\nimport "net/http"\n\nfunc Pay(url string) {\n\thttp.Get(url)\n}\n';
    const root = tree({ ...files, 'shared/internal/billing/pay.go': trap });
    const cli = path.join(REPO_ROOT, 'server/out/cli.js');
    const result = spawnSync(process.execPath, [cli, '--format', 'json'], { cwd: path.join(root, 'work'), encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.filesAnalyzed, 4);
    assert.deepEqual(report.findings.map((f: { path: string; ruleId: string }) => [f.path, f.ruleId]), [[path.join(root, 'shared/internal/billing/pay.go'), 'http-client-no-timeout']]);
  });
});
