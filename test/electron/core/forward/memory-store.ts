/** In-memory DeliveryStore double for the forward tests (the durability tests use the real SQLite store). */
import { createHash } from 'node:crypto';
import type { Attempt, AuditEntry, DeliveryDetail, DeliverySummary, ForwardState } from '../../../../shared/api';
import type { DeliveryStore, DueForward, NewDelivery, SentRequestRaw } from '../../../../electron/core/store/types';

interface OutboxRow {
  target: string;
  state: ForwardState;
  nextAttemptAt: number;
  attempts: number;
  firstAttemptAt: number | null;
}

export interface RecordedAttempt {
  deliveryId: string | null;
  attempt: Attempt;
  forward?: { state: ForwardState; nextAttemptAt: number | null };
  /** the exact request the attempt sent */
  sent: SentRequestRaw | null;
}

export interface MemoryStore extends DeliveryStore {
  recorded: RecordedAttempt[];
  auditLog: Array<{ action: string; subject: string | null; detail: Record<string, unknown> }>;
  outbox: Map<string, OutboxRow>;
  /** the detail get() returns (tests set redacted headers/body here) */
  details: Map<string, DeliveryDetail>;
}

export function createMemoryStore(): MemoryStore {
  const deliveries = new Map<string, NewDelivery>();
  const details = new Map<string, DeliveryDetail>();
  const outbox = new Map<string, OutboxRow>();
  const attempts = new Map<string, Attempt[]>();
  const recorded: RecordedAttempt[] = [];
  const auditLog: MemoryStore['auditLog'] = [];

  function summary(id: string): DeliverySummary | null {
    const d = deliveries.get(id);
    if (!d) return null;
    const row = outbox.get(id);
    const last = attempts.get(id)?.at(-1);
    return {
      id: d.id,
      sourceId: d.sourceId,
      receivedAt: new Date(d.receivedAt).toISOString(),
      method: d.method,
      path: d.target,
      eventType: d.eventType,
      verdict: d.verdict,
      status: d.status,
      checks: d.checks.map((c) => ({ id: c.id, outcome: c.outcome, code: c.code })),
      duplicateOf: d.duplicateOf,
      forward: row ? { state: row.state, status: last?.status ?? null } : null,
      size: d.rawBody.byteLength,
      clientIp: d.clientIp,
    };
  }

  const store: MemoryStore = {
    recorded,
    auditLog,
    outbox,
    details,
    async add(delivery) {
      deliveries.set(delivery.id, delivery);
      if (delivery.forwardTarget) {
        outbox.set(delivery.id, { target: delivery.forwardTarget, state: 'pending', nextAttemptAt: delivery.receivedAt, attempts: 0, firstAttemptAt: null });
      }
    },
    lookupIdempotency: () => null,
    timeline: () => ({ from: null, to: null, bucketMs: 1000, buckets: [], total: 0 }),
    list: () => ({ items: [...deliveries.keys()].map((id) => summary(id) as DeliverySummary), total: deliveries.size, top: `s${deliveries.size}` }),
    get: (id) => details.get(id) ?? null,
    summary,
    retryChains: () => [],
    revealRaw: (id) => deliveries.get(id)?.rawBody ?? null,
    rawBody: (id) => deliveries.get(id)?.rawBody ?? null,
    rawHeaders: (id) => deliveries.get(id)?.headers ?? null,
    rawRequest: (id) => {
      const d = deliveries.get(id);
      return d ? { target: d.target, headers: d.headers, body: d.rawBody } : null;
    },
    eraseByValue: async () => 0,
    countsBySource: () => ({}),
    dueForwards(now, limit, orderedSources = []) {
      const out: DueForward[] = [];
      const unfinished = (row: OutboxRow) => row.state === 'pending' || row.state === 'retrying';
      const sorted = [...outbox].sort(([a], [b]) => (a < b ? -1 : 1));
      // ids sort in receipt order: the first unfinished one per source is its head
      const headOf = new Map<string, string>();
      for (const [id, row] of sorted) {
        const source = deliveries.get(id)?.sourceId ?? '';
        if (unfinished(row) && !headOf.has(source)) headOf.set(source, id);
      }
      for (const [id, row] of sorted) {
        if (unfinished(row) && row.nextAttemptAt <= now) {
          const d = deliveries.get(id) as NewDelivery;
          if (orderedSources.includes(d.sourceId ?? '') && headOf.get(d.sourceId ?? '') !== id) continue;
          out.push({ deliveryId: id, sourceId: d.sourceId as string, target: row.target, attempts: row.attempts, firstAttemptAt: row.firstAttemptAt });
          if (out.length >= limit) break;
        }
      }
      return out;
    },
    recordAttempt(deliveryId, newAttempt, forward, sent = null) {
      const request = sent
        ? { method: sent.method, url: sent.url, headers: sent.headers, bodySha256: createHash('sha256').update(sent.body).digest('hex'), bodySize: sent.body.byteLength, body: Buffer.from(sent.body).toString('utf8') }
        : null;
      const attempt: Attempt = { ...newAttempt, request };
      recorded.push({ deliveryId, attempt, sent, ...(forward ? { forward } : {}) });
      if (deliveryId) attempts.set(deliveryId, [...(attempts.get(deliveryId) ?? []), attempt]);
      const row = deliveryId ? outbox.get(deliveryId) : undefined;
      if (row && forward) {
        row.attempts += 1;
        row.firstAttemptAt ??= Date.parse(attempt.at);
        row.state = forward.state;
        row.nextAttemptAt = forward.nextAttemptAt ?? Number.POSITIVE_INFINITY;
      }
    },
    attempts: (id) => attempts.get(id) ?? [],
    audit(action, subject, detail) {
      auditLog.push({ action, subject, detail });
    },
    listAudit: (limit) =>
      auditLog.slice(-limit).map((e, i): AuditEntry => ({ id: i + 1, at: new Date(0).toISOString(), ...e })),
    purgeExpired: () => ({ deliveries: 0, rawBodies: 0, keys: 0 }),
    onCommitted: () => () => undefined,
    async close() {},
  };
  return store;
}
