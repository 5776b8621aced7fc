/**
 * The outbox when the real SQLite store is locked a moment while attempts are recorded (a WAL
 * checkpoint or another writer), and when the caller's callbacks throw. What was sent is recorded
 * once the lock is gone and never sent twice; stop() resolves only after every send in flight is
 * recorded, so the store can close right after and nothing touches it later.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createForwarder, type ForwarderDeps } from '../../../../electron/core/forward/outbox';
import { createHttpSender } from '../../../../electron/core/forward/http-sender';
import { newDeliveryId, type HookscopeStore } from '../../../../electron/core/store/index';
import { allDerived, openStore, tempDir } from '../store/helpers';
import { startDevServer, type DevServer } from './dev-server';
import { createFakeTime, type FakeTime } from './fake-time';
import { delivery } from './fixtures';
import { forwarderDeps } from './forwarder-deps';

const COUNT = 8;

/** a bounded wait: a forwarder that never settles fails the test instead of hanging it */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('outbox over a store that is locked for a moment', () => {
  let dev: DevServer;
  let time: FakeTime;
  let store: HookscopeStore;
  let cleanup: () => void;
  const sender = createHttpSender();
  const ids: string[] = [];
  /** store calls made after close() began: must stay empty */
  const afterClose: string[] = [];

  beforeEach(async () => {
    dev = await startDevServer();
    time = createFakeTime();
    const t = tempDir('hookscope-outbox-locked-');
    cleanup = t.cleanup;
    store = openStore(t.dir, { clock: time.clock });
    ids.length = 0;
    for (let i = 0; i < COUNT; i++) {
      const id = newDeliveryId(time.clock.now());
      ids.push(id);
      await store.add(delivery({ id, receivedAt: time.clock.now(), forwardTarget: dev.url(`/w/${i}`) }));
    }
    await allDerived(store);
    const close = store.close.bind(store);
    let closing = false;
    store.close = () => {
      closing = true;
      return close();
    };
    for (const name of ['recordAttempt', 'dueForwards', 'summary', 'rawRequest'] as const) {
      const real = (store[name] as (...a: unknown[]) => unknown).bind(store);
      (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        if (closing) afterClose.push(name);
        return real(...args);
      };
    }
  });
  afterEach(async () => {
    await store.close();
    // a late send or timer would touch the store now; give it the time it would take
    await sleep(300);
    assert.deepEqual(afterClose, [], 'no store call after close');
    await dev.close();
    cleanup();
  });

  const deps = (over: Partial<ForwarderDeps> = {}): ForwarderDeps => forwarderDeps({ store, time, sender, forwardUrl: dev.url('/w') }, over);

  test('attempts sent while another connection holds the write lock are recorded once it is released, none sent twice', async () => {
    const locker = new Database(store.file);
    const errors: unknown[] = [];
    dev.respond = (_r, res) => {
      // the first answer arrives while the database is locked for 400 ms (longer than a write waits)
      if (!locker.inTransaction && dev.received.length === 1) {
        locker.exec('BEGIN IMMEDIATE');
        setTimeout(() => locker.exec('COMMIT'), 400);
      }
      res.writeHead(200).end('ok');
    };
    const fwd = createForwarder(deps({ onError: (e) => errors.push(e) }));
    try {
      fwd.start();
      await within(fwd.settled(), 20_000, 'settled');
      await within(fwd.stop(), 20_000, 'stop');
    } finally {
      if (locker.inTransaction) locker.exec('ROLLBACK');
      locker.close();
    }
    assert.equal(dev.received.length, COUNT, 'each delivery reached the dev server once');
    assert.deepEqual(errors, [], 'a short lock is not store trouble');
    for (const id of ids) {
      assert.equal(store.summary(id)?.forward?.state, 'delivered');
      assert.deepEqual(store.attempts(id).map((a) => a.status), [200]);
    }
  });

  test('stop() waits for every send in flight even when the callbacks throw', async () => {
    const answers: Array<() => void> = [];
    dev.respond = (_r, res) => answers.push(() => res.writeHead(200).end('ok'));
    const fwd = createForwarder(deps({
      onUpdated: () => {
        throw new Error('a UI listener failed');
      },
      onError: () => {
        throw new Error('the log line failed');
      },
    }));
    fwd.start();
    for (let i = 0; answers.length < 4; i++) {
      if (i > 2000) assert.fail(`only ${answers.length} sends arrived; pending ${store.pendingCount()}`);
      await sleep(10);
    }
    const stopping = fwd.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await sleep(50);
    assert.equal(stopped, false, 'stop() waits while sends are in flight');
    // one answer first: the others are still in flight, so stop() must still be waiting
    answers.shift()!();
    await sleep(100);
    assert.equal(stopped, false, 'stop() waits for the sends still in flight');
    answers.splice(0).forEach((answer) => answer());
    await within(stopping, 20_000, 'stop');
    const recorded = ids.filter((id) => store.attempts(id).length > 0);
    assert.equal(recorded.length, 4, 'the four sends in flight were recorded before stop() resolved');
    assert.equal(dev.received.length, 4, 'nothing was sent after stop()');
  });
});
