/** The seam between the receiver / API handlers and storage. Implemented by electron/core/store. */
import type { Attempt, AuditEntry, DeliveryDetail, DeliveryPage, DeliverySummary, ForwardState, ListDeliveriesArgs, TimelineArgs, TimelineValue } from '../../../shared/api';
import type { CheckResult, Verdict } from '../../../shared/checks';

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

export interface DeliveryStore {
  /** group commit: resolves once the batch holding this delivery is committed; rejects if it is not */
  add(delivery: NewDelivery): Promise<void>;
  /** sees committed keys and keys still waiting in the current batch */
  lookupIdempotency(sourceId: string, key: string, now: number): string | null;
  list(args: ListDeliveriesArgs): DeliveryPage;
  /** the query's matches per time step, by verdict */
  timeline(args: TimelineArgs): TimelineValue;
  get(id: string): DeliveryDetail | null;
  summary(id: string): DeliverySummary | null;
  /** the arrivals of the chains started by these first deliveries (only chains of 2+), oldest first */
  retryChains(firstIds: string[]): ChainMember[];
  /** decrypted raw body; null when purged; writes an audit entry */
  revealRaw(id: string): Uint8Array | null;
  /** raw body for forwarding/replay (no audit entry: bytes leave only to allowed targets) */
  rawBody(id: string): Uint8Array | null;
  /** unredacted headers for forward/replay, decrypted */
  rawHeaders(id: string): Array<[string, string]> | null;
  /** the whole captured request (target with its query, headers, body) in one decryption; null when purged */
  rawRequest(id: string): { target: string; headers: Array<[string, string]>; body: Uint8Array } | null;
  /** waits for appends in flight, so a delivery being acknowledged right now is erased too */
  eraseByValue(value: string): Promise<number>;
  countsBySource(): Record<string, { total: number; verified: number; rejected: number }>;
  /** forwarding outbox */
  /** due rows, oldest due first; for `orderedSources` only the source's oldest unfinished delivery (receipt order) */
  dueForwards(now: number, limit: number, orderedSources?: readonly string[]): DueForward[];
  recordAttempt(
    deliveryId: string | null,
    attempt: NewAttempt,
    forward?: { state: ForwardState; nextAttemptAt: number | null },
    sent?: SentRequestRaw | null,
  ): void;
  attempts(deliveryId: string): Attempt[];
  audit(action: string, subject: string | null, detail: Record<string, unknown>): void;
  listAudit(limit: number): AuditEntry[];
  purgeExpired(now: number): { deliveries: number; rawBodies: number; keys: number };
  /** listeners called after each committed batch with the summaries, in order */
  onCommitted(listener: (items: DeliverySummary[]) => void): () => void;
  close(): Promise<void>;
}
