/** The append-only audit log (triggers refuse UPDATE and DELETE). Details pass through the redactor. */
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../../shared/api';
import type { Redactor } from '../../../../shared/redact';
import type { Clock } from '../../../../shared/verify/ports';
import { clampAuditLimit, toAuditEntry, type AuditRow } from '../audit-rows';

export interface AuditLog {
  write(action: string, subject: string | null, detail: Record<string, unknown>): void;
  list(limit: number): AuditEntry[];
}

export function createAuditLog(db: Database.Database, clock: Clock, redactor: () => Redactor): AuditLog {
  const insert = db.prepare('INSERT INTO audit (at, action, subject, detail) VALUES (?, ?, ?, ?)');
  const select = db.prepare('SELECT id, at, action, subject, detail FROM audit ORDER BY id DESC LIMIT ?');
  return {
    write(action, subject, detail) {
      insert.run(clock.now(), action, subject, redactor().json(JSON.stringify(detail)));
    },
    list(limit) {
      return (select.all(clampAuditLimit(limit)) as AuditRow[]).map(toAuditEntry);
    },
  };
}
