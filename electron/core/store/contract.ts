/**
 * The storage contract: the one interface the core talks to. Adapters: store/sqlite (embedded
 * default) and store/postgres (team engine). One contract test suite runs against both.
 *
 * Division of labour (docs/architecture.md, "The ingest path"):
 * - The core does all crypto and redaction. An adapter stores and finds what it is given: sealed
 *   envelopes (AES-256-GCM, opaque bytes), keyed hashes, redacted text, numbers. It never sees a
 *   plaintext body, header or secret, so no engine can leak one into a file, a log or an error.
 * - Two halves. The request path calls only `journal.append` (one group commit per batch) and answers
 *   after it resolves. Everything else — display rows, search, blind index, counters — is written by
 *   the deriver after the answer, in large batches, through `views.apply`, which also advances the
 *   derived watermark in the same transaction (so a crash re-derives, never skips).
 * - Every method is async: an engine may do its I/O off the event loop (a worker thread, a socket).
 *   The request path must never wait on a lock on the event loop: `append` takes a deadline and
 *   rejects with StorageBusyError when it cannot commit in time (the receiver answers 503 then).
 * - Durability: `append` resolves only once the batch survives a process kill (`durability: 'process'`)
 *   or a power loss (`durability: 'power'`).
 */
import type { AuditEntry, DeliveryDetail, DeliverySummary, ForwardState } from '../../../shared/api';
import type { CheckId, Verdict } from '../../../shared/checks';
import type { QueryNode } from '../../../shared/query';
import type { HookscopeConfig } from '../../../shared/config';
import type { RedactionConfig } from '../../../shared/redact';
import type { Awaitable, ChainMember, DeliveryStore, DueForward, RawRequest } from './types';

export type { DueForward };

/** the config sections storage follows at runtime; redaction with the configured secrets' values (ConfigService.redaction) */
export type StoreConfig = Pick<HookscopeConfig, 'retention'> & { redaction: RedactionConfig } & Partial<Pick<HookscopeConfig, 'storage'>>;

/** one bounded retention step */
export interface PurgeStep {
  deliveries: number;
  rawBodies: number;
  keys: number;
  done: boolean;
}

/**
 * What the core (create-core.ts and everything it wires) asks of storage. Implemented by the SQLite
 * store (store/sqlite/store.ts, the embedded default) and the PostgreSQL store (store/postgres/store.ts,
 * the team engine); the suite in test/electron/core/store/contract runs against both.
 * The request path uses only `lookupIdempotency` (in memory, synchronous) and `add` (group commit).
 */
export interface StorageAdapter extends DeliveryStore {
  readonly engine: 'sqlite' | 'postgres';
  /** redaction and retention rules are editable at runtime; applies to rows written from now on */
  updateConfig(config: StoreConfig): void;
  /** encrypts a secret entered in the UI: `enc:<base64>` */
  sealSecret(text: string): string;
  openSecret(ref: string): string;
  /** a secret's public fingerprint, keyed by the data key (key-ring.ts createFingerprinter) */
  fingerprint(value: string): string;
  /** one bounded retention step (the scheduler yields to the event loop between steps) */
  purgeStep(now: number): Awaitable<PurgeStep>;
  /** listeners called after recordAttempt changed a delivery's forward state */
  onUpdated(listener: (item: DeliverySummary) => void): () => void;
  /** resolves once everything queued so far is committed (or failed), derived and indexed */
  flush(): Promise<void>;
  /** how check prose is rebuilt from codes on read (derive/explain-checks.ts); rawRequest reads the delivery's sealed request */
  setExplainer(explain: (detail: DeliveryDetail, rawRequest: (id: string) => RawRequest | null) => DeliveryDetail): void;
}

export type Durability = 'process' | 'power';

/**
 * What happened to a request, for storage purposes:
 * - `kept`: matched a source and passed or failed in a way worth diagnosing with its body
 *   (verified, duplicate): body kept for the retention period.
 * - `rejected`: failed auth/signature/timestamp: body kept within `storage.rejectedBudgetMB`, oldest
 *   rejected bodies dropped first (the journal row and its codes stay).
 * - `junk`: rate-limited, unknown path, oversize, refused IP: metadata only, the body is never stored.
 */
export type RetentionClass = 'kept' | 'rejected' | 'junk';

/** One append to the journal: only what the answer depended on, plus the sealed request. */
export interface JournalEntry {
  /** time-sortable delivery id (store/delivery-id.ts) */
  id: string;
  receivedAt: number;
  /** null: the path matched no source */
  sourceId: string | null;
  method: string;
  verdict: Verdict;
  /** the HTTP status answered */
  status: number;
  /** the check results as compact codes (ingest/check-codes.ts); prose is rebuilt when read */
  codes: string;
  retention: RetentionClass;
  clientIp: string;
  /** bytes of body received (also for junk, whose body is not stored) */
  size: number;
  bodyTruncated: boolean;
  /** AES-256-GCM envelope of target, headers and (unless junk) body; opaque to the adapter */
  sealed: Uint8Array;
  /** keyed hash of (source, idempotency key) registered by this delivery, until keyExpiresAt */
  keyHash: string | null;
  keyExpiresAt: number | null;
  duplicateOf: string | null;
  /** non-null: queue for auto-forward to this URL (written with the derived row) */
  forwardTarget: string | null;
}

export interface JournalRecord extends JournalEntry {
  /** assigned by the adapter at append, strictly increasing in commit order */
  seq: number;
  /** false once the sealed body was dropped (retention, rejected budget, erasure) */
  bodyKept: boolean;
}

/** An entry of the in-memory duplicate set, loaded at start from a primary-key table. */
export interface DuplicateKey {
  sourceId: string;
  keyHash: string;
  deliveryId: string;
  expiresAt: number;
}

export interface Journal {
  /** one transaction for the whole batch; rejects with StorageBusyError after `deadlineMs` */
  append(entries: JournalEntry[], options: { deadlineMs: number }): Promise<void>;
  /** records with seq > afterSeq, oldest first */
  after(afterSeq: number, limit: number): Promise<JournalRecord[]>;
  get(id: string): Promise<JournalRecord | null>;
  /** registered idempotency keys not expired at `now` (the duplicate set is built from these) */
  duplicateKeys(now: number): Promise<DuplicateKey[]>;
  /** drops the oldest `rejected` bodies until they total ≤ budgetBytes; returns how many were dropped */
  enforceRejectedBudget(budgetBytes: number): Promise<number>;
  /** per source: counts of every request, including junk whose rows may be gone */
  counts(): Promise<Record<string, { total: number; verified: number; rejected: number }>>;
}

/** The display row the deriver writes: redacted copies, search text, blind-index hashes. */
export interface DerivedRow {
  seq: number;
  id: string;
  pathRedacted: string;
  headersRedacted: string;
  bodyRedacted: string;
  bodySha256: string;
  contentType: string | null;
  eventType: string | null;
  idempotencyKey: string | null;
  /** check ids that failed, for the failed-check filter */
  failed: CheckId[];
  /** keyed HMACs of normalised e-mails and phone numbers (erasure by value without storing values) */
  blind: Uint8Array[];
}

/** a journal record with the display row derived from it */
export interface DerivedDelivery {
  record: JournalRecord;
  row: DerivedRow;
}

export interface ListFilter {
  sourceId?: string;
  /** '' or null: unmatched deliveries */
  verdict?: Verdict;
  failedCheck?: CheckId;
  eventType?: string;
  /** the delivery query language (shared/query), parsed; free text searches the redacted copies */
  query?: QueryNode | null;
  /** the time relative query times (after:-15m) count from (default: now) */
  now?: number;
  /** seq cursor: only rows with seq < beforeSeq */
  beforeSeq?: number;
  /** a snapshot: only rows with seq ≤ upToSeq */
  upToSeq?: number;
  /** rows to skip, newest first */
  offset?: number;
  limit: number;
}

/** a delivery as listed: journal record, display row once derived, forward state once queued */
export interface ListedDelivery {
  record: JournalRecord;
  row: DerivedRow | null;
  forward: { state: ForwardState; status: number | null } | null;
}

export interface DerivedViews {
  /** highest journal seq whose derived row is written */
  watermark(): Promise<number>;
  /** writes the rows and sets the watermark to `upToSeq` in one transaction */
  apply(rows: DerivedRow[], upToSeq: number): Promise<void>;
  /** newest first; journal rows above the watermark are returned too, flagged pending */
  list(filter: ListFilter): Promise<ListedDelivery[]>;
  /** how many rows match (limit, offset and beforeSeq ignored) */
  count(filter: Omit<ListFilter, 'limit'>): Promise<number>;
  /** the highest seq stored (0 when empty): a list snapshot's top */
  top(): Promise<number>;
  /** received_at of the oldest and newest match (the timeline's window) */
  span(filter: Omit<ListFilter, 'limit'>): Promise<{ lo: number | null; hi: number | null }>;
  /** matches per bar b = floor((received_at - start) / bucketMs), by verdict */
  bars(filter: Omit<ListFilter, 'limit'>, start: number, bucketMs: number): Promise<Array<{ b: number; verified: number; rejected: number }>>;
  get(id: string): Promise<ListedDelivery | null>;
  /** the arrivals of the chains started by these first deliveries (only chains of 2+), oldest first */
  retryChains(firstIds: string[]): Promise<ChainMember[]>;
  /** ids of deliveries carrying any of these blind-index hashes */
  idsByBlind(hashes: Uint8Array[]): Promise<string[]>;
  /** removes journal records and derived rows (erasure); returns how many deliveries went */
  erase(ids: string[]): Promise<number>;
}

/** A forward attempt as stored: response headers and body already redacted by the core. */
export interface AttemptRecord {
  id: string;
  deliveryId: string | null;
  at: number;
  target: string;
  mode: 'auto' | 'original' | 'resign';
  status: number | null;
  durationMs: number;
  error: string | null;
  responseHeaders: Array<[string, string]>;
  responseBody: string;
  /** the request the attempt sent: redacted for display, hashed, and sealed whole (store/attempt-row.ts) */
  request?: SentRequestRecord | null;
}

export interface SentRequestRecord {
  method: string;
  /** redacted */
  url: string;
  /** redacted, JSON of [name, value] pairs */
  headers: string;
  /** redacted copy */
  body: string;
  bodySha256: string;
  size: number;
  sealed: Uint8Array;
}

export interface Outbox {
  /** due rows, oldest due first, claimed; for `orderedSources` only a source's oldest unfinished delivery (receipt order) */
  due(now: number, limit: number, orderedSources?: readonly string[]): Promise<DueForward[]>;
  /** records the attempt and (optionally) the delivery's new forward state in one transaction */
  /** `answeredStatus`: the attempt was the provider's answer (relay): the delivery's status becomes it */
  record(attempt: AttemptRecord, forward?: { state: ForwardState; status: number | null; nextAttemptAt: number | null; answeredStatus?: number }): Promise<boolean>;
  attempts(deliveryId: string): Promise<AttemptRecord[]>;
}

export interface AuditStore {
  /** append-only: an adapter must make update and delete fail */
  append(entry: { at: number; action: string; subject: string | null; detail: string }): Promise<void>;
  list(limit: number): Promise<AuditEntry[]>;
}

/** small values the core keeps next to the data (key check, schema facts) */
export interface MetaStore {
  get(key: string): Promise<Uint8Array | null>;
  set(key: string, value: Uint8Array): Promise<void>;
}

export interface RetentionLimits {
  /** deliveries received before this are deleted (epoch ms) */
  deleteBefore: number;
  /** raw bodies of deliveries received before this are dropped, rows kept */
  dropBodiesBefore: number;
  /** at most this many rows per step (callers yield to the event loop between steps) */
  maxRows: number;
}

/**
 * The engine's parts (journal, views, outbox, audit, meta) as a team engine exposes them; the
 * PostgreSQL store (store/postgres/store.ts) builds the core-facing StorageAdapter on top of them.
 */
export interface StorageEngine {
  readonly engine: 'sqlite' | 'postgres';
  readonly durability: Durability;
  readonly journal: Journal;
  readonly views: DerivedViews;
  readonly outbox: Outbox;
  readonly audit: AuditStore;
  readonly meta: MetaStore;
  /** one bounded purge step; `done` when nothing is left to purge for these limits */
  purge(limits: RetentionLimits): Promise<{ deliveries: number; bodies: number; keys: number; done: boolean }>;
  /** bytes the engine uses on disk (all files), for the status page and the bench */
  sizeOnDisk(): Promise<number>;
  close(): Promise<void>;
}

/** The journal could not commit before its deadline (another process holds the write lock). */
export class StorageBusyError extends Error {
  override readonly name = 'StorageBusyError';
  constructor(readonly waitedMs: number) {
    super(`the journal could not commit within ${waitedMs} ms: another process holds the database's write lock`);
  }
}
