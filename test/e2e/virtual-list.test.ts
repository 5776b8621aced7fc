/**
 * 100,000 deliveries: the list is as tall as the total (the scrollbar tells the truth), stays virtualised
 * (only the visible rows exist in the DOM), and End reaches the oldest delivery in one action by asking
 * for the page at that offset inside the snapshot. The real server serves the UI; listDeliveries is
 * answered by the test so the numbers are exact.
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
  ({ page } = await openUi(browser, 'about:blank'));
  await page.context().route('**/api/listDeliveries', async (route) => {
    const args = JSON.parse(route.request().postData() ?? '{}') as { offset?: number; limit?: number };
    listCalls.push(args);
    const offset = args.offset ?? 0;
    const items = Array.from({ length: Math.max(0, Math.min(args.limit ?? 50, TOTAL - offset)) }, (_, k) => summary(offset + k));
    if (offset + items.length === TOTAL) items[items.length - 1] = { ...items[items.length - 1], eventType: 'TheOldestEvent' };
    const value = { items, total: TOTAL, top: 's2ss', ...(offset + items.length < TOTAL ? { next: 'c' } : {}) };
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value }) });
  });
  await page.goto(server.uiUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('100,000 deliveries: the total is shown and only a handful of rows render', async () => {
  await page.getByText(`${TOTAL.toLocaleString('en-US')} deliveries`).waitFor();
  await page.getByRole('row').filter({ hasText: 'Event0' }).first().waitFor();
  const rendered = await page.getByRole('row').count();
  assert.ok(rendered > 5 && rendered < 100, `only visible rows are in the DOM (got ${rendered})`);
  const grid = page.getByRole('grid', { name: /Deliveries list/ });
  assert.equal(await grid.getAttribute('aria-rowcount'), String(TOTAL));
  const height = await grid.evaluate((el) => el.scrollHeight);
  assert.ok(height >= TOTAL * 40, `the scrollable height covers every delivery (${height} px)`);
});

test('End reaches the oldest delivery in one action: one request for that page, in the snapshot', async () => {
  const grid = page.getByRole('grid', { name: /Deliveries list/ });
  await grid.focus();
  const before = listCalls.length;
  await page.keyboard.press('End');
  await page.getByRole('row', { selected: true }).filter({ hasText: 'TheOldestEvent' }).waitFor();
  const asked = listCalls.slice(before) as Array<{ offset?: number; asOf?: string }>;
  assert.ok(asked.some((a) => a.offset === TOTAL - 100 && a.asOf === 's2ss'), `the last page by offset: ${JSON.stringify(asked)}`);
  assert.ok(asked.length <= 4, `no walk through the pages in between (${asked.length} requests)`);
  assert.ok((await page.getByRole('row').count()) < 100, 'still virtualised at the end');
  await page.keyboard.press('Home');
  await page.getByRole('row', { selected: true }).filter({ hasText: 'Event0' }).waitFor();
});
