/**
 * The Inspector's timeline: a query's matches per time step, by verdict, counted in SQLite (the renderer
 * never sees the rows). Two passes in one read transaction: the span of the matches (unless the query's
 * after:/before: pin it), then one GROUP BY over the same filter the list uses (list-query.ts).
 */
import type Database from 'better-sqlite3';
import type { TimelineArgs, TimelineValue } from '../../../../shared/api';
import { EMPTY_TIMELINE, fillTimeline, planTimeline } from '../timeline-plan';
import { buildListFilter, type ListFilter } from './list-query';

export { chooseBucketMs } from '../timeline-plan';

function whereSql(filter: ListFilter): string {
  return filter.where.length ? ` WHERE ${filter.where.join(' AND ')}` : '';
}

export function readTimeline(db: Database.Database, args: TimelineArgs, now: number): TimelineValue {
  const filter = buildListFilter({ q: args.q, sourceId: args.sourceId }, now);
  const read = db.transaction((): TimelineValue => {
    // nothing filters: min and max alone are one index seek each (together in one SELECT they scan)
    const span = (
      filter.where.length === 0
        ? db.prepare('SELECT (SELECT min(received_at) FROM deliveries) AS lo, (SELECT max(received_at) FROM deliveries) AS hi').get()
        : db.prepare(`SELECT min(d.received_at) AS lo, max(d.received_at) AS hi FROM ${filter.from}${whereSql(filter)}`).get(...filter.params)
    ) as { lo: number | null; hi: number | null };
    const plan = planTimeline(args, now, span);
    if (!plan) return EMPTY_TIMELINE;
    const rows = db
      .prepare(
        `SELECT CAST((d.received_at - ?) / ? AS INTEGER) AS b, sum(d.verdict = 'verified') AS verified, sum(d.verdict <> 'verified') AS rejected FROM ${filter.from}${whereSql(filter)} GROUP BY b`,
      )
      .all(plan.start, plan.bucketMs, ...filter.params) as Array<{ b: number; verified: number; rejected: number }>;
    return fillTimeline(plan, rows);
  });
  return read();
}
