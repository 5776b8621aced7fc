/**
 * Opens the SQLite file with the settings the store relies on.
 *
 * Durability: WAL with synchronous=NORMAL. A commit is in the WAL file (the OS page cache) before
 * `add()` resolves and the receiver answers 2xx, so a process crash or kill -9 loses nothing that was
 * acknowledged; only an OS crash or power loss can drop the last commits since the previous checkpoint.
 * For a developer tool that trade is right: FULL would fsync on every batch, blocking the event loop
 * (better-sqlite3 is synchronous) on the receive path. Pass `synchronous: 'FULL'` to choose power-loss safety.
 * The store moves WAL checkpoints (the fsyncs NORMAL does keep) to a worker thread: checkpointer.ts.
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { runMigrations } from './migrations';

export interface OpenDatabaseOptions {
  synchronous?: 'NORMAL' | 'FULL';
  /** apply migrations up to this version only (tests of upgrades); default: all */
  migrateTo?: number;
}

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // create the file owner-only before SQLite does; -wal and -shm inherit its permissions
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // deleted rows (erasure, retention) are overwritten, not left in free pages
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
    runMigrations(db, options.migrateTo);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
