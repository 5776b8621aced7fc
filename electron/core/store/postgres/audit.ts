/** The append-only audit log on PostgreSQL (triggers refuse UPDATE, DELETE, TRUNCATE); names the person. */
import type { Pool } from 'pg';
import { currentActor } from '../../actor';
import { clampAuditLimit, toAuditEntry, type AuditRow } from '../audit-rows';
import type { AuditStore } from '../contract';

export function createPgAudit(pool: Pool): AuditStore {
  return {
    async append(entry) {
      await pool.query('INSERT INTO audit (at, action, subject, detail, actor) VALUES ($1, $2, $3, $4, $5)', [
        entry.at, entry.action, entry.subject, entry.detail, currentActor(),
      ]);
    },
    async list(limit) {
      const { rows } = await pool.query<AuditRow>('SELECT id, at, action, subject, detail, actor FROM audit ORDER BY id DESC LIMIT $1', [
        clampAuditLimit(limit),
      ]);
      return rows.map(toAuditEntry);
    },
  };
}
