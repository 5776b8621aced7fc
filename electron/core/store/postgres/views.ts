/**
 * Derived views on PostgreSQL (contract DerivedViews): the deriver's display columns are written onto
 * the journal's row, the blind index and the outbox entry beside it, and the shared watermark moves
 * forward, in one transaction. Applying the same rows twice (two replicas' derivers) changes nothing.
 */
import type { Pool, PoolClient } from 'pg';
import type { ForwardState } from '../../../../shared/api';
import type { DerivedRow, DerivedViews, ListedDelivery, ListFilter } from '../contract';
import { compileQueryPg } from './query-sql';
import { DELIVERY_COLUMNS, toDerived, toRecord, UNMATCHED_SOURCE, type DeliveryDbRow } from './records';
import { inTransaction } from './transaction';

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** a pathological chain (a provider retrying for days) is cut here, as on SQLite */
const MAX_CHAIN_MEMBERS = 2000;

export type ListedRow = DeliveryDbRow & { forward_state: ForwardState | null; forward_status: number | null };
export const LISTED_COLUMNS = `${DELIVERY_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')}, o.state AS forward_state, o.status AS forward_status`;

export function toListed(r: ListedRow): ListedDelivery {
  return { record: toRecord(r), row: toDerived(r), forward: r.forward_state ? { state: r.forward_state, status: r.forward_status } : null };
}

/** the filter's conditions on `d`, every value a bound parameter */
function conditions(filter: Omit<ListFilter, 'limit'>) {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const query = compileQueryPg(filter.query ?? null, param, filter.now ?? Date.now());
  if (query) where.push(query);
  if (filter.sourceId !== undefined) {
    where.push(filter.sourceId === UNMATCHED_SOURCE || filter.sourceId === '' ? 'd.source_id IS NULL' : `d.source_id = ${param(filter.sourceId)}`);
  }
  if (filter.verdict) where.push(`d.verdict = ${param(filter.verdict)}`);
  if (filter.failedCheck) where.push(`d.failed ? ${param(filter.failedCheck)}`);
  if (filter.eventType) where.push(`d.event_type = ${param(filter.eventType)}`);
  if (filter.upToSeq !== undefined) where.push(`d.seq <= ${param(filter.upToSeq)}`);
  return { where, params, param };
}

/** the display columns onto the journal rows, their blind-index hashes and outbox entries, on the caller's transaction */
export async function writeDerived(client: PoolClient, rows: DerivedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(pick: (r: DerivedRow) => T): T[] => rows.map(pick);
  await client.query(
    `UPDATE deliveries d SET derived = true, path_redacted = v.path, headers_redacted = v.headers, body_redacted = v.body,
       body_sha256 = v.sha, content_type = v.ctype, event_type = v.etype, idempotency_key = v.ikey, failed = v.failed::jsonb,
       sealed = CASE WHEN d.retention_class = 'junk' THEN NULL ELSE d.sealed END
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS v(seq, path, headers, body, sha, ctype, etype, ikey, failed)
     WHERE d.seq = v.seq`,
    [
      col((r) => r.seq), col((r) => r.pathRedacted), col((r) => r.headersRedacted), col((r) => r.bodyRedacted),
      col((r) => r.bodySha256), col((r) => r.contentType), col((r) => r.eventType), col((r) => r.idempotencyKey),
      col((r) => JSON.stringify(r.failed)),
    ],
  );
  const blindIds: string[] = [];
  const blindHashes: Buffer[] = [];
  for (const r of rows) for (const h of r.blind) {
    blindIds.push(r.id);
    blindHashes.push(asBuffer(h));
  }
  if (blindIds.length > 0) {
    await client.query('INSERT INTO blind_index (hmac, delivery_id) SELECT * FROM unnest($1::bytea[], $2::text[]) ON CONFLICT DO NOTHING', [blindHashes, blindIds]);
  }
  await client.query(
    `INSERT INTO outbox (delivery_id, source_id, target, state, next_at, seq)
     SELECT id, source_id, forward_target, 'pending', received_at, seq FROM deliveries
     WHERE seq = ANY($1::bigint[]) AND forward_target IS NOT NULL AND source_id IS NOT NULL
     ON CONFLICT (delivery_id) DO NOTHING`,
    [col((r) => r.seq)],
  );
}

export function createPgViews(pool: Pool): DerivedViews {
  return {
    async watermark() {
      const { rows } = await pool.query<{ watermark: number }>('SELECT watermark FROM derive_state WHERE id = 1');
      return rows[0].watermark;
    },

    async apply(rows, upToSeq) {
      await inTransaction(pool, async (client) => {
        await writeDerived(client, rows);
        await client.query('UPDATE derive_state SET watermark = GREATEST(watermark, $1) WHERE id = 1', [upToSeq]);
      });
    },

    async list(filter: ListFilter) {
      const { where, params, param } = conditions(filter);
      if (filter.beforeSeq !== undefined) where.push(`d.seq < ${param(filter.beforeSeq)}`);
      const sql =
        `SELECT ${LISTED_COLUMNS} FROM deliveries d LEFT JOIN outbox o ON o.delivery_id = d.id` +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ` ORDER BY d.seq DESC LIMIT ${param(filter.limit)} OFFSET ${param(Math.max(0, filter.offset ?? 0))}`;
      const { rows } = await pool.query<ListedRow>(sql, params);
      return rows.map(toListed);
    },

    async count(filter) {
      const { where, params } = conditions(filter);
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM deliveries d${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
        params,
      );
      return rows[0].n;
    },

    async span(filter) {
      const { where, params } = conditions(filter);
      const { rows } = await pool.query<{ lo: number | null; hi: number | null }>(
        `SELECT min(d.received_at) AS lo, max(d.received_at) AS hi FROM deliveries d${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
        params,
      );
      return rows[0];
    },

    async bars(filter, start, bucketMs) {
      const { where, params, param } = conditions(filter);
      const b = `floor((d.received_at - ${param(start)}) / ${param(bucketMs)})::int`;
      const { rows } = await pool.query<{ b: number; verified: number; rejected: number }>(
        `SELECT ${b} AS b, count(*) FILTER (WHERE d.verdict = 'verified')::int AS verified, count(*) FILTER (WHERE d.verdict <> 'verified')::int AS rejected
         FROM deliveries d${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY 1`,
        params,
      );
      return rows;
    },

    async top() {
      const { rows } = await pool.query<{ top: number | null }>('SELECT max(seq) AS top FROM deliveries');
      return rows[0].top ?? 0;
    },

    async get(id) {
      const { rows } = await pool.query<ListedRow>(`SELECT ${LISTED_COLUMNS} FROM deliveries d LEFT JOIN outbox o ON o.delivery_id = d.id WHERE d.id = $1`, [id]);
      return rows[0] ? toListed(rows[0]) : null;
    },

    async retryChains(firstIds) {
      const ids = [...new Set(firstIds)];
      if (ids.length === 0) return [];
      // firsts that have at least one later arrival, then the arrivals; the newest MAX_CHAIN_MEMBERS kept
      const { rows } = await pool.query<{ id: string; first_id: string; received_at: number; status: number; idempotency_key: string | null }>(
        `SELECT * FROM (
           SELECT d.id, d.id AS first_id, d.seq, d.received_at, d.status, d.idempotency_key FROM deliveries d
             WHERE d.id = ANY($1::text[]) AND EXISTS (SELECT 1 FROM deliveries x WHERE x.duplicate_of = d.id)
           UNION ALL
           SELECT d.id, d.duplicate_of AS first_id, d.seq, d.received_at, d.status, NULL FROM deliveries d
             WHERE d.duplicate_of = ANY($1::text[])
           ORDER BY seq DESC LIMIT ${MAX_CHAIN_MEMBERS}
         ) c ORDER BY seq`,
        [ids],
      );
      return rows.map((r) => ({ id: r.id, firstId: r.first_id, receivedAt: r.received_at, status: r.status, eventKey: r.idempotency_key }));
    },

    async idsByBlind(hashes) {
      if (hashes.length === 0) return [];
      const { rows } = await pool.query<{ delivery_id: string }>(
        'SELECT DISTINCT delivery_id FROM blind_index WHERE hmac = ANY($1::bytea[])',
        [hashes.map(asBuffer)],
      );
      return rows.map((r) => r.delivery_id);
    },

    async erase(ids) {
      if (ids.length === 0) return 0;
      return inTransaction(pool, async (client) => {
        await client.query('DELETE FROM duplicate_keys WHERE delivery_id = ANY($1::text[])', [ids]);
        const { rowCount } = await client.query('DELETE FROM deliveries WHERE id = ANY($1::text[])', [ids]);
        return rowCount ?? 0;
      });
    },
  };
}
