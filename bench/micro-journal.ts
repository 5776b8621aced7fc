/**
 * In-process micro-benchmark of the journal's SQLite cost per row (no HTTP, no worker messages): the
 * journal worker's commit (journalWriter, store/sqlite/journal-appender.ts) in group-commit-sized batches on a
 * real migrated database file, the rows removed every 1,000 like the deriver does (that fires the
 * trigger moving idempotency keys to duplicate_keys, migration 005), a PASSIVE checkpoint every 40
 * batches like the checkpoint worker.   node --import tsx bench/micro-journal.ts [batch sizes…]   (default 1 5 25)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openWorkerConnection } from '../electron/core/store/sqlite/database';
import { journalWriter, packBatch } from '../electron/core/store/sqlite/journal-appender';
import type { JournalEntry } from '../electron/core/store/contract';

const BATCHES = 2_000;

function run(batch: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-micro-journal-'));
  const file = join(dir, 'hookscope.db');
  openDatabase(file).close();
  const db = openWorkerConnection(file, { synchronous: 'NORMAL', busyMs: 1_000 });
  const writer = journalWriter(db);
  const remove = db.prepare('DELETE FROM journal WHERE seq <= ?');
  let n = 0;
  // a 1 KiB delivery's envelope is ~1.4 KB; every row carries an idempotency key, like the bench's events
  const entry = (): JournalEntry => {
    n++;
    return {
      id: `01J${String(n).padStart(23, '0')}`, receivedAt: Date.now(), sourceId: 'blackbox', method: 'POST', verdict: 'verified', status: 200, codes: 'a',
      retention: 'kept', clientIp: '127.0.0.1', size: 1024, bodyTruncated: false, sealed: randomBytes(1_400), duplicateOf: null, forwardTarget: null,
      keyHash: randomBytes(32).toString('hex'), keyExpiresAt: Date.now() + 86_400_000,
    };
  };
  let appendUs = 0;
  let removeUs = 0;
  for (let b = 0; b < BATCHES; b++) {
    // the batch is built outside the measured time (the main thread does that)
    const packed = packBatch(Array.from({ length: batch }, entry));
    const a = process.cpuUsage();
    writer.writeImmediate(packed.rows, packed.sealed);
    const da = process.cpuUsage(a);
    appendUs += da.user + da.system;
    if (n % 1_000 < batch) {
      const r = process.cpuUsage();
      remove.run(Number.MAX_SAFE_INTEGER);
      const dr = process.cpuUsage(r);
      removeUs += dr.user + dr.system;
    }
    if (b % 40 === 39) db.pragma('wal_checkpoint(PASSIVE)');
  }
  const rows = BATCHES * batch;
  console.log(`batch ${String(batch).padStart(3)}: append ${(appendUs / rows).toFixed(1)} µs CPU per row (${(appendUs / BATCHES).toFixed(0)} per commit); removal with key move ${(removeUs / rows).toFixed(1)} µs per row`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
for (const batch of sizes.length ? sizes : [1, 5, 25]) run(batch);
