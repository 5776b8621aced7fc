/**
 * Reads of the journal table in the journal file, attached as `jr` (journal-file.ts). Only rows the
 * deriver has not reached are live: rows up to `meta.derived_seq` wait to be pruned and are never read.
 * Writes: journal-appender.ts on the request path, derive-target.ts (prune) after it.
 */
import type Database from 'better-sqlite3';
import type { Verdict } from '../../../../shared/checks';
import type { JournalRecord, RetentionClass } from '../contract';
import { DERIVED_SEQ_KEY, JOURNAL_SCHEMA } from './journal-file';

/** the deriver's mark, read in the same statement as the journal rows */
export const DERIVED_MARK = `COALESCE((SELECT value FROM main.meta WHERE key = '${DERIVED_SEQ_KEY}'), 0)`;
const LIVE = `${JOURNAL_SCHEMA}.journal WHERE seq > ${DERIVED_MARK}`;

/**
 * The columns a record is built from, read as arrays (better-sqlite3 raw mode): the deriver reads a
 * thousand rows per batch, and an object per row with a named property per column cost it ~2 µs a row
 * more.
 */
const COLUMNS = 'seq, id, received_at, source_id, method, verdict, status, codes, retention_class, client_ip, size, body_truncated, sealed, duplicate_of, forward_target, lower(hex(key_hash)), key_expires_at';
type JournalRow = [
  seq: number, id: string, receivedAt: number, sourceId: string | null, method: string, verdict: Verdict, status: number, codes: string,
  retention: RetentionClass, clientIp: string, size: number, bodyTruncated: number, sealed: Buffer, duplicateOf: string | null, forwardTarget: string | null,
  keyHash: string | null, keyExpiresAt: number | null,
];
const SEALED = 12;

export function toRecord(r: JournalRow): JournalRecord {
  return {
    seq: r[0],
    id: r[1],
    receivedAt: r[2],
    sourceId: r[3],
    method: r[4],
    verdict: r[5],
    status: r[6],
    codes: r[7],
    retention: r[8],
    clientIp: r[9],
    size: r[10],
    bodyTruncated: r[11] === 1,
    sealed: r[SEALED],
    // lower(hex(NULL)) is ''
    keyHash: r[15] || null,
    keyExpiresAt: r[16],
    duplicateOf: r[13],
    forwardTarget: r[14],
    bodyKept: r[8] !== 'junk',
  };
}

export interface JournalTable {
  /** oldest first (after `afterSeq`): what the deriver works through; stops after about maxBytes of sealed requests */
  oldest(limit: number, maxBytes?: number, afterSeq?: number): JournalRecord[];
  /** newest first: pending rows shown on the first page of the list */
  newest(limit: number): JournalRecord[];
  byId(id: string): JournalRecord | null;
  count(): number;
  /** the newest committed seq not derived yet (0 when there is none) */
  head(): number;
  /** the oldest seq not derived yet (0 when there is none) */
  next(): number;
}

export function createJournalTable(db: Database.Database): JournalTable {
  const oldest = db.prepare(`SELECT ${COLUMNS} FROM ${LIVE} AND seq > ? ORDER BY seq LIMIT ?`).raw();
  const newest = db.prepare(`SELECT ${COLUMNS} FROM ${LIVE} ORDER BY seq DESC LIMIT ?`).raw();
  // the journal is short (rows leave it once derived): a scan by id is cheap and spares the request path an index
  const byId = db.prepare(`SELECT ${COLUMNS} FROM ${LIVE} AND id = ?`).raw();
  const count = db.prepare(`SELECT COUNT(*) FROM ${LIVE}`).pluck();
  const head = db.prepare(`SELECT COALESCE(MAX(seq), 0) FROM ${LIVE}`).pluck();
  const next = db.prepare(`SELECT COALESCE(MIN(seq), 0) FROM ${LIVE}`).pluck();
  return {
    oldest(limit, maxBytes = Number.MAX_SAFE_INTEGER, afterSeq = 0) {
      const out: JournalRecord[] = [];
      let bytes = 0;
      for (const row of oldest.iterate(afterSeq, limit) as IterableIterator<JournalRow>) {
        out.push(toRecord(row));
        bytes += row[SEALED].length;
        // big bodies: a few per batch, so one batch never holds gigabytes in memory
        if (bytes >= maxBytes) break;
      }
      return out;
    },
    newest: (limit) => (newest.all(limit) as JournalRow[]).map(toRecord),
    byId(id) {
      const row = byId.get(id) as JournalRow | undefined;
      return row ? toRecord(row) : null;
    },
    count: () => Number(count.get()),
    head: () => Number(head.get()),
    next: () => Number(next.get()),
  };
}
