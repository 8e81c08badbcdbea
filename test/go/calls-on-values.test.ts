/**
 * `mayCallOnValues` lets a rule skip the parse of a file whose calls of its method names are all functions of other
 * packages (`base.Errorf`, `fmt.Printf`). Where it says no, the resolver must agree: no such call is a method or a
 * function of the packages the rule reads — on the awkward spellings, every fixture and a standard library sample.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { callsNamed, mayCallOnValues } from '../../server/src/go/calls-by-name';
import { scanDeclarations } from '../../server/src/go/declaration-scanner';
import { SourceFile } from '../../server/src/go/source';
import { LOGGING_PATHS } from '../../server/src/traps/observability/logging-calls';
import { goFilesBelow, GOROOT_SRC, NEEDS_GOROOT, stdlibSample } from '../support/go-files';
import { FIXTURES_DIR } from '../support/repo';
import { typedSources } from '../support/types';

const QUESTIONS: [names: string[], packages: string[]][] = [
  [['Print', 'Printf', 'Println', 'Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln'], ['log']],
  [['Msg', 'Msgf', 'Send', 'MsgFunc', 'Error', 'Errorf', 'Errorw', 'Errorln', 'ErrorContext'], LOGGING_PATHS],
  [['Query', 'QueryRow', 'Exec', 'Prepare', 'Begin', 'Ping', 'QueryContext', 'ExecContext'], []],
];

/** How many questions the text answered "no" for this file; throws where the resolver disagrees. */
async function check(name: string, text: string): Promise<number> {
  const lazy = new SourceFile(name, text, () => {
    throw new Error('parsed');
  }, undefined, scanDeclarations(text, () => 'p').imports);
  const sources = await typedSources({ [name]: text });
  let answeredNo = 0;
  try {
    const types = sources.resolver(name);
    for (const [names, packages] of QUESTIONS) {
      if (mayCallOnValues(lazy, names, packages, sources.index)) continue;
      answeredNo++;
      for (const call of callsNamed(types.file, names)) {
        const callee = types.calleeOf(call);
        const relevant = callee?.kind === 'method' || (callee?.kind === 'func' && packages.includes(callee.pkg ?? ''));
        assert.equal(relevant, false, `${name}: ${call.text.slice(0, 60)} (${names[0]}…)`);
      }
    }
  } finally {
    sources.dispose();
  }
  return answeredNo;
}

const wrap = (imports: string, body: string) => `package p\n\nimport (\n${imports}\n)\n\nfunc f() {\n${body}\n}\n`;

describe('calls of other packages\' functions, read from the text', () => {
  const file = (text: string) => new SourceFile('p/f.go', text, () => { throw new Error('parsed'); }, undefined, scanDeclarations(text, () => 'p').imports);
  const logNames = QUESTIONS[0][0];
  const ask = (text: string) => mayCallOnValues(file(text), logNames, ['log'], (undefined as never));

  it('says no for functions of other packages, and never parses', async () => {
    const text = wrap('\t"fmt"\n\tbase "example.com/base"', '\tfmt.Printf("x")\n\tbase.Fatalf("y")\n\tbase . Fatal ("z")');
    const sources = await typedSources({ 'p/f.go': text });
    try {
      assert.equal(mayCallOnValues(file(text), logNames, ['log'], sources.index), false);
    } finally {
      sources.dispose();
    }
  });

  it('says maybe for the package asked about, values, chains, shadowed names and comments in the call', async () => {
    const sources = await typedSources({ 'p/f.go': 'package p\n' });
    const may = (imports: string, body: string) => mayCallOnValues(file(wrap(imports, body)), logNames, ['log'], sources.index);
    try {
      assert.equal(may('\t"log"', '\tlog.Printf("x")'), true);
      assert.equal(may('\t"fmt"', '\tvar l logger\n\tl.Printf("x")'), true);
      assert.equal(may('\t"fmt"', '\ts.log.Printf("x")'), true);
      assert.equal(may('\t"fmt"', '\tnewLogger().Printf("x")'), true);
      assert.equal(may('\t"fmt"', '\tfmt := newLogger()\n\tfmt.Printf("x")'), true);
      assert.equal(may('\t"fmt"', '\tfor _, fmt := range loggers {\n\t\tfmt.Printf("x")\n\t}'), true);
      assert.equal(may('\t"fmt"', '\tfmt. /* c */ Printf("x")'), true);
      assert.equal(may('\t"fmt"', '\tfmt.Printf /* c */ ("x")'), true);
      assert.equal(may('\t"fmt"', '\tfmt.Printf[int]("x")'), true);
      // Names in comments and strings are no calls.
      assert.equal(may('\t"fmt"', '\t// l.Printf("x")\n\t_ = "s.Printf(1)"'), false);
    } finally {
      sources.dispose();
    }
  });

  it('answers maybe for a file whose imports are known only from its tree', () => {
    const text = wrap('\t"fmt"', '\tfmt.Printf("x")');
    const parsedOnly = new SourceFile('p/f.go', text, () => { throw new Error('parsed'); });
    assert.equal(mayCallOnValues(parsedOnly, logNames, ['log'], undefined as never), true);
    assert.equal(ask('package p\n'), false, 'no name written: nothing to ask');
  });

  it('never says no where the resolver finds a method or a package asked about, on every fixture', async () => {
    const files = goFilesBelow(FIXTURES_DIR, Infinity);
    let no = 0;
    for (const f of files) no += await check(path.relative(FIXTURES_DIR, f), readFileSync(f, 'utf8'));
    assert.ok(no > 100, `answered no ${no} times`);
  });

  it('never says no where the resolver finds a method or a package asked about, on a sample of the standard library', NEEDS_GOROOT, async () => {
    const files = stdlibSample(['cmd/compile/internal/base', 'cmd/compile/internal/typecheck', 'database/sql', 'log', 'net/http', 'go/types'], 60);
    let no = 0;
    for (const f of files) no += await check(path.relative(GOROOT_SRC, f), readFileSync(f, 'utf8'));
    assert.ok(no > 100, `answered no ${no} times`);
  });
});
