/**
 * v9: fewer index pages written per derived delivery (docs/architecture.md "Storage").
 * - `blind_index` is keyed by (delivery_seq, hmac) instead of (hmac, delivery_seq) plus an index on
 *   delivery_seq: one B-tree instead of two, and the deriver appends to its end instead of putting each
 *   HMAC on a random leaf — a commit wrote about one 16 KiB page per delivery for it once the table had
 *   outgrown the batch (bench/micro-derive.ts after 100,000 rows: 110 → 85 µs CPU per row written).
 *   Erasure by value (rare, and it deletes rows anyway) reads the whole table instead of seeking: ~25
 *   bytes per value found in a delivery. The cascade from deliveries still seeks (the key starts with seq).
 * - `deliveries_received_at` is dropped: `deliveries_received_verdict` (received_at, verdict) serves every
 *   query that used it (retention, `after:`/`before:`, the timeline's span), as its leading column.
 */
import type { Migration } from './types';

export const appendOnlyIndexes: Migration = {
  version: 9,
  name: 'append-only-indexes',
  up(db) {
    db.exec(`
      CREATE TABLE blind_index_v9 (
        delivery_seq INTEGER NOT NULL REFERENCES deliveries (seq) ON DELETE CASCADE,
        hmac BLOB NOT NULL,
        PRIMARY KEY (delivery_seq, hmac)
      ) WITHOUT ROWID;
      INSERT INTO blind_index_v9 (delivery_seq, hmac) SELECT delivery_seq, hmac FROM blind_index ORDER BY delivery_seq, hmac;
      DROP TABLE blind_index;
      ALTER TABLE blind_index_v9 RENAME TO blind_index;
      DROP INDEX IF EXISTS deliveries_received_at;
    `);
  },
};
