/**
 * v1 for PostgreSQL: the same rows as the SQLite adapter (column names and encodings match, so one
 * row mapping serves both), plus what a shared database needs: a forwarding lease for claims across
 * replicas, a stored tsvector with a GIN index for search, the person in the audit log, and the
 * team's API tokens (hashes only).
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

    CREATE TABLE deliveries (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id text NOT NULL UNIQUE,
      received_at bigint NOT NULL,
      source_id text,
      method text NOT NULL,
      path_redacted text NOT NULL,
      headers_redacted text NOT NULL,
      body_redacted text NOT NULL,
      -- the raw request (target, headers, body) in one AES-256-GCM envelope; NULL once retention purged it
      raw_enc bytea,
      body_sha256 text NOT NULL,
      size integer NOT NULL,
      body_truncated smallint NOT NULL DEFAULT 0,
      content_type text,
      client_ip text NOT NULL,
      checks text NOT NULL,
      verdict text NOT NULL CHECK (verdict IN ('verified', 'rejected')),
      status integer NOT NULL,
      event_type text,
      idempotency_key text,
      duplicate_of text,
      failed_checks jsonb NOT NULL DEFAULT '[]',
      forward_state text CHECK (forward_state IN ('pending', 'retrying', 'delivered', 'failed', 'gave_up')),
      forward_status integer,
      forward_target text,
      forward_attempts integer NOT NULL DEFAULT 0,
      forward_next_at bigint,
      forward_first_at bigint,
      -- a replica that claimed the delivery for forwarding holds it until then (a crashed one lets go)
      forward_lease_until bigint,
      search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(event_type, '') || ' ' || path_redacted || ' ' || body_redacted)
      ) STORED
    );
    CREATE INDEX deliveries_received_at ON deliveries (received_at);
    CREATE INDEX deliveries_source ON deliveries (source_id, seq);
    CREATE INDEX deliveries_verdict ON deliveries (verdict, seq);
    CREATE INDEX deliveries_event_type ON deliveries (event_type, seq);
    CREATE INDEX deliveries_failed_checks ON deliveries USING gin (failed_checks);
    CREATE INDEX deliveries_search ON deliveries USING gin (search);
    CREATE INDEX deliveries_forward_due ON deliveries (forward_next_at)
      WHERE forward_state IN ('pending', 'retrying');
    CREATE INDEX deliveries_raw_kept ON deliveries (received_at) WHERE raw_enc IS NOT NULL;

    -- key is an HMAC of (source, idempotency key); the primary key makes idempotency global across replicas
    CREATE TABLE idempotency_keys (
      source_id text NOT NULL,
      key text NOT NULL,
      delivery_id text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
      expires_at bigint NOT NULL,
      PRIMARY KEY (source_id, key)
    );
    CREATE INDEX idempotency_keys_delivery ON idempotency_keys (delivery_id);
    CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);

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
