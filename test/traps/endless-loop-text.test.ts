/**
 * goroutine-no-exit asks the text first whether a file may hold an endless loop without a way out. A "no" from the
 * text must never hide a loop the tree would find: checked on the awkward spellings, every fixture and a sample of
 * the standard library, against the tree's answer (the one the rule used before the text came first).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findAll } from '../../server/src/go/syntax';
import { endlessKind } from '../../server/src/traps/goroutine/goroutine-ast';
import { mayHoldEndlessLoopText } from '../../server/src/traps/goroutine/endless-loop-text';
import { goFilesBelow } from '../support/go-files';
import { FIXTURES_DIR } from '../support/repo';
import { typedSources } from '../support/types';

/** The tree's answer: some endless loop holds a closure, or no return or goto. */
async function fromTheTree(text: string): Promise<boolean> {
  const sources = await typedSources({ 'p/file.go': text });
  try {
    const types = sources.resolver('p/file.go');
    const root = findAll(types.file.root, ['for_statement', 'return_statement', 'goto_statement', 'func_literal']);
    const within = (types: string[], loop: { startIndex: number; endIndex: number }) =>
      root.some((n) => types.includes(n.type) && n.startIndex >= loop.startIndex && n.startIndex < loop.endIndex);
    return root.some((loop) => loop.type === 'for_statement' && !!endlessKind(types, loop) && (within(['func_literal'], loop) || !within(['return_statement', 'goto_statement'], loop)));
  } finally {
    sources.dispose();
  }
}

const wrap = (body: string) => `package p\n\nimport "time"\n\nvar _ = time.Second\n\nfunc f(ch chan int, t *time.Ticker, xs []int) int {\n${body}\n\treturn 0\n}\n`;

describe('goroutine-no-exit: endless loops read from the text', () => {
  const cases: [string, string, boolean][] = [
    ['a `for {` with a return', '\tfor {\n\t\tif <-ch > 0 {\n\t\t\treturn 1\n\t\t}\n\t}', false],
    ['a `for {` without one', '\tfor {\n\t\t<-ch\n\t}', true],
    ['a `for {` leaving by goto', '\tfor {\n\t\tgoto out\n\t}\nout:', false],
    ['a closure in the loop', '\tfor {\n\t\tgo func() { <-ch }()\n\t\treturn 1\n\t}', true],
    ['a three-clause loop with no condition', '\tfor n := 0; ; n++ {\n\t\t<-ch\n\t}', true],
    ['a three-clause loop with a condition', '\tfor n := 0; n < 3; n++ {\n\t\t<-ch\n\t}', false],
    ['a condition', '\tfor len(ch) > 0 {\n\t\t<-ch\n\t}', false],
    ['a range over a slice', '\tfor _, x := range xs {\n\t\t_ = x\n\t}', false],
    ['a range over a composite literal', '\tfor _, x := range []int{1, 2} {\n\t\t_ = x\n\t}', true],
    ['a range over a ticker', '\tfor range t.C {\n\t\t<-ch\n\t}', true],
    ['a range over time.Tick', '\tfor range time.Tick(time.Second) {\n\t\t<-ch\n\t}', true],
    ['a comment in the header', '\tfor /* ever */ {\n\t\t<-ch\n\t}', true],
    ['"return" in a string only', '\tfor {\n\t\tprintln("return")\n\t}', true],
    ['"return" in a comment only', '\tfor {\n\t\t// return\n\t\t<-ch\n\t}', true],
    ['a brace in a string', '\tfor {\n\t\tprintln("}")\n\t\treturn 1\n\t}', false],
    ['a division in the header', '\tfor n := 0; n < len(xs)/2; n++ {\n\t\t<-ch\n\t}', false],
  ];
  for (const [name, body, expected] of cases) {
    it(`${name}: ${expected ? 'maybe' : 'no'}`, async () => {
      const text = wrap(body);
      assert.equal(mayHoldEndlessLoopText(text), expected);
      // The text may say "maybe" where the tree says no, never the other way round.
      if (!expected) assert.equal(await fromTheTree(text), false);
    });
  }

  it('says maybe for broken code', () => {
    assert.equal(mayHoldEndlessLoopText('package p\nfunc f() {\n\tfor {\n\t\treturn\n'), true);
    assert.equal(mayHoldEndlessLoopText('package p\nfunc f() {\n\tfor {\n\t\treturn\n\t}\n}\n}\n'), true);
    assert.equal(mayHoldEndlessLoopText('package p\nfunc f() {\n\tfor {\n\t\treturn "\n\t}\n}\n'), true);
  });

  async function neverHides(files: string[], root: string): Promise<number> {
    let ruledOut = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (mayHoldEndlessLoopText(text)) continue;
      ruledOut++;
      assert.equal(await fromTheTree(text), false, path.relative(root, file));
    }
    return ruledOut;
  }

  it('never says no where the tree finds such a loop, on every fixture', async () => {
    const files = goFilesBelow(FIXTURES_DIR, Infinity);
    assert.ok(files.length > 100);
    assert.ok((await neverHides(files, FIXTURES_DIR)) > 50);
  });

  const goroot = '/usr/lib/go/src';
  it('never says no where the tree finds such a loop, on a sample of the standard library', { skip: !existsSync(goroot) && process.env.CI !== 'true' ? 'no Go installed' : false }, async () => {
    const files = ['net/http', 'runtime', 'cmd/go/internal', 'go/parser', 'crypto/tls', 'os/exec'].flatMap((dir) => goFilesBelow(path.join(goroot, dir), 120));
    assert.ok((await neverHides(files, goroot)) > 200);
  });
});
