/**
 * createStore: the SQLite engine with both halves of a delivery's path (docs/architecture.md).
 * Request path: `add` → group commit → journal append into the journal file (journal-appender.ts) → resolve.
 * After the answer: the derive worker turns journal rows into display rows in the database file on its
 * own connection, in batches (derive/derive-thread.ts); this side gets a message per batch for counters
 * and listeners. Reads see both: a delivery still in the journal is listed and shown as pending, never
 * missing (journal-file.ts: how the two files stay consistent).
 *
 * No wait on the event loop: this connection waits at most MAIN_BUSY_MS for a lock, the journal and
 * derive workers wait off-thread (the journal with a deadline).
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { DeliveryDetail, DeliverySummary, ListDeliveriesArgs } from '../../../../shared/api';
import { createRedactor, type Redactor } from '../../../../shared/redact';
import { HookscopeError } from '../../../../shared/result';
import type { Clock } from '../../../../shared/verify/ports';
import { deriveRow } from '../../derive/derive-row';
import { notDeriving, startDeriveThread, type DeriveRunner } from '../../derive/derive-thread';
import { DERIVE_DELAY_MS } from '../../derive/deriver';
import { createDuplicateKeys } from '../../ingest/duplicate-keys';
import { createGroupCommit } from '../../ingest/group-commit';
import { admitDelivery } from '../../ingest/admit';
import type { DuplicateKey, JournalRecord, StorageAdapter, StoreConfig } from '../contract';
import { createAuditLog } from './audit-log';
import { createDataKey, DATABASE_FILE_NAME, type DataKey, type Keystore } from '../data-key';
import { openDatabase, MAIN_BUSY_MS } from './database';
import { describeOpenError, isLockedError, unlessLocked } from './open-error';
import { eraseByValue } from './erasure';
import { toDeliveryRow } from './derived-writer';
import { deriveOnMain } from './derive-on-main';
import { startJournalAppender } from './journal-appender';
import { createWriteTurn } from './write-turn';
import { createJournalTable, DERIVED_MARK } from './journal-table';
import { journalFileFor, JOURNAL_SCHEMA } from './journal-file';
import { createKeyRing } from '../key-ring';
import { verifyKeyCheck } from './key-check';
import { listDeliveries } from './list-deliveries';
import { clampLimit, decodeCursor, encodeCursor, UNMATCHED_SOURCE } from './list-query';
import { readTimeline } from './timeline';
import { createOutbox } from './outbox';
import { openRaw, type RawCopy } from '../raw-envelope';
import { SAFETY_NET_PAGES, startCheckpointer, type Checkpointer } from './checkpointer';
import { purgeAll, purgeStep, type PurgeResult, type PurgeStep, type RetentionConfig } from './retention';
import { toDetail, toSummary, type DeliveryRow } from './rows';
import { createCountsCache } from './source-counts';
import { createRetryChainReader } from './retry-chains';
import { spacedNudge } from './spaced-nudge';
import type { NewDelivery, RawRequest, Synchronous } from '../types';

/** flush: how often, and how far apart, a derive that met a busy lock is tried again (~60 s in all) */
const FLUSH_TRIES = 240;
const FLUSH_RETRY_MS = 250;

export type { StoreConfig } from '../contract';

/** how long the journal may take to commit before the receiver answers 503 instead */
export const JOURNAL_DEADLINE_MS = 4_000;
const MB = 1024 * 1024;
/** journal rows looked at for one list page while the deriver lags */
const MAX_PENDING_SCAN = 2_000;
/**
 * How long a read that needs derived rows (search, filters the journal cannot answer, a replay of a
 * pending delivery) waits for the derive worker; past that (a backlog after a crash) it answers with
 * what is derived, and simple lists show the rest as pending.
 */
const READ_WAIT_MS = 1_000;
/** after settleReads, the reads that follow within this time show newer arrivals as pending */
const SETTLED_READ_MS = 250;
const KEY_HASH_CACHE = 4096;

function busyError(): HookscopeError {
  return new HookscopeError('storage_busy', 'the database is locked by another writer: nothing was changed; try again once it is released');
}

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
  /** how long a journal append may wait for the write lock before add() rejects (default JOURNAL_DEADLINE_MS) */
  journalDeadlineMs?: number;
  /**
   * where journal rows become display rows: 'worker' (default; its own thread), 'main' (this thread,
   * derive-on-main.ts), 'none' (journal only, rows stay pending: the bench's catch-up figure, crash tests)
   */
  deriver?: 'worker' | 'main' | 'none';
}

/** the storage contract with SQLite's synchronous answers (reads need no event-loop turn) */
export interface HookscopeStore extends Synchronous<StorageAdapter> {
  readonly engine: 'sqlite';
  /** journal rows whose display row is not derived yet */
  pendingCount(): number;
  /** true when the deriver runs on its worker thread (false: on the main thread) */
  readonly derivesOffThread: boolean;
  settleReads(maxWaitMs: number): Promise<void>;
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
  const synchronous = options.synchronous ?? (options.config.storage?.durability === 'power' ? 'FULL' : 'NORMAL');
  let db: Database.Database;
  try {
    db = openDatabase(file, { synchronous });
  } catch (e) {
    throw describeOpenError(e, file, options.dataDir);
  }
  let checkpointer: Checkpointer | null = null;
  try {
    verifyKeyCheck(db, ring);
  } catch (e) {
    db.close();
    throw describeOpenError(e, file, options.dataDir);
  }
  let closed = false;
  if (options.checkpointWorker !== false) {
    checkpointer = startCheckpointer([file, journalFileFor(file)], synchronous, () => {
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
  const journal = createJournalTable(db);
  let budgetBytes = (options.config.storage?.rejectedBudgetMB ?? 100) * MB;
  const selectRow = db.prepare('SELECT * FROM deliveries WHERE id = ?');
  const readRetryChains = createRetryChainReader(db);
  const selectRaw = db.prepare('SELECT raw_enc FROM deliveries WHERE id = ?');
  // nearly every stored key is live: reading the table in its own order beats a lookup per key along the
  // expiry index (unary + keeps SQLite off it): 100k keys in ~0.35 s instead of ~0.9 s (loaded machine).
  // Newest first: a key registered twice while live (memory lost between) stays with its first delivery (migration 010)
  const selectKeys = db.prepare('SELECT source_id, lower(hex(key_hash)) AS key_hash, delivery_id, expires_at FROM duplicate_keys WHERE +expires_at > ? ORDER BY seq DESC');
  // keys still riding in live journal rows (the deriver writes them to duplicate_keys); later ones win, as at registration
  const selectJournalKeys = db.prepare(
    `SELECT source_id, lower(hex(key_hash)) AS key_hash, id AS delivery_id, key_expires_at AS expires_at FROM ${JOURNAL_SCHEMA}.journal
      WHERE key_hash IS NOT NULL AND key_expires_at > ? AND seq > ${DERIVED_MARK} ORDER BY seq`,
  );

  /** runs a write on this connection without waiting for a lock: false when another writer holds it */
  const withoutWaiting = (write: () => void): boolean => {
    db.pragma('busy_timeout = 0');
    try {
      return unlessLocked(write);
    } finally {
      db.pragma(`busy_timeout = ${MAIN_BUSY_MS}`);
    }
  };

  // the chain looks a key up just before add() registers it: hash each (source, key) once
  const keyHashes = new Map<string, string>();
  const hashKey = (sourceId: string, key: string): string => {
    const name = `${sourceId}\u0000${key}`;
    let h = keyHashes.get(name);
    if (h === undefined) {
      h = ring.idempotency(sourceId, key);
      if (keyHashes.size >= KEY_HASH_CACHE) keyHashes.clear();
      keyHashes.set(name, h);
    }
    return h;
  };

  // ---- request path: duplicate set in memory, journal append that never waits for a lock on the event loop ----
  // streamed row by row: 100k keys read into arrays first grew the heap by ~80 MB that stayed with the process
  function* liveKeys(now: number): Generator<DuplicateKey> {
    for (const select of [selectKeys, selectJournalKeys]) {
      for (const r of select.iterate(now) as IterableIterator<{ source_id: string; key_hash: string; delivery_id: string; expires_at: number }>) {
        yield { sourceId: r.source_id, keyHash: r.key_hash, deliveryId: r.delivery_id, expiresAt: r.expires_at };
      }
    }
  }
  const keys = createDuplicateKeys(liveKeys(clock.now()));
  // the journal's commit and the deriver's share SQLite's one write lock: the journal goes first (write-turn.ts)
  const writeTurn = createWriteTurn();
  const appender = startJournalAppender(db, file, synchronous, writeTurn);
  let derive: DeriveRunner | null = null;
  // one message to the derive worker per DERIVE_DELAY_MS, not one per group commit
  const nudgeDeriver = spacedNudge(() => derive?.nudge(), DERIVE_DELAY_MS);
  const commits = createGroupCommit(appender, {
    maxBatch: options.maxBatch ?? 512,
    deadlineMs: options.journalDeadlineMs ?? JOURNAL_DEADLINE_MS,
    onSettled(entries, ok) {
      if (!ok) {
        for (const e of entries) {
          if (e.keyHash && e.sourceId && e.keyExpiresAt !== null) keys.release({ sourceId: e.sourceId, keyHash: e.keyHash, deliveryId: e.id, expiresAt: e.keyExpiresAt });
        }
      }
      checkpointer?.nudge();
      nudgeDeriver();
    },
  });

  // ---- after the answer: the derive worker writes display rows and indexes; counters and listeners here ----
  const derived = (seqs: number[], summaries: DeliverySummary[]): void => {
    checkpointer?.nudge();
    counts.add(summaries.map((item, i) => ({ seq: seqs[i], sourceId: item.sourceId, verdict: item.verdict })));
    for (const listener of committedListeners) {
      try {
        listener(summaries);
      } catch {
        // a failing listener must not undo or block a committed batch
      }
    }
  };
  const deriveSettings = { redaction: options.config.redaction, rejectedBudgetBytes: budgetBytes, onDerived: derived };
  const onMain = (): DeriveRunner => deriveOnMain(db, { ...deriveSettings, ring, withoutWaiting });
  const onWorker = (): DeriveRunner | null =>
    startDeriveThread({
      ...deriveSettings, file, synchronous, keyMaterial: dataKey.material, writeTurn,
      // the worker died (it could not load, or crashed): its work continues on this thread
      onDied: () => {
        if (!closed) derive = onMain();
      },
    });
  const mode = options.deriver ?? 'worker';
  derive = mode === 'none' ? notDeriving() : ((mode === 'worker' ? onWorker() : null) ?? onMain());
  // rows an older run left unindexed are indexed by the deriver when it starts: until then searches wait for it
  const indexedAtOpen = db.prepare("SELECT COALESCE((SELECT value FROM meta WHERE key = 'indexed_seq'), 0) >= COALESCE((SELECT MAX(seq) FROM deliveries), 0)").pluck().get() === 1;
  const viewComplete = (): boolean => (indexedAtOpen || derive!.ready()) && journal.count() === 0;
  // until then, reads show what is not derived as pending rather than block the event loop (settleReads waited already)
  let noSyncWaitUntil = 0;
  /**
   * the derived view is complete up to now (waiting at most READ_WAIT_MS); false: some rows are still pending.
   * A list or timeline read (`showsPending`) right after settleReads does not wait: it shows newer rows as pending.
   */
  const caughtUp = (showsPending = false): boolean =>
    viewComplete() || (!(showsPending && Date.now() < noSyncWaitUntil) && derive!.catchUpSync(READ_WAIT_MS));
  // reads that combine the journal and the display rows see one snapshot of each file, the journal's taken
  // first: a row pruned from it before then was derived before the database's (journal-file.ts)
  const touchJournal = db.prepare(`SELECT 1 FROM ${JOURNAL_SCHEMA}.journal LIMIT 1`);
  const snapshot = <T>(read: () => T): T =>
    db.transaction(() => {
      touchJournal.get();
      return read();
    })();

  let explain = (detail: DeliveryDetail, _rawRequest: (id: string) => RawRequest | null): DeliveryDetail => detail;
  const rawRequest = (id: string): RawRequest | null => {
    const raw = decryptRaw(id);
    return raw ? { target: raw.target, headers: raw.headers, body: new Uint8Array(raw.body) } : null;
  };

  const ensureOpen = (): void => {
    if (closed) throw new HookscopeError('store_closed', 'the delivery store is closed');
  };

  /** the sealed request of a delivery, from its display row or, while pending, from the journal */
  const decryptRaw = (id: string): RawCopy | null => {
    const sealed = snapshot((): Buffer | null => {
      const row = selectRaw.get(id) as Pick<DeliveryRow, 'raw_enc'> | undefined;
      if (row) return row.raw_enc;
      const pending = journal.byId(id);
      return pending && pending.retention !== 'junk' ? Buffer.from(pending.sealed) : null;
    });
    return sealed ? openRaw(ring, id, sealed) : null;
  };

  const pendingRow = (record: JournalRecord): DeliveryRow => toDeliveryRow({ record, row: deriveRow(record, redactor, ring) });

  const summary = (id: string): DeliverySummary | null => {
    const row = selectRow.get(id) as DeliveryRow | undefined;
    if (row) return toSummary(row);
    const pending = journal.byId(id);
    return pending ? { ...toSummary(pendingRow(pending)), pending: true } : null;
  };

  /** pending rows for the first list page: newest first, matching the simple filters */
  const pendingFor = (args: ListDeliveriesArgs, limit: number): DeliverySummary[] => {
    const out: DeliverySummary[] = [];
    for (const record of journal.newest(MAX_PENDING_SCAN)) {
      if (args.sourceId !== undefined && (args.sourceId === UNMATCHED_SOURCE ? record.sourceId !== null : record.sourceId !== args.sourceId)) continue;
      if (args.verdict && record.verdict !== args.verdict) continue;
      const item = { ...toSummary(pendingRow(record)), pending: true };
      if (args.failedCheck && !item.checks.some((c) => c.id === args.failedCheck && c.outcome === 'fail')) continue;
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  };

  const admission = { ring, keys, commits, hashKey };

  const store: HookscopeStore = {
    engine: 'sqlite',
    file,
    dataKeySource: dataKey.source,

    add(delivery: NewDelivery) {
      if (closed) return Promise.reject(new HookscopeError('store_closed', 'the delivery store is closed'));
      return admitDelivery(delivery, admission);
    },

    lookupIdempotency(sourceId, key, now) {
      ensureOpen();
      return keys.lookup(sourceId, hashKey(sourceId, key), now);
    },

    list(args: ListDeliveriesArgs) {
      ensureOpen();
      // reads see derived rows: the worker gets a moment to derive what is journaled (this thread only waits)
      caughtUp(true);
      const firstPage = args.before === undefined && args.asOf === undefined && (args.offset ?? 0) === 0 && !args.q && !args.eventType;
      // not derived yet (just arrived, the database is locked, or a backlog after a crash): shown first, flagged pending;
      // one snapshot, so a row the worker moves meanwhile is neither missed nor shown twice
      return snapshot(() => {
        const limit = clampLimit(args.limit);
        const pending = firstPage ? pendingFor(args, limit) : [];
        if (pending.length === 0) return listDeliveries(db, args, clock.now());
        // derived rows fill the rest of the page, so `next` goes on right after the last one shown
        const room = limit - pending.length;
        const page = listDeliveries(db, { ...args, limit: Math.max(1, room) }, clock.now());
        const total = page.total + pending.length;
        if (room > 0) return { ...page, items: [...pending, ...page.items], total };
        const next = page.total > 0 ? encodeCursor(decodeCursor(page.top) + 1) : undefined;
        return { items: pending, total, top: page.top, ...(next ? { next } : {}) };
      });
    },

    timeline(args) {
      ensureOpen();
      // like list(): what the journal holds is counted once derived (the worker gets a moment)
      caughtUp(true);
      return readTimeline(db, args, clock.now());
    },

    get(id) {
      ensureOpen();
      const detail = snapshot((): DeliveryDetail | null => {
        const row = selectRow.get(id) as DeliveryRow | undefined;
        if (row) return toDetail(row, outbox.attempts(id));
        const pending = journal.byId(id);
        return pending ? { ...toDetail(pendingRow(pending), []), pending: true } : null;
      });
      return detail ? explain(detail, rawRequest) : null;
    },

    summary(id) {
      ensureOpen();
      return snapshot(() => summary(id));
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
      return rawRequest(id);
    },

    async eraseByValue(value) {
      ensureOpen();
      // the blind index must cover every acknowledged delivery before it is searched
      await commits.settled();
      if (!(await derive!.catchUp())) throw busyError();
      const erased = new Set<string>();
      const deleted = eraseByValue(db, ring, audit, value, (ids) => ids.forEach((i) => erased.add(i)));
      keys.forget(erased);
      if (deleted > 0) counts.invalidate();
      return deleted;
    },

    countsBySource() {
      ensureOpen();
      return counts.get();
    },

    dueForwards(now, limit, orderedSources) {
      ensureOpen();
      // the outbox reads display rows: a pending delivery is forwarded once the worker derived it
      return outbox.due(now, limit, orderedSources);
    },

    recordAttempt(deliveryId, attempt, forward, sent) {
      ensureOpen();
      // a replay of a pending delivery: its row must exist before an attempt can refer to it
      if (deliveryId !== null && !selectRaw.get(deliveryId)) caughtUp();
      let changed: boolean;
      try {
        changed = outbox.record(deliveryId, attempt, forward, sent);
      } catch (e) {
        // a lock held a moment longer than this connection waits: the caller may try again (storage_busy)
        throw isLockedError(e) ? busyError() : e;
      }
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
      // old pending rows are purged too once derived: give the worker a moment
      caughtUp();
      keys.sweep(now);
      const result = purgeAll(db, retention, now);
      if (result.deliveries > 0) counts.invalidate();
      return result;
    },

    purgeStep(now): PurgeStep {
      ensureOpen();
      // old pending rows are purged too once derived: give the worker a moment
      caughtUp();
      keys.sweep(now);
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
      // what was acknowledged under the old rules is derived (and shown while pending) under them
      caughtUp();
      redactor = createRedactor(config.redaction);
      retention = config.retention;
      if (config.storage) budgetBytes = config.storage.rejectedBudgetMB * MB;
      // the worker, too, derives what it holds with the old rules before it switches
      derive!.configure(config.redaction, budgetBytes, journal.head());
    },

    sealSecret: (text) => ring.sealSecret(text),
    openSecret: (ref) => ring.openSecret(ref),
    fingerprint: (value) => ring.fingerprint(value),

    async flush() {
      await commits.settled();
      // a batch that met a busy lock (this store's own checkpoint, a reader's long snapshot) is tried
      // again: flush promises the rows derived, not one attempt (bounded: a lock held for minutes gives up)
      if (mode === 'none') return;
      for (let tries = 0; tries < FLUSH_TRIES && !closed; tries++) {
        if ((await derive!.catchUp()) || journal.count() === 0) return;
        await new Promise((resolve) => setTimeout(resolve, FLUSH_RETRY_MS));
      }
    },

    async settleReads(maxWaitMs) {
      if (closed || viewComplete()) return;
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, maxWaitMs);
      });
      await Promise.race([derive!.catchUp({ untilLocked: true }), waited]);
      clearTimeout(timer);
      // the read this was for runs in the next moments: it must not wait synchronously for rows that arrived since
      noSyncWaitUntil = Date.now() + SETTLED_READ_MS;
    },

    pendingCount: () => journal.count(),
    get derivesOffThread() {
      return derive!.offThread;
    },

    setExplainer(fn) {
      explain = fn;
    },

    async checkpoint() {
      ensureOpen();
      // pending rows and index entries first: a write racing the worker's checkpoint could restart the WAL under it
      await commits.settled();
      await derive!.catchUp();
      const result = checkpointer
        ? await checkpointer.checkpoint()
        : (db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>)[0];
      return { log: result.log, checkpointed: result.checkpointed };
    },

    async close() {
      if (closed) return;
      closed = true;
      await commits.settled();
      await appender.close();
      nudgeDeriver.cancel();
      // the worker derives what it can; rows left in the journal (the database is locked) are derived at the next open
      await derive!.close();
      committedListeners.clear();
      updatedListeners.clear();
      // the worker's connection goes first, so this one (the last) checkpoints and removes the WAL
      await checkpointer?.close();
      db.close();
    },
  };
  return store;
}
