/**
 * Retention on PostgreSQL, once for the whole cluster: a step runs only in the replica that gets the
 * retention lock; another replica's concurrent step does nothing and says so (`skipped`). Bodies of
 * deliveries still waiting in the outbox are kept until they leave it.
 */
import type { Pool } from 'pg';
import type { RetentionLimits } from '../contract';
import { LOCK_KEYS } from './locks';
import { inTransaction } from './transaction';

export interface PgPurgeStep {
  deliveries: number;
  bodies: number;
  keys: number;
  done: boolean;
  /** another replica was purging: this step did nothing */
  skipped: boolean;
}

export function purgeStepPg(pool: Pool, limits: RetentionLimits, now: number): Promise<PgPurgeStep> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [LOCK_KEYS.retention]);
    if (!rows[0].locked) return { deliveries: 0, bodies: 0, keys: 0, done: true, skipped: true };
    const gone = await client.query<{ id: string }>(
      'DELETE FROM deliveries WHERE seq IN (SELECT seq FROM deliveries WHERE received_at < $1 ORDER BY seq LIMIT $2) RETURNING id',
      [limits.deleteBefore, limits.maxRows],
    );
    if (gone.rows.length > 0) await client.query('DELETE FROM duplicate_keys WHERE delivery_id = ANY($1::text[])', [gone.rows.map((r) => r.id)]);
    const attempts = await client.query(
      'DELETE FROM attempts WHERE id IN (SELECT id FROM attempts WHERE delivery_id IS NULL AND at < $1 LIMIT $2)',
      [limits.deleteBefore, limits.maxRows],
    );
    const bodies = await client.query(
      `UPDATE deliveries SET sealed = NULL WHERE seq IN (
         SELECT d.seq FROM deliveries d LEFT JOIN outbox o ON o.delivery_id = d.id
         WHERE d.sealed IS NOT NULL AND d.received_at < $1 AND d.received_at >= $2
           AND (o.state IS NULL OR o.state NOT IN ('pending', 'retrying'))
         LIMIT $3)`,
      [limits.dropBodiesBefore, limits.deleteBefore, limits.maxRows],
    );
    const keys = await client.query(
      'DELETE FROM duplicate_keys WHERE (source_id, key_hash) IN (SELECT source_id, key_hash FROM duplicate_keys WHERE expires_at <= $1 LIMIT $2)',
      [now, limits.maxRows],
    );
    const counts = [gone.rows.length, attempts.rowCount ?? 0, bodies.rowCount ?? 0, keys.rowCount ?? 0];
    return {
      deliveries: counts[0],
      bodies: counts[2],
      keys: counts[3],
      done: counts.every((n) => n < limits.maxRows),
      skipped: false,
    };
  });
}
