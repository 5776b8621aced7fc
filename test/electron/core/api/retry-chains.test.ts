/**
 * Retry chains: a provider that retries an event (same id) shows up in the list as "n-th arrival of
 * <event id>, +Δ after the previous", and the detail carries the whole observed schedule — over real
 * HTTP with Stripe-signed requests, through the real receiver, SQLite store and local API.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { send, startFixture, type Fixture } from '../../../helpers/serve-fixture';

const SECRET = 'whsec_retry_chain_secret_0123456789';
const stripe = new Stripe('sk_test_retry');
let fx: Fixture;

before(async () => {
  // answering 500 makes the "provider" (this test) retry, as Stripe would
  fx = await startFixture({ sources: [{ id: 'shop', provider: 'stripe', secrets: ['env:RETRY_SECRET'], rateLimit: null, respond: { mode: 'status', status: 500 } }] }, { RETRY_SECRET: SECRET });
});
after(() => fx?.close());

async function arrive(id: string): Promise<string> {
  const payload = JSON.stringify({ id, object: 'event', type: 'charge.succeeded', data: { object: { id: 'ch_1' } } });
  const sent = await send(`${fx.receiver}/hooks/shop`, {
    headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) },
    body: payload,
  });
  assert.equal(sent.status, 500);
  return sent.deliveryId as string;
}

test('three arrivals of one event id form a chain; a single arrival has none', async () => {
  const lone = await arrive('evt_lone_1');
  const first = await arrive('evt_retry_1');
  await new Promise((r) => setTimeout(r, 60));
  const second = await arrive('evt_retry_1');
  await new Promise((r) => setTimeout(r, 120));
  const third = await arrive('evt_retry_1');

  const { items } = await fx.api('listDeliveries', { sourceId: 'shop' });
  const byId = new Map(items.map((i) => [i.id, i]));
  assert.equal(byId.get(lone)?.retry, undefined);
  const r1 = byId.get(first)?.retry;
  const r2 = byId.get(second)?.retry;
  const r3 = byId.get(third)?.retry;
  assert.deepEqual([r1?.n, r2?.n, r3?.n], [1, 2, 3]);
  assert.ok([r1, r2, r3].every((r) => r?.of === 3 && r.firstId === first && r.eventKey === 'evt_retry_1'));
  assert.equal(r1?.sincePreviousMs, null);
  assert.ok((r2?.sincePreviousMs ?? 0) >= 60);
  assert.ok((r3?.sincePreviousMs ?? 0) >= 120);

  const detail = await fx.api('getDelivery', { id: second });
  assert.deepEqual(detail.retryChain?.map((e) => [e.id, e.status]), [[first, 500], [second, 500], [third, 500]]);
  assert.equal(detail.retry?.n, 2);
  const loneDetail = await fx.api('getDelivery', { id: lone });
  assert.equal(loneDetail.retryChain, undefined);
});
