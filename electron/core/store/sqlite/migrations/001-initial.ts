/** v1: deliveries with redacted copies and encrypted raw bytes, idempotency keys, attempts, blind index, audit. */
import type { Migration } from './types';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) WITHOUT ROWID;

      -- seq is the rowid alias: stable across VACUUM (the FTS index refers to it) and the list order
      CREATE TABLE deliveries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        received_at INTEGER NOT NULL,
        source_id TEXT,
        method TEXT NOT NULL,
        path_redacted TEXT NOT NULL,
        headers_redacted TEXT NOT NULL,
        body_redacted TEXT NOT NULL,
        -- the raw request (target, headers, body) in one AES-256-GCM envelope; NULL once retention purged it
        raw_enc BLOB,
        body_sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        body_truncated INTEGER NOT NULL DEFAULT 0,
        content_type TEXT,
        client_ip TEXT NOT NULL,
        checks TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('verified', 'rejected')),
        status INTEGER NOT NULL,
        event_type TEXT,
        idempotency_key TEXT,
        duplicate_of TEXT,
        failed_checks TEXT NOT NULL DEFAULT '[]',
        forward_state TEXT CHECK (forward_state IN ('pending', 'retrying', 'delivered', 'failed', 'gave_up')),
        forward_status INTEGER,
        forward_target TEXT,
        forward_attempts INTEGER NOT NULL DEFAULT 0,
        forward_next_at INTEGER,
        forward_first_at INTEGER
      );
      CREATE INDEX deliveries_received_at ON deliveries (received_at);

      -- key is an HMAC of (source, idempotency key): lookups work, the key itself is not stored here
      CREATE TABLE idempotency_keys (
        source_id TEXT NOT NULL,
        key TEXT NOT NULL,
        delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (source_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX idempotency_keys_delivery ON idempotency_keys (delivery_id);
      CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);

      CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        delivery_id TEXT REFERENCES deliveries (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        target TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('auto', 'original', 'resign')),
        status INTEGER,
        duration_ms INTEGER NOT NULL,
        error TEXT,
        response_headers TEXT NOT NULL DEFAULT '[]',
        response_body TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX attempts_delivery ON attempts (delivery_id, at);
      CREATE INDEX attempts_at ON attempts (at);

      -- keyed HMACs of normalised phone numbers and e-mails found in a delivery (erasure without storing values)
      CREATE TABLE blind_index (
        hmac BLOB NOT NULL,
        delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        PRIMARY KEY (hmac, delivery_id)
      ) WITHOUT ROWID;
      CREATE INDEX blind_index_delivery ON blind_index (delivery_id);

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
      END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
      BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted');
      END;
    `);
  },
};
