/**
 * The Inspector's timeline: a query's matches per time step, by verdict, counted in SQLite (the renderer
 * never sees the rows). Two passes in one read transaction: the span of the matches (unless the query's
 * after:/before: pin it), then one GROUP BY over the same filter the list uses (list-query.ts).
 *
 * Both passes visit every match. Driven by an index or the FTS index, each match costs a table page read
 * (~300 ms for 100k matches at 100k deliveries); when the filter needs only the verdict, the time and the
 * seq (free text and failed checks are rowid sets), the (received_at, verdict) index holds every column
 * read and is scanned instead (~35 ms). A filter with few matches keeps the driven reads.
 */
import type Database from 'better-sqlite3';
import type { TimelineArgs, TimelineValue } from '../../../../shared/api';
import { EMPTY_TIMELINE, fillTimeline, planTimeline } from '../timeline-plan';
import { buildListFilter, COUNT_TEXT, countStatement, type ListFilter } from './list-query';

export { chooseBucketMs } from '../timeline-plan';

/** above this many matches (at most), the covering index is scanned rather than a page read per match */
const DRIVEN_MAX = 2_000;
const TIME_INDEX = 'deliveries d INDEXED BY deliveries_received_verdict';
const IN_TIME_INDEX = new Set(['seq', 'received_at', 'verdict']);

function whereSql(filter: ListFilter): string {
  return filter.where.length ? ` WHERE ${filter.where.join(' AND ')}` : '';
}

/** the rows a driven read visits, at most: the free text's matches, else the filter's own count */
function drivenRows(db: Database.Database, filter: ListFilter): number {
  const count = filter.match !== null ? { sql: COUNT_TEXT, params: [filter.match] } : countStatement(filter, Number.MAX_SAFE_INTEGER);
  return (db.prepare(count.sql).get(...count.params) as { n: number }).n;
}

/** the filter read from the covering time index, or null when a driven read is cheaper or the index lacks a column */
function scanOfTimeIndex(db: Database.Database, args: TimelineArgs, now: number, driven: ListFilter): ListFilter | null {
  const rows = buildListFilter({ q: args.q, sourceId: args.sourceId }, now, 'rows');
  // the conditions are compiled SQL (query-sql.ts): every column they read of a delivery is written d.<column>
  const columns = [...rows.where.join(' ').matchAll(/\bd\.([a-z_]+)/g)].map((m) => m[1]);
  if (!columns.every((c) => IN_TIME_INDEX.has(c))) return null;
  if (drivenRows(db, driven) <= DRIVEN_MAX) return null;
  return { ...rows, from: TIME_INDEX };
}

export function readTimeline(db: Database.Database, args: TimelineArgs, now: number): TimelineValue {
  const driven = buildListFilter({ q: args.q, sourceId: args.sourceId }, now);
  const read = db.transaction((): TimelineValue => {
    const filter = driven.where.length === 0 ? driven : (scanOfTimeIndex(db, args, now, driven) ?? driven);
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
