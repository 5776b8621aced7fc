/** The seam between the receiver / API handlers and storage: the part of the storage contract (store/contract.ts StorageAdapter) they use. */
import type { Attempt, AuditEntry, DeliveryDetail, DeliveryPage, DeliverySummary, ForwardState, ListDeliveriesArgs, TimelineArgs, TimelineValue } from '../../../shared/api';
import type { CheckResult, Verdict } from '../../../shared/checks';

/**
 * A delivery's forward state after an attempt. `answeredStatus`: the status the provider heard, when the
 * attempt was its answer (respond mode relay) — the delivery's listed status becomes the dev server's.
 */
export interface ForwardUpdate {
  state: ForwardState;
  nextAttemptAt: number | null;
  answeredStatus?: number;
}

export interface NewDelivery {
  /** time-sortable id from newDeliveryId() */
  id: string;
  receivedAt: number;
  sourceId: string | null;
  method: string;
  /** request target as received; the store redacts token/sig/api_secret-style query values */
  target: string;
  /** wire order, unredacted; the store redacts before writing */
  headers: Array<[string, string]>;
  /** raw bytes; stored encrypted, plus a redacted text copy for display and search */
  rawBody: Uint8Array;
  bodyTruncated: boolean;
  clientIp: string;
  checks: CheckResult[];
  verdict: Verdict;
  status: number;
  eventType: string | null;
  idempotencyKey: string | null;
  duplicateOf: string | null;
  /** register idempotencyKey until this epoch ms (verified, non-duplicate deliveries only); else null */
  idempotencyExpiresAt: number | null;
  /** non-null: queue the delivery for auto-forward to this URL in the same transaction */
  forwardTarget: string | null;
}

/** one arrival of a provider event id (store/sqlite/retry-chains.ts) */
export interface ChainMember {
  id: string;
  firstId: string;
  receivedAt: number;
  status: number;
  /** the first arrival's idempotency key (redacted); null on later ones */
  eventKey: string | null;
}

/** The exact request an attempt sent, unredacted: the store redacts it for display and seals the bytes. */
export interface SentRequestRaw {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** an attempt as the forward layer reports it; the store derives `request` from the sent bytes */
export type NewAttempt = Omit<Attempt, 'request'>;

export interface DueForward {
  deliveryId: string;
  sourceId: string;
  target: string;
  attempts: number;
  firstAttemptAt: number | null;
}

/**
 * A value or a promise of it: the embedded SQLite engine answers reads synchronously (no event-loop
 * turn added), the PostgreSQL engine over a socket; callers always `await`.
 */
export type Awaitable<T> = T | Promise<T>;

/** a store's methods with their answers in hand (an engine that reads synchronously, e.g. SQLite); promises stay promises */
export type Synchronous<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => infer R ? (...args: A) => [R] extends [Promise<unknown>] ? R : Exclude<R, Promise<unknown>> : S[K];
};

/** the whole captured request: target with its query, unredacted headers, raw body */
export interface RawRequest {
  target: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export interface DeliveryStore {
  /** group commit: resolves once the batch holding this delivery is committed; rejects if it is not */
  add(delivery: NewDelivery): Promise<void>;
  /** sees committed keys and keys still waiting in the current batch */
  lookupIdempotency(sourceId: string, key: string, now: number): string | null;
  list(args: ListDeliveriesArgs): Awaitable<DeliveryPage>;
  /** the query's matches per time step, by verdict */
  timeline(args: TimelineArgs): Awaitable<TimelineValue>;
  get(id: string): Awaitable<DeliveryDetail | null>;
  summary(id: string): Awaitable<DeliverySummary | null>;
  /** the arrivals of the chains started by these first deliveries (only chains of 2+), oldest first */
  retryChains(firstIds: string[]): Awaitable<ChainMember[]>;
  /** decrypted raw body; null when purged; writes an audit entry */
  revealRaw(id: string): Awaitable<Uint8Array | null>;
  /** raw body for forwarding/replay (no audit entry: bytes leave only to allowed targets) */
  rawBody(id: string): Awaitable<Uint8Array | null>;
  /** unredacted headers for forward/replay, decrypted */
  rawHeaders(id: string): Awaitable<Array<[string, string]> | null>;
  /** the whole captured request (target with its query, headers, body) in one decryption; null when purged */
  rawRequest(id: string): Awaitable<RawRequest | null>;
  /** waits for appends in flight, so a delivery being acknowledged right now is erased too */
  eraseByValue(value: string): Promise<number>;
  countsBySource(): Awaitable<Record<string, { total: number; verified: number; rejected: number }>>;
  /** forwarding outbox */
  /** due rows, oldest due first; for `orderedSources` only the source's oldest unfinished delivery (receipt order) */
  dueForwards(now: number, limit: number, orderedSources?: readonly string[]): Awaitable<DueForward[]>;
  recordAttempt(
    deliveryId: string | null,
    attempt: NewAttempt,
    forward?: ForwardUpdate,
    sent?: SentRequestRaw | null,
  ): Awaitable<void>;
  attempts(deliveryId: string): Awaitable<Attempt[]>;
  audit(action: string, subject: string | null, detail: Record<string, unknown>): Awaitable<void>;
  listAudit(limit: number): Awaitable<AuditEntry[]>;
  purgeExpired(now: number): Awaitable<{ deliveries: number; rawBodies: number; keys: number }>;
  /** listeners called after each committed batch with the summaries, in order */
  onCommitted(listener: (items: DeliverySummary[]) => void): () => void;
  /** true when display rows are derived on a worker thread, false on the main thread; absent: not applicable */
  readonly derivesOffThread?: boolean;
  /**
   * gives the derived view up to maxWaitMs to take in what is journaled, without blocking the event loop;
   * the reads right after it show whatever is still missing as pending instead of waiting themselves.
   * Absent: the engine's reads never wait.
   */
  settleReads?(maxWaitMs: number): Promise<void>;
  close(): Promise<void>;
}
