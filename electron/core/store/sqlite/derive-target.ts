/**
 * What the deriver (derive/deriver.ts) reads and writes in SQLite: the oldest live journal rows in (the
 * journal file, attached as `jr`), display rows with their failed checks, keys, FTS and blind-index
 * entries and the deriver's mark out — one transaction per batch in the database file, so it never holds
 * the lock the journal's commits take (journal-file.ts). Then the derived journal rows are pruned in a
 * short transaction of the journal file, the rejected-body budget is enforced and freed pages handed back.
 * Runs on the derive worker's own connection (derive/derive-worker.ts), or on the main connection
 * where no worker can start.
 */
import type Database from 'better-sqlite3';
import type { DerivedDelivery } from '../contract';
import { createDerivedWriter } from './derived-writer';
import { unlessLocked } from './open-error';
import { JOURNAL_SCHEMA } from './journal-file';
import { createJournalTable, DERIVED_MARK } from './journal-table';
import { createRejectedBudget } from './rejected-budget';
import { createIndexWriter, type IndexEntry } from './search-indexer';
import type { DeriveTarget } from '../../derive/deriver';
import { deriverTurn, type DeriverTurn } from './write-turn';

/** free space the file may keep before incremental_vacuum gives it back */
const FREE_BYTES_KEPT = 4 * 1024 * 1024;
const BIG_BODY_BYTES = 64 * 1024;
/**
 * Derived journal rows are pruned once this many are waiting (or once nothing is left to derive), this
 * many per transaction: each one holds the journal file's write lock — the request path's — for about a
 * millisecond (measured ~3 µs a row under load; 300-900 rows at once held it 3-9 ms, once 44-56 ms).
 */
const PRUNE_ROWS = 256;
/**
 * While more rows than this wait to be derived (a catch-up, a burst the deriver is behind on), derived rows
 * are not pruned one by one (~7 µs a row on the deriver, its busiest thread in a catch-up): once nothing is
 * live they go at once, a DELETE without WHERE that frees whole pages (SQLite's truncate optimization) —
 * unless this many pile up, when pruning goes on as usual so the file does not grow without bound.
 */
const BACKLOG_ROWS = 2_000;
const MAX_DEAD_ROWS = 200_000;

export interface SqliteDeriveTarget extends DeriveTarget {
  setBudget(bytes: number): void;
  /** deletes every derived journal row now (at start: a crash may have left some; at close) */
  prune(): void;
}

/**
 * `guard` runs a write with this connection's lock policy: false when the database was busy. `turn`: the
 * prune of the journal file steps aside while a journal commit waits for that file's lock (write-turn.ts).
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
  const clearAll = db.prepare(`DELETE FROM ${JOURNAL_SCHEMA}.journal`);
  /** every row dead: the table is emptied at once; false when a row is live (checked in the same transaction) */
  const clearIfAllDead = db.transaction((): boolean => {
    if (journal.next() !== 0) return false;
    clearAll.run();
    return true;
  });
  const prune = db.prepare(
    `DELETE FROM ${JOURNAL_SCHEMA}.journal WHERE seq IN (SELECT seq FROM ${JOURNAL_SCHEMA}.journal WHERE seq <= ? ORDER BY seq LIMIT ${PRUNE_ROWS})`,
  );
  const freePages = db.prepare('PRAGMA main.freelist_count').pluck();
  const journalFreePages = db.prepare(`PRAGMA ${JOURNAL_SCHEMA}.freelist_count`).pluck();
  const pageSize = Number(db.pragma('main.page_size', { simple: true }));
  const entryOf = ({ record, row }: DerivedDelivery): IndexEntry => ({
    seq: record.seq, id: record.id, body: row.bodyRedacted, eventType: row.eventType, path: row.pathRedacted, blind: row.blind,
  });
  /** derived and marked, not pruned yet: seqs up to `derivedUpTo` above `prunedUpTo` */
  let derivedUpTo = Number(db.prepare(`SELECT ${DERIVED_MARK}`).pluck().get());
  // dead rows a crash left start right above this (none: nothing to prune)
  let prunedUpTo = Math.min(derivedUpTo, Number(db.prepare(`SELECT COALESCE(MIN(seq), ?) - 1 FROM ${JOURNAL_SCHEMA}.journal`).pluck().get(derivedUpTo + 1)));
  /** the batch in one transaction; the full-text rows go in last (search-indexer.ts: why) */
  const writeBatch = db.transaction((items: DerivedDelivery[]): void => {
    writeRows.rows(items);
    writeIndex.blind(items.map(entryOf));
    writeRows.markDerived(items[items.length - 1].record.seq);
    writeIndex.text(items.map(entryOf));
  });

  /**
   * Deletes the derived journal rows, PRUNE_ROWS per transaction, stopping whenever a journal commit waits
   * for the lock (a later batch goes on). Freed pages are reused by later appends; once nothing is live
   * the file is cut back, which then moves no page (journal-file.ts: why no freed page outlives that).
   */
  const pruneJournal = (force: boolean): void => {
    if (derivedUpTo <= prunedUpTo || (!force && derivedUpTo - prunedUpTo < PRUNE_ROWS)) return;
    const upTo = derivedUpTo;
    if (journal.next() === 0) {
      if (turn.journalWaiting()) return;
      let cleared = false;
      // a commit between this transaction's read and its delete makes it fail busy (snapshot): a later batch tries again
      if (!unlessLocked(() => (cleared = clearIfAllDead()))) return;
      turn.committed();
      if (cleared) {
        prunedUpTo = upTo;
        cutBack();
        return;
      }
    }
    const dead = upTo - prunedUpTo;
    if (journal.head() - journal.next() >= BACKLOG_ROWS && dead < MAX_DEAD_ROWS) return;
    for (;;) {
      if (turn.journalWaiting()) return;
      let removed = 0;
      // not through `guard`: a busy journal file says nothing about the derived view (a later batch prunes)
      if (!unlessLocked(() => (removed = prune.run(upTo).changes))) return;
      turn.committed();
      if (removed < PRUNE_ROWS) break;
    }
    prunedUpTo = upTo;
    if (journal.next() === 0) cutBack();
  };
  /** nothing is live: the free pages go (no live page to move, so this only shortens the file) */
  const cutBack = (): void => {
    if (Number(journalFreePages.get()) === 0 || turn.journalWaiting()) return;
    unlessLocked(() => db.pragma(`${JOURNAL_SCHEMA}.incremental_vacuum`));
    turn.committed();
  };

  return {
    oldest: (limit, maxBytes, afterSeq) => journal.oldest(limit, maxBytes, afterSeq),
    head: () => journal.head(),
    next: () => journal.next(),
    write(batch) {
      budget.admit(batch);
      if (!guard(() => writeBatch(batch))) return 0;
      derivedUpTo = batch[batch.length - 1].record.seq;
      pruneJournal(journal.next() === 0);
      let rejectedBytes = 0;
      for (const { record, row } of batch) {
        if (record.retention === 'rejected' && record.bodyKept) rejectedBytes += record.sealed.byteLength + Buffer.byteLength(row.bodyRedacted);
      }
      // both below are housekeeping: when locked now, they run after a later batch
      if (rejectedBytes > 0) {
        budget.add(rejectedBytes);
        guard(() => budget.enforce());
      }
      if (batch.some((i) => i.record.size > BIG_BODY_BYTES) && Number(freePages.get()) * pageSize >= FREE_BYTES_KEPT) {
        guard(() => db.pragma('main.incremental_vacuum'));
      }
      return batch.length;
    },
    prune: () => pruneJournal(true),
    setBudget: (bytes) => budget.setBudget(bytes),
  };
}
