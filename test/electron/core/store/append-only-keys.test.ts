/**
 * Migration 010: duplicate_keys keyed by the delivery's seq, appended to by the deriver. A database
 * written before it keeps every key (a restart still answers duplicates from them); a key whose
 * delivery was erased while pending stays too; erasing a delivery removes its key; a key registered
 * again while live stays with its first delivery.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../../../../electron/core/store';
import { runMigrations } from '../../../../electron/core/store/sqlite/migrations/index';
import { allDerived, delivery, openStore, tempDir, T0 } from './helpers';

const HOUR = 3_600_000;

test('v9 → v10: keys move to a table keyed by seq; restarts, erasure and new keys keep working', async () => {
  const { dir, cleanup } = tempDir();
  try {
    // three deliveries with keys, derived under the v9 schema (keys keyed by (source, hash))
    const first = openStore(dir);
    const kept = delivery({ idempotencyKey: 'evt_kept', idempotencyExpiresAt: T0 + HOUR });
    const erased = delivery({ body: JSON.stringify({ email: 'gone@example.com' }), idempotencyKey: 'evt_erased', idempotencyExpiresAt: T0 + HOUR });
    const expired = delivery({ idempotencyKey: 'evt_expired', idempotencyExpiresAt: T0 - 1 });
    for (const d of [kept, erased, expired]) await first.add(d);
    await allDerived(first);
    await first.close();
    const file = join(dir, 'hookscope.db');
    const db = openDatabase(file, { migrateTo: 9 });
    // back to the v9 shape of the table, as a database written before this version has it
    db.exec(`
      DROP TRIGGER IF EXISTS journal_keys_ad; DROP TRIGGER deliveries_keys_ad;
      CREATE TABLE keys_v9 (source_id TEXT NOT NULL, key_hash BLOB NOT NULL, delivery_id TEXT NOT NULL, expires_at INTEGER NOT NULL,
        PRIMARY KEY (source_id, key_hash)) WITHOUT ROWID;
      INSERT INTO keys_v9 SELECT source_id, key_hash, delivery_id, expires_at FROM duplicate_keys;
      DROP TABLE duplicate_keys; ALTER TABLE keys_v9 RENAME TO duplicate_keys;
      CREATE INDEX duplicate_keys_delivery ON duplicate_keys (delivery_id);
      CREATE INDEX duplicate_keys_expires ON duplicate_keys (expires_at);
      -- an orphan: the key of a pending delivery erased before it was derived
      INSERT INTO duplicate_keys SELECT source_id, x'00ff', '01GONE00000000000000000000', expires_at FROM duplicate_keys LIMIT 1;
      DELETE FROM schema_migrations WHERE version = 10;
    `);
    runMigrations(db);
    assert.deepEqual(db.prepare("SELECT name FROM pragma_table_info('duplicate_keys') WHERE pk > 0").pluck().all(), ['seq'], 'keyed by seq: the deriver appends');
    const rows = db.prepare('SELECT d.seq AS delivery_seq, k.seq, k.delivery_id FROM duplicate_keys k LEFT JOIN deliveries d ON d.id = k.delivery_id ORDER BY k.seq').all() as Array<{ delivery_seq: number | null; seq: number; delivery_id: string }>;
    assert.equal(rows.length, 4, 'every key kept');
    assert.deepEqual(rows.filter((r) => r.delivery_seq === null).map((r) => r.delivery_id), ['01GONE00000000000000000000']);
    assert.ok(rows.every((r) => (r.delivery_seq === null ? r.seq < 0 : r.seq === r.delivery_seq)), 'a key carries its delivery\'s seq; an orphan a negative one');
    db.close();

    const store = openStore(dir);
    assert.equal(store.lookupIdempotency('blackbox', 'evt_kept', T0 + 1), kept.id, 'a restart knows a migrated key');
    assert.equal(store.lookupIdempotency('blackbox', 'evt_expired', T0 + 1), null, 'an expired one is not live');
    assert.equal(await store.eraseByValue('gone@example.com'), 1);
    const later = delivery({ receivedAt: T0 + 10, idempotencyKey: 'evt_new', idempotencyExpiresAt: T0 + HOUR });
    await store.add(later);
    await allDerived(store);
    await store.close();

    const after = openDatabase(file);
    assert.equal(after.prepare('SELECT COUNT(*) FROM duplicate_keys WHERE delivery_id = ?').pluck().get(erased.id), 0, 'erasing a delivery removes its key');
    const newSeq = after.prepare('SELECT seq FROM deliveries WHERE id = ?').pluck().get(later.id);
    assert.equal(after.prepare('SELECT seq FROM duplicate_keys WHERE delivery_id = ?').pluck().get(later.id), newSeq, 'a derived key is appended under its seq');
    after.close();
    const again = openStore(dir, { deriver: 'none' });
    assert.equal(again.lookupIdempotency('blackbox', 'evt_new', T0 + 20), later.id);
    assert.equal(again.lookupIdempotency('blackbox', 'evt_erased', T0 + 20), null);
    await again.close();
  } finally {
    cleanup();
  }
});
