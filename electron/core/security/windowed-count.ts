/**
 * One counter with the windows the Security view and the alerts need: the last minute (1 s buckets),
 * the last hour and arbitrary minute spans up to an hour (1 min buckets), and a running total.
 */
import { createBucketRing } from './bucket-ring';

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MINUTES = 60;

export interface WindowedCount {
  add(at: number): void;
  total(): number;
  /** events in the last 60 one-second buckets, the current one included */
  lastMinute(now: number): number;
  /** events in the last 60 one-minute buckets, the current one included */
  lastHour(now: number): number;
  /** events in `span` one-minute buckets ending `offset` minutes before the current one */
  minutes(now: number, span: number, offset?: number): number;
}

export function createWindowedCount(): WindowedCount {
  const seconds = createBucketRing(SECOND_MS, 60);
  const minutes = createBucketRing(MINUTE_MS, HOUR_MINUTES);
  let total = 0;
  return {
    add(at) {
      total += 1;
      seconds.add(at);
      minutes.add(at);
    },
    total: () => total,
    lastMinute: (now) => seconds.sum(now, 60),
    lastHour: (now) => minutes.sum(now, HOUR_MINUTES),
    minutes: (now, span, offset = 0) => minutes.sum(now, span, offset),
  };
}
