/**
 * A forward attempt as either engine stores it: the dev server's response and the sent request
 * redacted for display (the response comes from outside and is treated like a delivery), the sent
 * request hashed and sealed whole like a raw request.
 */
import { createHash } from 'node:crypto';
import type { Redactor } from '../../../shared/redact';
import { headerValue } from '../../../shared/verify/support/headers';
import { redactedCopy } from '../derive/derive-row';
import type { KeyRing } from './key-ring';
import { sealRaw } from './raw-envelope';
import type { AttemptRow } from './sqlite/rows';
import type { NewAttempt, SentRequestRaw } from './types';

export const MAX_RESPONSE_BODY_BYTES = 64 * 1024;

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // drop a partial trailing character rather than store a broken one
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** the sent request's columns: redacted for display, hashed, and sealed whole like a raw request */
function requestColumns(r: Redactor, ring: KeyRing, attemptId: string, sent: SentRequestRaw | null | undefined) {
  if (!sent) {
    return { request_method: null, request_url: null, request_headers: null, request_body: null, request_body_sha256: null, request_size: null, request_enc: null };
  }
  return {
    request_method: sent.method,
    request_url: r.target(sent.url),
    request_headers: JSON.stringify(r.headers(sent.headers)),
    request_body: redactedCopy(r, utf8.decode(sent.body), headerValue(sent.headers, 'content-type')),
    request_body_sha256: createHash('sha256').update(sent.body).digest('hex'),
    request_size: sent.body.byteLength,
    // its own AAD domain: an attempt's envelope cannot be passed off as a delivery's raw request
    request_enc: sealRaw(ring, `attempt/${attemptId}`, sent.url, sent.headers, sent.body),
  };
}

/** the stored row of an attempt; `now` is used when the attempt's own time does not parse */
export function attemptRow(r: Redactor, ring: KeyRing, now: number, deliveryId: string | null, attempt: NewAttempt, sent: SentRequestRaw | null | undefined): AttemptRow {
  const at = Date.parse(attempt.at);
  return {
    id: attempt.id,
    delivery_id: deliveryId,
    at: Number.isFinite(at) ? at : now,
    target: r.target(attempt.target),
    mode: attempt.mode,
    status: attempt.status,
    duration_ms: Math.max(0, Math.round(attempt.durationMs)),
    headers_ms: attempt.headersMs === undefined || attempt.headersMs === null ? null : Math.max(0, Math.round(attempt.headersMs)),
    error: attempt.error === null ? null : r.text(attempt.error),
    response_headers: JSON.stringify(r.headers(attempt.responseHeaders)),
    response_body: truncateUtf8(r.body(attempt.responseBody, headerValue(attempt.responseHeaders, 'content-type')), MAX_RESPONSE_BODY_BYTES),
    ...requestColumns(r, ring, attempt.id, sent),
  };
}
