/**
 * What the deriver (derive/deriver.ts) reads and writes in SQLite: the oldest journal rows in, display
 * rows with their failed checks, FTS and blind-index entries out, the journal rows removed — one
 * transaction per batch. Then the rejected-body budget is enforced and freed pages handed back.
 * Runs on the derive worker's own connection (derive/derive-worker.ts), or on the main connection
 * where no worker can start.
 */
import type Database from 'better-sqlite3';
import type { DerivedDelivery } from '../contract';
import { createDerivedWriter } from './derived-writer';
import { createJournalTable } from './journal-table';
import { createRejectedBudget } from './rejected-budget';
import { createIndexWriter, type IndexEntry } from './search-indexer';
import type { DeriveTarget } from '../../derive/deriver';
import { DERIVE_CHUNK_ROWS, deriverTurn, type DeriverTurn } from './write-turn';

/** free space the file may keep before incremental_vacuum gives it back */
const FREE_BYTES_KEPT = 4 * 1024 * 1024;
const BIG_BODY_BYTES = 64 * 1024;

export interface SqliteDeriveTarget extends DeriveTarget {
  setBudget(bytes: number): void;
}

/**
 * `guard` runs a write with this connection's lock policy: false when the database was busy. `turn`: a
 * journal commit waiting for the lock ends the batch's transaction early (write-turn.ts).
 */
export function createSqliteDeriveTarget(
  db: Database.Database,
  budgetBytes: number,
  guard: (write: () => void) => boolean,
  turn: DeriverTurn = deriverTurn(null),
): SqliteDeriveTarget {
  const journal = createJournalTable(db);
  const budget = createRejectedBudget(db, budgetBytes);
  const writeRows = createDerivedWriter(db);
  const writeIndex = createIndexWriter(db);
  const head = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM journal').pluck();
  const next = db.prepare('SELECT COALESCE(MIN(seq), 0) FROM journal').pluck();
  const freePages = db.prepare('PRAGMA freelist_count').pluck();
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const entryOf = ({ record, row }: DerivedDelivery): IndexEntry => ({
    seq: record.seq, id: record.id, body: row.bodyRedacted, eventType: row.eventType, path: row.pathRedacted, blind: row.blind,
  });
  /**
   * The batch chunk by chunk in one transaction; commits early (returns how many it wrote) when the journal
   * waits. The journal rows written are removed once, then the full-text rows go in, last (search-indexer.ts: why).
   */
  const writeBatch = db.transaction((items: DerivedDelivery[]): number => {
    let written = 0;
    turn.began();
    while (written < items.length) {
      const chunk = items.slice(written, written + DERIVE_CHUNK_ROWS);
      writeRows.rows(chunk);
      writeIndex.blind(chunk.map(entryOf));
      written += chunk.length;
      if (turn.giveWay()) break;
    }
    const done = written < items.length ? items.slice(0, written) : items;
    writeRows.removeJournal(done[done.length - 1].record.seq);
    writeIndex.text(done.map(entryOf));
    return written;
  });

  return {
    oldest: (limit, maxBytes, afterSeq) => journal.oldest(limit, maxBytes, afterSeq),
    head: () => Number(head.get()),
    next: () => Number(next.get()),
    write(batch) {
      budget.admit(batch);
      let writtenCount = 0;
      if (!guard(() => (writtenCount = writeBatch(batch)))) return 0;
      turn.committed(writtenCount < batch.length);
      const items = writtenCount < batch.length ? batch.slice(0, writtenCount) : batch;
      let rejectedBytes = 0;
      for (const { record, row } of items) {
        if (record.retention === 'rejected' && record.bodyKept) rejectedBytes += record.sealed.byteLength + Buffer.byteLength(row.bodyRedacted);
      }
      // both below are housekeeping: when locked now, they run after a later batch
      if (rejectedBytes > 0) {
        budget.add(rejectedBytes);
        guard(() => budget.enforce());
      }
      if (items.some((i) => i.record.size > BIG_BODY_BYTES) && Number(freePages.get()) * pageSize >= FREE_BYTES_KEPT) {
        guard(() => db.pragma('incremental_vacuum'));
      }
      return writtenCount;
    },
    setBudget: (bytes) => budget.setBudget(bytes),
  };
}
