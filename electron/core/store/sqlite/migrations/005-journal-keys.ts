/**
 * v5: a delivery's idempotency key travels in its journal row (docs/architecture.md, "The ingest path").
 *
 * The request path registered each key in `duplicate_keys` in the journal's own commit: a key hash lands
 * on a random leaf of that table and of its two indexes, so every small group commit wrote three more
 * pages (16 KiB each) — about as much as the journal row itself (measured: a 5-row batch 113 → 77 µs per
 * row on the journal's connection). Now the key is two more columns of the row the commit writes anyway,
 * and moves to `duplicate_keys` when the deriver removes the row, in its large transaction (a trigger,
 * so every way a journal row is removed keeps the key). The in-memory duplicate set loads from both.
 * A registration still never takes a live key over: the first delivery keeps it until it expires.
 */
import type { Migration } from './types';

export const journalKeys: Migration = {
  version: 5,
  name: 'journal-keys',
  up(db) {
    db.exec(`
      ALTER TABLE journal ADD COLUMN key_hash BLOB;
      ALTER TABLE journal ADD COLUMN key_expires_at INTEGER;
      CREATE TRIGGER journal_keys_ad AFTER DELETE ON journal WHEN old.key_hash IS NOT NULL
      BEGIN
        INSERT INTO duplicate_keys (source_id, key_hash, delivery_id, expires_at)
          VALUES (old.source_id, old.key_hash, old.id, old.key_expires_at)
          ON CONFLICT (source_id, key_hash) DO UPDATE SET delivery_id = excluded.delivery_id, expires_at = excluded.expires_at
          WHERE duplicate_keys.expires_at <= old.received_at;
      END;
    `);
  },
};
