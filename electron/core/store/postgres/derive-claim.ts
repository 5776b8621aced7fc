/**
 * Derivation once cluster-wide. Display rows are derived (redaction, search text, blind index, outbox
 * entry) by whichever replica claims the shared watermark's row (FOR UPDATE): the others wait for it
 * and then find those rows done, so no row is derived twice and nothing committed before a call is
 * left underived when it returns. Each replica then announces the derived rows to its own listeners
 * by reading them back (derivedAfter), never by deriving them again.
 */
import type { Pool } from 'pg';
import type { DerivedRow, JournalRecord, ListedDelivery } from '../contract';
import { DELIVERY_COLUMNS, toRecord, type DeliveryDbRow } from './records';
import { inTransaction } from './transaction';
import { LISTED_COLUMNS, toListed, writeDerived, type ListedRow } from './views';

/** a replica stuck mid-derivation (a network partition) holds the others at most this long */
const CLAIM_WAIT = '30s';

export interface DerivedBatch {
  derived: number;
  /** the batch held rejected deliveries (their bodies count against the rejected budget) */
  rejected: boolean;
}

/** derives the next `limit` rows above the shared watermark, if any, and moves the watermark past them */
export async function deriveNextBatch(pool: Pool, limit: number, derive: (records: JournalRecord[]) => DerivedRow[]): Promise<DerivedBatch> {
  const none = { derived: 0, rejected: false };
  // a look without a transaction first: most calls (another replica's notice) find nothing to do
  const { rows: peek } = await pool.query<{ watermark: number; top: number | null }>(
    'SELECT watermark, (SELECT max(seq) FROM deliveries) AS top FROM derive_state WHERE id = 1',
  );
  if (peek[0].top === null || peek[0].top <= peek[0].watermark) return none;
  return inTransaction(pool, async (client) => {
    await client.query("SELECT set_config('lock_timeout', $1, true)", [CLAIM_WAIT]);
    // the claim: a replica deriving holds this row; the others wait here, then read the moved watermark
    const { rows: state } = await client.query<{ watermark: number }>('SELECT watermark FROM derive_state WHERE id = 1 FOR UPDATE');
    const { rows } = await client.query<DeliveryDbRow>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE seq > $1 ORDER BY seq LIMIT $2`, [state[0].watermark, limit]);
    if (rows.length === 0) return none;
    const records = rows.map(toRecord);
    await writeDerived(client, derive(records));
    await client.query('UPDATE derive_state SET watermark = $1 WHERE id = 1', [records[records.length - 1].seq]);
    return { derived: records.length, rejected: records.some((r) => r.retention === 'rejected') };
  });
}

/** the sealed request is not needed to announce a row: only whether it is kept */
const ANNOUNCED_COLUMNS = LISTED_COLUMNS.replace('d.sealed', "CASE WHEN d.sealed IS NULL THEN NULL ELSE '\\x'::bytea END AS sealed");

/** derived rows above `afterSeq` (up to the shared watermark), oldest first, with their forward state */
export async function derivedAfter(pool: Pool, afterSeq: number, limit: number): Promise<ListedDelivery[]> {
  const { rows } = await pool.query<ListedRow>(
    `SELECT ${ANNOUNCED_COLUMNS} FROM deliveries d LEFT JOIN outbox o ON o.delivery_id = d.id
     WHERE d.seq > $1 AND d.seq <= (SELECT watermark FROM derive_state WHERE id = 1) ORDER BY d.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map(toListed);
}
