/**
 * The list query: newest first by insertion order (seq), a total for the query, keyset (`before`) or
 * offset paging inside a snapshot (`asOf`, so offsets stay put while deliveries arrive). The query
 * language (`q`) is compiled by query-sql.ts; its top-level free text drives the scan from the FTS5 index.
 */
import type { ListDeliveriesArgs } from '../../../../shared/api';
import { parseQuery } from '../../../../shared/query';
import { HookscopeError } from '../../../../shared/result';
import { compileQuery, TEXT_ROWS } from './query-sql';
import { SUMMARY_COLUMNS } from './rows';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
/** the list filter value that selects deliveries to paths matching no source */
export const UNMATCHED_SOURCE = 'unmatched';

export function encodeCursor(seq: number): string {
  return `s${seq.toString(36)}`;
}

export function decodeCursor(cursor: string, field = 'before'): number {
  const m = /^s([0-9a-z]{1,11})$/.exec(cursor);
  if (!m) throw new HookscopeError('invalid_argument', `${field}: is not a cursor from a previous page: pass the \`next\` (or \`top\`) value of an earlier answer`);
  return parseInt(m[1], 36);
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** the FTS5 index counting its own matches of one expression */
export const COUNT_TEXT = 'SELECT count(*) AS n FROM deliveries_fts WHERE deliveries_fts MATCH ?';

/** FROM, WHERE and parameters of one list request, without order, paging or the snapshot bound */
export interface ListFilter {
  from: string;
  /** the column that orders the list (the FTS rowid when the index drives the scan) */
  seq: string;
  where: string[];
  params: Array<string | number>;
  /** the query has free text: the search index must be current */
  usesSearch: boolean;
  /** the FTS5 expression of the query's top-level free text, else null */
  match: string | null;
}

/**
 * Throws invalid_argument naming `q` and the position when the query does not parse.
 * `drive`: 'index' lets the FTS index or the failures table drive the scan (pages: the newest few matches);
 * 'rows' reads from the deliveries table, free text as a rowid set (reads that visit every match, timeline.ts).
 */
export function buildListFilter(args: ListDeliveriesArgs, now: number, drive: 'index' | 'rows' = 'index'): ListFilter {
  const parsed = parseQuery(args.q ?? '');
  if (!parsed.ok) {
    throw new HookscopeError('invalid_argument', `q: ${parsed.error.message} (at character ${parsed.error.at + 1})`, { at: parsed.error.at });
  }
  const compiled = compileQuery(parsed.node, now);
  const filter: ListFilter = { from: 'deliveries d', seq: 'd.seq', where: [], params: [], usesSearch: compiled.match !== null, match: compiled.match };
  if (compiled.match !== null && drive === 'rows') {
    filter.where.push(TEXT_ROWS);
    filter.params.push(compiled.match);
  } else if (compiled.match !== null) {
    filter.from = 'deliveries_fts JOIN deliveries d ON d.seq = deliveries_fts.rowid';
    filter.seq = 'deliveries_fts.rowid';
    filter.where.push('deliveries_fts MATCH ?');
    filter.params.push(compiled.match);
  } else if (args.failedCheck && drive === 'index') {
    filter.from = 'delivery_failures x0 JOIN deliveries d ON d.seq = x0.delivery_seq';
    filter.seq = 'x0.delivery_seq';
  }
  if (args.failedCheck) {
    filter.where.push(filter.from.startsWith('delivery_failures') ? 'x0.check_id = ?' : 'EXISTS (SELECT 1 FROM delivery_failures x0 WHERE x0.check_id = ? AND x0.delivery_seq = d.seq)');
    filter.params.push(args.failedCheck);
  }
  if (args.sourceId !== undefined) {
    if (args.sourceId === UNMATCHED_SOURCE) filter.where.push('d.source_id IS NULL');
    else {
      filter.where.push('d.source_id = ?');
      filter.params.push(args.sourceId);
    }
  }
  if (args.verdict) {
    filter.where.push('d.verdict = ?');
    filter.params.push(args.verdict);
  }
  if (args.eventType) {
    filter.where.push('d.event_type = ?');
    filter.params.push(args.eventType);
  }
  filter.where.push(...compiled.where);
  filter.params.push(...compiled.params);
  return filter;
}

export interface Statement {
  sql: string;
  params: Array<string | number>;
}

function whereSql(conditions: string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** How many deliveries the filter selects at or below the snapshot seq. */
export function countStatement(filter: ListFilter, top: number): Statement {
  // free text alone: the FTS5 index counts its own matches (~8 ms for 100k matches at 100k deliveries); joining
  // each match to its row read a table page per match (~130 ms). Every indexed rowid is a delivery's seq
  // (the index is written with the rows and the delete/update triggers keep it so).
  if (filter.match !== null && filter.where.length === 1) return { sql: `${COUNT_TEXT} AND rowid <= ?`, params: [filter.match, top] };
  return {
    // unary + keeps SQLite from counting along the rowid: that reads every table page (~70 ms at 100k rows of
    // 16 KiB pages), while a covering index holds the same rows in a few hundred KB (~3 ms)
    sql: `SELECT count(*) AS n FROM ${filter.from}${whereSql([...filter.where, `+${filter.seq} <= ?`])}`,
    params: [...filter.params, top],
  };
}

export interface PageRequest {
  top: number;
  /** keyset: only rows older than this seq */
  before?: number;
  limit: number;
  offset: number;
  /** read from the oldest end (for pages in the older half: the scan then skips fewer rows) */
  oldestFirst: boolean;
}

/** One page; asks for one extra row so the caller knows whether another page follows. */
export function pageStatement(filter: ListFilter, page: PageRequest): Statement {
  const where = [...filter.where, `${filter.seq} <= ?`];
  const params = [...filter.params, page.top];
  if (page.before !== undefined) {
    where.push(`${filter.seq} < ?`);
    params.push(page.before);
  }
  params.push(page.limit + 1, page.offset);
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM ${filter.from}${whereSql(where)} ORDER BY ${filter.seq} ${page.oldestFirst ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`,
    params,
  };
}
