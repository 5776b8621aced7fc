/**
 * v5 for PostgreSQL: one append in one round trip. The cluster-wide append lock used to be held
 * across six statements of a client-side transaction, so a replica busy on its event loop (deriving,
 * answering) held every other replica's commits while it did: two replicas ingested less than one.
 * hookscope_append takes the lock, registers the batch's idempotency keys, turns entries whose key
 * another delivery holds into its duplicates, hands out seq and inserts the rows, counts and the
 * NOTIFY — all server-side; called as one autocommit statement, the lock is released at its commit.
 * Each statement in it sees what earlier lock holders committed (READ COMMITTED, a snapshot per
 * statement), so seq still follows commit order across replicas.
 */
import type { PgMigration } from './types';

export const pgAppendFunction: PgMigration = {
  version: 5,
  name: 'append-function',
  sql: `
    CREATE FUNCTION hookscope_append(
      lock_key bigint, lock_wait text, channel text, now_ms bigint, holder_mark text,
      p_id text[], p_received bigint[], p_source text[], p_method text[], p_verdict text[], p_status integer[],
      p_codes text[], p_dup_codes text[], p_retention text[], p_ip text[], p_size integer[], p_truncated boolean[],
      p_sealed bytea[], p_dup_of text[], p_forward text[], p_key_hash text[], p_key_expires bigint[])
    RETURNS TABLE (dup_id text, dup_holder text, dup_holder_expires bigint)
    LANGUAGE plpgsql VOLATILE AS $fn$
    #variable_conflict use_column
    DECLARE
      n integer := cardinality(p_id);
      first_seq bigint;
    BEGIN
      PERFORM set_config('lock_timeout', lock_wait, true);
      PERFORM pg_advisory_xact_lock(lock_key);
      -- an expired registration is taken over; a live one stays with the first delivery
      INSERT INTO duplicate_keys AS h (source_id, key_hash, delivery_id, expires_at)
        SELECT DISTINCT ON (s, k) s, k, d, x FROM unnest(p_source, p_key_hash, p_id, p_key_expires) AS v(s, k, d, x)
        WHERE s IS NOT NULL AND k IS NOT NULL AND x IS NOT NULL ORDER BY s, k, d
        ON CONFLICT (source_id, key_hash) DO UPDATE SET delivery_id = excluded.delivery_id, expires_at = excluded.expires_at
        WHERE h.expires_at <= now_ms;
      first_seq := nextval('deliveries_seq');
      IF n > 1 THEN PERFORM setval('deliveries_seq', first_seq + n - 1); END IF;
      WITH ins AS (
        INSERT INTO deliveries (seq, id, received_at, source_id, method, verdict, status, codes, retention_class, client_ip,
          size, body_truncated, sealed, duplicate_of, forward_target)
        SELECT first_seq + v.ord - 1, v.id, v.received, v.source, v.method, v.verdict, v.status,
          CASE WHEN dup THEN replace(v.dup_codes, holder_mark, b.delivery_id) ELSE v.codes END,
          v.retention, v.ip, v.size, v.truncated, v.sealed,
          CASE WHEN dup THEN b.delivery_id ELSE v.dup_of END,
          CASE WHEN dup THEN NULL ELSE v.forward END
        FROM unnest(p_id, p_received, p_source, p_method, p_verdict, p_status, p_codes, p_dup_codes, p_retention, p_ip,
               p_size, p_truncated, p_sealed, p_dup_of, p_forward, p_key_hash, p_key_expires) WITH ORDINALITY
             AS v(id, received, source, method, verdict, status, codes, dup_codes, retention, ip, size, truncated, sealed, dup_of, forward,
               key_hash, key_expires, ord)
        -- the key's holder, as registered by the statement above (a new snapshot: it sees that insert)
        LEFT JOIN duplicate_keys b ON v.source IS NOT NULL AND v.key_expires IS NOT NULL AND b.source_id = v.source AND b.key_hash = v.key_hash
        CROSS JOIN LATERAL (SELECT b.delivery_id IS NOT NULL AND b.delivery_id <> v.id AS dup) d
        RETURNING source_id, verdict)
      INSERT INTO source_counts (source_id, total, verified, rejected)
        SELECT coalesce(source_id, ''), count(*), count(*) FILTER (WHERE verdict = 'verified'), count(*) FILTER (WHERE verdict <> 'verified')
        FROM ins GROUP BY 1
      ON CONFLICT (source_id) DO UPDATE SET total = source_counts.total + excluded.total,
        verified = source_counts.verified + excluded.verified, rejected = source_counts.rejected + excluded.rejected;
      -- delivered to every replica's LISTEN connection when this statement's transaction commits
      PERFORM pg_notify(channel, (first_seq + n - 1)::text);
      -- the entries stored as duplicates, with their key's holder (the replica's duplicate set learns it)
      RETURN QUERY SELECT v.id, h.delivery_id, h.expires_at
        FROM unnest(p_id, p_source, p_key_hash, p_key_expires) AS v(id, s, k, x)
        JOIN duplicate_keys h ON h.source_id = v.s AND h.key_hash = v.k
        WHERE v.x IS NOT NULL AND h.delivery_id <> v.id;
    END
    $fn$;
  `,
};
