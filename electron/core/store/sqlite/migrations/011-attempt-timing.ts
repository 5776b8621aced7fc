/**
 * v11 (the Inspector's picture of the traffic):
 * - an attempt's time until the dev server's response headers arrived, beside its total duration — the
 *   Forwarding tab shows how much of an attempt was the handler's work and how much the body's transfer;
 *   older attempts keep NULL (not measured);
 * - received_at with verdict in one index, so the timeline counts deliveries per step from the index
 *   alone instead of reading every row with its body (store/sqlite/timeline.ts).
 */
import type { Migration } from './types';

export const attemptTiming: Migration = {
  version: 11,
  name: 'attempt-timing-and-timeline',
  up(db) {
    db.exec(`
      ALTER TABLE attempts ADD COLUMN headers_ms INTEGER;
      CREATE INDEX deliveries_received_verdict ON deliveries (received_at, verdict);
    `);
  },
};
