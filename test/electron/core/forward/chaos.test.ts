/**
 * Chaos replay against real dev servers on loopback that verify with the official Standard Webhooks
 * SDK: a naive handler (applies every copy) and an idempotent one (de-duplicates on webhook-id). The
 * idempotency report, read through a side-effect probe, must tell them apart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { send, startFixture, type Fixture } from '../../../helpers/serve-fixture';

const SECRET = `whsec_${Buffer.from('chaos-replay-secret-0123456789ab').toString('base64')}`;
const webhook = new Webhook(SECRET);

interface Handler {
  url(path?: string): string;
  /** webhook-ids in arrival order */
  arrivals: string[];
  maxInFlight: number;
  /** hold each request until this many are in flight (bounded), to observe concurrency */
  gate: number;
  close(): Promise<void>;
}

/** A dev server that verifies with the SDK and counts its side effect; GET /processed is the probe. */
async function startHandler(idempotent: boolean): Promise<Handler> {
  let processed = 0;
  const seen = new Set<string>();
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/processed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ processed, handler: idempotent ? 'idempotent' : 'naive' }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      inFlight += 1;
      h.maxInFlight = Math.max(h.maxInFlight, inFlight);
      if (inFlight >= h.gate) waiting.splice(0).forEach((release) => release());
      else await new Promise<void>((resolve) => {
        waiting.push(resolve);
        setTimeout(resolve, 3000); // bounded: a sequential run is not held forever
      });
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      try {
        webhook.verify(body, headers);
      } catch {
        inFlight -= 1;
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"bad signature"}');
        return;
      }
      const id = headers['webhook-id'];
      h.arrivals.push(id);
      const duplicate = seen.has(id);
      seen.add(id);
      if (!idempotent || !duplicate) processed += 1;
      inFlight -= 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(idempotent ? { ok: true, duplicate } : { ok: true, processed }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const h: Handler = {
    url: (path = '/webhooks') => `http://127.0.0.1:${port}${path}`,
    arrivals: [],
    maxInFlight: 0,
    gate: 1,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return h;
}

describe('chaos replay and the idempotency report', () => {
  let fx: Fixture;
  let naive: Handler;
  let idempotent: Handler;

  before(async () => {
    naive = await startHandler(false);
    idempotent = await startHandler(true);
    const source = (id: string, url: string) => ({ id, provider: 'standard-webhooks', secrets: ['env:CHAOS_SECRET'], rateLimit: null, forward: { url, auto: false } });
    fx = await startFixture({ sources: [source('naive', naive.url()), source('careful', idempotent.url()), source('batch', naive.url('/batch'))] }, { CHAOS_SECRET: SECRET });
  });
  after(async () => {
    await fx?.close();
    await naive?.close();
    await idempotent?.close();
  });

  async function capture(sourceId: string, msgId = `msg_${randomUUID()}`): Promise<string> {
    const payload = JSON.stringify({ type: 'invoice.paid', data: { invoice: msgId } });
    // one timestamp for the signature and its header: two clock reads straddled a second once, and the signature did not match
    const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const signature = webhook.sign(msgId, signedAt, payload);
    const sent = await send(`${fx.receiver}/hooks/${sourceId}`, {
      headers: { 'content-type': 'application/json', 'webhook-id': msgId, 'webhook-timestamp': String(signedAt.getTime() / 1000), 'webhook-signature': signature },
      body: payload,
    });
    assert.equal(sent.status, 200);
    const d = await fx.api('getDelivery', { id: sent.deliveryId as string });
    assert.equal(d.verdict, 'verified');
    return d.id;
  }

  test('5 copies at once reach the dev server concurrently, all recorded; the naive handler is flagged', async () => {
    const id = await capture('naive');
    naive.gate = 5;
    const value = await fx.api('replayDelivery', { id, repeat: 5, concurrency: 5, probe: naive.url('/processed') });
    naive.gate = 1;
    assert.equal(naive.maxInFlight, 5, 'the five copies were in flight at the dev server at the same time');
    assert.ok(value.report && value.attempts);
    assert.equal(value.attempts.length, 5);
    assert.equal(value.id, value.attempts[0].id, 'the value is still an Attempt (the first copy)');
    assert.deepEqual(value.report.statuses, [200, 200, 200, 200, 200], 'the SDK accepted every re-signed copy');
    assert.equal(value.report.copies, 5);
    assert.equal(value.report.events, 1);
    assert.deepEqual(value.report.probeBefore, { processed: 0, handler: 'naive' });
    assert.deepEqual(value.report.probeAfter, { processed: 5, handler: 'naive' });
    assert.equal(value.report.applied, 5);
    assert.equal(value.report.verdict, 'not_idempotent');
    assert.equal(value.report.summary, '5 copies → side effect applied 5 times: the handler is not idempotent on webhook-id');
    assert.equal(value.report.distinctBodies, 5, 'the naive handler answers with a running count');
    const d = await fx.api('getDelivery', { id });
    assert.equal(d.attempts.length, 5, 'every copy is a recorded attempt');
    assert.ok(d.attempts.every((a) => a.mode === 'resign'), 'standard-webhooks binds a timestamp: copies are re-signed');
    const { items } = await fx.api('listAudit', { limit: 20 });
    assert.ok(items.some((e) => e.action === 'chaos_replay' && e.subject === id && e.detail.verdict === 'not_idempotent'));
  });

  test('the idempotent handler is cleared', async () => {
    const id = await capture('careful');
    idempotent.gate = 5;
    const value = await fx.api('replayDelivery', { id, repeat: 5, concurrency: 5, probe: idempotent.url('/processed') });
    idempotent.gate = 1;
    assert.equal(idempotent.maxInFlight, 5);
    assert.ok(value.report);
    assert.equal(value.report.applied, 1);
    assert.equal(value.report.verdict, 'idempotent');
    assert.equal(value.report.summary, '5 copies → side effect applied once: the handler de-duplicates on webhook-id');
    assert.equal(value.report.distinctBodies, 2, 'one first answer, four duplicate answers');
  });

  test('a duplicate after a delay, without a probe: the verdict is unknown and says what to add', async () => {
    const id = await capture('careful');
    const started = Date.now();
    const value = await fx.api('replayDelivery', { id, repeat: 2, delayMs: 400 });
    assert.ok(Date.now() - started >= 400);
    assert.ok(value.report);
    assert.equal(value.report.verdict, 'unknown');
    assert.equal(value.report.probeBefore, null);
    assert.match(value.report.summary, /^2 copies → 2× 200; give a side-effect probe/);
  });

  test('the probe must be on this machine; the refusal names the field and nothing is sent', async () => {
    const id = await capture('naive');
    const before = naive.arrivals.length;
    const r = await fx.rawApi('replayDelivery', { id, repeat: 2, probe: 'http://192.0.2.10/processed' });
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, 'invalid_argument');
    assert.match(r.error?.message ?? '', /^probe: .*not loopback/);
    assert.equal(naive.arrivals.length, before);
    const bad = await fx.rawApi('replayDelivery', { id, repeat: 51 });
    assert.equal(bad.error?.code, 'invalid_argument');
    assert.match(bad.error?.message ?? '', /args\.repeat/);
  });

  test('replayQuery sends a batch in receipt order, in reverse, or shuffled', async () => {
    const ids = [`msg_a_${randomUUID()}`, `msg_b_${randomUUID()}`, `msg_c_${randomUUID()}`];
    for (const msgId of ids) await capture('batch', msgId);
    const sentOrder = async (order: 'original' | 'reverse' | 'shuffled') => {
      const from = naive.arrivals.length;
      // the query language of tail/export: source:ID picks the batch
      const value = await fx.api('replayQuery', order === 'original' ? { query: 'source:batch', order } : { sourceId: 'batch', order });
      assert.equal(value.attempts.length, 3);
      assert.equal(value.report.events, 3);
      assert.equal(value.report.verdict, 'unknown', 'each event once: nothing to say about idempotency');
      return naive.arrivals.slice(from);
    };
    assert.deepEqual(await sentOrder('original'), ids);
    assert.deepEqual(await sentOrder('reverse'), ids.slice().reverse());
    assert.deepEqual((await sentOrder('shuffled')).slice().sort(), ids.slice().sort());
    const none = await fx.rawApi('replayQuery', { query: 'no-such-term-anywhere' });
    assert.equal(none.error?.code, 'not_found');
    const bad = await fx.rawApi('replayQuery', { query: 'verdict:maybe' });
    assert.equal(bad.error?.code, 'invalid_argument');
    assert.match(bad.error?.message ?? '', /^query: verdict: is verified or rejected/);
  });
});
