/** Unified diffs: which lines of the new files were added, and which findings touch them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseUnifiedDiff, touchesChanges } from '../../server/src/cli/changed-lines';
import type { Finding } from '../../server/src/engine/types';

const GIT_DIFF = `diff --git a/store/db.go b/store/db.go
index 1111111..2222222 100644
--- a/store/db.go
+++ b/store/db.go
@@ -3,0 +4,2 @@ import "database/sql"
+// Open opens the pool.
+var x = 1
@@ -10 +12 @@ func Open() {
-\told()
+\tnew()
@@ -20,2 +21,0 @@ func Close() {
-\tgone()
-\tgone()
diff --git a/new.go b/new.go
new file mode 100644
--- /dev/null
+++ b/new.go
@@ -0,0 +1,3 @@
+package p
+
+func F() {}
diff --git a/deleted.go b/deleted.go
deleted file mode 100644
--- a/deleted.go
+++ /dev/null
@@ -1,2 +0,0 @@
-package p
-
`;

/** A patch with context lines, as `diff -u` or a review tool writes it. */
const CONTEXT_PATCH = `--- a/svc/run.go\t2024-01-01 00:00:00
+++ b/svc/run.go\t2024-01-02 00:00:00
@@ -1,5 +1,6 @@
 package svc
 
 func Run() {
+\tgo work()
 \tdone()
-\told()
+\tnew()
 }
`;

function at(startLine: number, endLine = startLine, endCharacter = 5): Finding {
  return {
    ruleId: 'r',
    path: 'x.go',
    range: { start: { line: startLine - 1, character: 1 }, end: { line: endLine - 1, character: endCharacter } },
    severity: 'warning',
    messageId: 'm',
    message: 'm',
    related: [],
    fixes: [],
  };
}

describe('parseUnifiedDiff', () => {
  it('keeps the added lines of each new file, merges runs, ignores removals and deleted files', () => {
    const changes = parseUnifiedDiff(GIT_DIFF);
    assert.deepEqual([...changes.keys()], ['store/db.go', 'new.go']);
    assert.deepEqual(changes.get('store/db.go'), [
      [4, 5],
      [12, 12],
    ]);
    assert.deepEqual(changes.get('new.go'), [[1, 3]]);
  });

  it('counts context lines in patches with context, and drops timestamps from the headers', () => {
    assert.deepEqual(parseUnifiedDiff(CONTEXT_PATCH).get('svc/run.go'), [
      [4, 4],
      [6, 6],
    ]);
  });

  it("reads git's quoted names", () => {
    const quoted = '--- "a/caf\\303\\251.go"\n+++ "b/caf\\303\\251.go"\n@@ -0,0 +1 @@\n+package p\n';
    assert.deepEqual([...parseUnifiedDiff(quoted).keys()], ['café.go']);
  });
});

describe('touchesChanges', () => {
  const changes = new Map<string, [number, number][] | 'all'>([
    ['/r/x.go', [[10, 12]]],
    ['/r/new.go', 'all'],
  ]);
  it("is true when the finding's lines overlap a changed span", () => {
    assert.equal(touchesChanges(at(11), '/r/x.go', changes), true);
    assert.equal(touchesChanges(at(8, 10), '/r/x.go', changes), true);
    assert.equal(touchesChanges(at(1), '/r/new.go', changes), true);
  });
  it('is false elsewhere, in unchanged files, and for a range that ends at column 0 of a changed line', () => {
    assert.equal(touchesChanges(at(9), '/r/x.go', changes), false);
    assert.equal(touchesChanges(at(13), '/r/x.go', changes), false);
    assert.equal(touchesChanges(at(11), '/r/other.go', changes), false);
    assert.equal(touchesChanges(at(8, 10, 0), '/r/x.go', changes), false);
  });
});
