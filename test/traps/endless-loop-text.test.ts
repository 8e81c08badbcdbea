/**
 * goroutine-no-exit asks the text first whether a file may hold an endless loop without a way out. A "no" from the
 * text must never hide a loop the tree would find: checked on the awkward spellings, every fixture and a sample of
 * the standard library, against the tree's answer (the one the rule used before the text came first).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { endlessKind } from '../../server/src/traps/goroutine/goroutine-ast';
import { mayHoldEndlessLoopText, mayStartGoroutinesInLoop } from '../../server/src/go/endless-loop-text';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { scanOf } from '../../server/src/traps/goroutine/goroutine-scan';
import { loopExitsOf } from '../../server/src/traps/goroutine/loop-exits';
import { goFilesBelow, GOROOT_SRC, NEEDS_GOROOT, stdlibSample } from '../support/go-files';
import { FIXTURES_DIR } from '../support/repo';
import { typedSources } from '../support/types';

/**
 * The tree's answer, as the rule's full analysis reads it: some loop that may be endless holds a closure, or has
 * no way out (loop-exits.ts). Where this is false the rule records no loop for the file.
 */
async function fromTheTree(text: string): Promise<boolean> {
  const sources = await typedSources({ 'p/file.go': text });
  try {
    const types = sources.resolver('p/file.go');
    const scan = scanOf(types.file);
    const exits = loopExitsOf(scan);
    const closures = scan.ofType('func_literal').map((i) => scan.starts[i]);
    return scan.ofType('for_statement').some((i) => {
      if (!endlessKind(types, scan.nodes[i])) return false;
      return closures.some((at) => at >= scan.starts[i] && at < scan.ends[i]) || !exits.get(i)!.leaves;
    });
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
    ['a plain break of its own', '\tfor {\n\t\tif <-ch > 0 {\n\t\t\tbreak\n\t\t}\n\t}', false],
    ['a break that only leaves a switch', '\tfor {\n\t\tswitch <-ch {\n\t\tcase 1:\n\t\t\tbreak\n\t\t}\n\t}', true],
    ['a break that only leaves a select', '\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\t\tbreak\n\t\t}\n\t}', true],
    ['a break that only leaves an inner loop', '\tfor {\n\t\tfor range xs {\n\t\t\tbreak\n\t\t}\n\t}', true],
    ['a break after a switch', '\tfor {\n\t\tswitch <-ch {\n\t\tcase 1:\n\t\t}\n\t\tbreak\n\t}', false],
    ['a labeled break (left to the tree)', '\tfor {\n\t\tbreak out\n\t}\nout:', true],
    ['a panic', '\tfor {\n\t\tif <-ch > 0 {\n\t\t\tpanic("stop")\n\t\t}\n\t}', false],
    ['an os.Exit-like call', '\tfor {\n\t\tif <-ch > 0 {\n\t\t\tt.Stop()\n\t\t\tt.Reset(time.Second)\n\t\t\tquit.Exit(1)\n\t\t}\n\t}', false],
    ['"break" in a comment only', '\tfor {\n\t\t// break\n\t\t<-ch\n\t}', true],
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

  it('never says no where the tree finds such a loop, on a sample of the standard library', NEEDS_GOROOT, async () => {
    const files = stdlibSample(['net/http', 'runtime', 'cmd/go/internal', 'go/parser', 'crypto/tls', 'os/exec'], 120);
    assert.ok((await neverHides(files, GOROOT_SRC)) > 200);
  });
});

/**
 * The type index keeps, per file, the functions whose body may loop forever (FileDecls.loops): goroutine-no-exit
 * leaves out a file whose `go` statements start none of them. And goroutine-unbounded leaves out a file whose `go`
 * statements all sit outside loops. Both are read from the text; neither may hide what the tree finds.
 */
describe('looping functions and goroutines started in loops, read from the text', () => {
  const loopsOf = (text: string) => scanDeclarations(text, () => 'p').loops;

  it('names the functions and methods whose body may hold a loop with no way out, and only those', () => {
    const text = `package p\n\nimport "time"\n\nfunc drain(ch chan int) {\n\tfor {\n\t\t<-ch\n\t}\n}\n\nfunc leaves(ch chan int) {\n\tfor {\n\t\tif <-ch > 0 {\n\t\t\treturn\n\t\t}\n\t}\n}\n\nfunc (s *S) tick() {\n\tfor range time.Tick(time.Second) {\n\t\ts.n++\n\t}\n}\n\nfunc plain() {}\n`;
    assert.deepEqual(loopsOf(text), ['drain', 'tick']);
    assert.equal(loopsOf('package p\n\nfunc plain() {\n\tfor i := 0; i < 3; i++ {\n\t}\n}\n'), undefined);
  });

  it('tells a `go` statement inside a loop from one outside', () => {
    const wrapGo = (body: string) => `package p\n\nfunc f(xs []int, ch chan int) {\n${body}\n}\n`;
    assert.equal(mayStartGoroutinesInLoop(wrapGo('\tgo work(ch)\n\tfor _, x := range xs {\n\t\tprintln(x)\n\t}')), false);
    assert.equal(mayStartGoroutinesInLoop(wrapGo('\tfor _, x := range xs {\n\t\tgo work(x)\n\t}')), true);
    assert.equal(mayStartGoroutinesInLoop(wrapGo('\tfor {\n\t\tif x := <-ch; x > 0 {\n\t\t\tgo func() { work(x) }()\n\t\t}\n\t}')), true);
    assert.equal(mayStartGoroutinesInLoop(wrapGo('\t// go work(x) in a loop\n\tfor _, x := range xs {\n\t\tprintln(x)\n\t}')), false);
    assert.equal(mayStartGoroutinesInLoop(wrapGo('\tfor _, x := range xs {\n\t\tgo work(x)\n')), true, 'unbalanced: maybe');
  });

  /** Checks one file against the tree; returns how many go statements and functions the text ruled out. */
  async function neverHidesFromTheTree(text: string, name: string): Promise<number> {
    const sources = await typedSources({ 'p/file.go': text });
    try {
      const types = sources.resolver('p/file.go');
      const scan = scanOf(types.file);
      const exits = loopExitsOf(scan);
      const loops = new Set(loopsOf(text) ?? []);
      let ruledOut = 0;
      for (const i of scan.ofType('for_statement')) {
        const fn = scan.fn[i];
        if (fn < 0 || scan.types[fn] === 'func_literal' || !endlessKind(types, scan.nodes[i]) || exits.get(i)!.leaves) continue;
        const fnName = scan.nodes[fn].childForFieldName('name')?.text ?? '';
        assert.ok(loops.has(fnName), `${name}: ${fnName} may loop forever`);
      }
      if (!mayStartGoroutinesInLoop(text)) {
        ruledOut++;
        for (const go of scan.ofType('go_statement')) assert.equal(scan.loop[go], -1, `${name}: a go statement in a loop at ${scan.nodes[go].startPosition.row + 1}`);
      }
      return ruledOut;
    } finally {
      sources.dispose();
    }
  }

  it('never hides what the tree finds, on every fixture', async () => {
    const files = goFilesBelow(FIXTURES_DIR, Infinity);
    let ruledOut = 0;
    for (const file of files) ruledOut += await neverHidesFromTheTree(readFileSync(file, 'utf8'), path.relative(FIXTURES_DIR, file));
    assert.ok(ruledOut > 100, `${ruledOut} files without a go statement in a loop`);
  });

  it('never hides what the tree finds, on a sample of the standard library', NEEDS_GOROOT, async () => {
    const files = stdlibSample(['net/http', 'runtime', 'cmd/go/internal', 'os/exec', 'net'], 80);
    let ruledOut = 0;
    for (const file of files) ruledOut += await neverHidesFromTheTree(readFileSync(file, 'utf8'), path.relative(GOROOT_SRC, file));
    assert.ok(ruledOut > 200, `${ruledOut} files without a go statement in a loop`);
  });
});
