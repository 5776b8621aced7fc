/**
 * The list query: newest first by insertion order (seq), keyset pagination, filters that each ride an
 * index. Full-text search drives the query from the FTS5 index in descending rowid order, so the first
 * page stops after `limit` matches instead of materialising every hit.
 */
import type { ListDeliveriesArgs } from '../../../../shared/api';
import { HookscopeError } from '../../../../shared/result';
import { SUMMARY_COLUMNS } from './rows';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
/** the list filter value that selects deliveries to paths matching no source */
export const UNMATCHED_SOURCE = 'unmatched';

export function encodeCursor(seq: number): string {
  return `s${seq.toString(36)}`;
}

export function decodeCursor(cursor: string): number {
  const m = /^s([0-9a-z]{1,11})$/.exec(cursor);
  if (!m) throw new HookscopeError('invalid_argument', 'before: is not a cursor from a previous page: pass the `next` value of the page before');
  return parseInt(m[1], 36);
}

/** User terms quoted as FTS5 strings (no operators get through); the last term also matches as a prefix. */
export function ftsQuery(q: string): string | null {
  const terms = q.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (terms.length === 0) return null;
  return terms
    .map((t, i) => `"${t.replace(/"/g, '""')}"${i === terms.length - 1 && t.length >= 3 ? '*' : ''}`)
    .join(' ');
}

export interface ListQuery {
  sql: string;
  params: Array<string | number>;
  limit: number;
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** null when the search has no searchable terms (nothing can match) */
export function buildListQuery(args: ListDeliveriesArgs): ListQuery | null {
  const limit = clampLimit(args.limit);
  const where: string[] = [];
  const params: Array<string | number> = [];
  let from = 'deliveries d';
  let seq = 'd.seq';

  const q = args.q?.trim() ? ftsQuery(args.q) : undefined;
  if (q === null) return null;
  if (q !== undefined) {
    from = 'deliveries_fts JOIN deliveries d ON d.seq = deliveries_fts.rowid';
    seq = 'deliveries_fts.rowid';
    where.push('deliveries_fts MATCH ?');
    params.push(q);
    if (args.failedCheck) {
      where.push('EXISTS (SELECT 1 FROM delivery_failures x WHERE x.check_id = ? AND x.delivery_seq = d.seq)');
      params.push(args.failedCheck);
    }
  } else if (args.failedCheck) {
    from = 'delivery_failures x JOIN deliveries d ON d.seq = x.delivery_seq';
    seq = 'x.delivery_seq';
    where.push('x.check_id = ?');
    params.push(args.failedCheck);
  }
  if (args.sourceId !== undefined) {
    if (args.sourceId === UNMATCHED_SOURCE) where.push('d.source_id IS NULL');
    else {
      where.push('d.source_id = ?');
      params.push(args.sourceId);
    }
  }
  if (args.verdict) {
    where.push('d.verdict = ?');
    params.push(args.verdict);
  }
  if (args.eventType) {
    where.push('d.event_type = ?');
    params.push(args.eventType);
  }
  if (args.before) {
    where.push(`${seq} < ?`);
    params.push(decodeCursor(args.before));
  }
  const sql =
    `SELECT ${SUMMARY_COLUMNS} FROM ${from}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${seq} DESC LIMIT ?`;
  params.push(limit + 1);
  return { sql, params, limit };
}
