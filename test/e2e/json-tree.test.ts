/**
 * The Request tab's JSON tree shows numbers exactly as they were in the body (ids above 2^53 are not
 * rounded) and renders a collapsed branch only once it is expanded. Real server, real Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useUiSession } from './helpers/ui-session';
import { BB_SECRET, blackboxBody, postWebhook, sign } from './helpers/blackbox';

const BIG_ID = '12345678901234567890';
const DEEP_LEAF = 'deep-leaf-7c1e';

const ui = useUiSession({
  config: { sources: [{ id: 'blackbox', name: 'BlackBox dev', provider: 'blackbox', secrets: ['env:BB_SECRET'] }] },
  env: { BB_SECRET },
});

test('a big integer id is shown digit for digit; a collapsed branch is rendered only when expanded', async () => {
  // JSON.stringify cannot write an integer above 2^53: put its digits into the text directly
  const body = blackboxBody({
    eventId: 'evt_json_tree',
    data: { callId: 'call_json_tree', orderId: 0, ratio: 0, nested: { collapsedBranch: { note: DEEP_LEAF } } },
  })
    .replace('"orderId":0', `"orderId":${BIG_ID}`)
    .replace('"ratio":0', '"ratio":1.50');
  assert.ok(body.includes(BIG_ID));
  assert.equal((await postWebhook(`${ui.server.receiverUrl}/hooks/blackbox`, body, sign(BB_SECRET, body))).status, 200);

  await ui.page.getByRole('row').filter({ hasText: 'CompletedWebHookPayload' }).first().click();
  const detail = ui.page.getByRole('region', { name: 'Delivery detail' });
  await detail.getByRole('tab', { name: 'Request' }).click();
  const tree = detail.getByRole('list', { name: 'Body (JSON tree)' });
  await tree.waitFor();
  await tree.getByText(BIG_ID, { exact: true }).waitFor();
  assert.equal(await tree.getByText('12345678901234567000').count(), 0, 'not the rounded double');
  await tree.getByText('1.50', { exact: true }).waitFor();

  // the root, data and nested are open; collapsedBranch (depth 3) starts closed, with nothing inside
  assert.equal(await tree.getByText(DEEP_LEAF).count(), 0, 'the collapsed branch has no rendered children');
  await tree.getByText('collapsedBranch:').click();
  await tree.getByText(`"${DEEP_LEAF}"`).waitFor();
  assert.deepEqual(ui.problems, []);
});
