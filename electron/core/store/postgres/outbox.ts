/**
 * The forwarding outbox on PostgreSQL (contract Outbox). `due` claims rows with FOR UPDATE SKIP LOCKED
 * and a lease: two replicas asking at once get disjoint rows, so each delivery goes out once; a replica
 * that dies mid-send lets its rows go when the lease runs out (at-least-once, never lost).
 * forward.ordered: a source's deliveries go one at a time in receipt order across all replicas — the
 * claim skips a row while an older one of its source is unfinished, including one another replica has
 * claimed and not yet recorded (its row stays pending under the lease until the attempt is recorded).
 */
import type { Pool } from 'pg';
import type { AttemptRecord, DueForward, Outbox } from '../contract';
import { toAttempt, type AttemptDbRow } from './records';
import { inTransaction } from './transaction';

/** longer than the longest forward timeout (60 s) plus the time to record the attempt */
export const CLAIM_LEASE_MS = 120_000;

export function createPgOutbox(pool: Pool): Outbox {
  return {
    async due(now, limit, orderedSources = []): Promise<DueForward[]> {
      // an ordered source offers only its oldest unfinished delivery, and only while no replica holds it:
      // a later one never overtakes it, and one that failed holds the later ones until it is done
      const { rows } = await pool.query<{ delivery_id: string; source_id: string; target: string; attempts: number; first_at: number | null; next_at: number; seq: number }>(
        `UPDATE outbox o SET lease_until = $1 + $3::bigint
         FROM (SELECT q.delivery_id FROM outbox q
               WHERE q.state IN ('pending', 'retrying') AND q.next_at <= $1 AND (q.lease_until IS NULL OR q.lease_until <= $1)
                 AND (q.source_id <> ALL($4::text[]) OR NOT EXISTS (
                   SELECT 1 FROM outbox h WHERE h.source_id = q.source_id AND h.state IN ('pending', 'retrying') AND h.seq < q.seq))
               ORDER BY q.next_at, q.seq LIMIT $2 FOR UPDATE SKIP LOCKED) c
         WHERE o.delivery_id = c.delivery_id
         RETURNING o.delivery_id, o.source_id, o.target, o.attempts, o.first_at, o.next_at, o.seq`,
        [now, Math.max(1, Math.floor(limit)), CLAIM_LEASE_MS, [...orderedSources]],
      );
      rows.sort((a, b) => a.next_at - b.next_at || a.seq - b.seq);
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
