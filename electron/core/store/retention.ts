/** Retention (SPEC §6, seed 002): raw bytes, then whole deliveries, then expired idempotency keys. */
import type Database from 'better-sqlite3';
import type { HookscopeConfig } from '../../../shared/config';
import type { Clock } from '../../../shared/verify/ports';

export type RetentionConfig = HookscopeConfig['retention'];
export const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface PurgeResult {
  deliveries: number;
  rawBodies: number;
  keys: number;
}

export function purgeExpired(db: Database.Database, retention: RetentionConfig, now: number): PurgeResult {
  const rawCutoff = now - retention.rawBodyDays * DAY_MS;
  const eventCutoff = now - retention.eventDays * DAY_MS;
  return db.transaction((): PurgeResult => {
    const deliveries = db.prepare('DELETE FROM deliveries WHERE received_at < ?').run(eventCutoff).changes;
    db.prepare('DELETE FROM attempts WHERE delivery_id IS NULL AND at < ?').run(eventCutoff);
    // deliveries still waiting in the forwarding outbox keep their bytes until they leave it
    const rawBodies = db
      .prepare(
        `UPDATE deliveries SET raw_body_enc = NULL, raw_headers_enc = NULL
         WHERE raw_body_enc IS NOT NULL AND received_at < ?
           AND (forward_state IS NULL OR forward_state NOT IN ('pending', 'retrying'))`,
      )
      .run(rawCutoff).changes;
    const keys = db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?').run(now).changes;
    return { deliveries, rawBodies, keys };
  })();
}

export interface RetentionScheduler {
  stop(): void;
}

/** Runs `purge` at start and then every hour; the timer does not keep the process alive. */
export function createRetentionScheduler(
  store: { purgeExpired(now: number): PurgeResult },
  clock: Clock,
  options: { intervalMs?: number; onError?: (error: unknown) => void; onPurged?: (result: PurgeResult) => void } = {},
): RetentionScheduler {
  const run = (): void => {
    try {
      const result = store.purgeExpired(clock.now());
      options.onPurged?.(result);
    } catch (error) {
      options.onError?.(error);
    }
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
