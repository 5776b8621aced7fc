/**
 * The query language through the UI (filtered by the server), the URL as the view's address (a reload
 * restores delivery, tab and query), and an 800×600 window with no sideways scrolling on any view.
 * Real server, real Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { DeliveryPage } from '../../shared/api';
import { settled } from './helpers/browser';
import { useUiSession } from './helpers/ui-session';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

const ui = useUiSession({
  config: { sources: [{ id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: ['env:BB_SECRET'] }] },
  env: { BB_SECRET },
});

const url = () => `${ui.server.receiverUrl}/hooks/blackbox`;

async function seed(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const body = blackboxBody({ event: 'CompletedWebHookPayload', data: { callId: `call_ok_${i}`, agentId: 'agent_42' } });
    assert.equal((await postWebhook(url(), body, sign(BB_SECRET, body))).status, 200);
  }
  for (let i = 0; i < 3; i++) {
    const body = blackboxBody({ event: 'ToolWebHookPayload', data: { callId: `call_forged_${i}` } });
    assert.equal((await postWebhook(url(), body, 'f'.repeat(64))).status, 401);
  }
}

async function query(page: Page, text: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Query deliveries' });
  await box.fill(text);
  await box.press('Escape'); // closes the suggestions; the query stays
}

/** the rows the list shows (rendered, loaded) */
function rowTexts(page: Page): Promise<string[]> {
  return page.getByRole('grid', { name: /Deliveries list/ }).getByRole('row').allInnerTexts();
}

test('status:401 lists only the 401s, with the total the server counted', async () => {
  // (the session's own before hook starts the server; top-level hooks do not wait for each other)
  await seed();
  const all = await ui.server.api<DeliveryPage>('listDeliveries', {});
  await ui.page.getByText(`${all.total} deliveries`).waitFor();
  await query(ui.page, 'status:401');
  await ui.page.getByText('3 matches').waitFor();
  const rows = await settled(() => rowTexts(ui.page), (r) => r.length === 3);
  assert.equal(rows.length, 3, rows.join('\n'));
  for (const row of rows) assert.match(row, /\b401\b/);
  for (const row of rows) assert.match(row, /Signature failed/);
});

test('check:signature lists only deliveries failing the signature check; a chip click adds its term', async () => {
  await query(ui.page, 'check:signature');
  await ui.page.getByText('3 matches').waitFor();
  for (const row of await rowTexts(ui.page)) assert.match(row, /Signature failed/);
  await query(ui.page, '');
  await ui.page.getByText('8 deliveries').waitFor();
  await ui.page.getByRole('row').filter({ hasText: 'ToolWebHookPayload' }).first().getByRole('button', { name: 'Signature failed' }).click();
  await ui.page.getByText('3 matches').waitFor();
  assert.equal(await ui.page.getByRole('combobox', { name: 'Query deliveries' }).inputValue(), 'fail:signature');
});

test('a query that does not parse says why and where, and keeps the last good list', async () => {
  await query(ui.page, 'status:abc');
  await ui.page.getByRole('alert').filter({ hasText: 'status: takes a code like 401 or a class like 5xx' }).waitFor();
  assert.equal(await ui.page.getByText('3 matches').count(), 1);
  await query(ui.page, 'fail:signature');
});

test('autocomplete: typing a field offers its values; Enter takes one', async () => {
  const box = ui.page.getByRole('combobox', { name: 'Query deliveries' });
  await box.fill('');
  await box.pressSequentially('verd');
  await ui.page.getByRole('option', { name: /verdict:/ }).waitFor();
  await box.press('Enter');
  await box.pressSequentially('rej');
  await ui.page.getByRole('option', { name: /verdict:rejected/ }).waitFor();
  await box.press('Enter');
  assert.equal(await box.inputValue(), 'verdict:rejected ');
  await ui.page.getByText('3 matches').waitFor();
});

test('the URL names the delivery, the tab and the query; a reload restores them', async () => {
  await query(ui.page, 'status:401');
  await ui.page.getByText('3 matches').waitFor();
  const row = ui.page.getByRole('row').filter({ hasText: 'ToolWebHookPayload' }).first();
  const id = await row.getAttribute('data-delivery-id');
  await row.click();
  await ui.page.getByRole('tab', { name: 'Request' }).click();
  await settled(() => Promise.resolve(ui.page.url()), (u) => u.includes('/request'));
  const address = new URL(ui.page.url());
  assert.equal(address.hash, `#/d/${id}/request?q=status%3A401`);
  await ui.page.reload();
  await ui.page.getByRole('tab', { name: 'Request', selected: true }).waitFor();
  await ui.page.getByRole('region', { name: 'Delivery detail' }).getByText(id!).waitFor();
  assert.equal(await ui.page.getByRole('combobox', { name: 'Query deliveries' }).inputValue(), 'status:401');
  await ui.page.getByText('3 matches').waitFor();
  await ui.page.goto(`${address.origin}/#/security`);
  await ui.page.getByRole('button', { name: 'Security', pressed: undefined }).first().waitFor();
  assert.equal(await ui.page.locator('main').getAttribute('aria-label'), 'security');
  assert.deepEqual(ui.problems, []);
});

test('at 800×600 no view scrolls sideways; the inspector shows one pane at a time', async () => {
  const page = ui.page;
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(new URL(ui.server.uiUrl).origin + '/#/');
  await page.getByText('8 deliveries').waitFor();
  const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  assert.ok((await overflow()) <= 0, `inspector list overflows by ${await overflow()} px`);
  await page.getByRole('row').filter({ hasText: 'ToolWebHookPayload' }).first().click();
  await page.getByRole('tab', { name: 'Checks' }).waitFor();
  assert.ok((await overflow()) <= 0, `inspector detail overflows by ${await overflow()} px`);
  assert.equal(await page.getByRole('grid', { name: /Deliveries list/ }).isVisible(), false, 'the list gives way to the detail');
  await page.getByRole('button', { name: '← Deliveries' }).click();
  await page.getByRole('grid', { name: /Deliveries list/ }).waitFor();
  for (const view of ['Security', 'Settings', 'Readiness', 'Audit']) {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();
    await page.locator(`main[aria-label="${view.toLowerCase()}"]`).waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok((await overflow()) <= 0, `${view} overflows by ${await overflow()} px`);
  }
  assert.deepEqual(ui.problems, []);
});

test('bodies of any kind: binary as hex with a download, a large text body a page at a time with the note on top', async () => {
  const page = ui.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  const binary = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));
  await fetch(url(), { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-BlackBox-Signature': sign(BB_SECRET, binary.toString('latin1')) }, body: binary });
  // signed and timestamped, so it is verified: rejected bodies are kept only up to a capped redacted copy
  const big = JSON.stringify({ event: 'BigBodyEvent', timestamp: new Date().toISOString(), filler: 'x'.repeat(700 * 1024) });
  await fetch(url(), { method: 'POST', headers: { 'Content-Type': 'text/plain', 'X-BlackBox-Signature': sign(BB_SECRET, big) }, body: big });
  await page.goto(new URL(ui.server.uiUrl).origin + '/#/?q=' + encodeURIComponent('header:content-type=text/plain'));
  await page.getByText('1 match', { exact: true }).waitFor();
  await page.getByRole('grid', { name: /Deliveries list/ }).getByRole('row').first().click();
  await page.getByRole('tab', { name: 'Request' }).click();
  await page.getByText(/^A large body .* is shown as text\. Showing the first 65,536 of [\d,]+ characters\.$/).waitFor();
  assert.equal((await page.getByLabel('Body (redacted)').innerText()).length, 65_536);

  await page.goto(new URL(ui.server.uiUrl).origin + '/#/?q=' + encodeURIComponent('header:content-type=application/octet-stream'));
  await page.getByText('1 match', { exact: true }).waitFor();
  await page.getByRole('grid', { name: /Deliveries list/ }).getByRole('row').first().click();
  await page.getByRole('tab', { name: 'Request' }).click();
  await page.getByRole('button', { name: 'Reveal raw body' }).click();
  const hex = page.getByLabel('Raw body (hex)');
  await hex.waitFor();
  assert.match(await hex.innerText(), /^00000000 {2}00 07 0e 15/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download raw body' }).click()]);
  const { readFileSync } = await import('node:fs');
  assert.deepEqual(readFileSync((await download.path())!), binary, 'the download is the exact bytes');
});
