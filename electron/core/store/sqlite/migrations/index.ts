/** Versioned migrations: applied in order, each in its own transaction, recorded in schema_migrations. */
import type Database from 'better-sqlite3';
import { HookscopeError } from '../../../../../shared/result';
import { initial } from './001-initial';
import { searchAndFilters } from './002-search-and-filters';
import { journal } from './003-journal';
import { attemptRequests } from './004-attempt-requests';
import { journalKeys } from './005-journal-keys';
import { retryChains } from './006-retry-chains';
import { compactDerived } from './007-compact-derived';
import { journalSeq } from './008-journal-seq';
import { appendOnlyIndexes } from './009-append-only-indexes';
import { appendOnlyKeys } from './010-append-only-keys';
import { attemptTiming } from './011-attempt-timing';
import { journalFile } from './012-journal-file';
import type { Migration } from './types';

export type { Migration } from './types';

// keep the list in version order
export const MIGRATIONS: readonly Migration[] = [initial, searchAndFilters, journal, attemptRequests, journalKeys, retryChains, compactDerived, journalSeq, appendOnlyIndexes, appendOnlyKeys, attemptTiming, journalFile];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersion(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies every migration not yet recorded, in version order, up to `target` (default: all). Returns the new
 * version. Numbers are handed out ahead of time, so a lower one can arrive after a higher one was applied:
 * it still runs (each migration touches only its own tables and columns).
 */
export function runMigrations(db: Database.Database, target: number = LATEST_VERSION, now: () => number = Date.now): number {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new HookscopeError(
      'database_too_new',
      `the database was created by a newer Hookscope (schema version ${current}, this one knows ${LATEST_VERSION}): upgrade Hookscope or use another data directory`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]));
  for (const m of MIGRATIONS) {
    if (applied.has(m.version) || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      record.run(m.version, m.name, now());
    })();
  }
  return schemaVersion(db);
}
