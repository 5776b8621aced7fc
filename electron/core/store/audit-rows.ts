/** The audit log's stored row and its API form, shared by both engines' adapters. */
import type { AuditEntry } from '../../../shared/api';

export interface AuditRow {
  id: number;
  at: number;
  action: string;
  subject: string | null;
  /** JSON text, already redacted */
  detail: string;
  /** PostgreSQL (team mode) only: the person */
  actor?: string | null;
}

/** the newest-first page size is kept within 1..1000 */
export function clampAuditLimit(limit: number): number {
  return Math.min(1000, Math.max(1, Math.floor(limit)));
}

export function toAuditEntry(r: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    id: r.id,
    at: new Date(r.at).toISOString(),
    action: r.action,
    subject: r.subject,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
  if (r.actor !== undefined) entry.actor = r.actor;
  return entry;
}
