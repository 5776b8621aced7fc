/**
 * v2 for PostgreSQL: what SQLite got in its migrations 004 and 006 — the exact request each attempt sent
 * (redacted for display, hashed, and sealed whole), and an index for retry chains (every arrival of one
 * provider event id: the first delivery and the ones marked duplicate of it).
 */
import type { PgMigration } from './types';

export const pgAttemptRequests: PgMigration = {
  version: 2,
  name: 'attempt-requests-and-retry-chains',
  sql: `
    ALTER TABLE attempts
      ADD COLUMN request_method text,
      ADD COLUMN request_url text,
      ADD COLUMN request_headers text,
      ADD COLUMN request_body text,
      ADD COLUMN request_body_sha256 text,
      ADD COLUMN request_size integer,
      ADD COLUMN request_enc bytea;
    CREATE INDEX deliveries_duplicate_of ON deliveries (duplicate_of, seq) WHERE duplicate_of IS NOT NULL;
  `,
};
