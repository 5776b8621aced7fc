/** Row ↔ contract mapping for the PostgreSQL adapter (one table holds journal and derived columns). */
import type { CheckId, Verdict } from '../../../../shared/checks';
import type { AttemptRecord, DerivedRow, JournalRecord, RetentionClass } from '../contract';

/** the key of the unmatched deliveries in counts, as in the SQLite adapter */
export const UNMATCHED_SOURCE = 'unmatched';

export interface DeliveryDbRow {
  seq: number;
  id: string;
  received_at: number;
  source_id: string | null;
  method: string;
  verdict: Verdict;
  status: number;
  codes: string;
  retention_class: RetentionClass;
  client_ip: string;
  size: number;
  body_truncated: boolean;
  sealed: Buffer | null;
  duplicate_of: string | null;
  forward_target: string | null;
  derived: boolean;
  path_redacted: string | null;
  headers_redacted: string | null;
  body_redacted: string | null;
  body_sha256: string | null;
  content_type: string | null;
  event_type: string | null;
  idempotency_key: string | null;
  failed: CheckId[];
}

/** every column but the tsvector (never read back) */
export const DELIVERY_COLUMNS =
  'seq, id, received_at, source_id, method, verdict, status, codes, retention_class, client_ip, size, body_truncated, ' +
  'sealed, duplicate_of, forward_target, derived, path_redacted, headers_redacted, body_redacted, body_sha256, ' +
  'content_type, event_type, idempotency_key, failed';

const EMPTY = new Uint8Array(0);

export function toRecord(r: DeliveryDbRow): JournalRecord {
  return {
    seq: r.seq,
    id: r.id,
    receivedAt: r.received_at,
    sourceId: r.source_id,
    method: r.method,
    verdict: r.verdict,
    status: r.status,
    codes: r.codes,
    retention: r.retention_class,
    clientIp: r.client_ip,
    size: r.size,
    bodyTruncated: r.body_truncated,
    sealed: r.sealed ? new Uint8Array(r.sealed.buffer, r.sealed.byteOffset, r.sealed.byteLength) : EMPTY,
    // the key registration lives in duplicate_keys; a record read back does not carry it
    keyHash: null,
    keyExpiresAt: null,
    duplicateOf: r.duplicate_of,
    forwardTarget: r.forward_target,
    bodyKept: r.sealed !== null && r.retention_class !== 'junk',
  };
}

export function toDerived(r: DeliveryDbRow): DerivedRow | null {
  if (!r.derived) return null;
  return {
    seq: r.seq,
    id: r.id,
    pathRedacted: r.path_redacted ?? '',
    headersRedacted: r.headers_redacted ?? '[]',
    bodyRedacted: r.body_redacted ?? '',
    bodySha256: r.body_sha256 ?? '',
    contentType: r.content_type,
    eventType: r.event_type,
    idempotencyKey: r.idempotency_key,
    failed: r.failed,
    // blind-index hashes are kept for erasure lookups only, not read back
    blind: [],
  };
}

export interface AttemptDbRow {
  id: string;
  delivery_id: string | null;
  at: number;
  target: string;
  mode: AttemptRecord['mode'];
  status: number | null;
  duration_ms: number;
  error: string | null;
  response_headers: string;
  response_body: string;
  request_method: string | null;
  request_url: string | null;
  request_headers: string | null;
  request_body: string | null;
  request_body_sha256: string | null;
  request_size: number | null;
}

/** an attempt row (read back, or built by store/attempt-row.ts with its sealed request) as a contract record */
export function toAttempt(r: AttemptDbRow & { request_enc?: Buffer | null }): AttemptRecord {
  return {
    id: r.id,
    deliveryId: r.delivery_id,
    at: r.at,
    target: r.target,
    mode: r.mode,
    status: r.status,
    durationMs: r.duration_ms,
    error: r.error,
    responseHeaders: JSON.parse(r.response_headers) as Array<[string, string]>,
    responseBody: r.response_body,
    request:
      r.request_method !== null && r.request_url !== null
        ? {
            method: r.request_method,
            url: r.request_url,
            headers: r.request_headers ?? '[]',
            body: r.request_body ?? '',
            bodySha256: r.request_body_sha256 ?? '',
            size: r.request_size ?? 0,
            // the sealed copy is not read back for display
            sealed: r.request_enc ?? new Uint8Array(0),
          }
        : null,
  };
}
