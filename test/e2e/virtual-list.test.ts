/**
 * 100,000 deliveries: the list stays virtualised (only the visible rows exist in the DOM), scrolling to
 * the end renders the last one, and reaching the end asks for the next page with the `before` cursor.
 * The real server serves the UI; listDeliveries is answered by the test so the numbers are exact.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { DeliverySummary } from '../../shared/api';
import { launchBrowser, openUi } from './helpers/browser';
import { startHookscope, type HookscopeServer } from './helpers/hookscope-server';

const TOTAL = 100_000;
let server: HookscopeServer;
let browser: Browser;
let page: Page;
const listCalls: Array<Record<string, unknown>> = [];

function summary(i: number): DeliverySummary {
  return {
    id: `v${String(TOTAL - i).padStart(7, '0')}`,
    sourceId: 'blackbox',
    receivedAt: new Date(Date.UTC(2026, 0, 1) - i * 1000).toISOString(),
    method: 'POST',
    path: '/hooks/blackbox',
    eventType: `Event${i}`,
    verdict: i % 7 === 0 ? 'rejected' : 'verified',
    status: i % 7 === 0 ? 401 : 200,
    checks: [
      { id: 'signature', outcome: i % 7 === 0 ? 'fail' : 'pass', code: i % 7 === 0 ? 'no_matching_signature' : 'ok' },
      { id: 'timestamp', outcome: 'pass', code: 'ok' },
    ],
    duplicateOf: null,
    forward: null,
    size: 100,
    clientIp: '127.0.0.1',
  };
}

before(async () => {
  server = await startHookscope({ config: { sources: [{ id: 'blackbox', provider: 'blackbox', secrets: ['env:BB_SECRET'] }] }, env: { BB_SECRET: 'x'.repeat(40) } });
  browser = await launchBrowser();
  const firstPage = JSON.stringify({ ok: true, value: { items: Array.from({ length: TOTAL }, (_, i) => summary(i)), next: 'cursor-after-100k' } });
  const lastPage = JSON.stringify({ ok: true, value: { items: [{ ...summary(TOTAL), id: 'v-oldest', eventType: 'TheOldestEvent' }] } });
  ({ page } = await openUi(browser, 'about:blank'));
  await page.context().route('**/api/listDeliveries', async (route) => {
    const args = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    listCalls.push(args);
    await route.fulfill({ status: 200, contentType: 'application/json', body: args.before ? lastPage : firstPage });
  });
  await page.goto(server.uiUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('100,000 deliveries render as a handful of rows', async () => {
  await page.getByText(`${TOTAL.toLocaleString('en-US')}+ shown`).waitFor();
  await page.getByRole('row').filter({ hasText: 'Event0' }).first().waitFor();
  const rendered = await page.getByRole('row').count();
  assert.ok(rendered > 5 && rendered < 100, `only visible rows are in the DOM (got ${rendered})`);
});

test('scrolling to the end shows the last delivery and loads the next page with the before cursor', async () => {
  const grid = page.getByRole('grid', { name: 'Deliveries list' });
  await grid.focus();
  await page.keyboard.press('End');
  await page.getByRole('row').filter({ hasText: `Event${TOTAL - 1}` }).waitFor();
  await page.getByRole('row').filter({ hasText: 'TheOldestEvent' }).waitFor();
  assert.ok(listCalls.some((args) => args.before === 'cursor-after-100k'), 'the next page is requested with before = the cursor');
  assert.ok((await page.getByRole('row').count()) < 100, 'still virtualised at the end');
});
