/**
 * The Compare tab diffs two deliveries structurally: the previously opened delivery is offered, the
 * changed JSON path is listed, axe finds nothing serious, and at 800×600 nothing scrolls sideways.
 * Real server, real Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations } from './helpers/axe';
import { useUiSession } from './helpers/ui-session';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

const ui = useUiSession({
  config: { sources: [{ id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: ['env:BB_SECRET'] }] },
  env: { BB_SECRET },
});

test('two deliveries compared: the changed body path is highlighted; accessible and no sideways scroll at 800×600', async () => {
  const url = `${ui.server.receiverUrl}/hooks/blackbox`;
  const first = blackboxBody({ eventId: 'evt_cmp_1', event: 'CompareFirstPayload', data: { callId: 'call_cmp', agentId: 'agent_old' } });
  const second = blackboxBody({ eventId: 'evt_cmp_2', event: 'CompareSecondPayload', data: { callId: 'call_cmp', agentId: 'agent_new' } });
  assert.equal((await postWebhook(url, first, sign(BB_SECRET, first))).status, 200);
  assert.equal((await postWebhook(url, second, sign(BB_SECRET, second))).status, 200);

  const page = ui.page;
  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByRole('row').filter({ hasText: 'CompareFirstPayload' }).first().click();
  const detail = page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('heading', { name: 'CompareFirstPayload' }).waitFor();
  // below ~1,100 px the detail replaces the list: go back and open the second one
  await detail.getByRole('button', { name: '← Deliveries' }).click();
  await page.getByRole('row').filter({ hasText: 'CompareSecondPayload' }).first().click();
  await detail.getByRole('heading', { name: 'CompareSecondPayload' }).waitFor();

  await detail.getByRole('tab', { name: 'Compare' }).click();
  await detail.getByRole('button', { name: /the delivery opened before/ }).click();
  const changed = detail.getByRole('list', { name: 'Changed paths' });
  await changed.waitFor();
  const agent = changed.getByRole('listitem').filter({ hasText: 'body.data.agentId' });
  await agent.waitFor();
  const text = await agent.innerText();
  assert.match(text, /changed/i);
  assert.match(text, /"agent_new"/);
  assert.match(text, /"agent_old"/);
  assert.equal(await changed.getByRole('listitem').filter({ hasText: 'body.data.callId' }).count(), 0, 'an equal path is not listed');
  assert.equal(await changed.getByRole('listitem').filter({ hasText: /body\.event(?!Id)/ }).count(), 1);

  const sideways = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  assert.equal(sideways, 0, 'no sideways scroll at 800×600');
  await page.screenshot({ path: process.env.HOOKSCOPE_SCREENSHOT ?? '/tmp/hookscope-compare-800x600.png' });

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    assert.deepEqual(await seriousViolations(page), [], `${theme}: no serious or critical axe violation on the Compare tab`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // the palette: compare with the delivery opened before, from another tab
  await detail.getByRole('tab', { name: 'Checks' }).click();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('compare before');
  await palette.getByRole('option', { name: 'Compare the selected delivery with the one opened before' }).click();
  await detail.getByRole('tab', { name: 'Compare', selected: true }).waitFor();
  await detail.getByRole('list', { name: 'Changed paths' }).getByRole('listitem').filter({ hasText: 'body.data.agentId' }).waitFor();
  // and with any delivery by id: typed into the palette
  const firstId = (await ui.server.api('listDeliveries', { q: 'CompareFirstPayload' }) as { items: Array<{ id: string }> }).items[0].id;
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox').fill(firstId);
  await palette.getByRole('option', { name: `Compare the selected delivery with ${firstId}` }).click();
  await detail.getByText(new RegExp(`→ ${firstId}: \\d+ changed paths`)).waitFor();

  // an unknown id is named, not a crash
  await detail.getByLabel('Compare with delivery').fill('no-such-delivery');
  await detail.getByRole('button', { name: 'Compare', exact: true }).click();
  await detail.getByRole('alert').filter({ hasText: /no-such-delivery|not found|no delivery/i }).waitFor();
  assert.deepEqual(ui.problems, []);
});
