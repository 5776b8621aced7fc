/** Forwarding outbox and attempt records. Attempt responses come from the dev server and are redacted too. */
import type Database from 'better-sqlite3';
import type { Attempt } from '../../../../shared/api';
import type { Redactor } from '../../../../shared/redact';
import type { Clock } from '../../../../shared/verify/ports';
import type { KeyRing } from '../key-ring';
import { attemptRow } from '../attempt-row';
import type { DueForward, ForwardUpdate, NewAttempt, SentRequestRaw } from '../types';
import { toAttempt, type AttemptRow } from './rows';

export { MAX_RESPONSE_BODY_BYTES } from '../attempt-row';

export interface Outbox {
  due(now: number, limit: number, orderedSources?: readonly string[]): DueForward[];
  record(
    deliveryId: string | null,
    attempt: NewAttempt,
    forward?: ForwardUpdate,
    sent?: SentRequestRaw | null,
  ): boolean;
  attempts(deliveryId: string): Attempt[];
}

export function createOutbox(db: Database.Database, clock: Clock, redactor: () => Redactor, ring: KeyRing): Outbox {
  const dueStmt = db.prepare(`
    SELECT id, source_id, forward_target, forward_attempts, forward_first_at FROM deliveries
    WHERE forward_state IN ('pending', 'retrying') AND forward_next_at <= ?
    ORDER BY forward_next_at, seq LIMIT ?`);
  // an ordered source offers only its oldest unfinished delivery, so a later one never overtakes it
  const dueOrderedStmt = db.prepare(`
    SELECT id, source_id, forward_target, forward_attempts, forward_first_at FROM deliveries d
    WHERE forward_state IN ('pending', 'retrying') AND forward_next_at <= @now
      AND (source_id IS NULL OR source_id NOT IN (SELECT value FROM json_each(@ordered))
        OR seq = (SELECT MIN(h.seq) FROM deliveries h
                  WHERE h.source_id = d.source_id AND h.forward_state IN ('pending', 'retrying')))
    ORDER BY forward_next_at, seq LIMIT @limit`);
  const insertAttempt = db.prepare(`
    INSERT INTO attempts (id, delivery_id, at, target, mode, status, duration_ms, headers_ms, error, response_headers, response_body,
      request_method, request_url, request_headers, request_body, request_body_sha256, request_size, request_enc)
    VALUES (@id, @delivery_id, @at, @target, @mode, @status, @duration_ms, @headers_ms, @error, @response_headers, @response_body,
      @request_method, @request_url, @request_headers, @request_body, @request_body_sha256, @request_size, @request_enc)`);
  const updateForward = db.prepare(`
    UPDATE deliveries SET forward_state = @state, forward_status = @status, forward_attempts = forward_attempts + 1,
      forward_next_at = @next_at, forward_first_at = COALESCE(forward_first_at, @at)
    WHERE id = @id`);
  // request_enc stays in the database: display needs only the redacted columns
  const selectAttempts = db.prepare(
    `SELECT id, delivery_id, at, target, mode, status, duration_ms, headers_ms, error, response_headers, response_body, request_method,
       request_url, request_headers, request_body, request_body_sha256, request_size FROM attempts WHERE delivery_id = ? ORDER BY at, rowid`,
  );
  const exists = db.prepare('SELECT 1 FROM deliveries WHERE id = ?').pluck();
  const updateAnswered = db.prepare('UPDATE deliveries SET status = ? WHERE id = ?');

  const record = db.transaction(
    (
      deliveryId: string | null,
      attempt: NewAttempt,
      forward?: ForwardUpdate,
      sent?: SentRequestRaw | null,
    ): boolean => {
      // erased or purged while the attempt was in flight: keep nothing of it
      if (deliveryId !== null && exists.get(deliveryId) === undefined) return false;
      const row = attemptRow(redactor(), ring, clock.now(), deliveryId, attempt, sent);
      insertAttempt.run(row);
      if (!forward || deliveryId === null) return false;
      const res = updateForward.run({ id: deliveryId, state: forward.state, status: attempt.status, next_at: forward.nextAttemptAt, at: row.at });
      if (forward.answeredStatus !== undefined) updateAnswered.run(forward.answeredStatus, deliveryId);
      return res.changes > 0;
    },
  );

  return {
    due(now, limit, orderedSources = []) {
      const max = Math.max(1, Math.floor(limit));
      const rows = (
        orderedSources.length > 0
          ? dueOrderedStmt.all({ now, limit: max, ordered: JSON.stringify(orderedSources) })
          : dueStmt.all(now, max)
      ) as Array<{
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
    record: (deliveryId, attempt, forward, sent) => record(deliveryId, attempt, forward, sent),
    attempts: (deliveryId) => (selectAttempts.all(deliveryId) as AttemptRow[]).map(toAttempt),
  };
}
