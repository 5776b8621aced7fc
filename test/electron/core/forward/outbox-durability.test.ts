/**
 * The outbox over the real SQLite store: exact bytes, the dev server down during 1,000 verified deliveries
 * then back, and forwarder restarts (a new store instance on the same file) in between. Time is a fake
 * clock; only the HTTP is real (127.0.0.1).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../../shared/config';
import { createStore, newDeliveryId, type HookscopeStore } from '../../../../electron/core/store/index';
import { createForwarder, type Forwarder } from '../../../../electron/core/forward/outbox';
import { createHttpSender } from '../../../../electron/core/forward/http-sender';
import { nodeCryptoPort } from '../../../helpers/node-crypto-port';
import { allDerived } from '../store/helpers';
import { createFakeTime, type FakeTime } from './fake-time';
import { chainSource, delivery, loopLookup } from './fixtures';
import { freePort, startDevServer } from './dev-server';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const cfg = defaultConfig();

function bodyFor(i: number): { body: Uint8Array; type: string } {
  switch (i % 4) {
    case 0:
      return { body: new TextEncoder().encode(`{"i":${i},  "email":"jane.doe${i}@example.com","phoneNumber":"+14155550${String(i % 1000).padStart(3, '0')}"}`), type: 'application/json' };
    case 1:
      return { body: new TextEncoder().encode(`CallSid=CA${i}&From=%2B14158675309&Body=It%27s+${i}+%C3%A9`), type: 'application/x-www-form-urlencoded' };
    case 2:
      return { body: new TextEncoder().encode(`{"text":"Zoë ✓ 日本語 🎉 #${i}","ß":"\u00e9"}`), type: 'application/json; charset=utf-8' };
    default:
      return { body: Uint8Array.from({ length: 300 }, (_, k) => (k * 31 + i) % 256), type: 'application/octet-stream' };
  }
}

describe('outbox durability on the SQLite store', () => {
  let dir: string;
  let time: FakeTime;
  const sender = createHttpSender();
  const open: HookscopeStore[] = [];
  /** store trouble the outbox reported (it backs off and logs; here it must not happen at all) */
  const storeErrors: string[] = [];

  const openStore = () => {
    const s = createStore({ dataDir: dir, config: cfg, env: {}, clock: time.clock });
    open.push(s);
    return s;
  };
  const forwarder = (store: HookscopeStore): Forwarder =>
    createForwarder({
      store,
      clock: time.clock,
      sender,
      crypto: nodeCryptoPort,
      getSource: () => chainSource({ id: 'src', provider: 'dialnexa', forward: { url: 'http://localhost/' } }),
      lookup: loopLookup,
      scheduler: time.scheduler,
      onError: (e) => storeErrors.push(String(e)),
    });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hookscope-forward-'));
    time = createFakeTime();
  });
  after(async () => {
    sender.close();
    for (const s of open) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('forwarded bytes equal the received bytes (JSON, form, UTF-8, binary)', async () => {
    const dev = await startDevServer();
    const store = openStore();
    try {
      const expected = new Map<string, string>();
      for (let i = 0; i < 4; i += 1) {
        const { body, type } = bodyFor(i);
        const id = newDeliveryId(time.clock.now());
        expected.set(id, sha(body));
        await store.add(delivery({ id, receivedAt: time.clock.now(), rawBody: body, headers: [['Host', 'abc.ngrok.app'], ['Content-Type', type]], forwardTarget: dev.url('/bytes') }));
      }
      await allDerived(store);
      const fwd = forwarder(store);
      fwd.start();
      await fwd.settled();
      await fwd.stop();
      assert.equal(dev.received.length, 4);
      for (const r of dev.received) {
        const id = dev.header(r, 'x-hookscope-delivery') as string;
        assert.equal(r.sha256, expected.get(id), `bytes of ${id}`);
        assert.equal(store.summary(id)?.forward?.state, 'delivered');
      }
      // the redacted copy is for display; the raw bytes (with the e-mail) are what the dev server gets
      assert.match(dev.received.map((r) => r.body.toString('utf8')).join(''), /jane\.doe0@example\.com/);
      assert.deepEqual(storeErrors, []);
    } finally {
      await dev.close();
      // the next test opens the same file: this store's connections and workers end here
      await store.close();
    }
  });

  test('dev server down during 1,000 deliveries, forwarder restarts in between, then back: all 1,000 delivered once each', async () => {
    const port = await freePort();
    const target = `http://localhost:${port}/webhooks/dialnexa`;
    let store = openStore();
    const expected = new Map<string, string>();
    const adds: Array<Promise<void>> = [];
    for (let i = 0; i < 1000; i += 1) {
      const { body, type } = bodyFor(i);
      const id = newDeliveryId(time.clock.now());
      expected.set(id, sha(body));
      adds.push(store.add(delivery({ id, receivedAt: time.clock.now(), rawBody: body, headers: [['Host', 'abc.ngrok.app'], ['Content-Type', type]], forwardTarget: target })));
    }
    await Promise.all(adds);
    await allDerived(store);
    const ids = [...expected.keys()];

    // round 1: nothing listens
    let fwd = forwarder(store);
    fwd.start();
    await fwd.settled();
    await fwd.stop();
    for (const id of ids) {
      const attempts = store.attempts(id);
      assert.equal(attempts.length, 1);
      assert.equal(attempts[0].error, `connection refused: is your dev server running on port ${port}?`);
      assert.equal(store.summary(id)?.forward?.state, 'retrying');
    }

    // restart while still down: a new store instance on the same file knows every retry is 1 s away
    await store.close();
    store = openStore();
    fwd = forwarder(store);
    fwd.start();
    await fwd.settled();
    await fwd.stop();
    assert.ok(ids.every((id) => store.attempts(id).length === 1), 'nothing is due before the backoff elapses');
    assert.deepEqual(store.dueForwards(time.clock.now(), 10), []);
    assert.equal(store.dueForwards(time.clock.now() + 1000, 2000).length, 1000);

    // the dev server comes back; restart the forwarder again in the middle of delivering
    const dev = await startDevServer(port);
    try {
      fwd = forwarder(store);
      let stopping: Promise<void> | null = null;
      const first = fwd;
      dev.respond = (_r, res) => {
        res.writeHead(200).end('{"received":true}');
        if (dev.received.length === 300 && !stopping) stopping = first.stop();
      };
      time.advance(1000);
      fwd.start();
      while (!stopping) await new Promise((r) => setImmediate(r));
      await stopping;
      const midway = dev.received.length;
      assert.ok(midway >= 300 && midway < 1000, `stopped midway (${midway})`);
      await store.close();

      store = openStore();
      fwd = forwarder(store);
      fwd.start();
      await fwd.settled();
      await fwd.stop();

      const byId = new Map<string, string>();
      for (const r of dev.received) byId.set(dev.header(r, 'x-hookscope-delivery') as string, r.sha256);
      assert.equal(byId.size, 1000, 'distinct delivery ids at the dev server');
      for (const [id, digest] of expected) assert.equal(byId.get(id), digest, `bytes of ${id}`);
      // stop() waits for sends in flight to be recorded, so nothing went out twice
      assert.equal(dev.received.length, 1000);
      assert.deepEqual(store.dueForwards(time.clock.now() + 86_400_000, 10), []);
      assert.ok(ids.every((id) => store.summary(id)?.forward?.state === 'delivered'));
      // one refused attempt and one delivery each
      assert.ok(ids.every((id) => store.attempts(id).map((a) => a.status).join() === ',200'));
      assert.deepEqual(storeErrors, []);
    } finally {
      await dev.close();
    }
  });
});
