/** Import insertion and edit application: the plumbing every quick fix relies on. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, editsOverlap, ensureImport } from '../../server/src/engine/edits';
import { parseGo } from '../../server/src/go/parser';
import { SourceFile } from '../../server/src/go/source';
import { gofmtProblem } from '../support/repo';

async function withImport(source: string, importPath: string): Promise<string> {
  const tree = await parseGo(source);
  try {
    const file = new SourceFile('x.go', source, tree);
    return applyEdits(source, ensureImport(file, importPath));
  } finally {
    tree.delete();
  }
}

const body = '\nfunc f() {}\n';

describe('ensureImport', () => {
  const cases: [string, string, string, string][] = [
    ['no imports', 'package p\n' + body, 'context', 'package p\n\nimport "context"\n' + body],
    ['single import', 'package p\n\nimport "fmt"\n' + body, 'context', 'package p\n\nimport "fmt"\nimport "context"\n' + body],
    [
      'sorted into the std group',
      'package p\n\nimport (\n\t"fmt"\n\t"time"\n)\n' + body,
      'context',
      'package p\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n)\n' + body,
    ],
    [
      'appended at the end of the std group',
      'package p\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/gin-gonic/gin"\n)\n' + body,
      'time',
      'package p\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n\n\t"github.com/gin-gonic/gin"\n)\n' + body,
    ],
    [
      'std import into a block of third-party only',
      'package p\n\nimport (\n\t"github.com/gin-gonic/gin"\n)\n' + body,
      'context',
      'package p\n\nimport (\n\t"context"\n\n\t"github.com/gin-gonic/gin"\n)\n' + body,
    ],
    [
      'third-party import into a std-only block',
      'package p\n\nimport (\n\t"fmt"\n)\n' + body,
      'go.opentelemetry.io/otel',
      'package p\n\nimport (\n\t"fmt"\n\n\t"go.opentelemetry.io/otel"\n)\n' + body,
    ],
    ['already imported', 'package p\n\nimport "context"\n' + body, 'context', 'package p\n\nimport "context"\n' + body],
  ];
  for (const [name, source, importPath, expected] of cases) {
    it(name, async () => {
      const output = await withImport(source, importPath);
      assert.equal(output, expected);
      assert.equal(gofmtProblem(output), null);
    });
  }
});

describe('applyEdits', () => {
  const at = (line: number, character: number) => ({ line, character });
  it('applies edits in position order regardless of the order given', () => {
    const text = 'abc\ndef\n';
    const output = applyEdits(text, [
      { range: { start: at(1, 0), end: at(1, 3) }, newText: 'DEF' },
      { range: { start: at(0, 1), end: at(0, 2) }, newText: 'B' },
    ]);
    assert.equal(output, 'aBc\nDEF\n');
  });

  it('refuses overlapping edits rather than writing broken code', () => {
    assert.throws(() =>
      applyEdits('abcdef', [
        { range: { start: at(0, 0), end: at(0, 3) }, newText: 'x' },
        { range: { start: at(0, 2), end: at(0, 4) }, newText: 'y' },
      ]),
    );
  });

  it('counts columns in UTF-16 units like LSP', () => {
    assert.equal(applyEdits('s := "中文😀"; x', [{ range: { start: at(0, 13), end: at(0, 14) }, newText: 'y' }]), 's := "中文😀"; y');
  });

  it('detects overlap between fixes, including two insertions at one point', () => {
    const insert = { range: { start: at(2, 0), end: at(2, 0) }, newText: 'a' };
    assert.equal(editsOverlap([insert], [{ ...insert, newText: 'b' }]), true);
    assert.equal(editsOverlap([insert], [{ range: { start: at(3, 0), end: at(3, 1) }, newText: '' }]), false);
  });
});
