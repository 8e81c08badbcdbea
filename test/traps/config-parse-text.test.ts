/**
 * config-parse-unchecked reads the text before it parses a file: a finding is a parse whose error goes to `_`, or
 * one in a reload path. A "no" from the text must never hide either: checked on the spellings, every fixture and
 * a sample of the standard library, against the tree.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { mayReportParse } from '../../server/src/traps/config/config-parse-unchecked';
import { reloadPathBodies } from '../../server/src/traps/config/config-reload';
import { discardedSecondResult, findAll } from '../../server/src/go/syntax';
import { goFilesBelow, GOROOT_SRC, NEEDS_GOROOT, stdlibSample } from '../support/go-files';
import { FIXTURES_DIR } from '../support/repo';
import { typedSources } from '../support/types';

const PARSER = /^(Atoi|Parse(Int|Uint|Float|Bool|Duration))$/;

/** Whether the tree shows a parse whose second result is `_`, or any reload path. */
async function fromTheTree(text: string): Promise<boolean> {
  const sources = await typedSources({ 'p/file.go': text });
  try {
    const types = sources.resolver('p/file.go');
    const discarded = findAll(types.file.root, 'call_expression').some((call) => {
      const name = call.childForFieldName('function')?.childForFieldName('field')?.text ?? '';
      return PARSER.test(name) && discardedSecondResult(call) !== null;
    });
    return discarded || reloadPathBodies(types).length > 0;
  } finally {
    sources.dispose();
  }
}

describe('config-parse-unchecked: what the text says before a parse', () => {
  const wrap = (body: string) => `package p\n\nimport (\n\t"strconv"\n\t"time"\n)\n\nfunc f(s string) {\n${body}\n}\n`;
  const cases: [string, string, boolean][] = [
    ['an error dropped with :=', '\tn, _ := strconv.Atoi(s)\n\t_ = n', true],
    ['an error dropped with =, the call on the next line', '\tvar d time.Duration\n\td, _ =\n\t\ttime.ParseDuration(s)\n\t_ = d', true],
    ['an error dropped in a var', '\tvar n, _ = strconv.ParseInt(s, 10, 64)\n\t_ = n', true],
    ['an error checked', '\tn, err := strconv.Atoi(s)\n\tif err != nil {\n\t\treturn\n\t}\n\t_ = n', false],
    ['a function named for reloading', '\treloadLimits(s)\n}\n\nfunc reloadLimits(s string) {\n\tn, err := strconv.Atoi(s)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\t_ = n', true],
  ];
  for (const [name, body, expected] of cases) {
    it(`${name}: ${expected ? 'maybe' : 'no'}`, async () => {
      const text = wrap(body);
      assert.equal(mayReportParse(text), expected);
      if (!expected) assert.equal(await fromTheTree(text), false);
    });
  }

  async function neverHides(files: string[], root: string): Promise<number> {
    let ruledOut = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!/\b(Atoi|Parse(Int|Uint|Float|Bool|Duration))\(/.test(text) || mayReportParse(text)) continue;
      ruledOut++;
      assert.equal(await fromTheTree(text), false, path.relative(root, file));
    }
    return ruledOut;
  }

  it('never says no where the tree shows a dropped error or a reload path, on every fixture', async () => {
    const ruledOut = await neverHides(goFilesBelow(FIXTURES_DIR, Infinity), FIXTURES_DIR);
    assert.ok(ruledOut >= 3, `ruled out ${ruledOut}`);
  });

  it('never says no where the tree shows a dropped error or a reload path, on a sample of the standard library', NEEDS_GOROOT, async () => {
    const files = stdlibSample(['strconv', 'net/http', 'cmd/go/internal', 'cmd/internal', 'encoding', 'debug', 'archive', 'go', 'time', 'flag', 'os'], 80);
    const ruledOut = await neverHides(files, GOROOT_SRC);
    assert.ok(ruledOut > 30, `ruled out ${ruledOut}`);
  });
});
