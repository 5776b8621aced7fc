/**
 * Turns a NewDelivery into what is written: redacted copies for display and search, raw body and
 * headers encrypted, blind-index HMACs, the idempotency registration. Runs on the receive path, once.
 */
import { hash } from 'node:crypto';
import type { DeliverySummary } from '../../../../shared/api';
import type { Redactor } from '../../../../shared/redact';
import type { KeyRing } from '../key-ring';
import { sealRaw } from '../raw-envelope';
import { blindValuesOf } from './search-indexer';
import type { DeliveryRow } from './rows';
import { toSummary } from './rows';
import type { NewDelivery } from '../types';

/** the redacted text copy is for display and search; past this size only its start is kept */
export const MAX_REDACTED_BODY_CHARS = 1024 * 1024;

export interface IdempotencyRegistration {
  sourceId: string;
  keyHash: string;
  deliveryId: string;
  expiresAt: number;
}

export interface PreparedDelivery {
  row: DeliveryRow;
  /** assigned by the insert */
  seq: number;
  /** ids of the checks that failed, for the failed-check filter */
  failed: string[];
  blind: Buffer[];
  idempotency: IdempotencyRegistration | null;
  summary: DeliverySummary;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

import { headerValue } from '../../../../shared/verify/support/headers';

export { headerValue };

/** only the start of a huge body is redacted and kept as text (the raw copy keeps every byte) */
export function redactedCopy(redactor: Redactor, text: string, contentType: string | null): string {
  if (text.length <= MAX_REDACTED_BODY_CHARS) return redactor.body(text, contentType);
  const head = redactor.body(text.slice(0, MAX_REDACTED_BODY_CHARS), contentType);
  return `${head}\n«… ${text.length - MAX_REDACTED_BODY_CHARS} more characters not kept in the redacted copy»`;
}

export function prepareDelivery(
  d: NewDelivery,
  redactor: Redactor,
  ring: KeyRing,
  hashKey: (sourceId: string, key: string) => string = ring.idempotency,
): PreparedDelivery {
  const bodyText = decoder.decode(d.rawBody);
  const contentType = headerValue(d.headers, 'content-type');
  // = redactor.json(JSON.stringify(d.checks)), walking the check objects instead of their text
  const checksJson = redactor.value(d.checks);
  const failed = d.checks.filter((c) => c.outcome === 'fail').map((c) => c.id);

  const row: DeliveryRow = {
    id: d.id,
    received_at: d.receivedAt,
    source_id: d.sourceId,
    method: d.method,
    path_redacted: redactor.target(d.target),
    headers_redacted: JSON.stringify(redactor.headers(d.headers)),
    body_redacted: redactedCopy(redactor, bodyText, contentType),
    raw_enc: sealRaw(ring, d.id, d.target, d.headers, d.rawBody),
    body_sha256: hash('sha256', d.rawBody, 'hex'),
    size: d.rawBody.byteLength,
    body_truncated: d.bodyTruncated ? 1 : 0,
    content_type: contentType === null ? null : redactor.text(contentType),
    client_ip: d.clientIp,
    checks: checksJson,
    verdict: d.verdict,
    status: d.status,
    event_type: d.eventType === null ? null : redactor.text(d.eventType),
    idempotency_key: d.idempotencyKey === null ? null : redactor.text(d.idempotencyKey),
    duplicate_of: d.duplicateOf,
    failed_checks: JSON.stringify(failed),
    forward_state: d.forwardTarget ? 'pending' : null,
    forward_status: null,
    forward_target: d.forwardTarget,
    forward_attempts: 0,
    forward_next_at: d.forwardTarget ? d.receivedAt : null,
    forward_first_at: null,
  };

  const blind = blindValuesOf(bodyText, d.target, d.headers).map((v) => ring.blind(v));

  const idempotency =
    d.sourceId !== null && d.idempotencyKey !== null && d.idempotencyExpiresAt !== null
      ? {
          sourceId: d.sourceId,
          keyHash: hashKey(d.sourceId, d.idempotencyKey),
          deliveryId: d.id,
          expiresAt: d.idempotencyExpiresAt,
        }
      : null;

  return { row, seq: 0, failed, blind, idempotency, summary: toSummary(row, d.checks) };
}
