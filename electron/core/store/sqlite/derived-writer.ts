/**
 * The SQLite adapter's derived-view write (contract DerivedViews.apply): display rows, their idempotency
 * keys and the deriver's mark in one transaction of the database file, so a journal row is live exactly
 * while its display row does not exist (journal-file.ts). The sealed request is copied into
 * `deliveries.raw_enc` (junk has none). FTS and blind index are written in the same transaction
 * (search-indexer.ts, derive-target.ts).
 */
import type Database from 'better-sqlite3';
import type { DeliverySummary } from '../../../../shared/api';
import type { DerivedDelivery as Derived } from '../contract';
import { DERIVED_SEQ_KEY } from './journal-file';
import { toSummary, type DeliveryRow } from './rows';

/**
 * A batch's list rows as columns: what the derive worker sends the main thread for counters, the security
 * monitor and live events. Cloned as one object per row, with its checks as objects, a row cost the worker
 * ~3 µs to send and the main thread ~7 µs to receive (v8 serialize/deserialize of 300 rows); as columns,
 * 0.2 and 0.7, and the main thread builds the rows itself (summariesFrom).
 */
export interface SummaryColumns {
  seqs: Float64Array;
  ids: string[];
  sourceIds: Array<string | null>;
  receivedAt: Float64Array;
  methods: string[];
  paths: string[];
  eventTypes: Array<string | null>;
  verdicts: DeliveryRow['verdict'][];
  status: Int32Array;
  checks: string[];
  duplicateOf: Array<string | null>;
  /** 1: queued for forwarding */
  forwarded: Uint8Array;
  sizes: Float64Array;
  clientIps: string[];
}

export function summaryColumns(items: Derived[]): SummaryColumns {
  const n = items.length;
  const c: SummaryColumns = {
    seqs: new Float64Array(n), ids: new Array(n), sourceIds: new Array(n), receivedAt: new Float64Array(n), methods: new Array(n), paths: new Array(n),
    eventTypes: new Array(n), verdicts: new Array(n), status: new Int32Array(n), checks: new Array(n), duplicateOf: new Array(n),
    forwarded: new Uint8Array(n), sizes: new Float64Array(n), clientIps: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const { record: j, row: d } = items[i];
    c.seqs[i] = j.seq;
    c.ids[i] = j.id;
    c.sourceIds[i] = j.sourceId;
    c.receivedAt[i] = j.receivedAt;
    c.methods[i] = j.method;
    c.paths[i] = d.pathRedacted;
    c.eventTypes[i] = d.eventType;
    c.verdicts[i] = j.verdict;
    c.status[i] = j.status;
    c.checks[i] = j.codes;
    c.duplicateOf[i] = j.duplicateOf;
    c.forwarded[i] = j.forwardTarget ? 1 : 0;
    c.sizes[i] = j.size;
    c.clientIps[i] = j.clientIp;
  }
  return c;
}

/** the list rows of a just-derived batch (for counters and live events), without building the whole stored rows */
export function summariesFrom(c: SummaryColumns): DeliverySummary[] {
  const out: DeliverySummary[] = new Array(c.ids.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = toSummary({
      id: c.ids[i], source_id: c.sourceIds[i], received_at: c.receivedAt[i], method: c.methods[i], path_redacted: c.paths[i], event_type: c.eventTypes[i],
      verdict: c.verdicts[i], status: c.status[i], checks: c.checks[i], duplicate_of: c.duplicateOf[i],
      forward_state: c.forwarded[i] ? 'pending' : null, forward_status: null, size: c.sizes[i], client_ip: c.clientIps[i],
    });
  }
  return out;
}

export function toDeliveryRow({ record: j, row: d }: Derived): DeliveryRow & { retention_class: string } {
  return {
    id: j.id,
    received_at: j.receivedAt,
    source_id: j.sourceId,
    method: j.method,
    path_redacted: d.pathRedacted,
    headers_redacted: d.headersRedacted,
    body_redacted: d.bodyRedacted,
    raw_enc: j.retention === 'junk' || !j.bodyKept ? null : Buffer.from(j.sealed.buffer, j.sealed.byteOffset, j.sealed.byteLength),
    body_sha256: Buffer.from(d.bodySha256, 'hex'),
    size: j.size,
    body_truncated: j.bodyTruncated ? 1 : 0,
    content_type: d.contentType,
    client_ip: j.clientIp,
    checks: j.codes,
    verdict: j.verdict,
    status: j.status,
    event_type: d.eventType,
    idempotency_key: d.idempotencyKey,
    duplicate_of: j.duplicateOf,
    failed_checks: JSON.stringify(d.failed),
    forward_state: j.forwardTarget ? 'pending' : null,
    forward_status: null,
    forward_target: j.forwardTarget,
    forward_attempts: 0,
    forward_next_at: j.forwardTarget ? j.receivedAt : null,
    forward_first_at: null,
    retention_class: j.retention,
  };
}

export interface DerivedWriter {
  /** display rows, their failed checks and idempotency keys */
  rows(items: Derived[]): void;
  /** every journal row up to `seq` is derived: once per transaction, after its rows */
  markDerived(seq: number): void;
}

/** display rows in, the mark moved past them; call inside one transaction (derive-target.ts) */
export function createDerivedWriter(db: Database.Database): DerivedWriter {
  // positional parameters: binding 27 values by name costs more than the lookup-free positional form
  const insert = db.prepare(`
    INSERT INTO deliveries (seq, id, received_at, source_id, method, path_redacted, headers_redacted, body_redacted,
      raw_enc, body_sha256, size, body_truncated, content_type, client_ip, checks, verdict,
      status, event_type, idempotency_key, duplicate_of, failed_checks, forward_state, forward_status,
      forward_target, forward_attempts, forward_next_at, forward_first_at, retention_class)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertFailure = db.prepare('INSERT OR IGNORE INTO delivery_failures (check_id, delivery_seq) VALUES (?, ?)');
  // keyed by the delivery's seq: appended at the table's end (migration 010); a key registered again after
  // the first registration expired is a row of its own
  const insertKey = db.prepare('INSERT OR REPLACE INTO duplicate_keys (seq, source_id, key_hash, delivery_id, expires_at) VALUES (?, ?, unhex(?), ?, ?)');
  const mark = db.prepare('INSERT OR REPLACE INTO main.meta (key, value) VALUES (?, ?)');
  return {
    rows(items) {
      for (const item of items) {
        const r = toDeliveryRow(item);
        insert.run(
          item.record.seq, r.id, r.received_at, r.source_id, r.method, r.path_redacted, r.headers_redacted, r.body_redacted,
          r.raw_enc, r.body_sha256, r.size, r.body_truncated, r.content_type, r.client_ip, r.checks, r.verdict,
          r.status, r.event_type, r.idempotency_key, r.duplicate_of, r.failed_checks, r.forward_state, r.forward_status,
          r.forward_target, r.forward_attempts, r.forward_next_at, r.forward_first_at, r.retention_class,
        );
        for (const checkId of item.row.failed) insertFailure.run(checkId, item.record.seq);
        const j = item.record;
        if (j.keyHash && j.sourceId !== null && j.keyExpiresAt !== null) insertKey.run(j.seq, j.sourceId, j.keyHash, j.id, j.keyExpiresAt);
      }
    },
    markDerived: (seq) => void mark.run(DERIVED_SEQ_KEY, seq),
  };
}
