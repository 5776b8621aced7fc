/**
 * flush() promises every queued row derived. When the deriver's write meets a lock held longer than its
 * connection waits (a checkpoint's cut, another process), flush tries again instead of resolving with
 * rows still pending (the catch-up bench once reported "done" with 15,000 of 100,000 rows pending).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { delivery, openStore, tempDir } from './helpers';

test('flush waits out a lock held longer than the deriver waits: every row is derived when it resolves', async () => {
  const t = tempDir();
  try {
    const journalOnly = openStore(t.dir, { deriver: 'none' });
    await Promise.all(Array.from({ length: 40 }, (_, i) => journalOnly.add(delivery({ receivedAt: Date.now() + i }))));
    assert.equal(journalOnly.pendingCount(), 40);
    await journalOnly.close();

    const store = openStore(t.dir);
    const locker = new Database(store.file);
    try {
      // held for 1.5 s: the derive worker's connection waits 200 ms for a lock, then gives the batch back
      locker.exec('BEGIN IMMEDIATE');
      const release = setTimeout(() => locker.exec('ROLLBACK'), 1_500);
      await store.flush();
      clearTimeout(release);
      if (locker.inTransaction) locker.exec('ROLLBACK');
      assert.equal(store.pendingCount(), 0, 'nothing is left in the journal once flush resolves');
      assert.equal(store.list({ limit: 1 }).total, 40);
    } finally {
      locker.close();
      await store.close();
    }
  } finally {
    t.cleanup();
  }
});
