/**
 * Idempotency keys ride in their journal row and move to duplicate_keys when the row is derived
 * (derived-writer.ts): a restart knows every live key either way, the first delivery keeps a live key,
 * and an expired one is taken over (erasure forgetting keys: erasure.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allDerived, delivery, LIVE_JOURNAL, openReadOnly, openStore, T0, tempDir } from './helpers';

const HOUR = 3_600_000;

function tables(dir: string): { journalKeys: number; registered: Array<{ delivery_id: string; expires_at: number }> } {
  const db = openReadOnly(dir);
  const out = {
    journalKeys: Number(db.prepare(`SELECT COUNT(*) FROM ${LIVE_JOURNAL} AND key_hash IS NOT NULL`).pluck().get()),
    registered: db.prepare('SELECT delivery_id, expires_at FROM duplicate_keys ORDER BY delivery_id').all() as Array<{ delivery_id: string; expires_at: number }>,
  };
  db.close();
  return out;
}

describe('idempotency keys in the journal', () => {
  test('a restart knows a key still in the journal, and again once the row is derived', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const first = delivery({ idempotencyKey: 'evt_1', idempotencyExpiresAt: T0 + HOUR });
      const journalOnly = openStore(dir, { deriver: 'none' });
      await journalOnly.add(first);
      await journalOnly.close();
      const pending = tables(dir);
      assert.equal(pending.journalKeys, 1, 'the key is written with its journal row');
      assert.deepEqual(pending.registered, [], 'nothing else is written by the request path');

      const restarted = openStore(dir, { deriver: 'none' });
      assert.equal(restarted.lookupIdempotency('blackbox', 'evt_1', T0 + 1), first.id, 'known from the journal row');
      assert.equal(restarted.lookupIdempotency('blackbox', 'evt_2', T0 + 1), null);
      await restarted.close();

      const deriving = openStore(dir);
      await allDerived(deriving);
      await deriving.close();
      const derived = tables(dir);
      assert.equal(derived.journalKeys, 0);
      assert.deepEqual(derived.registered, [{ delivery_id: first.id, expires_at: T0 + HOUR }], 'the key moved with the derived row');

      const again = openStore(dir, { deriver: 'none' });
      assert.equal(again.lookupIdempotency('blackbox', 'evt_1', T0 + 1), first.id, 'known from duplicate_keys');
      assert.equal(again.lookupIdempotency('blackbox', 'evt_1', T0 + HOUR), null, 'expired');
      await again.close();
    } finally {
      cleanup();
    }
  });

  test('the first delivery keeps a live key; an expired key is taken over when derived', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      const live = delivery({ idempotencyKey: 'evt_live', idempotencyExpiresAt: T0 + HOUR });
      const old = delivery({ idempotencyKey: 'evt_old', idempotencyExpiresAt: T0 - 1 });
      await store.add(live);
      await store.add(old);
      await allDerived(store);
      // a later registration of each key (as after a restart that lost the memory of an earlier one)
      const later = delivery({ receivedAt: T0 + 10, idempotencyKey: 'evt_live', idempotencyExpiresAt: T0 + 2 * HOUR });
      const takeover = delivery({ receivedAt: T0 + 10, idempotencyKey: 'evt_old', idempotencyExpiresAt: T0 + 2 * HOUR });
      await store.add(later);
      await store.add(takeover);
      await allDerived(store);
      await store.close();
      // as a restart knows them (the receiver answers duplicates from this)
      const restarted = openStore(dir, { deriver: 'none' });
      assert.equal(restarted.lookupIdempotency('blackbox', 'evt_live', T0 + 20), live.id, 'a live key stays with the first delivery');
      assert.equal(restarted.lookupIdempotency('blackbox', 'evt_old', T0 + 20), takeover.id, 'an expired key is taken over');
      await restarted.close();
    } finally {
      cleanup();
    }
  });
});
