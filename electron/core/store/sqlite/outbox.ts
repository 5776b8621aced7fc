/** Forwarding outbox and attempt records. Attempt responses come from the dev server and are redacted too. */
import type Database from 'better-sqlite3';
import type { Attempt, ForwardState } from '../../../../shared/api';
import type { Redactor } from '../../../../shared/redact';
import type { Clock } from '../../../../shared/verify/ports';
import { headerValue } from './prepare-delivery';
import { toAttempt, type AttemptRow } from './rows';
import type { DueForward } from '../types';

export const MAX_RESPONSE_BODY_BYTES = 64 * 1024;

export interface Outbox {
  due(now: number, limit: number): DueForward[];
  record(deliveryId: string | null, attempt: Attempt, forward?: { state: ForwardState; nextAttemptAt: number | null }): boolean;
  attempts(deliveryId: string): Attempt[];
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // drop a partial trailing character rather than store a broken one
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
}

export function createOutbox(db: Database.Database, clock: Clock, redactor: () => Redactor): Outbox {
  const dueStmt = db.prepare(`
    SELECT id, source_id, forward_target, forward_attempts, forward_first_at FROM deliveries
    WHERE forward_state IN ('pending', 'retrying') AND forward_next_at <= ?
    ORDER BY forward_next_at, seq LIMIT ?`);
  const insertAttempt = db.prepare(`
    INSERT INTO attempts (id, delivery_id, at, target, mode, status, duration_ms, error, response_headers, response_body)
    VALUES (@id, @delivery_id, @at, @target, @mode, @status, @duration_ms, @error, @response_headers, @response_body)`);
  const updateForward = db.prepare(`
    UPDATE deliveries SET forward_state = @state, forward_status = @status, forward_attempts = forward_attempts + 1,
      forward_next_at = @next_at, forward_first_at = COALESCE(forward_first_at, @at)
    WHERE id = @id`);
  const selectAttempts = db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY at, rowid');
  const exists = db.prepare('SELECT 1 FROM deliveries WHERE id = ?').pluck();

  const record = db.transaction(
    (deliveryId: string | null, attempt: Attempt, forward?: { state: ForwardState; nextAttemptAt: number | null }): boolean => {
      // erased or purged while the attempt was in flight: keep nothing of it
      if (deliveryId !== null && exists.get(deliveryId) === undefined) return false;
      const r = redactor();
      const at = Date.parse(attempt.at);
      const row: AttemptRow = {
        id: attempt.id,
        delivery_id: deliveryId,
        at: Number.isFinite(at) ? at : clock.now(),
        target: r.target(attempt.target),
        mode: attempt.mode,
        status: attempt.status,
        duration_ms: Math.max(0, Math.round(attempt.durationMs)),
        error: attempt.error === null ? null : r.text(attempt.error),
        response_headers: JSON.stringify(r.headers(attempt.responseHeaders)),
        response_body: truncateUtf8(
          r.body(attempt.responseBody, headerValue(attempt.responseHeaders, 'content-type')),
          MAX_RESPONSE_BODY_BYTES,
        ),
      };
      insertAttempt.run(row);
      if (!forward || deliveryId === null) return false;
      const res = updateForward.run({ id: deliveryId, state: forward.state, status: attempt.status, next_at: forward.nextAttemptAt, at: row.at });
      return res.changes > 0;
    },
  );

  return {
    due(now, limit) {
      const rows = dueStmt.all(now, Math.max(1, Math.floor(limit))) as Array<{
        id: string;
        source_id: string | null;
        forward_target: string;
        forward_attempts: number;
        forward_first_at: number | null;
      }>;
      return rows.map((r) => ({
        deliveryId: r.id,
        sourceId: r.source_id ?? '',
        target: r.forward_target,
        attempts: r.forward_attempts,
        firstAttemptAt: r.forward_first_at,
      }));
    },
    record: (deliveryId, attempt, forward) => record(deliveryId, attempt, forward),
    attempts: (deliveryId) => (selectAttempts.all(deliveryId) as AttemptRow[]).map(toAttempt),
  };
}
