/**
 * The checkpoint worker cuts a big WAL back (TRUNCATE) — without keeping the event loop's connection
 * from writing. A TRUNCATE holds the write lock while it waits for readers; this connection waits at
 * most 50 ms for a lock, so a truncation that waited for a reader made the outbox's attempt records
 * fail with "database is locked" under load. Now it does not wait: busy, it tries again at a later
 * checkpoint, and the WAL is cut back once the reader is gone — by the checkpointer's own retries
 * when no commit follows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { TRUNCATE_WAL_PAGES } from '../../../../electron/core/store/sqlite/checkpointer';
import { openStore, tempDir } from './helpers';

test('a WAL truncation never blocks this connection\'s writes while a reader holds a snapshot', async () => {
  const t = tempDir();
  const store = openStore(t.dir);
  const other = new Database(store.file);
  try {
    await store.checkpoint(); // the store's own pending writes are done: the next checkpoint writes nothing first
    // another connection grows the WAL past the truncation threshold (no commit of the store nudges a checkpoint)
    other.pragma('wal_autocheckpoint = 0');
    other.exec('CREATE TABLE filler (b BLOB)');
    const fill = other.prepare('INSERT INTO filler VALUES (randomblob(65536))');
    const pageSize = Number(other.pragma('page_size', { simple: true }));
    for (let i = 0; i < (TRUNCATE_WAL_PAGES * pageSize * 1.5) / 65536; i++) fill.run();
    // a reader on the newest snapshot: everything can be checkpointed, but the WAL cannot be reset under it
    const reader = new Database(store.file);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM filler').get();

    let done = false;
    const started = Date.now();
    const checkpoint = store.checkpoint().finally(() => (done = true));
    // the checkpoint's first step (PASSIVE) sees no newer frame than the reader's, so it can take them all
    await sleep(100);
    const until = Date.now() + 3_000;
    let writes = 0;
    while (!done && Date.now() < until) {
      store.audit('config_changed', null, { note: `write ${writes}` }); // throws "database is locked" if blocked > 50 ms
      writes++;
      await sleep(20);
    }
    const first = await checkpoint;
    console.log(`# first checkpoint ${Date.now() - started} ms`, first);
    assert.ok(done, 'the checkpoint returned while the reader still held its snapshot');
    assert.equal(first.checkpointed, first.log, 'every frame is in the database file');
    assert.ok(first.log > TRUNCATE_WAL_PAGES, `the WAL (${first.log} pages) could not be cut back under the reader`);

    // the reader stays longer than the quick retries last; then it goes, and no commit follows
    await sleep(3_000);
    reader.exec('COMMIT');
    reader.close();
    // nothing nudges the checkpointer now: its own retries must cut the WAL back (the end of a burst)
    const deadline = Date.now() + 20_000;
    while (statSync(`${store.file}-wal`).size >= 64 * 1024 && Date.now() < deadline) await sleep(100);
    assert.ok(statSync(`${store.file}-wal`).size < 64 * 1024, 'the WAL file is cut back once the reader is gone, with no further commit');
    console.log(`# ${writes} writes during the checkpoint, none refused`);
  } finally {
    other.close();
    await store.close();
    t.cleanup();
  }
});
