// UI smoke test in the browser: the packaged .vsix installed into code-server, driven by Debian's
// Chromium like a person would: open a file with a key, see the squiggle and the Problems row, open
// the keyward view, sign in, see the keys, rotate one from the command palette. Screenshots go to
// test/e2e/screenshots/ (git-ignored) — look at them.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startDemo } from '../../scripts/demo';
import { smokeVerdict } from './smokeVerdict';

const shots = path.join(__dirname, 'screenshots');
let passed = 0;
let failed = 0;
/** Errors a step already reported (the catch in main() tells them from a failure outside a step). */
const reported = new WeakSet<object>();

async function step(name: string, fn: () => Promise<void>) {
  try {
    await fn();
    passed++;
    console.log(`  ✔ ${name}`);
  } catch (e) {
    failed++;
    console.log(`  ✗ ${name}\n    ${(e as Error).message.split('\n').join('\n    ')}`);
    if (e && typeof e === 'object') reported.add(e);
    throw e;
  }
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** The first key press can be lost while the workbench restores: retry until the quick input shows. */
async function quickOpen(page: Page, keys: string, text: string) {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press(keys);
    if (await page.locator('.quick-input-widget:visible').count()) break;
    await page.waitForTimeout(500);
  }
  await page.locator('.quick-input-widget input.input').fill(text);
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const { launchBrowser } = await import('./browser.mjs');
  const demo = await startDemo({});
  const browser = await launchBrowser();
  console.log(`\n  UI smoke test (packaged .vsix in code-server; keyward.vsix ${(fs.statSync(demo.vsix).size / 1024).toFixed(0)} KB)`);
  // The step() calls below, counted: the run passes only when all of them ran and passed.
  const planned = 3;
  let outside: unknown;
  try {
    const page = await browser.context.newPage();
    await page.goto(demo.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });

    await step('a hardcoded key shows a squiggle and a Problems row', async () => {
      await quickOpen(page, 'Control+P', 'pioneer.ts');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'pioneer.ts' }).first().click();
      await page.locator('.squiggly-warning, .squiggly-error').first().waitFor({ timeout: 30000 });
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'keyward' }).first();
      await row.waitFor({ timeout: 15000 });
      const text = (await page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
      assert.ok(!text.includes('pio_sk_Q7vR2mXk9LpT4wZs8NbY3cD_6f1e2d3c'), 'the Problems panel must not show the whole key');
      await shot(page, '1-diagnostic');
    });

    await step('the keyward view signs in and lists the keys', async () => {
      await quickOpen(page, 'F1', '>keyward: Sign In');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'keyward: Sign In' }).first().click();
      // provider pick (Pioneer), then the password box
      await page.locator('.quick-input-widget:visible').waitFor();
      const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Pioneer' }).first();
      if (await pick.count()) await pick.click();
      const input = page.locator('.quick-input-widget input.input[type="password"]');
      await input.waitFor({ timeout: 15000 });
      await input.fill(demo.managementKey);
      await page.keyboard.press('Enter');
      // the key is checked with the provider, then the account label: accept "default"
      await page.locator('.quick-input-widget:visible', { hasText: 'account label' }).waitFor({ timeout: 15000 });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-list-row', { hasText: 'ci-pipeline' }).first().waitFor({ timeout: 30000 });
      await shot(page, '2-api-keys');
    });

    await step('keyward: Rotate API Key from the command palette', async () => {
      const before = [...demo.provider.state.accounts.values()][0].keys.filter((k) => !k.revoked).length;
      await quickOpen(page, 'F1', '>keyward: Rotate API Key');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'keyward: Rotate API Key' }).first().click();
      const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'ci-pipeline' }).first();
      await pick.waitFor({ timeout: 15000 });
      await pick.click();
      // a modal confirmation names the key
      const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Rotate/ }).first();
      if (await confirm.count().then((n: number) => n > 0).catch(() => false)) await confirm.click();
      else {
        await page.locator('.monaco-dialog-box').waitFor({ timeout: 5000 }).catch(() => {});
        if (await confirm.count()) await confirm.click();
      }
      const deadline = Date.now() + 30000;
      let revoked = false;
      while (Date.now() < deadline && !revoked) {
        const acct = [...demo.provider.state.accounts.values()][0];
        revoked = acct.keys.some((k) => k.name === 'ci-pipeline' && k.revoked);
        if (!revoked) await page.waitForTimeout(250);
      }
      // the view settles: the placeholder gives way to the replacement key
      await page.locator('.monaco-list-row', { hasText: 'Rotating' }).first().waitFor({ state: 'detached', timeout: 15000 }).catch(() => undefined);
      await shot(page, '3-rotated');
      assert.ok(revoked, 'the old ci-pipeline key is revoked on the server');
      const after = [...demo.provider.state.accounts.values()][0].keys.filter((k) => !k.revoked).length;
      assert.strictEqual(after, before, 'one key replaced by one key');
    });
  } catch (e) {
    // a step's failure is reported by step(); anything else (the workbench never loaded) is reported below
    if (!(e && typeof e === 'object' && reported.has(e))) outside = e ?? new Error('unknown failure');
    // keep what the user would have seen
    for (const p of browser.context.pages()) await shot(p, 'failure').catch(() => undefined);
  } finally {
    await browser.close();
    await demo.stop();
  }
  const verdict = smokeVerdict({ planned, passed, failed, outside });
  console.log(`\n  ${passed} passing\n${failed ? `  ${failed} failing\n` : ''}${verdict.reason ? `  smoke test failed: ${verdict.reason}\n` : ''}`);
  process.exit(verdict.code);
}

main().catch((e) => {
  console.error(`smoke test could not run: ${(e as Error).stack}`);
  process.exit(1);
});
