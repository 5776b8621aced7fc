/**
 * The journal hands out seqs itself (migration 008, journal-appender.ts): a seq is never handed out
 * twice — not once the journal is empty and its rows live on as deliveries, not after the newest
 * deliveries were erased, not across a clean restart or a kill -9 — and the upgrade keeps the old table's
 * rows, indexes, triggers and the old AUTOINCREMENT high-water mark.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../../../electron/core/store/sqlite/database';
import { journalWriter, packBatch } from '../../../../electron/core/store/sqlite/journal-appender';
import { runMigrations } from '../../../../electron/core/store/sqlite/migrations';
import type { JournalEntry } from '../../../../electron/core/store/contract';
import { allDerived, delivery, LIVE_JOURNAL, openReadOnly, openStore, tempDir } from './helpers';

const EMAIL_BODY = (n: number): string => `{"event":"call.completed","email":"person${n}@example.com"}`;

function seqOf(dir: string, id: string): number {
  const db = openReadOnly(dir);
  try {
    const seq = db.prepare(`SELECT seq FROM ${LIVE_JOURNAL} AND id = ? UNION ALL SELECT seq FROM deliveries WHERE id = ?`).pluck().get(id, id) as number | undefined;
    assert.ok(seq !== undefined, `delivery ${id} is stored`);
    return seq;
  } finally {
    db.close();
  }
}

function rowCount(dir: string, table: 'journal' | 'deliveries'): number {
  const db = openReadOnly(dir);
  try {
    return Number(db.prepare(`SELECT COUNT(*) FROM ${table === 'journal' ? LIVE_JOURNAL : table}`).pluck().get());
  } finally {
    db.close();
  }
}

describe('journal seqs', () => {
  test('never handed out twice: journal emptied, newest erased, clean restart, kill -9', { timeout: 120_000 }, async () => {
    const { dir, cleanup } = tempDir();
    try {
      let store = openStore(dir);
      const first = [delivery({ body: EMAIL_BODY(1) }), delivery({ body: EMAIL_BODY(2) }), delivery({ body: EMAIL_BODY(3) })];
      for (const d of first) await store.add(d);
      await allDerived(store);
      assert.equal(rowCount(dir, 'journal'), 0, 'every row moved to deliveries');
      const firstSeqs = first.map((d) => seqOf(dir, d.id));
      assert.deepEqual([...firstSeqs].sort((a, b) => a - b), firstSeqs, 'in commit order');

      const afterEmpty = delivery({ body: EMAIL_BODY(4) });
      await store.add(afterEmpty);
      assert.ok(seqOf(dir, afterEmpty.id) > firstSeqs[2], 'above every derived row once the journal is empty');

      // the newest delivery erased: no table holds its seq any more
      assert.equal(await store.eraseByValue('person4@example.com'), 1);
      await store.close();
      assert.equal(rowCount(dir, 'journal') + rowCount(dir, 'deliveries'), 3);

      store = openStore(dir);
      const afterRestart = delivery({ body: EMAIL_BODY(5) });
      await store.add(afterRestart);
      const erasedSeq = firstSeqs[2] + 1;
      assert.equal(seqOf(dir, afterRestart.id), erasedSeq + 1, 'after a clean close the next start continues right after the erased seq');
      await allDerived(store);
      await store.close();

      // a crash right after an acknowledged append (nothing given back), then that delivery erased
      const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'append-then-die.ts')], {
        env: { ...process.env, DIR: dir, BODY: EMAIL_BODY(6) },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(child.signal, 'SIGKILL', child.stderr);
      const crashedId = child.stdout.trim();
      const crashedSeq = seqOf(dir, crashedId);
      assert.ok(crashedSeq > erasedSeq + 1);
      store = openStore(dir);
      await allDerived(store);
      assert.equal(await store.eraseByValue('person6@example.com'), 1);
      await store.close();

      store = openStore(dir);
      const afterCrash = delivery({ body: EMAIL_BODY(7) });
      await store.add(afterCrash);
      assert.ok(seqOf(dir, afterCrash.id) > crashedSeq, 'above the crashed run’s erased delivery');
      await store.close();
    } finally {
      cleanup();
    }
  });

  test('a second writer on the same data directory starts above the first instead of colliding', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const a = openStore(dir, { deriver: 'none' });
      const b = openStore(dir, { deriver: 'none' });
      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        for (const store of [a, b]) {
          const d = delivery();
          await store.add(d);
          order.push(d.id);
        }
      }
      await a.close();
      await b.close();
      const seqs = order.map((id) => seqOf(dir, id));
      assert.equal(new Set(seqs).size, seqs.length, 'no seq twice');
      assert.deepEqual([...seqs].sort((x, y) => x - y), seqs, 'seqs rise in commit order');
    } finally {
      cleanup();
    }
  });

  test('the upgrade from AUTOINCREMENT keeps rows, indexes, triggers and the old high-water mark', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'hookscope.db');
      const db = openDatabase(file, { migrateTo: 7 });
      const insert = db.prepare(`INSERT INTO journal (id, received_at, source_id, method, verdict, status, codes, retention_class, client_ip, size,
        body_truncated, sealed, key_hash, key_expires_at) VALUES (?, 1, 'blackbox', 'POST', 'verified', 200, 'a', 'kept', '127.0.0.1', 2, 0, x'00', ?, 99)`);
      for (const [id, key] of [['a', 'aa'], ['b', 'bb'], ['c', 'cc']]) insert.run(id, Buffer.from(key, 'hex'));
      // the newest row left the table (derived, then erased): only sqlite_sequence remembers seq 3
      db.prepare("DELETE FROM journal WHERE id = 'c'").run();
      const companions = (): string[] =>
        db.prepare("SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE tbl_name = 'journal' AND type <> 'table' ORDER BY name").pluck().all() as string[];
      const before = companions();
      const columns = (): unknown[] => db.prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('journal')").all();
      const columnsBefore = columns();
      runMigrations(db, 8);

      assert.equal(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'journal' AND sql LIKE '%AUTOINCREMENT%'").pluck().get(), 0);
      assert.deepEqual(companions(), before, 'the same triggers and indexes');
      assert.ok(before.some((c) => c.startsWith('trigger journal_keys_ad')), 'the key trigger is among them');
      assert.deepEqual(columns(), columnsBefore, 'the same columns');
      assert.deepEqual(db.prepare('SELECT seq, id, hex(key_hash) AS key FROM journal ORDER BY seq').all(), [
        { seq: 1, id: 'a', key: 'AA' },
        { seq: 2, id: 'b', key: 'BB' },
      ]);
      db.prepare("DELETE FROM journal WHERE id = 'a'").run();
      assert.equal(db.prepare("SELECT COUNT(*) FROM duplicate_keys WHERE delivery_id = 'a'").pluck().get(), 1, 'the key trigger still fires');
      db.close();

      const store = openStore(dir, { deriver: 'none' });
      const next = delivery();
      await store.add(next);
      await store.close();
      assert.equal(seqOf(dir, next.id), 4, 'above the old AUTOINCREMENT mark, not reusing the erased seq 3');
    } finally {
      cleanup();
    }
  });

  test('the main-thread writer (where no worker runs) reserves and gives back the same way', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = openDatabase(join(dir, 'hookscope.db'));
      // the journal file keeps the reservation (journal-file.ts)
      const reserved = (): number => Number(db.prepare("SELECT value FROM jr.meta WHERE key = 'journal_seq_reserved'").pluck().get());
      const entry = (id: string): JournalEntry => ({
        id, receivedAt: 1, sourceId: 'blackbox', method: 'POST', verdict: 'verified', status: 200, codes: 'a', retention: 'kept', clientIp: '127.0.0.1',
        size: 1, bodyTruncated: false, sealed: Buffer.from([id.charCodeAt(0)]), keyHash: null, keyExpiresAt: null, duplicateOf: null, forwardTarget: null,
      });
      const writer = journalWriter(db);
      const batch = packBatch([entry('a'), entry('b')]);
      writer.write(batch.rows, batch.sealed);
      assert.deepEqual(db.prepare('SELECT seq, id, hex(sealed) AS sealed FROM journal ORDER BY seq').all(), [
        { seq: 1, id: 'a', sealed: '61' },
        { seq: 2, id: 'b', sealed: '62' },
      ]);
      assert.ok(reserved() > 2, 'a block is reserved beyond the rows written');
      writer.close();
      assert.equal(reserved(), 2, 'a clean close gives the rest back');
      db.close();
    } finally {
      cleanup();
    }
  });
});
