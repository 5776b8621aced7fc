import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { HookscopeError } from '../../../../shared/result';
import type { DeliverySummary } from '../../../../shared/api';
import { delivery, openStore, tempDir, T0 } from './helpers';

const DAY = 86_400_000;

describe('group commit', () => {
  test('many concurrent add() resolve, every row is present, listeners see each batch once', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir, { maxBatch: 64 });
      const seen: DeliverySummary[] = [];
      store.onCommitted((items) => seen.push(...items));
      const items = Array.from({ length: 300 }, (_, i) => delivery({ receivedAt: T0 + i }));
      await Promise.all(items.map((d) => store.add(d)));
      assert.equal(seen.length, 300);
      assert.deepEqual(new Set(seen.map((s) => s.id)), new Set(items.map((d) => d.id)));
      await store.close();
      const db = new Database(`${dir}/hookscope.db`, { readonly: true });
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM deliveries').get() as { n: number }).n, 300);
      db.close();
    } finally {
      cleanup();
    }
  });

  test('an add() resolves only after its row is readable', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery();
      let resolved = false;
      const p = store.add(d).then(() => (resolved = true));
      assert.equal(resolved, false);
      await p;
      assert.equal(store.summary(d.id)?.id, d.id);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('a duplicate in the same batch is detected before the batch commits, and after', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const first = delivery({ idempotencyKey: 'evt_1', idempotencyExpiresAt: T0 + DAY });
      const pending = store.add(first);
      // the receiver asks before the batch has committed
      const dupOf = store.lookupIdempotency('blackbox', 'evt_1', T0 + 1);
      assert.equal(dupOf, first.id);
      const second = delivery({ receivedAt: T0 + 1, idempotencyKey: 'evt_1', duplicateOf: dupOf, checks: [], verdict: 'verified' });
      await Promise.all([pending, store.add(second)]);
      assert.equal(store.lookupIdempotency('blackbox', 'evt_1', T0 + 2), first.id);
      assert.equal(store.summary(second.id)?.duplicateOf, first.id);
      // scoped by source, and expired keys are not duplicates
      assert.equal(store.lookupIdempotency('stripe', 'evt_1', T0 + 2), null);
      assert.equal(store.lookupIdempotency('blackbox', 'evt_1', T0 + DAY), null);
      await store.close();
      // keys survive a restart
      const reopened = openStore(dir);
      assert.equal(reopened.lookupIdempotency('blackbox', 'evt_1', T0 + 5), first.id);
      await reopened.close();
    } finally {
      cleanup();
    }
  });

  test('a failing transaction rejects every promise of its batch and leaves no trace', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const committed = delivery();
      await store.add(committed);
      let batches = 0;
      store.onCommitted(() => batches++);
      const innocent = delivery({ idempotencyKey: 'evt_9', idempotencyExpiresAt: T0 + DAY });
      const clash = { ...delivery(), id: committed.id }; // same primary key: the INSERT fails
      const results = await Promise.allSettled([store.add(innocent), store.add(clash)]);
      assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
      assert.equal(batches, 0);
      assert.equal(store.summary(innocent.id), null);
      assert.equal(store.lookupIdempotency('blackbox', 'evt_9', T0), null, 'pending key released');
      // the store keeps working
      const after = delivery();
      await store.add(after);
      assert.equal(store.summary(after.id)?.id, after.id);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('a forward target queues the delivery in the outbox in the same transaction', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery({ forwardTarget: 'http://localhost:3000/hook' });
      await store.add(d);
      assert.deepEqual(store.summary(d.id)?.forward, { state: 'pending', status: null });
      assert.deepEqual(store.dueForwards(T0, 10), [{ deliveryId: d.id, sourceId: 'blackbox', target: 'http://localhost:3000/hook', attempts: 0, firstAttemptAt: null }]);
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('close() commits what is queued; add() after close rejects', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const d = delivery();
      const p = store.add(d);
      await store.close();
      await p;
      await assert.rejects(store.add(delivery()), (e: unknown) => e instanceof HookscopeError && e.code === 'store_closed');
      const reopened = openStore(dir);
      assert.equal(reopened.summary(d.id)?.id, d.id);
      await reopened.close();
    } finally {
      cleanup();
    }
  });
});
