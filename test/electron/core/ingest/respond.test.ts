/**
 * What the provider hears back, over real HTTP: a Stripe-signed request (signed by the official SDK)
 * through the real receiver, store and local API, answered per the source's `respond` mode.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { send, startFixture, type Fixture } from '../../../helpers/serve-fixture';
import { startDevServer, type DevServer } from '../forward/dev-server';

const SECRET = 'whsec_respond_modes_secret_0123456789';
const stripe = new Stripe('sk_test_respond');

function stripeEvent(id = `evt_${randomUUID().replace(/-/g, '').slice(0, 20)}`) {
  const payload = JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: 'pi_1' } } });
  return { id, payload };
}

function signedHeaders(payload: string, secret = SECRET): Record<string, string> {
  return { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('respond modes over real HTTP', () => {
  let fx: Fixture;
  let dev: DevServer;

  before(async () => {
    dev = await startDevServer();
    dev.respond = (req, res) => {
      if (req.url.startsWith('/slow')) return; // never answers: the relay must give up with a 504
      res.writeHead(201, { 'content-type': 'application/json', 'x-internal-trace': 'not-for-the-provider' });
      res.end(JSON.stringify({ handled: JSON.parse(req.body.toString('utf8')).id }));
    };
    const stripeSource = (id: string, extra: Record<string, unknown>) => ({ id, provider: 'stripe', secrets: ['env:RESPOND_SECRET'], rateLimit: null, ...extra });
    fx = await startFixture(
      {
        sources: [
          stripeSource('fail500', { respond: { mode: 'status', status: 500 } }),
          stripeSource('relay', { forward: { url: dev.url('/webhooks') }, respond: { mode: 'relay', timeoutMs: 3000 } }),
          stripeSource('relay-slow', { forward: { url: dev.url('/slow') }, respond: { mode: 'relay', timeoutMs: 300 } }),
          stripeSource('seq', { respond: { mode: 'sequence', statuses: [500, 200] } }),
          stripeSource('held', { respond: { mode: 'timeout', delayMs: 1200 } }),
        ],
      },
      { RESPOND_SECRET: SECRET },
    );
  });
  after(async () => {
    await fx?.close();
    await dev?.close();
  });

  test('status 500: the sender gets 500, and the delivery is stored and verified', async () => {
    const { payload } = stripeEvent();
    const sent = await send(`${fx.receiver}/hooks/fail500`, { headers: signedHeaders(payload), body: payload });
    assert.equal(sent.status, 500);
    assert.deepEqual(JSON.parse(sent.body), { error: 'Internal Server Error' });
    assert.ok(sent.deliveryId);
    const d = await fx.api('getDelivery', { id: sent.deliveryId });
    assert.equal(d.verdict, 'verified');
    assert.equal(d.checks.find((c) => c.id === 'signature')?.outcome, 'pass');
    assert.equal(d.status, 500, 'the stored status is what the provider heard');
  });

  test('a verification failure in enforce mode is still answered 401, not the chosen status', async () => {
    const { payload } = stripeEvent();
    const sent = await send(`${fx.receiver}/hooks/fail500`, { headers: signedHeaders(payload, 'whsec_wrong_secret_0000000000'), body: payload });
    assert.equal(sent.status, 401);
    const d = await fx.api('getDelivery', { id: sent.deliveryId as string });
    assert.equal(d.verdict, 'rejected');
    assert.equal(d.status, 401);
  });

  test('relay: the sender gets the dev server\'s status and body (safe headers only), forwarded once', async () => {
    const { id, payload } = stripeEvent();
    const sent = await send(`${fx.receiver}/hooks/relay`, { headers: signedHeaders(payload), body: payload });
    assert.equal(sent.status, 201);
    assert.deepEqual(JSON.parse(sent.body), { handled: id });
    assert.equal(sent.headers.get('content-type'), 'application/json');
    assert.equal(sent.headers.get('x-internal-trace'), null, 'dev-server headers outside the safe subset stay local');
    const d = await fx.api('getDelivery', { id: sent.deliveryId as string });
    assert.equal(d.verdict, 'verified');
    assert.equal(d.attempts.length, 1);
    assert.equal(d.attempts[0].status, 201);
    assert.deepEqual(d.forward, { state: 'delivered', status: 201 });
    // the status the provider heard, in the detail and in the list (not the chain's own 200)
    assert.equal(d.status, 201);
    const listed = await fx.api('listDeliveries', { sourceId: 'relay' });
    assert.equal(listed.items.find((i) => i.id === sent.deliveryId)?.status, 201);
    // the relay was the forward: the outbox must not send it a second time (it polls every second)
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(dev.received.filter((r) => r.body.toString('utf8') === payload).length, 1);
  });

  test('relay: no answer within timeoutMs is a 504, and the delivery is stored first', async () => {
    const { payload } = stripeEvent();
    const sent = await send(`${fx.receiver}/hooks/relay-slow`, { headers: signedHeaders(payload), body: payload });
    assert.equal(sent.status, 504);
    const d = await fx.api('getDelivery', { id: sent.deliveryId as string });
    assert.equal(d.verdict, 'verified');
    assert.equal(d.attempts[0].status, null);
    assert.match(d.attempts[0].error ?? '', /no answer within 300 ms/);
    assert.equal(d.status, 504, 'listed with the 504 the provider got');
  });

  test('sequence [500, 200]: the first arrival of an event id gets 500, its redelivery 200', async () => {
    const { id, payload } = stripeEvent();
    const first = await send(`${fx.receiver}/hooks/seq`, { headers: signedHeaders(payload), body: payload });
    const again = await send(`${fx.receiver}/hooks/seq`, { headers: signedHeaders(payload), body: payload });
    const third = await send(`${fx.receiver}/hooks/seq`, { headers: signedHeaders(payload), body: payload });
    assert.deepEqual([first.status, again.status, third.status], [500, 200, 200], 'arrivals past the list get its last status');
    const other = stripeEvent();
    const otherFirst = await send(`${fx.receiver}/hooks/seq`, { headers: signedHeaders(other.payload), body: other.payload });
    assert.equal(otherFirst.status, 500, 'another event id starts its own count');
    const redelivery = await fx.api('getDelivery', { id: again.deliveryId as string });
    assert.equal(redelivery.duplicateOf, first.deliveryId);
    assert.equal(redelivery.idempotencyKey, id);
    assert.equal(redelivery.status, 200);
  });

  test('timeout: the answer is held for delayMs, and the delivery is committed while it is held', async () => {
    const { payload } = stripeEvent();
    const started = Date.now();
    const pending = send(`${fx.receiver}/hooks/held`, { headers: signedHeaders(payload), body: payload });
    let answered = false;
    void pending.then(() => (answered = true));
    const stored = await waitFor('the held delivery to be listed', async () => {
      const { items } = await fx.api('listDeliveries', { sourceId: 'held' });
      return items[0];
    });
    assert.equal(answered, false, 'listed before the provider got its answer');
    assert.equal(stored.verdict, 'verified');
    const sent = await pending;
    assert.equal(sent.status, 200);
    assert.equal(sent.deliveryId, stored.id);
    assert.ok(Date.now() - started >= 1200, 'held at least delayMs');
  });
});
