/** Reads of the journal table (writes: journal-appender.ts on the request path, derived-writer.ts after it). */
import type Database from 'better-sqlite3';
import type { Verdict } from '../../../../shared/checks';
import type { JournalRecord, RetentionClass } from '../contract';

interface JournalRow {
  seq: number;
  id: string;
  received_at: number;
  source_id: string | null;
  method: string;
  verdict: Verdict;
  status: number;
  codes: string;
  retention_class: RetentionClass;
  client_ip: string;
  size: number;
  body_truncated: number;
  sealed: Buffer;
  duplicate_of: string | null;
  forward_target: string | null;
}

export function toRecord(r: JournalRow): JournalRecord {
  return {
    seq: r.seq,
    id: r.id,
    receivedAt: r.received_at,
    sourceId: r.source_id,
    method: r.method,
    verdict: r.verdict,
    status: r.status,
    codes: r.codes,
    retention: r.retention_class,
    clientIp: r.client_ip,
    size: r.size,
    bodyTruncated: r.body_truncated === 1,
    sealed: r.sealed,
    keyHash: null,
    keyExpiresAt: null,
    duplicateOf: r.duplicate_of,
    forwardTarget: r.forward_target,
    bodyKept: r.retention_class !== 'junk',
  };
}

export interface JournalTable {
  /** oldest first (after `afterSeq`): what the deriver works through; stops after about maxBytes of sealed requests */
  oldest(limit: number, maxBytes?: number, afterSeq?: number): JournalRecord[];
  /** newest first: pending rows shown on the first page of the list */
  newest(limit: number): JournalRecord[];
  byId(id: string): JournalRecord | null;
  count(): number;
  /** the newest committed seq still in the journal (0 when it is empty) */
  head(): number;
}

export function createJournalTable(db: Database.Database): JournalTable {
  const oldest = db.prepare('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?');
  const newest = db.prepare('SELECT * FROM journal ORDER BY seq DESC LIMIT ?');
  // the journal is short (rows leave it once derived): a scan by id is cheap and spares the request path an index
  const byId = db.prepare('SELECT * FROM journal WHERE id = ?');
  const count = db.prepare('SELECT COUNT(*) FROM journal').pluck();
  const head = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM journal').pluck();
  return {
    oldest(limit, maxBytes = Number.MAX_SAFE_INTEGER, afterSeq = 0) {
      const out: JournalRecord[] = [];
      let bytes = 0;
      for (const row of oldest.iterate(afterSeq, limit) as IterableIterator<JournalRow>) {
        out.push(toRecord(row));
        bytes += row.sealed.length;
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
  };
}
