/**
 * v3: the ingest journal (docs/architecture.md, "The ingest path").
 *
 * `journal` is the narrow table the request path appends to before it answers: codes, verdict and the
 * sealed request only. The deriver turns its rows into `deliveries` rows (same seq) and deletes them in
 * the same transaction, so a row is always in exactly one of the two tables. AUTOINCREMENT keeps a seq
 * from ever being handed out twice, even once the journal is empty; it starts above every delivery.
 *
 * `duplicate_keys` replaces `idempotency_keys`: no foreign key to `deliveries` (a key registers with its
 * journal row, before any display row exists); the receiver loads it into memory at start.
 */
import type { Migration } from './types';

export const journal: Migration = {
  version: 3,
  name: 'journal',
  up(db) {
    db.exec(`
      CREATE TABLE journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        source_id TEXT,
        method TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('verified', 'rejected')),
        status INTEGER NOT NULL,
        codes TEXT NOT NULL,
        retention_class TEXT NOT NULL CHECK (retention_class IN ('kept', 'rejected', 'junk')),
        client_ip TEXT NOT NULL,
        size INTEGER NOT NULL,
        body_truncated INTEGER NOT NULL,
        -- target, headers, event type, idempotency key and (unless junk) the body: one AES-256-GCM envelope
        sealed BLOB NOT NULL,
        duplicate_of TEXT,
        forward_target TEXT
      );
      INSERT INTO sqlite_sequence (name, seq) SELECT 'journal', COALESCE(MAX(seq), 0) FROM deliveries;

      CREATE TABLE duplicate_keys (
        source_id TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (source_id, key_hash)
      ) WITHOUT ROWID;
      INSERT INTO duplicate_keys (source_id, key_hash, delivery_id, expires_at)
        SELECT source_id, key, delivery_id, expires_at FROM idempotency_keys;
      DROP TABLE idempotency_keys;
      CREATE INDEX duplicate_keys_delivery ON duplicate_keys (delivery_id);
      CREATE INDEX duplicate_keys_expires ON duplicate_keys (expires_at);
      CREATE TRIGGER deliveries_keys_ad AFTER DELETE ON deliveries
      BEGIN
        DELETE FROM duplicate_keys WHERE delivery_id = old.id;
      END;

      -- kept | rejected (body within storage.rejectedBudgetMB) | junk (never a body)
      ALTER TABLE deliveries ADD COLUMN retention_class TEXT NOT NULL DEFAULT 'kept';
      CREATE INDEX deliveries_rejected_bodies ON deliveries (seq) WHERE retention_class = 'rejected' AND raw_enc IS NOT NULL;
    `);
  },
};
