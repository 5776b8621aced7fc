import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createForwarder, type ForwarderDeps } from '../../../../electron/core/forward/outbox';
import { createHttpSender, type Sender } from '../../../../electron/core/forward/http-sender';
import { createFakeTime, type FakeTime } from './fake-time';
import { chainSource, delivery } from './fixtures';
import { forwarderDeps } from './forwarder-deps';
import { createMemoryStore, type MemoryStore } from './memory-store';
import { startDevServer, type DevServer } from './dev-server';
import { verifyIndependently } from './independent-verifiers';

describe('outbox', () => {
  let dev: DevServer;
  let store: MemoryStore;
  let time: FakeTime;
  let sender: Sender;
  const updated: string[] = [];

  const deps = (over: Partial<ForwarderDeps> = {}): ForwarderDeps =>
    forwarderDeps({ store, time, sender, forwardUrl: dev.url('/webhooks') }, { onUpdated: (id) => updated.push(id), ...over });

  beforeEach(async () => {
    dev = await startDevServer();
    store = createMemoryStore();
    time = createFakeTime();
    sender = createHttpSender();
    updated.length = 0;
  });
  afterEach(async () => {
    sender.close();
    await dev.close();
  });

  test('a queued delivery goes out once with its exact bytes, policy headers, and is recorded as delivered', async () => {
    const body = new TextEncoder().encode('{"zeta":1, "alpha":"Zoë ✓"}\r\n');
    await store.add(
      delivery({
        id: 'd1',
        rawBody: body,
        headers: [['Host', 'abc.ngrok.app'], ['X-Hub-Signature-256', 'sha256=abc'], ['Transfer-Encoding', 'chunked'], ['Content-Type', 'application/json']],
        forwardTarget: `http://localhost:${dev.port}/webhooks/gh`,
      }),
    );
    const fwd = createForwarder(deps());
    fwd.start();
    await fwd.settled();
    await fwd.stop();

    assert.equal(dev.received.length, 1);
    const got = dev.received[0];
    assert.equal(got.sha256, createHash('sha256').update(body).digest('hex'));
    assert.equal(got.url, '/webhooks/gh');
    assert.deepEqual(
      got.rawHeaders.filter(([n]) => !['connection', 'content-length'].includes(n.toLowerCase())),
      [
        ['Host', `localhost:${dev.port}`],
        ['X-Hub-Signature-256', 'sha256=abc'],
        ['Content-Type', 'application/json'],
        ['X-Hookscope-Delivery', 'd1'],
        ['X-Hookscope-Replay', 'original'],
      ],
    );
    assert.equal(store.recorded.length, 1);
    const { attempt, forward } = store.recorded[0];
    assert.equal(attempt.mode, 'auto');
    assert.equal(attempt.status, 200);
    assert.equal(attempt.target, `http://localhost:${dev.port}/webhooks/gh`);
    assert.equal(attempt.at, new Date(time.clock.now()).toISOString());
    assert.equal(attempt.responseBody, '{"ok":true}');
    assert.deepEqual(forward, { state: 'delivered', nextAttemptAt: null });
    assert.deepEqual(updated, ['d1']);
    assert.equal((await store.summary('d1'))?.forward?.state, 'delivered');
  });

  test('never more than 4 sends at once', async () => {
    let pending: Array<() => void> = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    let total = 0;
    dev.respond = (_r, res) => {
      concurrent += 1;
      total += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      pending.push(() => {
        concurrent -= 1;
        res.writeHead(200).end();
      });
      // release when the forwarder has filled its slots (or nothing more can come)
      if (pending.length === 4 || total === 10) {
        const release = pending;
        pending = [];
        release.forEach((r) => r());
      }
    };
    for (let i = 0; i < 10; i += 1) await store.add(delivery({ id: `d${i}`, forwardTarget: dev.url() }));
    const fwd = createForwarder(deps());
    fwd.start();
    await fwd.settled();
    await fwd.stop();
    assert.equal(maxConcurrent, 4);
    assert.equal(new Set(dev.received.map((r) => dev.header(r, 'x-hookscope-delivery'))).size, 10);
  });

  test('failures back off 1, 2, 4 … 300 s on the poll timer and give up after 24 h', async () => {
    dev.respond = (_r, res) => res.writeHead(500).end('boom');
    await store.add(delivery({ id: 'd1', forwardTarget: dev.url() }));
    const fwd = createForwarder(deps({ pollMs: 1000 }));
    fwd.start();
    await fwd.settled();
    const first = time.clock.now();
    // drive time forward to each due retry; the poll timer (not kick) finds it
    while (store.outbox.get('d1')!.state === 'retrying') {
      const next = store.outbox.get('d1')!.nextAttemptAt;
      time.advance(next - time.clock.now());
      await fwd.settled();
    }
    await fwd.stop();
    const times = store.recorded.map((r) => Date.parse(r.attempt.at));
    const gaps = times.slice(1).map((t, i) => (t - times[i]) / 1000);
    assert.deepEqual(gaps.slice(0, 11), [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    assert.ok(gaps.slice(9).every((g) => g === 300));
    assert.equal(store.outbox.get('d1')!.state, 'gave_up');
    assert.deepEqual(store.recorded.at(-1)!.forward, { state: 'gave_up', nextAttemptAt: null });
    assert.ok((times.at(-1) as number) - first <= 24 * 3600_000);
    assert.equal(dev.received.length, store.recorded.length);
    assert.ok(store.recorded.every((r) => r.attempt.status === 500 && r.attempt.responseBody === 'boom'));
  });

  test('a queued target that is not loopback fails without any connection', async () => {
    const sent: unknown[] = [];
    const spy: Sender = { send: async (r) => (sent.push(r), { status: 200, durationMs: 0, error: null, responseHeaders: [], responseBody: '' }), close() {} };
    await store.add(delivery({ id: 'd1', forwardTarget: 'http://10.0.0.1/hook' }));
    await store.add(delivery({ id: 'd2', forwardTarget: 'http://example.invalid/hook' }));
    const fwd = createForwarder(deps({ sender: spy }));
    fwd.start();
    await fwd.settled();
    await fwd.stop();
    assert.equal(sent.length, 0);
    assert.equal(store.recorded.length, 2);
    for (const r of store.recorded) {
      assert.deepEqual(r.forward, { state: 'failed', nextAttemptAt: null });
      assert.match(r.attempt.error ?? '', /not loopback|does not resolve/);
    }
  });

  test('a delivery whose source was removed fails with a clear error', async () => {
    await store.add(delivery({ id: 'd1', sourceId: 'gone', forwardTarget: dev.url() }));
    const fwd = createForwarder(deps());
    fwd.start();
    await fwd.settled();
    await fwd.stop();
    assert.equal(dev.received.length, 0);
    assert.match(store.recorded[0].attempt.error ?? '', /Source "gone" is no longer configured/);
    assert.equal(store.recorded[0].forward?.state, 'failed');
  });

  test('kick() sends work queued after start; stop() waits for the send in flight', async () => {
    let release: () => void = () => undefined;
    dev.respond = (_r, res) => {
      release = () => res.writeHead(204).end();
    };
    const fwd = createForwarder(deps());
    fwd.start();
    await fwd.settled();
    await store.add(delivery({ id: 'd1', forwardTarget: dev.url() }));
    fwd.kick();
    while (dev.received.length === 0) await new Promise((r) => setImmediate(r));
    const stopping = fwd.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(stopped, false);
    release();
    await stopping;
    assert.equal(store.recorded[0].attempt.status, 204);
    assert.equal(store.recorded[0].forward?.state, 'delivered');
  });

  test('forward.resign re-signs with the current secret and a fresh timestamp before sending', async () => {
    const secret = 'whsec_live_forward_secret';
    await store.add(
      delivery({
        id: 'd1',
        rawBody: new TextEncoder().encode('{"id":"evt_1","type":"charge.succeeded"}'),
        headers: [['Host', 'abc.ngrok.app'], ['Content-Type', 'application/json'], ['Stripe-Signature', 't=1,v1=stale']],
        forwardTarget: dev.url('/stripe'),
      }),
    );
    const getSource = () => chainSource({ id: 'src', provider: 'stripe', forward: { url: dev.url('/stripe'), resign: true } }, [{ value: secret }]);
    const fwd = createForwarder(deps({ getSource }));
    fwd.start();
    await fwd.settled();
    await fwd.stop();
    const got = dev.received[0];
    assert.equal(dev.header(got, 'x-hookscope-replay'), 'resign');
    assert.equal(got.rawHeaders.filter(([n]) => n.toLowerCase() === 'stripe-signature').length, 1);
    const v = verifyIndependently('stripe', { url: dev.url('/stripe'), headers: got.rawHeaders, body: got.body }, secret, time.clock.now());
    assert.equal(v.ok, true, v.reason);
    assert.equal(store.recorded[0].attempt.mode, 'auto');
    assert.equal(store.recorded[0].forward?.state, 'delivered');
  });
});
