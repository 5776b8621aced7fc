/**
 * Where a journal batch is committed (store/sqlite/journal-appender.ts): in durability "process" on the
 * event loop's own connection when the write lock is free (the row is there before append() returns),
 * else by the worker, which waits for the lock off the event loop; in "power" always by the worker.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { JournalEntry } from '../../../../electron/core/store/contract';
import { openDatabase } from '../../../../electron/core/store/sqlite/database';
import { startJournalAppender } from '../../../../electron/core/store/sqlite/journal-appender';
import { journalFileFor } from '../../../../electron/core/store/sqlite/journal-file';
import { tempDir } from './helpers';

function entry(id: string, bytes = 100): JournalEntry {
  return {
    id, receivedAt: 1, sourceId: 'blackbox', method: 'POST', verdict: 'verified', status: 200, codes: 'a', retention: 'kept', clientIp: '127.0.0.1',
    size: bytes, bodyTruncated: false, sealed: Buffer.alloc(bytes, 7), keyHash: null, keyExpiresAt: null, duplicateOf: null, forwardTarget: null,
  };
}

describe('journal appender', () => {
  test('"process": a batch is committed before append() returns while the lock is free; behind a held lock the worker commits it once released', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'hookscope.db');
    const db = openDatabase(file);
    const appender = startJournalAppender(db, file, 'NORMAL');
    // the journal file (journal-file.ts): its write lock is the one the appender takes
    const other = new Database(journalFileFor(file));
    const stored = (id: string): boolean => other.prepare('SELECT COUNT(*) FROM journal WHERE id = ?').pluck().get(id) === 1;
    try {
      const first = appender.append([entry('a'), entry('b')], { deadlineMs: 10_000 });
      assert.ok(stored('a') && stored('b'), 'committed on this thread, synchronously');
      await first;

      other.exec('BEGIN IMMEDIATE');
      let settled = false;
      const held = appender.append([entry('c')], { deadlineMs: 10_000 }).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(settled, false, 'waits (off this thread) while the lock is held');
      other.exec('COMMIT');
      await held;
      assert.ok(stored('c'));

      const big = entry('big', 1024 * 1024);
      let bigSettled = false;
      const bigDone = appender.append([big], { deadlineMs: 10_000 }).finally(() => (bigSettled = true));
      // a batch committed here settles within this turn's microtasks; the worker's answer is a message, a later turn
      // (not "not stored yet": the worker may well have committed it by now)
      for (let i = 0; i < 5; i++) await Promise.resolve();
      assert.equal(bigSettled, false, 'a big batch goes to the worker: the event loop does not write a megabyte');
      await bigDone;
      assert.ok(stored('big'));
      assert.deepEqual(other.prepare('SELECT id FROM journal ORDER BY seq').pluck().all(), ['a', 'b', 'c', 'big'], 'seqs in commit order across both writers');
    } finally {
      await appender.close();
      other.close();
      db.close();
      cleanup();
    }
  });

  test('"power": every batch goes to the worker (its commits fsync, never on the event loop)', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'hookscope.db');
    const db = openDatabase(file, { synchronous: 'FULL' });
    const appender = startJournalAppender(db, file, 'FULL');
    try {
      const done = appender.append([entry('a')], { deadlineMs: 10_000 });
      assert.equal(db.prepare("SELECT COUNT(*) FROM journal WHERE id = 'a'").pluck().get(), 0, 'not committed on this thread');
      await done;
      assert.equal(db.prepare("SELECT COUNT(*) FROM journal WHERE id = 'a'").pluck().get(), 1);
    } finally {
      await appender.close();
      db.close();
      cleanup();
    }
  });
});
