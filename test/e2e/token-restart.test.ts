/**
 * Hookscope restarts with a new UI token on the same port: while it is down the page says it is
 * reconnecting; once the new process refuses the old token the page stops and shows one alert that says
 * what to do. Opening the new URL works again. Real servers, real Chromium.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openUi, settled } from './helpers/browser';
import { startHookscope, type HookscopeServer } from './helpers/hookscope-server';

const CONFIG = { sources: [{ id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: [] }] };
const ALERT_NAME = "This page's access token is no longer valid";

let first: HookscopeServer;
let second: HookscopeServer | undefined;
let browser: Browser;
let page: Page;
let problems: string[];

before(async () => {
  first = await startHookscope({ config: CONFIG });
  browser = await launchBrowser();
  ({ page, problems } = await openUi(browser, first.uiUrl));
});

after(async () => {
  await browser?.close();
  await first?.stop();
  await second?.stop();
});

test('while Hookscope is down the page says it is reconnecting, not that the token is wrong', async () => {
  await page.getByRole('complementary', { name: 'Sources' }).getByText('BlackBox dev').waitFor();
  await first.stop();
  await page.getByRole('status').filter({ hasText: 'Live updates interrupted — reconnecting…' }).waitFor();
  assert.equal(await page.getByRole('alert', { name: ALERT_NAME }).count(), 0);
});

test('after a restart with a new token on the same port, one alert says the token is no longer valid and what to do', async () => {
  const port = Number(new URL(first.uiBase).port);
  second = await startHookscope({ config: CONFIG, uiPort: port });
  assert.equal(second.uiBase, first.uiBase, 'the new process serves the same origin');
  assert.notEqual(second.token, first.token);

  const alert = page.getByRole('alert', { name: ALERT_NAME });
  await alert.waitFor({ timeout: 30_000 });
  const text = await alert.innerText();
  assert.match(text, /restarted/);
  assert.match(text, /hookscope serve/);
  assert.match(text, /npm start/);
  assert.match(text, /\?token=/);
  // the refused calls that follow (list catch-up, status) must not add alerts of their own
  const alerts = await settled(() => page.getByRole('alert').allInnerTexts(), (texts) => texts.length === 1);
  assert.equal(alerts.length, 1, `one alert, not one per failing call: ${alerts.join(' | ')}`);
  const reconnecting = page.getByRole('status').filter({ hasText: 'reconnecting' });
  assert.equal(await settled(() => reconnecting.count(), (n) => n === 0), 0, 'it no longer claims to be reconnecting');
  await page.screenshot({ path: '/tmp/token-alert.png' });
  assert.deepEqual(
    problems.filter((p) => p.startsWith('pageerror')),
    [],
  );
});

test('opening the new URL that Hookscope printed brings the page back', async () => {
  assert.ok(second);
  await page.goto(second.uiUrl);
  await page.getByRole('complementary', { name: 'Sources' }).getByText('BlackBox dev').waitFor();
  assert.equal(await page.getByRole('alert', { name: ALERT_NAME }).count(), 0);
});
