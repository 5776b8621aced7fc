/**
 * Retention (docs/architecture.md "Storage"): raw copies after rawBodyDays, whole deliveries after eventDays,
 * idempotency keys once expired. Work is done in bounded steps, so the hourly run never holds the
 * event loop for long; purgeExpired() runs the steps back to back.
 */
import type Database from 'better-sqlite3';
import type { HookscopeConfig } from '../../../../shared/config';
import type { Clock } from '../../../../shared/verify/ports';
import type { PurgeStep } from '../contract';
import type { Awaitable } from '../types';

export type { PurgeStep } from '../contract';

export type RetentionConfig = HookscopeConfig['retention'];
export const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
/** rows per step: a step takes a few milliseconds */
export const PURGE_STEP_ROWS = 250;

export interface PurgeResult {
  deliveries: number;
  rawBodies: number;
  keys: number;
}


export function purgeStep(db: Database.Database, retention: RetentionConfig, now: number, limit = PURGE_STEP_ROWS): PurgeStep {
  const rawCutoff = now - retention.rawBodyDays * DAY_MS;
  const eventCutoff = now - retention.eventDays * DAY_MS;
  return db.transaction((): PurgeStep => {
    const deliveries = db
      .prepare('DELETE FROM deliveries WHERE seq IN (SELECT seq FROM deliveries WHERE received_at < ? LIMIT ?)')
      .run(eventCutoff, limit).changes;
    const attempts = db
      .prepare('DELETE FROM attempts WHERE id IN (SELECT id FROM attempts WHERE delivery_id IS NULL AND at < ? LIMIT ?)')
      .run(eventCutoff, limit).changes;
    // rows about to be deleted by a later step are skipped; deliveries still waiting in the
    // forwarding outbox keep their bytes until they leave it
    const rawBodies = db
      .prepare(
        `UPDATE deliveries SET raw_enc = NULL WHERE seq IN (
           SELECT seq FROM deliveries WHERE raw_enc IS NOT NULL AND received_at < ? AND received_at >= ?
             AND (forward_state IS NULL OR forward_state NOT IN ('pending', 'retrying')) LIMIT ?)`,
      )
      .run(rawCutoff, eventCutoff, limit).changes;
    const keys = db
      .prepare(
        'DELETE FROM duplicate_keys WHERE seq IN (SELECT seq FROM duplicate_keys WHERE expires_at <= ? LIMIT ?)',
      )
      .run(now, limit).changes;
    const done = deliveries < limit && attempts < limit && rawBodies < limit && keys < limit;
    return { deliveries, rawBodies, keys, done };
  })();
}

export function purgeAll(db: Database.Database, retention: RetentionConfig, now: number): PurgeResult {
  const total: PurgeResult = { deliveries: 0, rawBodies: 0, keys: 0 };
  for (;;) {
    const step = purgeStep(db, retention, now);
    total.deliveries += step.deliveries;
    total.rawBodies += step.rawBodies;
    total.keys += step.keys;
    if (step.done) return total;
  }
}

export interface RetentionScheduler {
  stop(): void;
}

export interface PurgeableStore {
  purgeExpired(now: number): Awaitable<PurgeResult>;
  /** one bounded step; when present the scheduler yields to the event loop between steps */
  purgeStep?(now: number): Awaitable<PurgeStep>;
}

/** Purges at start and then every hour; the timer does not keep the process alive. */
export function createRetentionScheduler(
  store: PurgeableStore,
  clock: Clock,
  options: { intervalMs?: number; onError?: (error: unknown) => void; onPurged?: (result: PurgeResult) => void } = {},
): RetentionScheduler {
  let stopped = false;
  let running = false;

  const stepwise = (step: (now: number) => Awaitable<PurgeStep>): void => {
    const now = clock.now();
    const total: PurgeResult = { deliveries: 0, rawBodies: 0, keys: 0 };
    running = true;
    const next = (): void => {
      if (stopped) {
        running = false;
        return;
      }
      const settle = (r: PurgeStep): void => {
        total.deliveries += r.deliveries;
        total.rawBodies += r.rawBodies;
        total.keys += r.keys;
        if (!r.done) {
          setImmediate(next);
          return;
        }
        running = false;
        options.onPurged?.(total);
      };
      const fail = (error: unknown): void => {
        running = false;
        options.onError?.(error);
      };
      try {
        const r = step(now);
        // a synchronous engine settles in this turn; a networked one when its step commits
        if (r instanceof Promise) r.then(settle, fail);
        else settle(r);
      } catch (error) {
        fail(error);
      }
    };
    next();
  };

  const run = (): void => {
    if (stopped || running) return;
    const step = store.purgeStep?.bind(store);
    if (step) {
      stepwise(step);
      return;
    }
    Promise.resolve()
      .then(() => store.purgeExpired(clock.now()))
      .then((result) => options.onPurged?.(result), (error: unknown) => options.onError?.(error));
  };

  run();
  const timer = setInterval(run, options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
