/**
 * The journal on PostgreSQL (contract Journal). One append = one transaction that first takes the
 * cluster-wide append lock, so seq numbers follow commit order across replicas (a deriver reading
 * "after seq N" never skips a row that commits late). Idempotency keys register in the same
 * transaction against a primary key: when another replica registered the same key first, the entry
 * is stored as a duplicate of that delivery (never forwarded) instead — the answer (200) is the same.
 */
import type { Pool, PoolClient } from 'pg';
import { StorageBusyError, type DuplicateKey, type Journal, type JournalEntry } from '../contract';
import { APPENDED_CHANNEL, LOCK_KEYS } from './locks';
import { DELIVERY_COLUMNS, toRecord, UNMATCHED_SOURCE, type DeliveryDbRow } from './records';
import { inTransaction } from './transaction';

export interface PgJournalOptions {
  /** rewrites an entry's check codes to say "duplicate" (the core owns the code format) */
  markDuplicate(codes: string, duplicateOf: string): string;
}

const LOCK_NOT_AVAILABLE = '55P03';

async function registerKeys(client: PoolClient, entries: JournalEntry[], options: PgJournalOptions): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for (const e of entries) {
    if (e.keyHash === null || e.sourceId === null || e.keyExpiresAt === null) {
      out.push(e);
      continue;
    }
    // an expired registration is taken over; a live one stays with the first delivery
    const taken = await client.query(
      `INSERT INTO duplicate_keys (source_id, key_hash, delivery_id, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source_id, key_hash) DO UPDATE SET delivery_id = excluded.delivery_id, expires_at = excluded.expires_at
       WHERE duplicate_keys.expires_at <= $5 RETURNING delivery_id`,
      [e.sourceId, e.keyHash, e.id, e.keyExpiresAt, e.receivedAt],
    );
    if (taken.rowCount === 1) {
      out.push(e);
      continue;
    }
    const holder = await client.query<{ delivery_id: string }>('SELECT delivery_id FROM duplicate_keys WHERE source_id = $1 AND key_hash = $2', [e.sourceId, e.keyHash]);
    const first = holder.rows[0].delivery_id;
    out.push({ ...e, duplicateOf: first, codes: options.markDuplicate(e.codes, first), forwardTarget: null, keyHash: null, keyExpiresAt: null });
  }
  return out;
}

async function insertRows(client: PoolClient, entries: JournalEntry[]): Promise<number> {
  const { rows } = await client.query<{ first: number }>('SELECT nextval($1::regclass) AS first', ['deliveries_seq']);
  const first = rows[0].first;
  if (entries.length > 1) await client.query('SELECT setval($1::regclass, $2)', ['deliveries_seq', first + entries.length - 1]);
  const col = <T>(pick: (e: JournalEntry, i: number) => T): T[] => entries.map(pick);
  await client.query(
    `INSERT INTO deliveries (seq, id, received_at, source_id, method, verdict, status, codes, retention_class, client_ip,
       size, body_truncated, sealed, duplicate_of, forward_target)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[],
       $9::text[], $10::text[], $11::int[], $12::boolean[], $13::bytea[], $14::text[], $15::text[])`,
    [
      col((_, i) => first + i), col((e) => e.id), col((e) => e.receivedAt), col((e) => e.sourceId), col((e) => e.method),
      col((e) => e.verdict), col((e) => e.status), col((e) => e.codes), col((e) => e.retention), col((e) => e.clientIp),
      col((e) => e.size), col((e) => e.bodyTruncated), col((e) => Buffer.from(e.sealed.buffer, e.sealed.byteOffset, e.sealed.byteLength)),
      col((e) => e.duplicateOf), col((e) => e.forwardTarget),
    ],
  );
  const counts = new Map<string, { total: number; verified: number }>();
  for (const e of entries) {
    const c = counts.get(e.sourceId ?? '') ?? { total: 0, verified: 0 };
    c.total++;
    if (e.verdict === 'verified') c.verified++;
    counts.set(e.sourceId ?? '', c);
  }
  for (const [source, c] of counts) {
    await client.query(
      `INSERT INTO source_counts (source_id, total, verified, rejected) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source_id) DO UPDATE SET total = source_counts.total + excluded.total,
         verified = source_counts.verified + excluded.verified, rejected = source_counts.rejected + excluded.rejected`,
      [source, c.total, c.verified, c.total - c.verified],
    );
  }
  return first + entries.length - 1;
}

export function createPgJournal(pool: Pool, options: PgJournalOptions): Journal {
  return {
    append(entries, { deadlineMs }) {
      if (entries.length === 0) return Promise.resolve();
      const work = inTransaction(pool, async (client) => {
        await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(deadlineMs))}`);
        await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [LOCK_KEYS.append]);
        const stored = await registerKeys(client, entries, options);
        const last = await insertRows(client, stored);
        // delivered to every replica's LISTEN connection when this transaction commits
        await client.query('SELECT pg_notify($1, $2)', [APPENDED_CHANNEL, String(last)]);
      }).catch((error: { code?: string }) => {
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
