/**
 * Retry chains: every arrival of one provider event id — the first verified delivery and the later ones
 * the duplicate check linked to it (the provider's retries, replays through the tunnel).
 */
import type Database from 'better-sqlite3';
import type { ChainMember } from '../types';

/** a pathological chain (a provider retrying for days) is cut here; the newest arrivals are the ones kept */
const MAX_MEMBERS_PER_CALL = 2000;

export function createRetryChainReader(db: Database.Database): (firstIds: string[]) => ChainMember[] {
  return (firstIds) => {
    const ids = [...new Set(firstIds)];
    if (ids.length === 0) return [];
    const marks = ids.map(() => '?').join(',');
    // firsts that have at least one later arrival, then the arrivals; one index range per first id
    const rows = db
      .prepare(
        `SELECT * FROM (
           SELECT d.id, d.id AS first_id, d.seq, d.received_at, d.status, d.idempotency_key FROM deliveries d
             WHERE d.id IN (${marks}) AND EXISTS (SELECT 1 FROM deliveries x WHERE x.duplicate_of = d.id)
           UNION ALL
           SELECT d.id, d.duplicate_of AS first_id, d.seq, d.received_at, d.status, NULL FROM deliveries d
             WHERE d.duplicate_of IN (${marks})
           ORDER BY seq DESC LIMIT ${MAX_MEMBERS_PER_CALL}
         ) ORDER BY seq`,
      )
      .all(...ids, ...ids) as Array<{ id: string; first_id: string; received_at: number; status: number; idempotency_key: string | null }>;
    return rows.map((r) => ({ id: r.id, firstId: r.first_id, receivedAt: r.received_at, status: r.status, eventKey: r.idempotency_key }));
  };
}
