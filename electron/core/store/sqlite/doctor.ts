/**
 * `hookscope doctor`: checks the SQLite file and, when it is damaged, turns the data directory into a
 * working one without deleting anything:
 *   1. the damaged file (with its -wal/-shm) is MOVED into <data dir>/damaged-<time>/, bytes unchanged;
 *   2. what can be read is recovered: SQLite's own `.recover` (the sqlite3 program, when installed),
 *      else a table-by-table salvage that keeps every row read before a damaged page;
 *   3. the rows go into a fresh database with the current schema (search index rebuilt), which
 *      becomes <data dir>/hookscope.db — an empty one when nothing could be recovered ("start fresh").
 * A locked file is reported, never touched.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE_NAME } from '../data-key';
import { openDatabase } from './database';
import { isDamagedDatabaseError } from './open-error';
import { SEQ_RESERVED_KEY } from './migrations/008-journal-seq';
import { DERIVED_SEQ_KEY } from './journal-file';

export type DatabaseHealth =
  | { state: 'missing' }
  | { state: 'ok' }
  | { state: 'damaged'; problems: string[] }
  | { state: 'locked'; problem: string };

export interface RepairReport {
  before: DatabaseHealth;
  /** the folder the damaged files were moved to */
  keptIn: string | null;
  method: 'sqlite3 .recover' | 'salvage' | null;
  /** the sqlite3 program was tried and could not recover (missing, or its .recover failed) */
  sqlite3Failed: boolean;
  /** rows carried over, per table */
  recovered: Record<string, number>;
  after: DatabaseHealth;
}

export interface DoctorOptions {
  /** the sqlite3 program for `.recover` (default: `sqlite3` on PATH; null: do not use it) */
  sqlite3?: string | null;
  now?: () => Date;
}

/** tables carried over (the search index is rebuilt; schema_migrations comes with the fresh schema) */
const TABLES = ['meta', 'journal', 'duplicate_keys', 'deliveries', 'idempotency_keys', 'attempts', 'blind_index', 'audit', 'delivery_failures'];
const LOCKED = /SQLITE_(BUSY|LOCKED)/;

export function checkDatabase(file: string): DatabaseHealth {
  if (!existsSync(file)) return { state: 'missing' };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 2000 });
    const rows = db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((p) => p !== 'ok');
    return problems.length === 0 ? { state: 'ok' } : { state: 'damaged', problems };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (LOCKED.test(code)) return { state: 'locked', problem: (error as Error).message };
    if (isDamagedDatabaseError(error)) return { state: 'damaged', problems: [(error as Error).message] };
    throw error;
  } finally {
    db?.close();
  }
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** `sqlite3 <file> .recover` into a temporary database; null when the program is missing or fails */
function recoverWithSqlite3(program: string, damaged: string, into: string): Database.Database | null {
  try {
    const sql = execFileSync(program, [damaged, '.recover'], { maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
    const db = new Database(into);
    try {
      db.exec(sql);
      return db;
    } catch {
      db.close();
      return null;
    }
  } catch {
    return null;
  }
}

function columns(db: Database.Database, table: string): string[] {
  try {
    return (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
  } catch {
    return [];
  }
}

/** every row of `table` that can be read (a damaged page ends the read; what came before is kept) */
function copyTable(from: Database.Database, to: Database.Database, table: string): number {
  const wanted = columns(to, table);
  const have = new Set(columns(from, table));
  const cols = wanted.filter((c) => have.has(c));
  if (cols.length === 0) return 0;
  const list = cols.map((c) => `"${c}"`).join(', ');
  const insert = to.prepare(`INSERT OR IGNORE INTO ${table} (${list}) VALUES (${cols.map(() => '?').join(', ')})`);
  let copied = 0;
  try {
    for (const row of from.prepare(`SELECT ${list} FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
      try {
        copied += insert.run(...row).changes;
      } catch {
        // a row that breaks a constraint of the current schema stays in the kept file only
      }
    }
  } catch {
    // the rest of this table is on damaged pages
  }
  return copied;
}

export function repairDatabase(dataDir: string, options: DoctorOptions = {}): RepairReport {
  const file = join(dataDir, DATABASE_FILE_NAME);
  const before = checkDatabase(file);
  if (before.state !== 'damaged') return { before, keptIn: null, method: null, sqlite3Failed: false, recovered: {}, after: before };

  const keptIn = join(dataDir, `damaged-${stamp((options.now ?? (() => new Date()))())}`);
  mkdirSync(keptIn, { recursive: false, mode: 0o700 });
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, join(keptIn, DATABASE_FILE_NAME + suffix));
  }
  const damaged = join(keptIn, DATABASE_FILE_NAME);

  const building = join(dataDir, `${DATABASE_FILE_NAME}.doctor-${process.pid}`);
  // the database file alone: a journal left in the damaged file goes into its legacy table, and moves to
  // the journal file (which stays where it is) at the next open (journal-file.ts)
  const fresh = openDatabase(building, { journal: false });
  const program = options.sqlite3 === undefined ? 'sqlite3' : options.sqlite3;
  let method: RepairReport['method'] = 'salvage';
  let source: Database.Database | null = program ? recoverWithSqlite3(program, damaged, join(keptIn, 'recovered-by-sqlite3.db')) : null;
  if (source) method = 'sqlite3 .recover';
  else {
    try {
      source = new Database(damaged, { fileMustExist: true, readonly: true });
    } catch {
      source = null; // nothing readable: start fresh
    }
  }
  const recovered: Record<string, number> = {};
  fresh.pragma('foreign_keys = OFF');
  // the recovered mark, if any, replaces the fresh file's (raised below to the newest display row)
  fresh.prepare('DELETE FROM meta WHERE key = ?').run(DERIVED_SEQ_KEY);
  if (source) {
    for (const table of TABLES) {
      // the fresh schema's own meta rows (none besides defaults) give way to the recovered ones
      recovered[table] = fresh.transaction(() => copyTable(source as Database.Database, fresh, table))();
    }
    source.close();
  }
  fresh.exec(`
    -- a row lives in exactly one of journal and deliveries (journal-table.ts); new seqs go above every old one
    DELETE FROM journal WHERE seq IN (SELECT seq FROM deliveries);
    INSERT INTO meta (key, value)
      SELECT '${SEQ_RESERVED_KEY}', MAX(COALESCE((SELECT value FROM meta WHERE key = '${SEQ_RESERVED_KEY}'), 0),
        COALESCE((SELECT MAX(seq) FROM journal), 0), COALESCE((SELECT MAX(seq) FROM deliveries), 0))
      ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    INSERT INTO deliveries_fts (deliveries_fts) VALUES ('rebuild');
    INSERT OR REPLACE INTO meta (key, value) SELECT 'indexed_seq', COALESCE(MAX(seq), 0) FROM deliveries;
    -- every seq up to the newest display row is derived (the deriver goes in seq order); the journal file's
    -- rows up to it are not derived again. Legacy journal rows recovered above lie beyond it.
    INSERT INTO meta (key, value) SELECT '${DERIVED_SEQ_KEY}', COALESCE(MAX(seq), 0) FROM deliveries WHERE true
      ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value);
  `);
  fresh.pragma('foreign_keys = ON');
  fresh.pragma('wal_checkpoint(TRUNCATE)');
  fresh.pragma('journal_mode = DELETE');
  fresh.close();
  renameSync(building, file);
  return { before, keptIn, method: source ? method : null, sqlite3Failed: Boolean(program) && method !== 'sqlite3 .recover', recovered, after: checkDatabase(file) };
}
