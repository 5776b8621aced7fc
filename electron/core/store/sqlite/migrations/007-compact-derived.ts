/**
 * v7: fewer bytes per delivery (docs/architecture.md "Storage").
 * - `duplicate_keys.key_hash`: the keyed hash as 32 bytes instead of 64 hex characters — in the table and
 *   in both indexes, which carry the primary key (the store reads it back as hex).
 * - `blind_index` points at the delivery's seq (an integer) instead of its 26-character id, in the table
 *   and in its index; erasure joins to the display row.
 * - `body_sha256` of new rows is stored as 32 bytes (old rows keep hex text; rows.ts reads both).
 * New files also get 16 KiB pages (database.ts PAGE_SIZE).
 */
import type { Migration } from './types';

export const compactDerived: Migration = {
  version: 7,
  name: 'compact-derived',
  up(db) {
    db.exec(`
      UPDATE duplicate_keys SET key_hash = unhex(key_hash) WHERE typeof(key_hash) = 'text';

      CREATE TABLE blind_index_v7 (
        hmac BLOB NOT NULL,
        delivery_seq INTEGER NOT NULL REFERENCES deliveries (seq) ON DELETE CASCADE,
        PRIMARY KEY (hmac, delivery_seq)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO blind_index_v7 (hmac, delivery_seq)
        SELECT b.hmac, d.seq FROM blind_index b JOIN deliveries d ON d.id = b.delivery_id;
      DROP TABLE blind_index;
      ALTER TABLE blind_index_v7 RENAME TO blind_index;
      CREATE INDEX blind_index_delivery ON blind_index (delivery_seq);
    `);
  },
};
