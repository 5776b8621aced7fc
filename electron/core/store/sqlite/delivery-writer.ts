/**
 * The receive path: prepare (redact, encrypt, hash) a delivery, queue it for group commit, and answer
 * idempotency lookups from both the table and the batch still waiting to commit.
 */
import type Database from 'better-sqlite3';
import type { Redactor } from '../../../../shared/redact';
import { createBatchWriter } from './group-commit';
import type { KeyRing } from '../key-ring';
import { prepareDelivery, type PreparedDelivery } from './prepare-delivery';
import type { DeliveryRow } from './rows';
import type { NewDelivery } from '../types';

export interface DeliveryWriter {
  add(delivery: NewDelivery, redactor: Redactor): Promise<void>;
  lookupIdempotency(sourceId: string, key: string, now: number): string | null;
  /** commits whatever is queued, synchronously */
  flushNow(): void;
}

const KEY_HASH_CACHE = 4096;

function mapKey(sourceId: string, key: string): string {
  return `${sourceId}\u0000${key}`;
}

export function createDeliveryWriter(
  db: Database.Database,
  ring: KeyRing,
  options: { maxBatch: number; committed(items: PreparedDelivery[]): void },
): DeliveryWriter {
  // positional parameters: binding 26 values by name costs more than the lookup-free positional form
  const insertDelivery = db.prepare(`
    INSERT INTO deliveries (id, received_at, source_id, method, path_redacted, headers_redacted, body_redacted,
      raw_enc, body_sha256, size, body_truncated, content_type, client_ip, checks, verdict,
      status, event_type, idempotency_key, duplicate_of, failed_checks, forward_state, forward_status,
      forward_target, forward_attempts, forward_next_at, forward_first_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertRow = (r: DeliveryRow): number =>
    Number(
      insertDelivery.run(
        r.id, r.received_at, r.source_id, r.method, r.path_redacted, r.headers_redacted, r.body_redacted,
        r.raw_enc, r.body_sha256, r.size, r.body_truncated, r.content_type, r.client_ip, r.checks, r.verdict,
        r.status, r.event_type, r.idempotency_key, r.duplicate_of, r.failed_checks, r.forward_state, r.forward_status,
        r.forward_target, r.forward_attempts, r.forward_next_at, r.forward_first_at,
      ).lastInsertRowid,
    );
  const insertFailure = db.prepare('INSERT OR IGNORE INTO delivery_failures (check_id, delivery_seq) VALUES (?, ?)');
  // an expired registration is taken over; a live one stays with the first delivery
  const registerKey = db.prepare(`
    INSERT INTO idempotency_keys (source_id, key, delivery_id, expires_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (source_id, key) DO UPDATE SET delivery_id = excluded.delivery_id, expires_at = excluded.expires_at
    WHERE idempotency_keys.expires_at <= ?`);
  const lookupKey = db.prepare('SELECT delivery_id FROM idempotency_keys WHERE source_id = ? AND key = ? AND expires_at > ?').pluck();

  /** keys of deliveries still waiting in the batch, so a duplicate within one batch is seen */
  const pendingKeys = new Map<string, { deliveryId: string; expiresAt: number }>();
  // the chain looks a key up just before add() registers it: hash each (source, key) once
  const keyHashes = new Map<string, string>();
  const hashKey = (sourceId: string, key: string): string => {
    const k = mapKey(sourceId, key);
    let h = keyHashes.get(k);
    if (h === undefined) {
      h = ring.idempotency(sourceId, key);
      if (keyHashes.size >= KEY_HASH_CACHE) keyHashes.clear();
      keyHashes.set(k, h);
    }
    return h;
  };

  // the delivery and its idempotency key commit together; FTS and blind index follow (search-indexer.ts)
  const writeBatch = db.transaction((items: PreparedDelivery[]) => {
    for (const p of items) {
      p.seq = insertRow(p.row);
      for (const checkId of p.failed) insertFailure.run(checkId, p.seq);
      if (p.idempotency) {
        const k = p.idempotency;
        registerKey.run(k.sourceId, k.keyHash, k.deliveryId, k.expiresAt, p.row.received_at);
      }
    }
  });

  const releaseKeys = (items: PreparedDelivery[]): void => {
    for (const p of items) {
      if (!p.idempotency) continue;
      const k = mapKey(p.idempotency.sourceId, p.idempotency.keyHash);
      if (pendingKeys.get(k)?.deliveryId === p.row.id) pendingKeys.delete(k);
    }
  };

  const writer = createBatchWriter<PreparedDelivery>({
    maxBatch: options.maxBatch,
    write: (items) => writeBatch(items),
    committed(items) {
      releaseKeys(items);
      options.committed(items);
    },
    failed: releaseKeys,
  });

  return {
    add(delivery, redactor) {
      let prepared: PreparedDelivery;
      try {
        prepared = prepareDelivery(delivery, redactor, ring, hashKey);
      } catch (e) {
        return Promise.reject(e);
      }
      if (prepared.idempotency) {
        const k = prepared.idempotency;
        pendingKeys.set(mapKey(k.sourceId, k.keyHash), { deliveryId: k.deliveryId, expiresAt: k.expiresAt });
      }
      return writer.enqueue(prepared);
    },
    lookupIdempotency(sourceId, key, now) {
      const keyHash = hashKey(sourceId, key);
      const pending = pendingKeys.get(mapKey(sourceId, keyHash));
      if (pending && pending.expiresAt > now) return pending.deliveryId;
      const deliveryId = lookupKey.get(sourceId, keyHash, now) as string | undefined;
      return deliveryId ?? null;
    },
    flushNow: () => writer.flushNow(),
  };
}
