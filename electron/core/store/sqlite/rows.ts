/** Row shapes as stored, and their mapping to the API's DeliverySummary / DeliveryDetail / Attempt. */
import type { Attempt, DeliveryDetail, DeliverySummary, ForwardState } from '../../../../shared/api';
import type { CheckResult, Verdict } from '../../../../shared/checks';
import { checkCodesFromStored, checksFromStored } from '../../derive/check-prose';

export interface DeliveryRow {
  id: string;
  received_at: number;
  source_id: string | null;
  method: string;
  path_redacted: string;
  headers_redacted: string;
  body_redacted: string;
  /** target, headers and body in one AES-256-GCM envelope (raw-envelope.ts); null once purged */
  raw_enc: Buffer | null;
  /** 32 bytes (hex text in rows written before migration 007) */
  body_sha256: Buffer | string;
  size: number;
  body_truncated: number;
  content_type: string | null;
  client_ip: string;
  checks: string;
  verdict: Verdict;
  status: number;
  event_type: string | null;
  idempotency_key: string | null;
  duplicate_of: string | null;
  failed_checks: string;
  forward_state: ForwardState | null;
  forward_status: number | null;
  forward_target: string | null;
  forward_attempts: number;
  forward_next_at: number | null;
  forward_first_at: number | null;
}

export type SummaryRow = Pick<
  DeliveryRow,
  | 'id' | 'source_id' | 'received_at' | 'method' | 'path_redacted' | 'event_type' | 'verdict' | 'status'
  | 'checks' | 'duplicate_of' | 'forward_state' | 'forward_status' | 'size' | 'client_ip'
> & { seq: number };

export const SUMMARY_COLUMNS =
  'd.seq, d.id, d.source_id, d.received_at, d.method, d.path_redacted, d.event_type, d.verdict, d.status, ' +
  'd.checks, d.duplicate_of, d.forward_state, d.forward_status, d.size, d.client_ip';

export interface AttemptRow {
  id: string;
  delivery_id: string | null;
  at: number;
  target: string;
  mode: Attempt['mode'];
  status: number | null;
  duration_ms: number;
  /** NULL: no answer, or recorded before v11 */
  headers_ms?: number | null;
  error: string | null;
  response_headers: string;
  response_body: string;
  request_method?: string | null;
  request_url?: string | null;
  request_headers?: string | null;
  request_body?: string | null;
  request_body_sha256?: string | null;
  request_size?: number | null;
  request_enc?: Buffer | null;
}

export function toSummary(row: Omit<SummaryRow, 'seq'>, checks: ReadonlyArray<Pick<CheckResult, 'id' | 'outcome' | 'code'>> = checkCodesFromStored(row.checks)): DeliverySummary {
  return {
    id: row.id,
    sourceId: row.source_id,
    receivedAt: new Date(row.received_at).toISOString(),
    method: row.method,
    path: row.path_redacted,
    eventType: row.event_type,
    verdict: row.verdict,
    status: row.status,
    checks: checks.map((c) => ({ id: c.id, outcome: c.outcome, code: c.code })),
    duplicateOf: row.duplicate_of,
    forward: row.forward_state ? { state: row.forward_state, status: row.forward_status } : null,
    size: row.size,
    clientIp: row.client_ip,
  };
}

export function toAttempt(row: AttemptRow): Attempt {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    target: row.target,
    mode: row.mode,
    status: row.status,
    durationMs: row.duration_ms,
    headersMs: row.headers_ms ?? null,
    error: row.error,
    responseHeaders: JSON.parse(row.response_headers) as Array<[string, string]>,
    responseBody: row.response_body,
    request:
      row.request_method && row.request_url !== null && row.request_url !== undefined
        ? {
            method: row.request_method,
            url: row.request_url,
            headers: JSON.parse(row.request_headers ?? '[]') as Array<[string, string]>,
            bodySha256: row.request_body_sha256 ?? '',
            bodySize: row.request_size ?? 0,
            body: row.request_body ?? '',
          }
        : null,
  };
}

export function toDetail(row: DeliveryRow, attempts: Attempt[]): DeliveryDetail {
  const checks = checksFromStored(row.checks);
  return {
    ...toSummary(row, checks),
    headers: JSON.parse(row.headers_redacted) as Array<[string, string]>,
    body: row.body_redacted,
    bodySha256: typeof row.body_sha256 === 'string' ? row.body_sha256 : row.body_sha256.toString('hex'),
    contentType: row.content_type,
    checks,
    attempts,
    idempotencyKey: row.idempotency_key,
    rawAvailable: row.raw_enc !== null,
  };
}
