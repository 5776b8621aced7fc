/**
 * One list request in one read transaction: the snapshot top, the total for the query, and the page.
 * Pages in the older half are read from the oldest end, so "jump to oldest" skips few rows.
 */
import type Database from 'better-sqlite3';
import type { DeliveryPage, ListDeliveriesArgs } from '../../../../shared/api';
import { buildListFilter, clampLimit, countStatement, decodeCursor, encodeCursor, pageStatement } from './list-query';
import { toSummary, type SummaryRow } from './rows';

export function listDeliveries(db: Database.Database, args: ListDeliveriesArgs, now: number): DeliveryPage {
  const filter = buildListFilter(args, now);
  const limit = clampLimit(args.limit);
  const offset = Math.max(0, Math.floor(args.offset ?? 0));
  const before = args.before === undefined ? undefined : decodeCursor(args.before);
  const read = db.transaction((): DeliveryPage => {
    const top = args.asOf !== undefined ? decodeCursor(args.asOf, 'asOf') : ((db.prepare('SELECT max(seq) AS top FROM deliveries').get() as { top: number | null }).top ?? 0);
    const count = countStatement(filter, top);
    const total = (db.prepare(count.sql).get(...count.params) as { n: number }).n;
    // keyset pages cannot be counted from the other end; offset pages past the middle can
    const fromOldest = before === undefined && offset + limit / 2 > total / 2 && offset < total;
    const page = fromOldest
      ? { top, limit: Math.min(limit, total - offset), offset: Math.max(0, total - offset - limit), oldestFirst: true }
      : { top, before, limit, offset, oldestFirst: false };
    const statement = pageStatement(filter, page);
    let rows = db.prepare(statement.sql).all(...statement.params) as SummaryRow[];
    if (fromOldest) rows = rows.slice(0, page.limit).reverse();
    const more = fromOldest ? offset + rows.length < total : rows.length > limit;
    const shown = rows.slice(0, limit);
    const items = shown.map((r) => toSummary(r));
    const answer: DeliveryPage = { items, total, top: encodeCursor(top) };
    if (more && shown.length) answer.next = encodeCursor(shown[shown.length - 1].seq);
    return answer;
  });
  return read();
}
