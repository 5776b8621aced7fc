/**
 * The journal on PostgreSQL (contract Journal). One append = one call of hookscope_append (PG
 * migration 005), a transaction that first takes the cluster-wide append lock, so seq numbers follow
 * commit order across replicas (a deriver reading "after seq N" never skips a row that commits late).
 * Idempotency keys register in the same transaction against a primary key: when another replica
 * registered the same key first, the entry is stored as a duplicate of that delivery (never
 * forwarded) instead — the answer (200) is the same.
 */
import type { Pool } from 'pg';
import { StorageBusyError, type DuplicateKey, type Journal, type JournalEntry } from '../contract';
import { APPENDED_CHANNEL, LOCK_KEYS } from './locks';
import { DELIVERY_COLUMNS, toRecord, UNMATCHED_SOURCE, type DeliveryDbRow } from './records';

export interface PgJournalOptions {
  /** rewrites an entry's check codes to say "duplicate" (the core owns the code format) */
  markDuplicate(codes: string, duplicateOf: string): string;
  /** an entry's key turned out to be held by another replica's delivery: the duplicate set learns the holder */
  onKeyHeld?(key: DuplicateKey): void;
}

const LOCK_NOT_AVAILABLE = '55P03';

/** stands for the key holder's id in an entry's duplicate codes (hookscope_append puts the id in) */
const HOLDER_MARK = '{{hookscope:holder}}';

/**
 * One batch in one autocommit call of hookscope_append (PG migration 005): lock, keys, seq, rows,
 * counts and NOTIFY server-side, so the cluster-wide lock is never held while this process is busy.
 * Returns the entries stored as duplicates of another delivery, with that delivery's key.
 */
async function appendBatch(pool: Pool, entries: JournalEntry[], deadlineMs: number, options: PgJournalOptions): Promise<void> {
  const col = <T>(pick: (e: JournalEntry) => T): T[] => entries.map(pick);
  const keyed = (e: JournalEntry) => e.keyHash !== null && e.sourceId !== null && e.keyExpiresAt !== null;
  const { rows } = await pool.query<{ dup_id: string; dup_holder: string; dup_holder_expires: number }>(
    `SELECT * FROM hookscope_append($1::bigint, $2, $3, $4::bigint, $5, $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[],
       $11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $16::int[], $17::boolean[], $18::bytea[], $19::text[], $20::text[],
       $21::text[], $22::bigint[])`,
    [
      LOCK_KEYS.append, `${Math.max(1, Math.floor(deadlineMs))}ms`, APPENDED_CHANNEL, entries[0].receivedAt, HOLDER_MARK,
      col((e) => e.id), col((e) => e.receivedAt), col((e) => e.sourceId), col((e) => e.method), col((e) => e.verdict),
      col((e) => e.status), col((e) => e.codes), col((e) => (keyed(e) ? options.markDuplicate(e.codes, HOLDER_MARK) : e.codes)),
      col((e) => e.retention), col((e) => e.clientIp), col((e) => e.size), col((e) => e.bodyTruncated),
      col((e) => Buffer.from(e.sealed.buffer, e.sealed.byteOffset, e.sealed.byteLength)), col((e) => e.duplicateOf), col((e) => e.forwardTarget),
      col((e) => (keyed(e) ? e.keyHash : null)), col((e) => (keyed(e) ? e.keyExpiresAt : null)),
    ],
  );
  if (rows.length === 0) return;
  // a later copy on this replica is then a duplicate of the first delivery, not of this one
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const r of rows) {
    const e = byId.get(r.dup_id);
    if (e?.sourceId && e.keyHash) options.onKeyHeld?.({ sourceId: e.sourceId, keyHash: e.keyHash, deliveryId: r.dup_holder, expiresAt: r.dup_holder_expires });
  }
}

export function createPgJournal(pool: Pool, options: PgJournalOptions): Journal {
  return {
    append(entries, { deadlineMs }) {
      if (entries.length === 0) return Promise.resolve();
      const work = appendBatch(pool, entries, deadlineMs, options).catch((error: { code?: string }) => {
        throw error.code === LOCK_NOT_AVAILABLE ? new StorageBusyError(deadlineMs) : error;
      });
      // past the deadline the request is answered 503; a commit after that stays stored, unacknowledged
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new StorageBusyError(deadlineMs)), deadlineMs);
      });
      work.catch(() => undefined);
      return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
    },

    async after(afterSeq, limit) {
      const { rows } = await pool.query<DeliveryDbRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
      return rows.map(toRecord);
    },

    async get(id) {
      const { rows } = await pool.query<DeliveryDbRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = $1`, [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async duplicateKeys(now): Promise<DuplicateKey[]> {
      const { rows } = await pool.query<{ source_id: string; key_hash: string; delivery_id: string; expires_at: number }>(
        'SELECT source_id, key_hash, delivery_id, expires_at FROM duplicate_keys WHERE expires_at > $1',
        [now],
      );
      return rows.map((r) => ({ sourceId: r.source_id, keyHash: r.key_hash, deliveryId: r.delivery_id, expiresAt: r.expires_at }));
    },

    async enforceRejectedBudget(budgetBytes) {
      // the newest rejected bodies are kept while their running total fits the budget
      const { rowCount } = await pool.query(
        `WITH r AS (
           SELECT seq, SUM(octet_length(sealed)) OVER (ORDER BY seq DESC) AS newer_total
           FROM deliveries WHERE retention_class = 'rejected' AND sealed IS NOT NULL)
         UPDATE deliveries d SET sealed = NULL FROM r WHERE d.seq = r.seq AND r.newer_total > $1`,
        [budgetBytes],
      );
      return rowCount ?? 0;
    },

    async counts() {
      const { rows } = await pool.query<{ source_id: string; total: number; verified: number; rejected: number }>(
        'SELECT source_id, total, verified, rejected FROM source_counts',
      );
      const out: Record<string, { total: number; verified: number; rejected: number }> = {};
      for (const r of rows) out[r.source_id === '' ? UNMATCHED_SOURCE : r.source_id] = { total: r.total, verified: r.verified, rejected: r.rejected };
      return out;
    },
  };
}
