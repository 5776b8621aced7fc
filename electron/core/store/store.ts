/** createStore: the DeliveryStore over SQLite, with group commit, encryption at rest and redaction. */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Attempt, DeliverySummary, ForwardState, ListDeliveriesArgs } from '../../../shared/api';
import type { HookscopeConfig } from '../../../shared/config';
import { createRedactor, type Redactor } from '../../../shared/redact';
import { HookscopeError } from '../../../shared/result';
import type { Clock } from '../../../shared/verify/ports';
import { createAuditLog } from './audit-log';
import { createDataKey, DATABASE_FILE_NAME, type DataKey, type Keystore } from './data-key';
import { openDatabase } from './database';
import { eraseByValue } from './erasure';
import { createBatchWriter } from './group-commit';
import { createKeyRing } from './key-ring';
import { verifyKeyCheck } from './key-check';
import { buildListQuery, encodeCursor, UNMATCHED_SOURCE } from './list-query';
import { createOutbox } from './outbox';
import { prepareDelivery, type PreparedDelivery } from './prepare-delivery';
import { openRawEnvelope } from './raw-envelope';
import { createSearchIndexer, type SearchIndexer } from './search-indexer';
import { purgeExpired, type PurgeResult, type RetentionConfig } from './retention';
import { SUMMARY_COLUMNS, toDetail, toSummary, type DeliveryRow, type SummaryRow } from './rows';
import type { DeliveryStore, NewDelivery } from './types';

export type StoreConfig = Pick<HookscopeConfig, 'redaction' | 'retention'>;

export interface CreateStoreOptions {
  dataDir: string;
  config: StoreConfig;
  env: Record<string, string | undefined>;
  clock: Clock;
  /** desktop: Electron safeStorage behind load/save; headless: omit (env or key file) */
  keystore?: Keystore;
  /** rows per group-commit transaction (default 512) */
  maxBatch?: number;
  synchronous?: 'NORMAL' | 'FULL';
}

export type SourceCounts = Record<string, { total: number; verified: number; rejected: number }>;

export interface HookscopeStore extends DeliveryStore {
  /** redaction and retention rules are editable at runtime; applies to rows written from now on */
  updateConfig(config: StoreConfig): void;
  /** encrypts a secret entered in the UI: `enc:<base64>` */
  sealSecret(text: string): string;
  openSecret(ref: string): string;
  /** listeners called after recordAttempt changed a delivery's forward state */
  onUpdated(listener: (item: DeliverySummary) => void): () => void;
  /** resolves once everything queued so far is committed (or failed) */
  flush(): Promise<void>;
  readonly file: string;
  readonly dataKeySource: DataKey['source'];
}

function idemMapKey(sourceId: string, keyHash: string): string {
  return `${sourceId}\u0000${keyHash}`;
}

export function createStore(options: CreateStoreOptions): HookscopeStore {
  const { clock } = options;
  const dataKey = createDataKey({ dataDir: options.dataDir, env: options.env, keystore: options.keystore });
  const ring = createKeyRing(dataKey.material);
  const file = join(options.dataDir, DATABASE_FILE_NAME);
  const db: Database.Database = openDatabase(file, { synchronous: options.synchronous });
  let indexer: SearchIndexer;
  try {
    verifyKeyCheck(db, ring);
    indexer = createSearchIndexer(db, ring);
  } catch (e) {
    db.close();
    throw e;
  }

  let redactor: Redactor = createRedactor(options.config.redaction);
  let retention: RetentionConfig = options.config.retention;
  let closed = false;
  let counts: SourceCounts | null = null;
  const committedListeners = new Set<(items: DeliverySummary[]) => void>();
  const updatedListeners = new Set<(item: DeliverySummary) => void>();
  /** idempotency keys of deliveries still waiting in the batch, so a duplicate in the same batch is seen */
  const pendingKeys = new Map<string, { deliveryId: string; expiresAt: number }>();

  const audit = createAuditLog(db, clock, () => redactor);
  const outbox = createOutbox(db, clock, () => redactor);

  const insertDelivery = db.prepare(`
    INSERT INTO deliveries (id, received_at, source_id, method, path_redacted, headers_redacted, body_redacted,
      raw_body_enc, raw_headers_enc, body_sha256, size, body_truncated, content_type, client_ip, checks, verdict,
      status, event_type, idempotency_key, duplicate_of, failed_checks, forward_state, forward_status,
      forward_target, forward_attempts, forward_next_at, forward_first_at)
    VALUES (@id, @received_at, @source_id, @method, @path_redacted, @headers_redacted, @body_redacted,
      @raw_body_enc, @raw_headers_enc, @body_sha256, @size, @body_truncated, @content_type, @client_ip, @checks,
      @verdict, @status, @event_type, @idempotency_key, @duplicate_of, @failed_checks, @forward_state,
      @forward_status, @forward_target, @forward_attempts, @forward_next_at, @forward_first_at)`);
  const insertFailure = db.prepare('INSERT OR IGNORE INTO delivery_failures (check_id, delivery_seq) VALUES (?, ?)');
  const registerKey = db.prepare(`
    INSERT INTO idempotency_keys (source_id, key, delivery_id, expires_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (source_id, key) DO UPDATE SET delivery_id = excluded.delivery_id, expires_at = excluded.expires_at
    WHERE idempotency_keys.expires_at <= ?`);
  const lookupKey = db.prepare('SELECT delivery_id FROM idempotency_keys WHERE source_id = ? AND key = ? AND expires_at > ?');
  const selectRow = db.prepare('SELECT * FROM deliveries WHERE id = ?');
  const selectSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries d WHERE d.id = ?`);
  const selectRaw = db.prepare('SELECT raw_body_enc, raw_headers_enc FROM deliveries WHERE id = ?');
  const countRows = db.prepare(`
    SELECT source_id, COUNT(*) AS total, SUM(verdict = 'verified') AS verified FROM deliveries GROUP BY source_id`);

  // the delivery and its idempotency key commit together; FTS and blind index follow (search-indexer.ts)
  const writeBatch = db.transaction((items: PreparedDelivery[]) => {
    for (const p of items) {
      p.seq = Number(insertDelivery.run(p.row).lastInsertRowid);
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
      const mapKey = idemMapKey(p.idempotency.sourceId, p.idempotency.keyHash);
      if (pendingKeys.get(mapKey)?.deliveryId === p.row.id) pendingKeys.delete(mapKey);
    }
  };

  const writer = createBatchWriter<PreparedDelivery>({
    maxBatch: options.maxBatch ?? 512,
    write: (items) => writeBatch(items),
    committed(items) {
      releaseKeys(items);
      indexer.enqueue(items.map((p) => ({
        seq: p.seq, id: p.row.id, body: p.row.body_redacted, eventType: p.row.event_type, path: p.row.path_redacted, blind: p.blind,
      })));
      if (counts) {
        for (const p of items) {
          const key = p.row.source_id ?? UNMATCHED_SOURCE;
          const c = (counts[key] ??= { total: 0, verified: 0, rejected: 0 });
          c.total++;
          if (p.row.verdict === 'verified') c.verified++;
          else c.rejected++;
        }
      }
      const summaries = items.map((p) => p.summary);
      for (const listener of committedListeners) {
        try {
          listener(summaries);
        } catch {
          // a failing listener must not undo or block a committed batch
        }
      }
    },
    failed: releaseKeys,
  });

  const ensureOpen = (): void => {
    if (closed) throw new HookscopeError('store_closed', 'the delivery store is closed');
  };

  const decryptRaw = (id: string): { body: Buffer | null; headers: Array<[string, string]> | null } | null => {
    writer.flushNow();
    const row = selectRaw.get(id) as Pick<DeliveryRow, 'raw_body_enc' | 'raw_headers_enc'> | undefined;
    if (!row) return null;
    const raw = openRawEnvelope(ring, id, row.raw_body_enc, row.raw_headers_enc);
    return { body: raw.body, headers: raw.headers };
  };

  const summary = (id: string): DeliverySummary | null => {
    const row = selectSummary.get(id) as SummaryRow | undefined;
    return row ? toSummary(row) : null;
  };

  const store: HookscopeStore = {
    file,
    dataKeySource: dataKey.source,

    add(delivery: NewDelivery) {
      if (closed) return Promise.reject(new HookscopeError('store_closed', 'the delivery store is closed'));
      let prepared: PreparedDelivery;
      try {
        prepared = prepareDelivery(delivery, redactor, ring);
      } catch (e) {
        return Promise.reject(e);
      }
      if (prepared.idempotency) {
        const k = prepared.idempotency;
        pendingKeys.set(idemMapKey(k.sourceId, k.keyHash), { deliveryId: k.deliveryId, expiresAt: k.expiresAt });
      }
      return writer.enqueue(prepared);
    },

    lookupIdempotency(sourceId, key, now) {
      ensureOpen();
      const keyHash = ring.idempotency(sourceId, key);
      const pending = pendingKeys.get(idemMapKey(sourceId, keyHash));
      if (pending && pending.expiresAt > now) return pending.deliveryId;
      const row = lookupKey.get(sourceId, keyHash, now) as { delivery_id: string } | undefined;
      return row?.delivery_id ?? null;
    },

    list(args: ListDeliveriesArgs) {
      ensureOpen();
      const query = buildListQuery(args);
      if (!query) return { items: [] };
      if (args.q) indexer.flushNow();
      const rows = db.prepare(query.sql).all(...query.params) as SummaryRow[];
      const page = rows.slice(0, query.limit);
      const items = page.map((r) => toSummary(r));
      return rows.length > query.limit ? { items, next: encodeCursor(page[page.length - 1].seq) } : { items };
    },

    get(id) {
      ensureOpen();
      const row = selectRow.get(id) as DeliveryRow | undefined;
      return row ? toDetail(row, outbox.attempts(id)) : null;
    },

    summary(id) {
      ensureOpen();
      return summary(id);
    },

    revealRaw(id) {
      ensureOpen();
      const raw = decryptRaw(id);
      if (!raw?.body) return null;
      audit.write('reveal', id, { bytes: raw.body.length });
      return new Uint8Array(raw.body);
    },

    rawBody(id) {
      ensureOpen();
      const body = decryptRaw(id)?.body;
      return body ? new Uint8Array(body) : null;
    },

    rawHeaders(id) {
      ensureOpen();
      return decryptRaw(id)?.headers ?? null;
    },

    eraseByValue(value) {
      ensureOpen();
      writer.flushNow();
      indexer.flushNow();
      const deleted = eraseByValue(db, ring, audit, value);
      if (deleted > 0) counts = null;
      return deleted;
    },

    countsBySource() {
      ensureOpen();
      if (!counts) {
        const fresh: SourceCounts = {};
        for (const r of countRows.all() as Array<{ source_id: string | null; total: number; verified: number }>) {
          fresh[r.source_id ?? UNMATCHED_SOURCE] = { total: r.total, verified: r.verified, rejected: r.total - r.verified };
        }
        counts = fresh;
      }
      return structuredClone(counts);
    },

    dueForwards(now, limit) {
      ensureOpen();
      return outbox.due(now, limit);
    },

    recordAttempt(deliveryId: string | null, attempt: Attempt, forward?: { state: ForwardState; nextAttemptAt: number | null }) {
      ensureOpen();
      const changed = outbox.record(deliveryId, attempt, forward);
      if (!changed || deliveryId === null || updatedListeners.size === 0) return;
      const item = summary(deliveryId);
      if (!item) return;
      for (const listener of updatedListeners) {
        try {
          listener(item);
        } catch {
          // listeners must not break the outbox
        }
      }
    },

    attempts(deliveryId) {
      ensureOpen();
      return outbox.attempts(deliveryId);
    },

    audit(action, subject, detail) {
      ensureOpen();
      audit.write(action, subject, detail);
    },

    listAudit(limit) {
      ensureOpen();
      return audit.list(limit);
    },

    purgeExpired(now): PurgeResult {
      ensureOpen();
      writer.flushNow();
      indexer.flushNow();
      const result = purgeExpired(db, retention, now);
      if (result.deliveries > 0) counts = null;
      return result;
    },

    onCommitted(listener) {
      committedListeners.add(listener);
      return () => committedListeners.delete(listener);
    },

    onUpdated(listener) {
      updatedListeners.add(listener);
      return () => updatedListeners.delete(listener);
    },

    updateConfig(config) {
      redactor = createRedactor(config.redaction);
      retention = config.retention;
    },

    sealSecret: (text) => ring.sealSecret(text),
    openSecret: (ref) => ring.openSecret(ref),

    async flush() {
      writer.flushNow();
      indexer.flushNow();
    },

    async close() {
      if (closed) return;
      writer.flushNow();
      try {
        indexer.flushNow();
      } catch {
        // rows above the watermark are indexed again at the next open
      }
      indexer.stop();
      closed = true;
      committedListeners.clear();
      updatedListeners.clear();
      db.close();
    },
  };
  return store;
}
