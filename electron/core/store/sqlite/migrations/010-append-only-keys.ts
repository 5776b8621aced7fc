/**
 * v10: `duplicate_keys` keyed by the delivery's seq (docs/architecture.md "Storage").
 *
 * The key moves from its journal row into `duplicate_keys` when the row is derived (migration 005).
 * Keyed by (source_id, key_hash), every key landed on a random leaf, so each derive commit rewrote
 * about one 16 KiB page per delivery for it, plus the upsert's lookup: more than half of the pages a
 * derive transaction wrote (bench/micro-derive.ts), and the longest part of the time it holds the write
 * lock the journal's commit waits for. Keyed by seq, the deriver appends to the table's end, and the
 * cascade from `deliveries` seeks by primary key (no index on delivery_id is needed any more).
 *
 * Nothing looks a key up in SQL: the receiver answers duplicates from memory, loaded at start. A key
 * registered again once the first registration expired is a second row, not an update; the loader
 * reads live rows newest first, so the earliest live registration wins, as the upsert's did. Keys
 * whose delivery is gone (an erased row that was still pending) keep negative seqs.
 */
import type { Migration } from './types';

export const appendOnlyKeys: Migration = {
  version: 10,
  name: 'append-only-keys',
  up(db) {
    db.exec(`
      DROP TRIGGER IF EXISTS journal_keys_ad;
      DROP TRIGGER IF EXISTS deliveries_keys_ad;
      CREATE TABLE duplicate_keys_v10 (
        seq INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        key_hash BLOB NOT NULL,
        delivery_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      INSERT INTO duplicate_keys_v10 (seq, source_id, key_hash, delivery_id, expires_at)
        SELECT d.seq, k.source_id, k.key_hash, k.delivery_id, k.expires_at
          FROM duplicate_keys k JOIN deliveries d ON d.id = k.delivery_id
          ORDER BY d.seq;
      INSERT INTO duplicate_keys_v10 (seq, source_id, key_hash, delivery_id, expires_at)
        SELECT -ROW_NUMBER() OVER (ORDER BY k.expires_at), k.source_id, k.key_hash, k.delivery_id, k.expires_at
          FROM duplicate_keys k WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = k.delivery_id);
      DROP TABLE duplicate_keys;
      ALTER TABLE duplicate_keys_v10 RENAME TO duplicate_keys;
      CREATE INDEX duplicate_keys_expires ON duplicate_keys (expires_at);
      CREATE TRIGGER deliveries_keys_ad AFTER DELETE ON deliveries
      BEGIN
        DELETE FROM duplicate_keys WHERE seq = old.seq;
      END;
    `);
    // a journal table in this file (before migration 012 moved it to its own file)
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal'").get()) {
      db.exec(`
        CREATE TRIGGER journal_keys_ad AFTER DELETE ON journal WHEN old.key_hash IS NOT NULL AND old.key_expires_at IS NOT NULL
        BEGIN
          INSERT OR REPLACE INTO duplicate_keys (seq, source_id, key_hash, delivery_id, expires_at)
            VALUES (old.seq, old.source_id, old.key_hash, old.id, old.key_expires_at);
        END;
      `);
    }
  },
};
