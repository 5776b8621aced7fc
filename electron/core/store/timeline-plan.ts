/**
 * The Inspector's timeline, engine-neutral: which window to chart (the query's after:/before: pin it,
 * else the span of the matches) and the bars filled from per-bar counts. Each engine counts with its
 * own SQL (store/sqlite/timeline.ts, store/postgres/store.ts).
 */
import type { TimelineArgs, TimelineBucket, TimelineValue } from '../../../shared/api';
import { parseQuery, timeBounds } from '../../../shared/query';

export const DEFAULT_BUCKETS = 60;

/** bar widths a person reads easily; the smallest that fits the window in maxBuckets bars is used */
export const BUCKET_STEPS_MS = [1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 604_800].map((s) => s * 1000);

export function chooseBucketMs(spanMs: number, maxBuckets: number): number {
  return BUCKET_STEPS_MS.find((step) => Math.ceil(spanMs / step) <= maxBuckets) ?? BUCKET_STEPS_MS[BUCKET_STEPS_MS.length - 1];
}

export interface TimelinePlan {
  start: number;
  bucketMs: number;
  count: number;
}

export const EMPTY_TIMELINE: TimelineValue = { from: null, to: null, bucketMs: BUCKET_STEPS_MS[0], buckets: [], total: 0 };

/** the bars to count, given the span of the matches (received_at min/max); null: nothing to chart */
export function planTimeline(args: TimelineArgs, now: number, span: { lo: number | null; hi: number | null }): TimelinePlan | null {
  const parsed = parseQuery(args.q ?? '');
  const bounds = timeBounds(parsed.ok ? parsed.node : null, now);
  // a window the query pins stays put (after:-15m charts the last 15 minutes, empty ones too)
  const lo = bounds.after ?? span.lo;
  const last = span.hi === null ? null : span.hi + 1;
  const hi = bounds.before ?? (bounds.after !== null ? Math.max(now, last ?? now) : last);
  if (lo === null || hi === null || hi <= lo) return null;
  const bucketMs = chooseBucketMs(hi - lo, args.maxBuckets ?? DEFAULT_BUCKETS);
  const start = Math.floor(lo / bucketMs) * bucketMs;
  return { start, bucketMs, count: Math.max(1, Math.ceil((hi - start) / bucketMs)) };
}

/** the timeline from per-bar counts (bar b = floor((received_at - start) / bucketMs)) */
export function fillTimeline(plan: TimelinePlan, rows: Array<{ b: number; verified: number; rejected: number }>): TimelineValue {
  const { start, bucketMs, count } = plan;
  const buckets: TimelineBucket[] = Array.from({ length: count }, (_, i) => ({ at: new Date(start + i * bucketMs).toISOString(), verified: 0, rejected: 0 }));
  let total = 0;
  for (const r of rows) {
    const bucket = buckets[r.b];
    if (!bucket) continue;
    bucket.verified = r.verified;
    bucket.rejected = r.rejected;
    total += r.verified + r.rejected;
  }
  return { from: buckets[0].at, to: new Date(start + count * bucketMs).toISOString(), bucketMs, buckets, total };
}
