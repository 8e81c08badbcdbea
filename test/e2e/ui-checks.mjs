// Phase B: what a person sees in the workbench — squiggles, the Problems panel, a quick fix from Ctrl+.,
// the checklist from F1, and the calculator panel in light and dark themes. Each check is one result.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function check(results, title, body, log) {
  const started = Date.now();
  try {
    await body();
    results.push({ title: `ui: ${title}`, passed: true });
    log(`  ui ✓ ${title} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ title: `ui: ${title}`, passed: false, error: error instanceof Error ? error.message : String(error) });
    log(`  ui ✗ ${title}`);
  }
}

async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  // Pressing Enter at once races the file search: click the row once it is listed.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(name) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
  await page.locator(`.tab[aria-label*="${path.basename(name)}"]`).first().waitFor({ timeout: 10_000 });
}

function setTheme(server, theme) {
  const file = path.join(server.userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8'));
  settings['workbench.colorTheme'] = theme;
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** The calculator's DOM lives two iframes deep: VS Code's webview host, then the active frame. */
function calculatorFrame(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

export async function runUiChecks({ page, server, outDir, log }) {
  const results = [];
  const shot = (name) => page.screenshot({ path: path.join(outDir, name) });

  await check(results, 'workbench loads the workspace', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }, log);

  await check(results, 'squiggles appear on a trap in the editor', async () => {
    await openFile(page, 'internal/store/db.go');
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 45_000 });
    await sleep(1000);
    await shot('editor-squiggles.png');
  }, log);

  await check(results, 'the Problems panel lists go-traps findings', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => /db-shared-pool/.test(document.querySelector('.markers-panel')?.textContent ?? ''), null, { timeout: 20_000 });
    await shot('problems-panel.png');
    await page.keyboard.press('Control+Shift+M');
  }, log);

  await check(results, 'a quick fix from Ctrl+. applies', async () => {
    await openFile(page, 'internal/user/repo.go');
    const squiggle = page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ timeout: 30_000 });
    const before = await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count();
    await squiggle.click();
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget .monaco-list-row, .context-view .action-item').first();
    await menu.waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').length < n,
      before,
      { timeout: 20_000 },
    );
  }, log);

  await check(results, '"Go Traps: Show Architecture Checklist" opens from F1', async () => {
    await runCommand(page, 'Go Traps: Show Architecture Checklist');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await page.waitForFunction(() => /pool|DB|数据库/i.test(document.querySelector('.quick-input-list')?.textContent ?? ''), null, { timeout: 30_000 });
    if ((await rows.count()) < 5) throw new Error(`only ${await rows.count()} checklist rows`);
    await sleep(500);
    await shot('checklist.png');
    await page.keyboard.press('Escape');
  }, log);

  for (const [theme, file] of [['Default Light Modern', 'calculator-light.png'], ['Default Dark Modern', 'calculator-dark.png']]) {
    await check(results, `the split calculator renders and updates its verdict (${theme})`, async () => {
      setTheme(server, theme);
      await sleep(1500);
      await runCommand(page, 'Go Traps: Open Split-Threshold Calculator');
      const frame = calculatorFrame(page);
      const verdict = frame.locator('#verdict');
      await verdict.waitFor({ timeout: 30_000 });
      await frame.locator('#qps').fill('1200');
      await frame.locator('#qps').dispatchEvent('input');
      await page.waitForTimeout(500);
      const converge = await verdict.textContent();
      await frame.locator('#qps').fill('9000');
      await frame.locator('#qps').dispatchEvent('input');
      await page.waitForFunction(() => true, null, { timeout: 1000 });
      await sleep(800);
      const split = await verdict.textContent();
      if (!converge || !split || converge === split) throw new Error(`verdict did not change: "${converge}" → "${split}"`);
      await shot(file);
    }, log);
  }
  return results;
}
