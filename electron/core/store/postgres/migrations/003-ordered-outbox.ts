/**
 * v3 for PostgreSQL: forward.ordered across replicas. The outbox row carries its delivery's seq
 * (receipt order), so a claim can tell whether an older delivery of the same source is still
 * unfinished (pending, retrying or in flight) and hold the later ones back, as SQLite does.
 */
import type { PgMigration } from './types';

export const pgOrderedOutbox: PgMigration = {
  version: 3,
  name: 'ordered-outbox',
  sql: `
    ALTER TABLE outbox ADD COLUMN seq bigint;
    UPDATE outbox o SET seq = d.seq FROM deliveries d WHERE d.id = o.delivery_id;
    ALTER TABLE outbox ALTER COLUMN seq SET NOT NULL;
    CREATE INDEX outbox_unfinished_by_source ON outbox (source_id, seq) WHERE state IN ('pending', 'retrying');
  `,
};
