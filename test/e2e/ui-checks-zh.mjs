// Phase C: the same workbench with VS Code's display language set to Simplified Chinese. The product's
// messages, its command titles (package.nls.zh-cn.json) and the calculator must all follow the language.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calculatorFrame, check, openWithSquiggles, runCommand, setField, sleep, waitForVerdict, workbenchLoaded } from './ui-checks.mjs';

const HAN = /[\u4e00-\u9fff]/;

/** Runs the Chinese checks on an open workbench page; returns one result per check (never throws). */
export async function runChineseChecks({ page, repo, outDir, log }) {
  const results = [];
  const ctx = { page, outDir, log };
  const titles = JSON.parse(readFileSync(path.join(repo, 'package.nls.zh-cn.json'), 'utf8'));

  await check(results, 'zh-cn: workbench loads the workspace', () => workbenchLoaded(page), ctx);

  await check(results, 'zh-cn: the Problems panel shows the findings in Simplified Chinese', async () => {
    await openWithSquiggles(page, 'internal/store/db.go');
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'db-open-error-ignored' }).first();
    await row.waitFor({ timeout: 20_000 });
    const text = (await row.textContent()) ?? '';
    if (!HAN.test(text) || !text.includes('sql.Open')) throw new Error(`the finding reads "${text}", not Chinese`);
    await sleep(300);
    await page.screenshot({ path: path.join(outDir, 'problems-zh-cn.png') });
    await page.keyboard.press('Control+Shift+M');
  }, ctx);

  await check(results, 'zh-cn: the checklist command has its Chinese title and Chinese items', async () => {
    await runCommand(page, `Go Traps: ${titles['command.showChecklist']}`);
    await page.waitForFunction((han) => new RegExp(han).test(document.querySelector('.quick-input-list')?.textContent ?? ''), HAN.source, { timeout: 30_000 });
    // The list renders its rows a few at a time: wait for them rather than count the first ones.
    await page.waitForFunction(() => document.querySelectorAll('.quick-input-list .monaco-list-row').length >= 5, null, { timeout: 10_000 });
    await page.keyboard.press('Escape');
  }, ctx);

  await check(results, 'zh-cn: the split calculator answers in Chinese', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, `Go Traps: ${titles['command.openCalculator']}`);
    const frame = calculatorFrame(page);
    const verdict = frame.locator('#verdict');
    await verdict.waitFor({ timeout: 30_000 });
    await setField(frame, 'teamSize', '5');
    await setField(frame, 'qps', '1200');
    await waitForVerdict(verdict, 'false', /^收敛/);
    await setField(frame, 'qps', '9000');
    await waitForVerdict(verdict, 'true', /^拆分/);
  }, ctx);
  return results;
}
