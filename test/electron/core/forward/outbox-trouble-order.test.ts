/**
 * The outbox when the store cannot record attempts (a full disk: SQLITE_FULL), and forward.ordered over
 * the real SQLite store: 1,000 deliveries queued during a dev-server outage arrive in receipt order.
 * Time is a fake clock; the HTTP is real (127.0.0.1).
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../../shared/config';
import { createStore, newDeliveryId } from '../../../../electron/core/store/index';
import { createForwarder } from '../../../../electron/core/forward/outbox';
import { createHttpSender, type Sender } from '../../../../electron/core/forward/http-sender';
import { allDerived } from '../store/helpers';
import { createFakeTime, type FakeTime } from './fake-time';
import { delivery } from './fixtures';
import { forwarderDeps } from './forwarder-deps';
import { createMemoryStore } from './memory-store';
import { startDevServer, type DevServer } from './dev-server';

/** a sender that knows when its sends (and the recording that follows them) are over */
function trackedSender(inner: Sender): Sender & { idle(): Promise<void> } {
  let pending = 0;
  return {
    async send(req) {
      pending += 1;
      try {
        return await inner.send(req);
      } finally {
        pending -= 1;
      }
    },
    close: () => inner.close(),
    async idle() {
      for (let i = 0; i < 2000 && pending > 0; i += 1) await new Promise((r) => setTimeout(r, 5));
      assert.equal(pending, 0, 'sends did not finish');
      // let the recording after the last send run
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('outbox when the store cannot record attempts', () => {
  let dev: DevServer;
  let time: FakeTime;
  let sender: ReturnType<typeof trackedSender>;
  beforeEach(async () => {
    dev = await startDevServer();
    time = createFakeTime();
    sender = trackedSender(createHttpSender());
  });
  afterEach(async () => {
    sender.close();
    await dev.close();
  });

  test('backs off like a failed send (no hot loop) and logs once when it starts and once when it ends', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 7; i += 1) await store.add(delivery({ id: `d${i}`, forwardTarget: dev.url(`/w/${i}`) }));
    const realRecord = store.recordAttempt.bind(store);
    let diskFull = true;
    store.recordAttempt = (...args) => {
      if (diskFull) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      realRecord(...args);
    };
    const errors: number[] = [];
    const recovered: number[] = [];
    const deps = forwarderDeps(
      { store, time, sender, forwardUrl: dev.url('/w') },
      { onError: (_e, retryInMs) => errors.push(retryInMs), onRecovered: (tries) => recovered.push(tries) },
    );
    const fwd = createForwarder(deps);
    fwd.start();
    await sender.idle();
    // 63 s of fake time: backoff steps at 1, 2, 4, 8, 16, 32 s
    let steps = 0;
    for (let t = 0; t < 63_000; t += 250) {
      const before = dev.received.length;
      time.advance(250);
      await sender.idle();
      if (dev.received.length > before) steps += 1;
    }
    // with the old hot loop this was thousands of requests
    assert.ok(steps <= 7, `sending resumed ${steps} times in 63 s; expected one per backoff step`);
    assert.ok(dev.received.length <= 4 * (steps + 1), `${dev.received.length} requests for 7 deliveries`);
    const perDelivery = new Map<string, number>();
    for (const r of dev.received) perDelivery.set(r.url, (perDelivery.get(r.url) ?? 0) + 1);
    assert.ok(Math.max(...perDelivery.values()) <= steps + 1, 'a delivery reaches the dev server at most once per backoff step');
    assert.equal(errors.length, 1, 'one log line when the trouble starts, not one per try');
    assert.equal(errors[0], 1000, 'first pause 1 s');

    diskFull = false;
    for (let i = 0; i < 400 && store.recorded.filter((r) => r.forward?.state === 'delivered').length < 7; i += 1) {
      time.advance(1000);
      await sender.idle();
    }
    await fwd.stop();
    assert.equal(store.recorded.filter((r) => r.forward?.state === 'delivered').length, 7, 'every delivery arrives once the disk has room');
    assert.equal(recovered.length, 1, 'one log line when it recovers');
    assert.ok(recovered[0] >= 1);
  });
});

describe('forward.ordered over the SQLite store', () => {
  let dir: string;
  let dev: DevServer;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookscope-ordered-'));
    dev = await startDevServer();
  });
  afterEach(async () => {
    await dev.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('1,000 deliveries queued during an outage arrive in receipt order, one at a time', async () => {
    const time = createFakeTime();
    const sender = trackedSender(createHttpSender());
    const store = createStore({ dataDir: dir, config: defaultConfig(), env: {}, clock: time.clock });
    let down = true;
    let inFlight = 0;
    let maxInFlight = 0;
    dev.respond = (_r, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // answer on the next turn so overlapping sends would be seen
      setImmediate(() => {
        inFlight -= 1;
        res.writeHead(down ? 503 : 200).end(down ? 'down' : 'ok');
      });
    };
    const ids: string[] = [];
    try {
      const adds: Array<Promise<void>> = [];
      for (let i = 0; i < 1000; i += 1) {
        const id = newDeliveryId(time.clock.now() + i);
        ids.push(id);
        adds.push(store.add(delivery({ id, receivedAt: time.clock.now(), forwardTarget: dev.url('/ordered') })));
      }
      await Promise.all(adds);
      await allDerived(store);
      const fwd = createForwarder(
        forwarderDeps(
          { store, time, sender, forwardUrl: dev.url('/ordered'), ordered: true },
          { orderedSources: () => ['src'], onError: (e) => assert.fail(`outbox error: ${String(e)}`) },
        ),
      );
      fwd.start();
      // the outage: only the oldest delivery is tried, again and again with backoff
      for (let i = 0; i < 10; i += 1) {
        time.advance(60_000);
        await sender.idle();
      }
      assert.ok(dev.received.length >= 2, 'the head was retried during the outage');
      assert.deepEqual(new Set(dev.received.map((r) => dev.header(r, 'x-hookscope-delivery'))), new Set([ids[0]]), 'nothing overtook the oldest');

      down = false;
      const duringOutage = dev.received.length;
      time.advance(5 * 60_000);
      await fwd.settled();
      await fwd.stop();
      const arrived = dev.received.slice(duringOutage).map((r) => dev.header(r, 'x-hookscope-delivery'));
      assert.equal(arrived.length, 1000);
      assert.deepEqual(arrived, ids, 'receipt order');
      assert.equal(maxInFlight, 1, 'one in flight at a time');
    } finally {
      sender.close();
      await store.close();
    }
  });

  test('default (parallel) still uses several connections at once', async () => {
    const time = createFakeTime();
    const sender = trackedSender(createHttpSender());
    const store = createStore({ dataDir: dir, config: defaultConfig(), env: {}, clock: time.clock });
    let inFlight = 0;
    let maxInFlight = 0;
    dev.respond = (_r, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200).end('ok');
      }, 20);
    };
    try {
      for (let i = 0; i < 12; i += 1) await store.add(delivery({ id: newDeliveryId(time.clock.now() + i), forwardTarget: dev.url('/p') }));
      await allDerived(store);
      const fwd = createForwarder(forwarderDeps({ store, time, sender, forwardUrl: dev.url('/p') }));
      fwd.start();
      await fwd.settled();
      await fwd.stop();
      assert.equal(dev.received.length, 12);
      assert.ok(maxInFlight > 1, 'parallel by default');
    } finally {
      sender.close();
      await store.close();
    }
  });
});
