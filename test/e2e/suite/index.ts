/**
 * Entry of the end-to-end suite in the `@vscode/test-electron` shape: `run()` runs mocha inside the extension
 * host and resolves or rejects. The same file serves code-server (npm run test:e2e) and test-electron
 * (npm run test:vscode). Per-test results go to the file named by GO_TRAPS_E2E_RESULTS, for the driver.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestResult {
  title: string;
  passed: boolean;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.GO_TRAPS_E2E_RESULTS;
      if (file) writeFileSync(file, JSON.stringify({ tests: results }, null, 2));
      if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), passed: true }));
    runner.on('fail', (test, error: Error) => {
      results.push({ title: test.fullTitle(), passed: false, error: error.stack ?? error.message });
      // Said at once: a later test that hangs must not swallow why this one failed.
      console.log(`✗ ${test.fullTitle()}: ${error.message}`);
    });
  });
}
