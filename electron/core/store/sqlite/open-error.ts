/**
 * What start-up says when the SQLite file cannot be used: the file, what is wrong, and the way out
 * (a damaged file → `hookscope doctor`; a locked one → the other process). Other errors pass unchanged.
 */
import { HookscopeError } from '../../../../shared/result';

const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);
/** SQLITE_BUSY, SQLITE_LOCKED and their extended codes (_RECOVERY, _SNAPSHOT, _TIMEOUT, _SHAREDCACHE…) */
const LOCKED = /^SQLITE_(BUSY|LOCKED)/;

/** another connection holds the lock (a checkpoint, the journal's commit, another process): try again later */
export function isLockedError(error: unknown): boolean {
  return LOCKED.test(String((error as { code?: unknown } | null)?.code ?? ''));
}

/** runs a write; false when it met a lock another connection holds (other errors are thrown) */
export function unlessLocked(write: () => void): boolean {
  try {
    write();
    return true;
  } catch (e) {
    if (isLockedError(e)) return false;
    throw e;
  }
}

export function isDamagedDatabaseError(error: unknown): boolean {
  return DAMAGED.has((error as { code?: string })?.code ?? '');
}

export function describeOpenError(error: unknown, file: string, dataDir: string): unknown {
  const code = (error as { code?: string })?.code ?? '';
  const why = (error as Error)?.message ?? String(error);
  if (DAMAGED.has(code)) {
    return new HookscopeError(
      'database_damaged',
      `The database ${file} is damaged (${why}): run \`hookscope doctor --data-dir ${dataDir}\` — it keeps the damaged file, recovers what can be recovered and starts a working database; nothing is deleted.`,
    );
  }
  if (isLockedError(error)) {
    return new HookscopeError(
      'database_locked',
      `The database ${file} is locked by another process (${why}): stop the other Hookscope that uses this data directory, or start this one with another --data-dir.`,
    );
  }
  return error;
}
