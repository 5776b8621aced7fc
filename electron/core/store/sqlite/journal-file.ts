/**
 * The journal lives in its own SQLite file beside the database (docs/architecture.md, "The ingest path").
 *
 * SQLite has one write lock per file. With the journal in the database file, every journal commit (a
 * provider waiting for its answer) queued behind the deriver's transactions, which hold the lock for
 * milliseconds: measured, about a quarter of the wall time under load, and half the throughput. In its
 * own file the journal's commits never wait for the deriver:
 *
 * - the request path appends to `journal` in this file only (journal-appender.ts);
 * - the deriver reads it (attached as `jr`), writes display rows in the database file and records how far
 *   it got in the same transaction (`meta.derived_seq` there: DERIVED_SEQ_KEY);
 * - journal rows up to that mark are dead: readers skip them (journal-table.ts), and the deriver deletes
 *   them from this file later, in short transactions of their own (derive-target.ts);
 * - a crash between the two leaves dead rows behind, deleted at the next prune; nothing is read twice.
 *
 * Readers that combine both files take the journal's snapshot first (store.ts `snapshot`): a row pruned
 * before then was derived before the database's snapshot, so it is in one of the two, never in neither.
 */
import type Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { SEQ_RESERVED_KEY } from './migrations/008-journal-seq';

/** the schema name the journal file is attached under, on every connection that reads both */
export const JOURNAL_SCHEMA = 'jr';
/** meta key in the database file: every journal seq up to it is derived (or was erased) */
export const DERIVED_SEQ_KEY = 'derived_seq';
/**
 * Journal rows are ~1.3 KB for a 1 KiB delivery and appended at the table's end: each commit rewrites
 * the last leaf, so small pages keep a commit's WAL write small.
 */
const JOURNAL_PAGE_SIZE = 4096;

/** `<dir>/hookscope.db` → `<dir>/hookscope.journal.db` (not `-journal`: that is SQLite's rollback journal's name) */
export function journalFileFor(databaseFile: string): string {
  return databaseFile.replace(/(\.db)?$/, '.journal.db');
}

/** the columns of a journal row, in the order of the table (a legacy table in the database file has them too) */
export const JOURNAL_COLUMNS = 'seq, id, received_at, source_id, method, verdict, status, codes, retention_class, client_ip, size, body_truncated, sealed, duplicate_of, forward_target, key_hash, key_expires_at';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    source_id TEXT,
    method TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('verified', 'rejected')),
    status INTEGER NOT NULL,
    codes TEXT NOT NULL,
    retention_class TEXT NOT NULL CHECK (retention_class IN ('kept', 'rejected', 'junk')),
    client_ip TEXT NOT NULL,
    size INTEGER NOT NULL,
    body_truncated INTEGER NOT NULL,
    -- target, headers, event type, idempotency key and (unless junk) the body: one AES-256-GCM envelope
    sealed BLOB NOT NULL,
    duplicate_of TEXT,
    forward_target TEXT,
    -- the idempotency key's hash: moves to duplicate_keys in the database file when the row is derived
    key_hash BLOB,
    key_expires_at INTEGER
  );
  CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
  ) WITHOUT ROWID;`;

/**
 * The settings every connection to the journal file uses (`schema`: its name on that connection).
 *
 * secure_delete FAST: a prune frees whole pages, and zeroing each one doubled the time it held the
 * request path's lock. Freed pages are not left as they are, though: later appends reuse them, the
 * deriver cuts the file back whenever nothing is live (derive-target.ts), and erasure rebuilds the file
 * (erasure.ts), so no pruned copy outlives its delivery.
 */
export function journalPragmas(db: Database.Database, schema: string, synchronous: 'NORMAL' | 'FULL'): void {
  db.pragma(`${schema}.synchronous = ${synchronous}`);
  db.pragma(`${schema}.secure_delete = FAST`);
  db.pragma(`${schema}.journal_size_limit = ${4 * 1024 * 1024}`);
}

/**
 * Attaches the journal file to the store's main connection, creating it (owner-only) on first use, and
 * brings it in line with the database: a journal table left in the database file by an older Hookscope
 * moves over (its rows were acknowledged), and the seqs handed out next start above every seq either
 * file has seen.
 */
export function attachJournal(db: Database.Database, databaseFile: string, synchronous: 'NORMAL' | 'FULL'): void {
  const file = journalFileFor(databaseFile);
  closeSync(openSync(file, 'a', 0o600));
  db.prepare(`ATTACH DATABASE ? AS ${JOURNAL_SCHEMA}`).run(file);
  db.pragma(`${JOURNAL_SCHEMA}.page_size = ${JOURNAL_PAGE_SIZE}`);
  db.pragma(`${JOURNAL_SCHEMA}.auto_vacuum = INCREMENTAL`);
  db.pragma(`${JOURNAL_SCHEMA}.journal_mode = WAL`);
  journalPragmas(db, JOURNAL_SCHEMA, synchronous);
  db.exec(SCHEMA.replaceAll('IF NOT EXISTS ', `IF NOT EXISTS ${JOURNAL_SCHEMA}.`));
  const legacy = db.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'journal'").get() !== undefined;
  db.transaction(() => {
    if (legacy) {
      db.exec(`INSERT OR IGNORE INTO ${JOURNAL_SCHEMA}.journal (${JOURNAL_COLUMNS}) SELECT ${JOURNAL_COLUMNS} FROM main.journal`);
      // a DROP fires no delete trigger (and migration 012 dropped the one that moved keys)
      db.exec('DROP TABLE main.journal');
    }
    db.prepare(
      `INSERT INTO ${JOURNAL_SCHEMA}.meta (key, value) SELECT ?, MAX(
         COALESCE((SELECT value FROM ${JOURNAL_SCHEMA}.meta WHERE key = ?), 0),
         COALESCE((SELECT MAX(seq) FROM ${JOURNAL_SCHEMA}.journal), 0),
         COALESCE((SELECT value FROM main.meta WHERE key = ?), 0),
         COALESCE((SELECT value FROM main.meta WHERE key = ?), 0),
         COALESCE((SELECT MAX(seq) FROM main.deliveries), 0))
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(SEQ_RESERVED_KEY, SEQ_RESERVED_KEY, SEQ_RESERVED_KEY, DERIVED_SEQ_KEY);
  })();
}

/** attaches an existing journal file on a worker's connection (the store's main connection created it) */
export function attachExistingJournal(db: Database.Database, databaseFile: string, synchronous: 'NORMAL' | 'FULL'): void {
  db.prepare(`ATTACH DATABASE ? AS ${JOURNAL_SCHEMA}`).run(journalFileFor(databaseFile));
  journalPragmas(db, JOURNAL_SCHEMA, synchronous);
}
