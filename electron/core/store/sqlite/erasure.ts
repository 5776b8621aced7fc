/**
 * Right to erasure (seed 002, GDPR): deletes every delivery whose blind index holds the value's HMAC,
 * with its attempts, idempotency keys, failures and FTS rows (cascades and triggers) and its journal row
 * when that is derived but not pruned yet (journal-file.ts), rebuilds the journal file (pruned copies
 * may sit in its free pages), then truncates both files' WALs so no old page image survives. Callers derive every journal row first: the blind index must cover them. The audit entry names the kind and an HMAC prefix, never the value.
 */
import type Database from 'better-sqlite3';
import { normalizeErasureValue } from '../../../../shared/redact';
import { HookscopeError } from '../../../../shared/result';
import type { AuditLog } from './audit-log';
import type { KeyRing } from '../key-ring';
import { JOURNAL_SCHEMA } from './journal-file';

const CHUNK = 500;

/** ids of the deliveries whose blind index holds one of `count` HMACs: one pass over the index (keyed by delivery, migration 009), then a rowid lookup each */
export const deliveriesHolding = (count: number): string =>
  `SELECT id FROM deliveries WHERE seq IN (SELECT delivery_seq FROM blind_index WHERE hmac IN (${Array(count).fill('?').join(', ')}))`;

export function eraseByValue(db: Database.Database, ring: KeyRing, audit: AuditLog, value: string, erased: (ids: string[]) => void = () => {}): number {
  const query = normalizeErasureValue(value);
  if (!query) {
    throw new HookscopeError(
      'invalid_argument',
      'value: give an e-mail address or a phone number with area code (e.g. +1 415 555 0100); nothing was erased',
    );
  }
  const hmacs = query.values.map((v) => ring.blind(v));
  const run = db.transaction((): number => {
    const ids = db.prepare(deliveriesHolding(hmacs.length)).pluck().all(...hmacs) as string[];
    erased(ids);
    let deleted = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const list = chunk.map(() => '?').join(', ');
      deleted += db.prepare(`DELETE FROM deliveries WHERE id IN (${list})`).run(...chunk).changes;
      db.prepare(`DELETE FROM ${JOURNAL_SCHEMA}.journal WHERE id IN (${list})`).run(...chunk);
    }
    audit.write('erase', null, {
      deleted,
      valueKind: query.kind,
      fingerprint: hmacs[0].subarray(0, 4).toString('hex'),
    });
    return deleted;
  });
  const deleted = run();
  // pages the deriver's prunes freed may still hold copies of what was just erased (journal-file.ts):
  // the journal file is rebuilt with its live rows only (few: every row was derived before this)
  db.exec(`VACUUM ${JOURNAL_SCHEMA}`);
  // no schema: every attached file's WAL
  db.pragma('wal_checkpoint(TRUNCATE)');
  return deleted;
}
