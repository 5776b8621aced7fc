/** createStore: the DeliveryStore over SQLite, with group commit, encryption at rest and redaction. */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { DeliverySummary, ListDeliveriesArgs } from '../../../../shared/api';
import type { HookscopeConfig } from '../../../../shared/config';
import { createRedactor, type Redactor } from '../../../../shared/redact';
import { HookscopeError } from '../../../../shared/result';
import type { Clock } from '../../../../shared/verify/ports';
import { createAuditLog } from './audit-log';
import { createDataKey, DATABASE_FILE_NAME, type DataKey, type Keystore } from '../data-key';
import { openDatabase } from './database';
import { eraseByValue } from './erasure';
import { createDeliveryWriter } from './delivery-writer';
import { createKeyRing } from '../key-ring';
import { verifyKeyCheck } from './key-check';
import { listDeliveries } from './list-deliveries';
import { createOutbox } from './outbox';
import { openRaw, type RawCopy } from '../raw-envelope';
import { createSearchIndexer, type SearchIndexer } from './search-indexer';
import { SAFETY_NET_PAGES, startCheckpointer, type Checkpointer } from './checkpointer';
import { purgeAll, purgeStep, type PurgeResult, type PurgeStep, type RetentionConfig } from './retention';
import { SUMMARY_COLUMNS, toDetail, toSummary, type DeliveryRow, type SummaryRow } from './rows';
import { createCountsCache } from './source-counts';
import { createRetryChainReader } from './retry-chains';
import type { DeliveryStore, NewDelivery } from '../types';

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
  /** WAL checkpoints on a worker thread (default true); false: SQLite's autocheckpoint on the main thread */
  checkpointWorker?: boolean;
}

export interface HookscopeStore extends DeliveryStore {
  /** redaction and retention rules are editable at runtime; applies to rows written from now on */
  updateConfig(config: StoreConfig): void;
  /** encrypts a secret entered in the UI: `enc:<base64>` */
  sealSecret(text: string): string;
  openSecret(ref: string): string;
  /** a secret's public fingerprint, keyed by the data key (key-ring.ts createFingerprinter) */
  fingerprint(value: string): string;
  /** one bounded retention step (the scheduler yields to the event loop between steps) */
  purgeStep(now: number): PurgeStep;
  /** listeners called after recordAttempt changed a delivery's forward state */
  onUpdated(listener: (item: DeliverySummary) => void): () => void;
  /** resolves once everything queued so far is committed (or failed) and indexed */
  flush(): Promise<void>;
  /** checkpoints the WAL into the database file now (where the checkpoint worker runs: on it) */
  checkpoint(): Promise<{ log: number; checkpointed: number }>;
  readonly file: string;
  readonly dataKeySource: DataKey['source'];
}

export function createStore(options: CreateStoreOptions): HookscopeStore {
  const { clock } = options;
  const dataKey = createDataKey({ dataDir: options.dataDir, env: options.env, keystore: options.keystore });
  const ring = createKeyRing(dataKey.material);
  const file = join(options.dataDir, DATABASE_FILE_NAME);
  const synchronous = options.synchronous ?? 'NORMAL';
  const db: Database.Database = openDatabase(file, { synchronous });
  let checkpointer: Checkpointer | null = null;
  let indexer: SearchIndexer;
  try {
    verifyKeyCheck(db, ring);
    indexer = createSearchIndexer(db, ring, () => checkpointer?.nudge());
  } catch (e) {
    db.close();
    throw e;
  }
  let closed = false;
  if (options.checkpointWorker !== false) {
    checkpointer = startCheckpointer(file, synchronous, () => {
      // the worker died: SQLite's own autocheckpoint takes over on this connection
      checkpointer = null;
      if (!closed) db.pragma('wal_autocheckpoint = 1000');
    });
    if (checkpointer) db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  }

  let redactor: Redactor = createRedactor(options.config.redaction);
  let retention: RetentionConfig = options.config.retention;
  const counts = createCountsCache(db);
  const committedListeners = new Set<(items: DeliverySummary[]) => void>();
  const updatedListeners = new Set<(item: DeliverySummary) => void>();
  const audit = createAuditLog(db, clock, () => redactor);
  const outbox = createOutbox(db, clock, () => redactor, ring);
  const selectRow = db.prepare('SELECT * FROM deliveries WHERE id = ?');
  const readRetryChains = createRetryChainReader(db);
  const selectSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries d WHERE d.id = ?`);
  const selectRaw = db.prepare('SELECT raw_enc FROM deliveries WHERE id = ?');

  const writer = createDeliveryWriter(db, ring, {
    maxBatch: options.maxBatch ?? 512,
    committed(items) {
      checkpointer?.nudge();
      indexer.enqueue(items.map((p) => ({
        seq: p.seq, id: p.row.id, body: p.row.body_redacted, eventType: p.row.event_type, path: p.row.path_redacted, blind: p.blind,
      })));
      counts.add(items.map((p) => p.row));
      const summaries = items.map((p) => p.summary);
      for (const listener of committedListeners) {
        try {
          listener(summaries);
        } catch {
          // a failing listener must not undo or block a committed batch
        }
      }
    },
  });

  const ensureOpen = (): void => {
    if (closed) throw new HookscopeError('store_closed', 'the delivery store is closed');
  };

  /** null when the delivery does not exist or its raw copy was purged */
  const decryptRaw = (id: string): RawCopy | null => {
    writer.flushNow();
    const row = selectRaw.get(id) as Pick<DeliveryRow, 'raw_enc'> | undefined;
    return row?.raw_enc ? openRaw(ring, id, row.raw_enc) : null;
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
      return writer.add(delivery, redactor);
    },

    lookupIdempotency(sourceId, key, now) {
      ensureOpen();
      return writer.lookupIdempotency(sourceId, key, now);
    },

    list(args: ListDeliveriesArgs) {
      ensureOpen();
      if (args.q) indexer.flushNow();
      return listDeliveries(db, args, clock.now());
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

    retryChains(firstIds) {
      ensureOpen();
      return readRetryChains(firstIds);
    },

    revealRaw(id) {
      ensureOpen();
      const raw = decryptRaw(id);
      if (!raw) return null;
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

    rawRequest(id) {
      ensureOpen();
      const raw = decryptRaw(id);
      return raw ? { target: raw.target, headers: raw.headers, body: new Uint8Array(raw.body) } : null;
    },

    eraseByValue(value) {
      ensureOpen();
      writer.flushNow();
      indexer.flushNow();
      const deleted = eraseByValue(db, ring, audit, value);
      if (deleted > 0) counts.invalidate();
      return deleted;
    },

    countsBySource() {
      ensureOpen();
      return counts.get();
    },

    dueForwards(now, limit, orderedSources) {
      ensureOpen();
      return outbox.due(now, limit, orderedSources);
    },

    recordAttempt(deliveryId, attempt, forward, sent) {
      ensureOpen();
      const changed = outbox.record(deliveryId, attempt, forward, sent);
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
      const result = purgeAll(db, retention, now);
      if (result.deliveries > 0) counts.invalidate();
      return result;
    },

    purgeStep(now): PurgeStep {
      ensureOpen();
      writer.flushNow();
      indexer.flushNow();
      const result = purgeStep(db, retention, now);
      if (result.deliveries > 0) counts.invalidate();
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
    fingerprint: (value) => ring.fingerprint(value),

    async flush() {
      writer.flushNow();
      indexer.flushNow();
    },

    async checkpoint() {
      ensureOpen();
      // pending rows and index entries first: a write racing the worker's checkpoint could restart the WAL under it
      writer.flushNow();
      indexer.flushNow();
      const result = checkpointer
        ? await checkpointer.checkpoint()
        : (db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>)[0];
      return { log: result.log, checkpointed: result.checkpointed };
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
      // the worker's connection goes first, so this one (the last) checkpoints and removes the WAL
      await checkpointer?.close();
      db.close();
    },
  };
  return store;
}
