/**
 * v4: every attempt keeps the request it sent: method, URL, headers after the policy and body redacted for
 * display, the body's sha256, and the exact request encrypted like raw bodies (request_enc). When retention
 * drops a delivery's raw bytes, its attempts' sealed requests go with them (trigger). An index finds each
 * source's oldest unfinished forward (forward.ordered).
 */
import type { Migration } from './types';

export const attemptRequests: Migration = {
  version: 4,
  name: 'attempt-requests',
  up(db) {
    db.exec(`
      ALTER TABLE attempts ADD COLUMN request_method TEXT;
      ALTER TABLE attempts ADD COLUMN request_url TEXT;
      ALTER TABLE attempts ADD COLUMN request_headers TEXT;
      ALTER TABLE attempts ADD COLUMN request_body TEXT;
      ALTER TABLE attempts ADD COLUMN request_body_sha256 TEXT;
      ALTER TABLE attempts ADD COLUMN request_size INTEGER;
      ALTER TABLE attempts ADD COLUMN request_enc BLOB;
      CREATE INDEX deliveries_forward_order ON deliveries (source_id, seq)
        WHERE forward_state IN ('pending', 'retrying');
      CREATE TRIGGER attempts_request_follows_raw AFTER UPDATE OF raw_enc ON deliveries
        WHEN NEW.raw_enc IS NULL
      BEGIN
        UPDATE attempts SET request_enc = NULL WHERE delivery_id = NEW.id;
      END;
    `);
  },
};
