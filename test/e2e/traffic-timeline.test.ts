/**
 * The traffic timeline above the list: bars counted by the server, coloured by verdict; brushing a range
 * (mouse drag, or the keyboard) writes after:/before: into the query and the URL and narrows the list;
 * accessible in light and dark; no sideways scroll at 800×600. Real server, real Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TimelineValue } from '../../shared/api';
import { seriousViolations } from './helpers/axe';
import { useUiSession } from './helpers/ui-session';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

const ui = useUiSession({
  config: { sources: [{ id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: ['env:BB_SECRET'] }] },
  env: { BB_SECRET },
});

const total = (page: Page) => page.locator('.list-total');
const query = (page: Page) => page.getByRole('combobox', { name: 'Query deliveries' });

test('brushing the timeline puts after:/before: into the query and the URL, and narrows the list', async () => {
  const url = `${ui.server.receiverUrl}/hooks/blackbox`;
  // three bursts ≥ 2 s apart: with one-second bars they land in separate bars
  const bursts = [3, 2, 4];
  for (const [b, count] of bursts.entries()) {
    if (b > 0) await new Promise((r) => setTimeout(r, 2200));
    for (let i = 0; i < count; i++) {
      const body = blackboxBody({ event: `Burst${b}Payload`, data: { callId: `call_${b}_${i}` } });
      // the middle burst is forged: rejected, a red bar
      assert.equal((await postWebhook(url, body, b === 1 ? 'f'.repeat(64) : sign(BB_SECRET, body))).status, b === 1 ? 401 : 200);
    }
  }
  const counted = (await ui.server.api('getTimeline', { maxBuckets: 60 })) as TimelineValue;
  assert.equal(counted.total, 9);
  assert.equal(counted.buckets.reduce((n, x) => n + x.rejected, 0), 2, 'the forged burst counts as rejected');

  const page = ui.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  const chart = page.getByRole('slider', { name: /Timeline/ });
  await chart.waitFor();
  await total(page).filter({ hasText: '9 deliveries' }).waitFor();
  assert.ok((await page.locator('.traffic rect.tl-rejected').count()) >= 1, 'a rejected bar is drawn');
  assert.ok((await page.locator('.traffic rect.tl-verified').count()) >= 2, 'verified bars are drawn');

  // the keyboard: Home is the first bar, Shift+→ extends over the first burst (it may straddle a second), Enter filters to it
  const firstRejected = counted.buckets.findIndex((b) => b.rejected > 0);
  const lastOfFirst = counted.buckets.slice(0, firstRejected).reduce((last, b, i) => (b.verified > 0 ? i : last), -1);
  await chart.focus();
  await page.keyboard.press('Home');
  assert.match((await chart.getAttribute('aria-valuetext')) ?? '', /\d verified, 0 rejected/);
  for (let i = 0; i < lastOfFirst; i++) await page.keyboard.press('Shift+ArrowRight');
  if (lastOfFirst > 0) assert.match((await chart.getAttribute('aria-valuetext')) ?? '', new RegExp(`^${lastOfFirst + 1} steps selected`));
  await page.keyboard.press('Enter');
  await total(page).filter({ hasText: '3 matches' }).waitFor();
  const q1 = await query(page).inputValue();
  assert.match(q1, /after:\S+Z before:\S+Z/);
  assert.match(decodeURIComponent(page.url()), /after:/, 'the range is in the URL');
  const rows = await page.getByRole('grid', { name: /Deliveries list/ }).getByRole('row').allInnerTexts();
  assert.ok(rows.length > 0 && rows.every((r) => r.includes('Burst0Payload')), rows.join(' | '));

  // clearing the range brings every delivery back
  await page.getByRole('button', { name: 'Clear time range' }).click();
  await total(page).filter({ hasText: '9 deliveries' }).waitFor();
  assert.equal(await query(page).inputValue(), '');

  // the mouse: drag from the right edge (the last burst) leftwards into the middle burst's bar
  await chart.waitFor();
  const box = (await chart.boundingBox())!;
  const shown = (await ui.server.api('getTimeline', { maxBuckets: 60 })) as TimelineValue;
  const barX = (i: number) => box.x + ((i + 0.5) / shown.buckets.length) * box.width;
  const middle = shown.buckets.findIndex((b) => b.rejected > 0);
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(barX(middle + 1), box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(barX(middle), box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await total(page).filter({ hasText: '6 matches' }).waitFor();
  const texts = await page.getByRole('grid', { name: /Deliveries list/ }).getByRole('row').allInnerTexts();
  assert.ok(!texts.some((r) => r.includes('Burst0Payload')), 'the first burst is outside the brushed range');
  // the timeline follows the query: it now charts the brushed window only
  await page.locator('.traffic rect').first().waitFor();
  assert.match(await page.locator('.traffic-summary').innerText(), /^6 charted/);

  // a text alternative: the table of busy steps
  await page.screenshot({ path: process.env.HOOKSCOPE_SCREENSHOT ?? '/tmp/hookscope-timeline-1440.png' });
  await page.getByText(/As a table/).click();
  const table = page.getByRole('region', { name: /Deliveries per step/ }).getByRole('table');
  assert.ok((await table.getByRole('row').count()) >= 3, 'a header row and a row per busy step');

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    assert.deepEqual(await seriousViolations(page), [], `${theme}: no serious axe violation with the timeline`);
  }

  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByRole('button', { name: 'Clear time range' }).click();
  await total(page).filter({ hasText: '9 deliveries' }).waitFor();
  await chart.waitFor();
  const sideways = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  assert.ok((sideways as number) <= 0, `no sideways scroll at 800×600 (${sideways} px too wide)`);
  assert.deepEqual(ui.problems, []);
});
