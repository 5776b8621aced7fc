/**
 * The forwarding outbox on PostgreSQL (contract Outbox). `due` claims rows with FOR UPDATE SKIP LOCKED
 * and a lease: two replicas asking at once get disjoint rows, so each delivery goes out once; a replica
 * that dies mid-send lets its rows go when the lease runs out (at-least-once, never lost).
 */
import type { Pool } from 'pg';
import type { AttemptRecord, DueForward, Outbox } from '../contract';
import { toAttempt, type AttemptDbRow } from './records';
import { inTransaction } from './transaction';

/** longer than the longest forward timeout (60 s) plus the time to record the attempt */
export const CLAIM_LEASE_MS = 120_000;

export function createPgOutbox(pool: Pool): Outbox {
  return {
    async due(now, limit): Promise<DueForward[]> {
      const { rows } = await pool.query<{ delivery_id: string; source_id: string; target: string; attempts: number; first_at: number | null; next_at: number }>(
        `UPDATE outbox o SET lease_until = $1 + $3::bigint
         FROM (SELECT delivery_id FROM outbox
               WHERE state IN ('pending', 'retrying') AND next_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
               ORDER BY next_at LIMIT $2 FOR UPDATE SKIP LOCKED) c
         WHERE o.delivery_id = c.delivery_id
         RETURNING o.delivery_id, o.source_id, o.target, o.attempts, o.first_at, o.next_at`,
        [now, limit, CLAIM_LEASE_MS],
      );
      rows.sort((a, b) => a.next_at - b.next_at || (a.delivery_id < b.delivery_id ? -1 : 1));
      return rows.map((r) => ({ deliveryId: r.delivery_id, sourceId: r.source_id, target: r.target, attempts: r.attempts, firstAttemptAt: r.first_at }));
    },

    async record(attempt: AttemptRecord, forward) {
      return inTransaction(pool, async (client) => {
        // erased or purged while the attempt was in flight: keep nothing of it
        if (attempt.deliveryId !== null) {
          const { rowCount } = await client.query('SELECT 1 FROM deliveries WHERE id = $1 FOR KEY SHARE', [attempt.deliveryId]);
          if (!rowCount) return false;
        }
        const r = attempt.request ?? null;
        await client.query(
          `INSERT INTO attempts (id, delivery_id, at, target, mode, status, duration_ms, error, response_headers, response_body,
             request_method, request_url, request_headers, request_body, request_body_sha256, request_size, request_enc)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT (id) DO NOTHING`,
          [
            attempt.id, attempt.deliveryId, attempt.at, attempt.target, attempt.mode, attempt.status, attempt.durationMs,
            attempt.error, JSON.stringify(attempt.responseHeaders), attempt.responseBody,
            r?.method ?? null, r?.url ?? null, r?.headers ?? null, r?.body ?? null, r?.bodySha256 ?? null, r?.size ?? null,
            r ? Buffer.from(r.sealed.buffer, r.sealed.byteOffset, r.sealed.byteLength) : null,
          ],
        );
        if (!forward || attempt.deliveryId === null) return false;
        const { rowCount } = await client.query(
          `UPDATE outbox SET state = $2, status = $3, next_at = $4, attempts = attempts + 1,
             first_at = COALESCE(first_at, $5), lease_until = NULL
           WHERE delivery_id = $1`,
          [attempt.deliveryId, forward.state, forward.status, forward.nextAttemptAt, attempt.at],
        );
        if (forward.answeredStatus !== undefined) {
          await client.query('UPDATE deliveries SET status = $2 WHERE id = $1', [attempt.deliveryId, forward.answeredStatus]);
        }
        return (rowCount ?? 0) > 0;
      });
    },

    async attempts(deliveryId) {
      // request_enc stays in the database: display needs only the redacted columns
      const { rows } = await pool.query<AttemptDbRow>(
        `SELECT id, delivery_id, at, target, mode, status, duration_ms, error, response_headers, response_body, request_method,
           request_url, request_headers, request_body, request_body_sha256, request_size FROM attempts WHERE delivery_id = $1 ORDER BY at, id`,
        [deliveryId],
      );
      return rows.map(toAttempt);
    },
  };
}
