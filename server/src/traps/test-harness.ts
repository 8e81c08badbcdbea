/**
 * Test harnesses: `_test.go` files, and packages that exist only to support tests (`httptest`, `dbtest`,
 * `testutil`, `internal/testenv`, anything under `testdata/`). Their clients talk to servers the test started and
 * their config comes from the test, so rules whose pages say tests are skipped skip these too.
 */
import type { Settings } from '../engine/config';
import { isTestCode } from '../engine/domains';
import type { FileLocation } from '../engine/rule';
import type { SourceFile } from '../go/source';

/** Package names of test support: `httptest`, `dbtest`, `testutil`, `testenv`, `mocks`, `fakes`. */
const HARNESS_PACKAGE = /^test(ing|utils?|helpers?|support|env|log|kit|data|s)?$|^(mock|fake)s?$|\w+test$|\w+(mock|fake)s?$/;

/** Words that end in "test" but name no test package. */
const NOT_HARNESS = new Set(['latest', 'contest', 'protest', 'attest', 'greatest', 'fastest', 'shortest', 'smallest', 'largest', 'biggest', 'highest', 'lowest', 'nearest']);

/**
 * True for a `_test.go` file or any file of a test-support package. Folders count only inside a module: outside
 * one the path is the caller's, and a workspace kept under `~/test/` is not a harness.
 */
export function isTestHarness(file: SourceFile, location: FileLocation, settings: Settings): boolean {
  if (file.isTest) return true;
  const name = file.packageName;
  if (HARNESS_PACKAGE.test(name) && !NOT_HARNESS.has(name)) return true;
  // The folders are the ones the domains recognise as harnesses (`testdata/`, `testutil/`, `e2e/`, `mocks/` ...).
  return location.modulePath !== '' && isTestCode(location, settings);
}
