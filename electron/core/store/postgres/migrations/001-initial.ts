/**
 * v1 for PostgreSQL (storage contract, store/contract.ts): the journal and its derived display
 * columns in one table, plus what a shared database needs: seq handed out in commit order, a global
 * duplicate-key table, an outbox with claim leases, a stored tsvector with a GIN index for search,
 * the person in the audit log, and the team's API tokens (hashes only). Nothing here is plaintext
 * the core did not already redact: bodies and headers arrive sealed or redacted.
 */
import type { PgMigration } from './types';

export const pgInitial: PgMigration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE meta (
      key text PRIMARY KEY,
      value bytea NOT NULL
    );

    -- one row per request: the journal columns are written by append (the request path), the display
    -- columns by the deriver (derived = true); seq is handed out under a lock, so it follows commit order
    CREATE TABLE deliveries (
      seq bigint PRIMARY KEY,
      id text NOT NULL UNIQUE,
      received_at bigint NOT NULL,
      source_id text,
      method text NOT NULL,
      verdict text NOT NULL CHECK (verdict IN ('verified', 'rejected')),
      status integer NOT NULL,
      codes text NOT NULL,
      retention_class text NOT NULL CHECK (retention_class IN ('kept', 'rejected', 'junk')),
      client_ip text NOT NULL,
      size integer NOT NULL,
      body_truncated boolean NOT NULL,
      -- the sealed request (AES-256-GCM, opaque here); NULL once dropped (junk, retention, budget)
      sealed bytea,
      duplicate_of text,
      forward_target text,
      derived boolean NOT NULL DEFAULT false,
      path_redacted text,
      headers_redacted text,
      body_redacted text,
      body_sha256 text,
      content_type text,
      event_type text,
      idempotency_key text,
      failed jsonb NOT NULL DEFAULT '[]',
      -- words split like SQLite's unicode61 tokenizer (letters and digits), so one query language serves both
      search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', regexp_replace(
          coalesce(body_redacted, '') || ' ' || coalesce(event_type, '') || ' ' || coalesce(path_redacted, ''),
          '[^[:alnum:]]+', ' ', 'g'))
      ) STORED
    );
    CREATE SEQUENCE deliveries_seq OWNED BY deliveries.seq;
    CREATE INDEX deliveries_received_at ON deliveries (received_at);
    CREATE INDEX deliveries_source ON deliveries (source_id, seq);
    CREATE INDEX deliveries_verdict ON deliveries (verdict, seq);
    CREATE INDEX deliveries_event_type ON deliveries (event_type, seq);
    CREATE INDEX deliveries_failed ON deliveries USING gin (failed);
    CREATE INDEX deliveries_search ON deliveries USING gin (search);
    CREATE INDEX deliveries_rejected_bodies ON deliveries (seq) WHERE retention_class = 'rejected' AND sealed IS NOT NULL;
    CREATE INDEX deliveries_bodies_kept ON deliveries (received_at) WHERE sealed IS NOT NULL;

    -- the highest seq the deriver has written display columns up to (shared by the replicas' derivers)
    CREATE TABLE derive_state (
      id smallint PRIMARY KEY CHECK (id = 1),
      watermark bigint NOT NULL
    );
    INSERT INTO derive_state (id, watermark) VALUES (1, 0);

    -- per source, every request counted at append (junk rows may be gone later); '' = unmatched
    CREATE TABLE source_counts (
      source_id text PRIMARY KEY,
      total bigint NOT NULL DEFAULT 0,
      verified bigint NOT NULL DEFAULT 0,
      rejected bigint NOT NULL DEFAULT 0
    );

    -- key_hash is an HMAC of (source, idempotency key); the primary key makes idempotency global across replicas
    CREATE TABLE duplicate_keys (
      source_id text NOT NULL,
      key_hash text NOT NULL,
      delivery_id text NOT NULL,
      expires_at bigint NOT NULL,
      PRIMARY KEY (source_id, key_hash)
    );
    CREATE INDEX duplicate_keys_delivery ON duplicate_keys (delivery_id);
    CREATE INDEX duplicate_keys_expires ON duplicate_keys (expires_at);

    -- the forwarding outbox; a replica that claims a row holds it until lease_until (a crashed one lets go)
    CREATE TABLE outbox (
      delivery_id text PRIMARY KEY REFERENCES deliveries (id) ON DELETE CASCADE,
      source_id text NOT NULL,
      target text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'retrying', 'delivered', 'failed', 'gave_up')),
      status integer,
      attempts integer NOT NULL DEFAULT 0,
      next_at bigint,
      first_at bigint,
      lease_until bigint
    );
    CREATE INDEX outbox_due ON outbox (next_at) WHERE state IN ('pending', 'retrying');

    CREATE TABLE attempts (
      id text PRIMARY KEY,
      delivery_id text REFERENCES deliveries (id) ON DELETE CASCADE,
      at bigint NOT NULL,
      target text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('auto', 'original', 'resign')),
      status integer,
      duration_ms integer NOT NULL,
      error text,
      response_headers text NOT NULL DEFAULT '[]',
      response_body text NOT NULL DEFAULT ''
    );
    CREATE INDEX attempts_delivery ON attempts (delivery_id, at);
    CREATE INDEX attempts_at ON attempts (at);

    -- keyed HMACs of normalised phone numbers and e-mails (erasure without storing the values)
    CREATE TABLE blind_index (
      hmac bytea NOT NULL,
      delivery_id text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
      PRIMARY KEY (hmac, delivery_id)
    );
    CREATE INDEX blind_index_delivery ON blind_index (delivery_id);

    CREATE TABLE audit (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at bigint NOT NULL,
      action text NOT NULL,
      subject text,
      detail text NOT NULL DEFAULT '{}',
      -- the person whose token made the change (team mode); NULL: the instance itself
      actor text
    );
    CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only: entries cannot be changed or deleted';
    END $$;
    CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
      FOR EACH ROW EXECUTE FUNCTION audit_append_only();
    CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
      FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

    -- per-person API tokens: only a SHA-256 of each (random, 256-bit) token is kept
    CREATE TABLE api_tokens (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('viewer', 'member', 'admin')),
      token_hash text NOT NULL UNIQUE,
      created_at bigint NOT NULL,
      revoked_at bigint
    );
    CREATE UNIQUE INDEX api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
  `,
};
