/** The append-only audit log (triggers refuse UPDATE and DELETE). Details pass through the redactor. */
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../../shared/api';
import type { Redactor } from '../../../../shared/redact';
import type { Clock } from '../../../../shared/verify/ports';

interface AuditRow {
  id: number;
  at: number;
  action: string;
  subject: string | null;
  detail: string;
}

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
      const rows = select.all(Math.min(1000, Math.max(1, Math.floor(limit)))) as AuditRow[];
      return rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        action: r.action,
        subject: r.subject,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
    },
  };
}
