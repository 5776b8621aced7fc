/** Detects a wrong data key at open, before anything is decrypted into garbage. */
import type Database from 'better-sqlite3';
import { timingSafeEqual } from 'node:crypto';
import { HookscopeError } from '../../../../shared/result';
import { KEY_MISMATCH_MESSAGE, type KeyRing } from '../key-ring';

export function verifyKeyCheck(db: Database.Database, ring: KeyRing): void {
  const expected = ring.keyCheck();
  const row = db.prepare("SELECT value FROM meta WHERE key = 'key_check'").get() as { value: Buffer } | undefined;
  if (!row) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('key_check', ?)").run(expected);
    return;
  }
  if (row.value.length !== expected.length || !timingSafeEqual(row.value, expected)) {
    throw new HookscopeError('data_key_mismatch', KEY_MISMATCH_MESSAGE);
  }
}
