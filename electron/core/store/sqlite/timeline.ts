/**
 * The Inspector's timeline: a query's matches per time step, by verdict, counted in SQLite (the renderer
 * never sees the rows). Two passes in one read transaction: the span of the matches (unless the query's
 * after:/before: pin it), then one GROUP BY over the same filter the list uses (list-query.ts).
 */
import type Database from 'better-sqlite3';
import type { TimelineArgs, TimelineBucket, TimelineValue } from '../../../../shared/api';
import { parseQuery, timeBounds } from '../../../../shared/query';
import { buildListFilter, type ListFilter } from './list-query';

export const DEFAULT_BUCKETS = 60;

/** bar widths a person reads easily; the smallest that fits the window in maxBuckets bars is used */
export const BUCKET_STEPS_MS = [1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 604_800].map((s) => s * 1000);

export function chooseBucketMs(spanMs: number, maxBuckets: number): number {
  return BUCKET_STEPS_MS.find((step) => Math.ceil(spanMs / step) <= maxBuckets) ?? BUCKET_STEPS_MS[BUCKET_STEPS_MS.length - 1];
}

function whereSql(filter: ListFilter): string {
  return filter.where.length ? ` WHERE ${filter.where.join(' AND ')}` : '';
}

export function readTimeline(db: Database.Database, args: TimelineArgs, now: number): TimelineValue {
  const filter = buildListFilter({ q: args.q, sourceId: args.sourceId }, now);
  const maxBuckets = args.maxBuckets ?? DEFAULT_BUCKETS;
  const parsed = parseQuery(args.q ?? '');
  const bounds = timeBounds(parsed.ok ? parsed.node : null, now);
  const read = db.transaction((): TimelineValue => {
    const span = db.prepare(`SELECT min(d.received_at) AS lo, max(d.received_at) AS hi FROM ${filter.from}${whereSql(filter)}`).get(...filter.params) as { lo: number | null; hi: number | null };
    // a window the query pins stays put (after:-15m charts the last 15 minutes, empty ones too)
    const lo = bounds.after ?? span.lo;
    const last = span.hi === null ? null : span.hi + 1;
    const hi = bounds.before ?? (bounds.after !== null ? Math.max(now, last ?? now) : last);
    if (lo === null || hi === null || hi <= lo) return { from: null, to: null, bucketMs: BUCKET_STEPS_MS[0], buckets: [], total: 0 };
    const bucketMs = chooseBucketMs(hi - lo, maxBuckets);
    const start = Math.floor(lo / bucketMs) * bucketMs;
    const count = Math.max(1, Math.ceil((hi - start) / bucketMs));
    const rows = db
      .prepare(
        `SELECT CAST((d.received_at - ?) / ? AS INTEGER) AS b, sum(d.verdict = 'verified') AS verified, sum(d.verdict <> 'verified') AS rejected FROM ${filter.from}${whereSql(filter)} GROUP BY b`,
      )
      .all(start, bucketMs, ...filter.params) as Array<{ b: number; verified: number; rejected: number }>;
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
  });
  return read();
}
