/** v6: find a provider event's later arrivals (retries and replays linked by duplicate_of) without a scan. */
import type { Migration } from './types';

export const retryChains: Migration = {
  version: 6,
  name: 'retry-chains',
  up(db) {
    db.exec('CREATE INDEX deliveries_duplicate_of ON deliveries (duplicate_of, seq) WHERE duplicate_of IS NOT NULL');
  },
};
