/**
 * The storage contract (store/contract.ts StorageAdapter) on PostgreSQL: the team engine behind
 * `hookscope serve --store postgres://…`. Any number of replicas share one database.
 *
 * Request path, as on SQLite: the duplicate set in memory, then a group commit (journal.append) that
 * resolves only after PostgreSQL committed — the 2xx goes out after that. The database's primary key
 * on (source, key hash) makes idempotency global: a copy another replica registered first is stored
 * as its duplicate.
 *
 * After the answer, each replica follows the journal (its own commits and, through LISTEN/NOTIFY,
 * everyone else's): display rows are derived once cluster-wide (derive-claim.ts: one replica claims a
 * batch, the others wait and find it done), and each replica reads the derived rows back and tells its
 * own listeners about every new delivery once — so `deliveriesAdded` reaches every replica's stream.
 */
import type { Attempt, DeliveryDetail, DeliveryPage, DeliverySummary, ListDeliveriesArgs } from '../../../../shared/api';
import { parseQuery } from '../../../../shared/query';
import { createRedactor, normalizeErasureValue, type Redactor } from '../../../../shared/redact';
import { HookscopeError } from '../../../../shared/result';
import type { Clock } from '../../../../shared/verify/ports';
import { deriveRow } from '../../derive/derive-row';
import { markDuplicateCodes } from '../../ingest/check-codes';
import { createDuplicateKeys, type DuplicateKeys } from '../../ingest/duplicate-keys';
import { createGroupCommit } from '../../ingest/group-commit';
import { admitDelivery } from '../../ingest/admit';
import { attemptRow } from '../attempt-row';
import type { AttemptRecord, JournalRecord, ListedDelivery, PurgeStep, StorageAdapter, StoreConfig } from '../contract';
import { openRaw } from '../raw-envelope';
import { toDeliveryRow } from '../sqlite/derived-writer';
import { clampLimit, decodeCursor, encodeCursor } from '../sqlite/list-query';
import { toDetail, toSummary, type DeliveryRow } from '../sqlite/rows';
import type { RawRequest } from '../types';
import { createPostgresAdapter, type PostgresAdapter } from './adapter';
import { deriveNextBatch, derivedAfter } from './derive-claim';
import { toAttempt } from './records';
import { teamKeyRing } from './shared-key';
import { EMPTY_TIMELINE, fillTimeline, planTimeline } from '../timeline-plan';

const MB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
/** journal rows read per follow step */
const FOLLOW_BATCH = 500;
const PURGE_STEP_ROWS = 250;
/** how long an append may wait for the cluster-wide append lock before the receiver answers 503 */
export const PG_JOURNAL_DEADLINE_MS = 4_000;

export interface CreatePostgresStoreOptions {
  url: string;
  config: StoreConfig;
  /** HOOKSCOPE_DATA_KEY comes from here: the same key on every replica */
  env: Record<string, string | undefined>;
  clock: Clock;
  onError?: (message: string) => void;
  poolMax?: number;
  maxBatch?: number;
  journalDeadlineMs?: number;
}

export interface PostgresStore extends StorageAdapter {
  readonly engine: 'postgres';
  /** the engine's parts (tests, bench) */
  readonly parts: PostgresAdapter;
}

/** the query language's tree; invalid_argument naming `q` and the position when it does not parse */
function parseOrThrow(q: string | undefined) {
  const parsed = parseQuery(q ?? '');
  if (!parsed.ok) throw new HookscopeError('invalid_argument', `q: ${parsed.error.message} (at character ${parsed.error.at + 1})`, { at: parsed.error.at });
  return parsed.node;
}

function toApiAttempt(a: AttemptRecord): Attempt {
  const r = a.request ?? null;
  return {
    id: a.id,
    at: new Date(a.at).toISOString(),
    target: a.target,
    mode: a.mode,
    status: a.status,
    durationMs: a.durationMs,
    error: a.error,
    responseHeaders: a.responseHeaders,
    responseBody: a.responseBody,
    request: r ? { method: r.method, url: r.url, headers: JSON.parse(r.headers) as Array<[string, string]>, bodySha256: r.bodySha256, bodySize: r.size, body: r.body } : null,
  };
}

export async function createPostgresStore(options: CreatePostgresStoreOptions): Promise<PostgresStore> {
  const { clock } = options;
  const report = options.onError ?? (() => undefined);
  // set once the engine is open (its table seeds it); the engine's onKeyHeld reaches it from then on
  let keys: DuplicateKeys | null = null;
  const ring = teamKeyRing(options.env);
  const engine = await createPostgresAdapter({
    url: options.url,
    clock,
    keyRing: ring,
    poolMax: options.poolMax,
    onError: report,
    markDuplicate: markDuplicateCodes,
    onKeyHeld: (key) => keys?.register(key),
  });
  let redactor: Redactor = createRedactor(options.config.redaction);
  let retention = options.config.retention;
  let budgetBytes = (options.config.storage?.rejectedBudgetMB ?? 100) * MB;
  let explain = (detail: DeliveryDetail, _rawRequest: (id: string) => RawRequest | null): DeliveryDetail => detail;
  const committedListeners = new Set<(items: DeliverySummary[]) => void>();
  const updatedListeners = new Set<(item: DeliverySummary) => void>();
  let closed = false;

  // ---- request path: duplicate set in memory (seeded from the shared table), group commit ----
  keys = createDuplicateKeys(await engine.journal.duplicateKeys(clock.now()));
  const commits = createGroupCommit(engine.journal, {
    maxBatch: options.maxBatch ?? 512,
    deadlineMs: options.journalDeadlineMs ?? PG_JOURNAL_DEADLINE_MS,
    onSettled(entries, ok) {
      if (!ok) {
        for (const e of entries) {
          if (e.keyHash && e.sourceId && e.keyExpiresAt !== null) keys.release({ sourceId: e.sourceId, keyHash: e.keyHash, deliveryId: e.id, expiresAt: e.keyExpiresAt });
        }
      }
      void follow();
    },
  });

  // ---- after the answer: derive what no replica has derived yet (once cluster-wide), tell listeners ----
  /** the seq up to which this replica has told its listeners; rows before it existed when it started */
  let seen = await engine.views.top();

  /** until nothing committed before the call is left underived; another replica's batch is waited for, not redone */
  const deriveAll = async (): Promise<void> => {
    for (;;) {
      const r = redactor;
      const batch = await deriveNextBatch(engine.pool, FOLLOW_BATCH, (records) => records.map((record) => deriveRow(record, r, ring)));
      if (batch.rejected) await engine.journal.enforceRejectedBudget(budgetBytes);
      if (batch.derived === 0) return;
    }
  };

  /** every derived row this replica has not announced yet, read back (whoever derived it), to this replica's listeners once */
  const announce = async (): Promise<void> => {
    for (;;) {
      if (closed) return;
      const listed = await derivedAfter(engine.pool, seen, FOLLOW_BATCH);
      if (listed.length === 0) return;
      seen = listed[listed.length - 1].record.seq;
      const summaries = listed.map(summaryOfListed);
      for (const listener of committedListeners) {
        try {
          listener(summaries);
        } catch {
          // a failing listener must not block the others
        }
      }
    }
  };

  let tail: Promise<void> = Promise.resolve();
  let queued = false;
  /** resolves once everything committed before the call is derived and announced */
  const follow = (): Promise<void> => {
    if (queued) return tail;
    queued = true;
    tail = tail
      .then(async () => {
        queued = false;
        await deriveAll();
        await announce();
      })
      .catch((error: unknown) => {
        queued = false;
        report(`following the shared journal failed (${(error as Error).name}); it is retried with the next commit`);
      });
    return tail;
  };
  const unwatch = engine.onAppended(() => void follow());

  const ensureOpen = (): void => {
    if (closed) throw new HookscopeError('store_closed', 'the delivery store is closed');
  };

  const openSealed = (record: JournalRecord): RawRequest | null => {
    if (!record.bodyKept) return null;
    const raw = openRaw(ring, record.id, Buffer.from(record.sealed.buffer, record.sealed.byteOffset, record.sealed.byteLength));
    return { target: raw.target, headers: raw.headers, body: new Uint8Array(raw.body) };
  };
  const rawOf = async (id: string): Promise<RawRequest | null> => {
    ensureOpen();
    const record = await engine.journal.get(id);
    return record ? openSealed(record) : null;
  };

  const rowOf = (listed: ListedDelivery): { row: DeliveryRow; pending: boolean } => {
    const derived = listed.row ?? deriveRow(listed.record, redactor, ring);
    const row = { ...toDeliveryRow({ record: listed.record, row: derived }), forward_state: listed.forward?.state ?? null, forward_status: listed.forward?.status ?? null };
    return { row, pending: listed.row === null };
  };
  const summaryOfListed = (listed: ListedDelivery): DeliverySummary => {
    const { row, pending } = rowOf(listed);
    return pending ? { ...toSummary(row), pending: true } : toSummary(row);
  };

  const summary = async (id: string): Promise<DeliverySummary | null> => {
    ensureOpen();
    const listed = await engine.views.get(id);
    return listed ? summaryOfListed(listed) : null;
  };

  const purgeStep = async (now: number): Promise<PurgeStep> => {
    ensureOpen();
    keys.sweep(now);
    const step = await engine.purge({
      deleteBefore: now - retention.eventDays * DAY_MS,
      dropBodiesBefore: now - retention.rawBodyDays * DAY_MS,
      maxRows: PURGE_STEP_ROWS,
    });
    return { deliveries: step.deliveries, rawBodies: step.bodies, keys: step.keys, done: step.done };
  };

  const store: PostgresStore = {
    engine: 'postgres',
    parts: engine,

    add(delivery) {
      if (closed) return Promise.reject(new HookscopeError('store_closed', 'the delivery store is closed'));
      return admitDelivery(delivery, { ring, keys, commits, hashKey: (sourceId, key) => ring.idempotency(sourceId, key) });
    },

    lookupIdempotency(sourceId, key, now) {
      ensureOpen();
      return keys.lookup(sourceId, ring.idempotency(sourceId, key), now);
    },

    async list(args: ListDeliveriesArgs): Promise<DeliveryPage> {
      ensureOpen();
      const now = clock.now();
      const limit = clampLimit(args.limit);
      const top = args.asOf !== undefined ? decodeCursor(args.asOf, 'asOf') : await engine.views.top();
      const filter = { query: parseOrThrow(args.q), now, sourceId: args.sourceId, verdict: args.verdict, failedCheck: args.failedCheck, eventType: args.eventType, upToSeq: top };
      const [total, rows] = await Promise.all([
        engine.views.count(filter),
        engine.views.list({ ...filter, beforeSeq: args.before !== undefined ? decodeCursor(args.before) : undefined, offset: args.offset, limit: limit + 1 }),
      ]);
      const shown = rows.slice(0, limit);
      const page: DeliveryPage = { items: shown.map(summaryOfListed), total, top: encodeCursor(top) };
      if (rows.length > limit && shown.length > 0) page.next = encodeCursor(shown[shown.length - 1].record.seq);
      return page;
    },

    async timeline(args) {
      ensureOpen();
      const now = clock.now();
      const filter = { query: parseOrThrow(args.q), now, sourceId: args.sourceId };
      const plan = planTimeline(args, now, await engine.views.span(filter));
      return plan ? fillTimeline(plan, await engine.views.bars(filter, plan.start, plan.bucketMs)) : EMPTY_TIMELINE;
    },

    async get(id) {
      ensureOpen();
      const listed = await engine.views.get(id);
      if (!listed) return null;
      const { row, pending } = rowOf(listed);
      const attempts = (await engine.outbox.attempts(id)).map(toApiAttempt);
      const detail = toDetail(row, attempts);
      const rawRequest = (rid: string): RawRequest | null => (rid === id ? openSealed(listed.record) : null);
      return explain(pending ? { ...detail, pending: true } : detail, rawRequest);
    },

    summary,

    async retryChains(firstIds) {
      ensureOpen();
      return engine.views.retryChains(firstIds);
    },

    async revealRaw(id) {
      const raw = await rawOf(id);
      if (!raw) return null;
      await store.audit('reveal', id, { bytes: raw.body.length });
      return raw.body;
    },

    async rawBody(id) {
      return (await rawOf(id))?.body ?? null;
    },

    async rawHeaders(id) {
      return (await rawOf(id))?.headers ?? null;
    },

    rawRequest: rawOf,

    async eraseByValue(value) {
      ensureOpen();
      const query = normalizeErasureValue(value);
      if (!query) {
        throw new HookscopeError('invalid_argument', 'value: give an e-mail address or a phone number with area code (e.g. +1 415 555 0100); nothing was erased');
      }
      // the blind index must cover every acknowledged delivery before it is searched
      await commits.settled();
      await follow();
      const hmacs = query.values.map((v) => ring.blind(v));
      const ids = await engine.views.idsByBlind(hmacs);
      const deleted = await engine.views.erase(ids);
      keys.forget(new Set(ids));
      await store.audit('erase', null, { deleted, valueKind: query.kind, fingerprint: hmacs[0].subarray(0, 4).toString('hex') });
      return deleted;
    },

    async countsBySource() {
      ensureOpen();
      return engine.journal.counts();
    },

    async dueForwards(now, limit, orderedSources) {
      ensureOpen();
      // outbox rows are written with the display rows: derive what is committed first
      await follow();
      // claimed once across replicas; an ordered source's deliveries one at a time, in receipt order
      return engine.outbox.due(now, limit, orderedSources);
    },

    async recordAttempt(deliveryId, attempt, forward, sent) {
      ensureOpen();
      const row = attemptRow(redactor, ring, clock.now(), deliveryId, attempt, sent);
      const record = toAttempt({
        ...row,
        request_method: row.request_method ?? null,
        request_url: row.request_url ?? null,
        request_headers: row.request_headers ?? null,
        request_body: row.request_body ?? null,
        request_body_sha256: row.request_body_sha256 ?? null,
        request_size: row.request_size ?? null,
      });
      const changed = await engine.outbox.record(record, forward ? { state: forward.state, status: attempt.status, nextAttemptAt: forward.nextAttemptAt, answeredStatus: forward.answeredStatus } : undefined);
      if (!changed || deliveryId === null || updatedListeners.size === 0) return;
      const item = await summary(deliveryId);
      if (!item) return;
      for (const listener of updatedListeners) {
        try {
          listener(item);
        } catch {
          // listeners must not break the outbox
        }
      }
    },

    async attempts(deliveryId) {
      ensureOpen();
      return (await engine.outbox.attempts(deliveryId)).map(toApiAttempt);
    },

    async audit(action, subject, detail) {
      ensureOpen();
      await engine.audit.append({ at: clock.now(), action, subject, detail: redactor.json(JSON.stringify(detail)) });
    },

    async listAudit(limit) {
      ensureOpen();
      return engine.audit.list(limit);
    },

    async purgeExpired(now) {
      const total = { deliveries: 0, rawBodies: 0, keys: 0 };
      for (;;) {
        const step = await purgeStep(now);
        total.deliveries += step.deliveries;
        total.rawBodies += step.rawBodies;
        total.keys += step.keys;
        if (step.done) return total;
      }
    },

    purgeStep,

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
      if (config.storage) budgetBytes = config.storage.rejectedBudgetMB * MB;
    },

    sealSecret: (text) => ring.sealSecret(text),
    openSecret: (ref) => ring.openSecret(ref),
    fingerprint: (value) => ring.fingerprint(value),

    async flush() {
      await commits.settled();
      await follow();
    },

    setExplainer(fn) {
      explain = fn;
    },

    async close() {
      if (closed) return;
      await commits.settled();
      await follow();
      closed = true;
      unwatch();
      committedListeners.clear();
      updatedListeners.clear();
      await engine.close();
    },
  };
  // rows committed and never derived (every replica was down): derived now, not announced (they predate this start)
  void follow();
  return store;
}
