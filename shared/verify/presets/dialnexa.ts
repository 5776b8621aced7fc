/**
 * DialNexa: X-DialNexa-Signature = hex HMAC-SHA256(secret, raw body), bare or "sha256="-prefixed (their docs show
 * both). Timestamp: payload `timestamp` when present. Idempotency: payload call_id + event type (seed 000).
 */
import { getScalar } from '../support/json-path';
import { setJsonFields } from '../support/json-rewrite';
import { bodyHmacHex, resignBodyHex, signBodyHex } from './body-hmac';
import { jsonBody, timestampFromJson } from './common';
import type { Preset } from './types';

const HEADER = 'X-DialNexa-Signature';

export const DIALNEXA_EVENT_TYPES = [
  'call.started',
  'call.ended',
  'call.completed',
  'call.failed',
  'call.no_answer',
  'call.transcript_ready',
  'call.analysis_ready',
  'call.function_error',
  'call.transfer_completed',
  'campaign.completed',
  'campaign.paused',
  'workflow.lead.completed',
  'alert.triggered',
  'ping',
] as const;

function eventTypeOf(body: unknown): string | null {
  return getScalar(body, 'event') ?? getScalar(body, 'event_type');
}

function callIdOf(body: unknown): string | null {
  return getScalar(body, 'call_id') ?? getScalar(body, 'data.call_id') ?? getScalar(body, 'payload.call.id') ?? getScalar(body, 'call.id');
}

export const dialnexa: Preset = {
  id: 'dialnexa',
  label: 'DialNexa',
  ...bodyHmacHex(HEADER),
  hasTimestamp: () => true,
  eventTypes: DIALNEXA_EVENT_TYPES,
  bodyFormat: () => 'json',
  readTimestamp: (ctx) => timestampFromJson(ctx, 'timestamp', true),
  eventType: (ctx) => eventTypeOf(jsonBody(ctx)),
  idempotencyKey(ctx) {
    const body = jsonBody(ctx);
    const callId = callIdOf(body);
    if (callId === null) return null;
    return { key: `${callId}:${eventTypeOf(body) ?? ''}`, source: 'payload call_id + event type' };
  },
  sign: (args, crypto) => signBodyHex(args, crypto, HEADER, [['User-Agent', 'DialNexa-Webhooks/1.0']]),
  resign: (args, crypto) => resignBodyHex(args, crypto, HEADER),
  refreshTimestamp(body, _ct, now) {
    return setJsonFields(body, (obj) => {
      if (!('timestamp' in obj)) return false;
      obj.timestamp = typeof obj.timestamp === 'number' ? Math.floor(now / 1000) : new Date(now).toISOString();
      return true;
    });
  },
};
