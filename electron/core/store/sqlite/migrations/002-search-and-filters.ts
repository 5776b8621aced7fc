/**
 * v2: list filter indexes, a failed-check table, and FTS5 over the redacted content.
 * FTS rows are inserted by the store's search indexer in large batches (see search-indexer.ts):
 * an AFTER INSERT trigger would run per row inside a statement savepoint, where FTS5 flushes its
 * pending terms to a new segment each time (measured 4x slower). Deletes (erasure, retention: rare)
 * stay on triggers, so no path can leave an index entry behind.
 */
import type { Migration } from './types';

export const searchAndFilters: Migration = {
  version: 2,
  name: 'search-and-filters',
  up(db) {
    db.exec(`
      CREATE INDEX deliveries_source ON deliveries (source_id, seq);
      CREATE INDEX deliveries_verdict ON deliveries (verdict, seq);
      CREATE INDEX deliveries_event_type ON deliveries (event_type, seq);
      CREATE INDEX deliveries_forward_due ON deliveries (forward_next_at)
        WHERE forward_state IN ('pending', 'retrying');
      CREATE INDEX deliveries_raw_kept ON deliveries (received_at) WHERE raw_enc IS NOT NULL;

      CREATE TABLE delivery_failures (
        check_id TEXT NOT NULL,
        delivery_seq INTEGER NOT NULL REFERENCES deliveries (seq) ON DELETE CASCADE,
        PRIMARY KEY (check_id, delivery_seq)
      ) WITHOUT ROWID;
      CREATE INDEX delivery_failures_seq ON delivery_failures (delivery_seq);
      INSERT OR IGNORE INTO delivery_failures (check_id, delivery_seq)
        SELECT j.value, d.seq FROM deliveries d, json_each(d.failed_checks) j;

      CREATE VIRTUAL TABLE deliveries_fts USING fts5 (
        body_redacted, event_type, path_redacted,
        content = 'deliveries', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER deliveries_fts_ad AFTER DELETE ON deliveries
      BEGIN
        INSERT INTO deliveries_fts (deliveries_fts, rowid, body_redacted, event_type, path_redacted)
          VALUES ('delete', old.seq, old.body_redacted, old.event_type, old.path_redacted);
      END;
      CREATE TRIGGER deliveries_fts_au AFTER UPDATE OF body_redacted, event_type, path_redacted ON deliveries
      BEGIN
        INSERT INTO deliveries_fts (deliveries_fts, rowid, body_redacted, event_type, path_redacted)
          VALUES ('delete', old.seq, old.body_redacted, old.event_type, old.path_redacted);
        INSERT INTO deliveries_fts (rowid, body_redacted, event_type, path_redacted)
          VALUES (new.seq, new.body_redacted, new.event_type, new.path_redacted);
      END;
      INSERT INTO deliveries_fts (deliveries_fts) VALUES ('rebuild');
      INSERT OR REPLACE INTO meta (key, value) SELECT 'indexed_seq', COALESCE(MAX(seq), 0) FROM deliveries;
    `);
  },
};
