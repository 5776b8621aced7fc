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
  /** an entry's key turned out to be held by another replica's delivery: the duplicate set learns the holder */
  onKeyHeld?(key: DuplicateKey): void;
}

const LOCK_NOT_AVAILABLE = '55P03';

/** registers every key of the batch in one statement; entries whose key another delivery holds become its duplicates */
async function registerKeys(client: PoolClient, entries: JournalEntry[], options: PgJournalOptions): Promise<JournalEntry[]> {
  const keyed = entries.filter((e) => e.keyHash !== null && e.sourceId !== null && e.keyExpiresAt !== null);
  if (keyed.length === 0) return entries;
  // an expired registration is taken over; a live one stays with the first delivery
  const { rows: won } = await client.query<{ delivery_id: string }>(
    `INSERT INTO duplicate_keys (source_id, key_hash, delivery_id, expires_at)
     SELECT DISTINCT ON (s, k) s, k, d, x FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS v(s, k, d, x) ORDER BY s, k, d
     ON CONFLICT (source_id, key_hash) DO UPDATE SET delivery_id = excluded.delivery_id, expires_at = excluded.expires_at
     WHERE duplicate_keys.expires_at <= $5 RETURNING delivery_id`,
    [keyed.map((e) => e.sourceId), keyed.map((e) => e.keyHash), keyed.map((e) => e.id), keyed.map((e) => e.keyExpiresAt), keyed[0].receivedAt],
  );
  const registered = new Set(won.map((r) => r.delivery_id));
  const lost = keyed.filter((e) => !registered.has(e.id));
  if (lost.length === 0) return entries;
  const { rows: holders } = await client.query<{ source_id: string; key_hash: string; delivery_id: string; expires_at: number }>(
    `SELECT h.source_id, h.key_hash, h.delivery_id, h.expires_at FROM duplicate_keys h JOIN unnest($1::text[], $2::text[]) AS v(s, k) ON h.source_id = v.s AND h.key_hash = v.k`,
    [lost.map((e) => e.sourceId), lost.map((e) => e.keyHash)],
  );
  const holderOf = new Map(holders.map((h) => [`${h.source_id}\u0000${h.key_hash}`, h]));
  return entries.map((e) => {
    if (registered.has(e.id) || e.keyHash === null || e.sourceId === null) return e;
    const holder = holderOf.get(`${e.sourceId}\u0000${e.keyHash}`);
    if (!holder || holder.delivery_id === e.id) return e;
    const first = holder.delivery_id;
    // a later copy on this replica is then a duplicate of the first delivery, not of this one
    options.onKeyHeld?.({ sourceId: e.sourceId, keyHash: e.keyHash, deliveryId: first, expiresAt: holder.expires_at });
    return { ...e, duplicateOf: first, codes: options.markDuplicate(e.codes, first), forwardTarget: null, keyHash: null, keyExpiresAt: null };
  });
}

/** rows and per-source counts in one statement; seq numbers and the commit notice in one more */
async function insertRows(client: PoolClient, entries: JournalEntry[]): Promise<number> {
  const n = entries.length;
  // seq follows commit order: appends hold the cluster-wide append lock; NOTIFY is delivered at commit
  const { rows } = await client.query<{ first: number }>(
    `SELECT first, pg_notify($3, (first + $2 - 1)::text) FROM (SELECT setval($1::regclass, nextval($1::regclass) + $2 - 1) - $2 + 1 AS first) s`,
    ['deliveries_seq', n, APPENDED_CHANNEL],
  );
  const first = rows[0].first;
  const col = <T>(pick: (e: JournalEntry, i: number) => T): T[] => entries.map(pick);
  await client.query(
    `WITH ins AS (
       INSERT INTO deliveries (seq, id, received_at, source_id, method, verdict, status, codes, retention_class, client_ip,
         size, body_truncated, sealed, duplicate_of, forward_target)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[],
         $9::text[], $10::text[], $11::int[], $12::boolean[], $13::bytea[], $14::text[], $15::text[])
       RETURNING source_id, verdict)
     INSERT INTO source_counts (source_id, total, verified, rejected)
       SELECT coalesce(source_id, ''), count(*), count(*) FILTER (WHERE verdict = 'verified'), count(*) FILTER (WHERE verdict <> 'verified')
       FROM ins GROUP BY 1
     ON CONFLICT (source_id) DO UPDATE SET total = source_counts.total + excluded.total,
       verified = source_counts.verified + excluded.verified, rejected = source_counts.rejected + excluded.rejected`,
    [
      col((_, i) => first + i), col((e) => e.id), col((e) => e.receivedAt), col((e) => e.sourceId), col((e) => e.method),
      col((e) => e.verdict), col((e) => e.status), col((e) => e.codes), col((e) => e.retention), col((e) => e.clientIp),
      col((e) => e.size), col((e) => e.bodyTruncated), col((e) => Buffer.from(e.sealed.buffer, e.sealed.byteOffset, e.sealed.byteLength)),
      col((e) => e.duplicateOf), col((e) => e.forwardTarget),
    ],
  );
  return first + n - 1;
}

export function createPgJournal(pool: Pool, options: PgJournalOptions): Journal {
  return {
    append(entries, { deadlineMs }) {
      if (entries.length === 0) return Promise.resolve();
      const work = inTransaction(pool, async (client) => {
        await client.query("SELECT set_config('lock_timeout', $1, true), pg_advisory_xact_lock($2::bigint)", [String(Math.max(1, Math.floor(deadlineMs))), LOCK_KEYS.append]);
        const stored = await registerKeys(client, entries, options);
        // delivered to every replica's LISTEN connection when this transaction commits
        await insertRows(client, stored);
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
