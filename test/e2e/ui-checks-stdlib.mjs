// Phase D: the calculator on the Go standard library (thousands of files, a hundred domains), as a person opens
// it there: the status item shows the scan's progress and then the count; the graph stays readable; screenshots
// in dark and light themes for the README.
import path from 'node:path';
import { assertGraphReadable, calculatorFrame, calculatorShot, check, runCommand, setTheme, statusItemCount, workbenchLoaded } from './ui-checks.mjs';

/** Runs the standard-library checks on an open workbench page; returns one result per check (never throws). */
export async function runStdlibChecks({ page, outDir, log }) {
  const results = [];
  const ctx = { page, outDir, log };
  const shot = (name) => page.screenshot({ path: path.join(outDir, name) });

  await check(results, 'stdlib: the status item shows the scan\'s progress, then the count', async () => {
    await workbenchLoaded(page);
    const item = page.locator('.statusbar-item', { hasText: 'Go Traps' }).first();
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /Go Traps: .*indexing [\d,]+ of [\d,]+/.test(e.textContent ?? '')), null, { timeout: 120_000 });
    log(`  stdlib: ${((await item.textContent()) ?? '').trim()}`);
    await shot('status-indexing.png');
    const { count } = await statusItemCount(page, 300_000);
    log(`  stdlib: ${count} traps`);
  }, ctx);

  for (const [theme, kind, file] of [['Dark Modern', 'dark', 'calculator-stdlib-dark.png'], ['Light Modern', 'light', 'calculator-stdlib-light.png']]) {
    await check(results, `stdlib: the calculator's graph reads on a hundred domains (${theme})`, async () => {
      await setTheme(page, theme, kind);
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'Go Traps: Open Split-Threshold Calculator');
      const frame = calculatorFrame(page);
      await frame.locator('#verdict').waitFor({ timeout: 60_000 });
      const report = await assertGraphReadable(frame);
      const note = (await frame.locator('#graph-note').textContent({ timeout: 10_000 })) ?? '';
      if (!/most coupled of [\d,]+ domains/.test(note)) throw new Error(`no note on the grouped domains: "${note}"`);
      if ((await frame.locator('#coupling-graph .domain.other').count()) !== 1) throw new Error('the other domains are not grouped into one node');
      log(`  stdlib: ${report.nodes} nodes; ${note}`);
      await calculatorShot(page, frame, path.join(outDir, file));
    }, ctx);
  }
  return results;
}
