/**
 * Opens the SQLite file with the settings the store relies on.
 *
 * Durability (storage.durability): "process" = WAL with synchronous=NORMAL; "power" = synchronous=FULL. A commit is in the WAL file (the OS page cache) before
 * `add()` resolves and the receiver answers 2xx, so a process crash or kill -9 loses nothing that was
 * acknowledged; only an OS crash or power loss can drop the last commits since the previous checkpoint.
 * For a developer tool that trade is right: FULL would fsync on every batch, blocking the event loop
 * (better-sqlite3 is synchronous) on the receive path. Pass `synchronous: 'FULL'` to choose power-loss safety.
 * The store moves WAL checkpoints (the fsyncs NORMAL does keep) to a worker thread: checkpointer.ts.
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { attachExistingJournal, attachJournal } from './journal-file';
import { LATEST_VERSION, runMigrations } from './migrations';

/**
 * How long this (the event loop's) connection waits for a write lock: short, because while it waits
 * nothing else runs. The request path never writes here (journal-appender.ts); the deriver and
 * catch-ups do not wait at all. 50 ms covers the journal worker's own commits; a foreign lock held
 * longer makes such a write fail with a busy error instead of freezing the app.
 */
export const MAIN_BUSY_MS = 50;
/** the WAL is cut back to this size after a checkpoint, so one burst of big bodies does not stay on disk */
export const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;
/**
 * Page size of a new database file. A display row of a 1 KiB delivery is ~2.2 KB (sealed raw copy,
 * redacted copies, codes): 4 KiB pages hold one such row each (measured 4,106 bytes per row), 16 KiB
 * pages hold seven. Files created with another size keep it (changing it needs a full VACUUM).
 */
export const PAGE_SIZE = 16 * 1024;

export interface OpenDatabaseOptions {
  synchronous?: 'NORMAL' | 'FULL';
  /** apply migrations up to this version only (tests of upgrades; the journal file is attached from v12 on); default: all */
  migrateTo?: number;
  /** attach the journal file as `jr` (journal-file.ts; default true) — `hookscope doctor` builds the database file alone */
  journal?: boolean;
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // create the file owner-only before SQLite does; -wal and -shm inherit its permissions
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  try {
    // both only take effect before the first table: a new file packs rows densely and gives freed pages back
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${MAIN_BUSY_MS}`);
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    // deleted rows (erasure, retention) are overwritten, not left in free pages
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
    runMigrations(db, options.migrateTo);
    if (options.journal !== false && (options.migrateTo ?? LATEST_VERSION) >= 12) attachJournal(db, file, options.synchronous ?? 'NORMAL');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * A worker thread's own connection to a database the main connection has opened (and migrated): the
 * same durability, integrity and erasure settings; checkpoints stay with the checkpoint worker.
 */
export function openWorkerConnection(file: string, options: { synchronous: 'NORMAL' | 'FULL'; busyMs: number; journal?: boolean }): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  db.pragma(`busy_timeout = ${options.busyMs}`);
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('wal_autocheckpoint = 0');
  if (options.journal) attachExistingJournal(db, file, options.synchronous);
  return db;
}
