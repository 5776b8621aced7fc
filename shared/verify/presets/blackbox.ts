/**
 * Dasha BlackBox (seed 002): X-BlackBox-Signature = hex HMAC-SHA256(secret, raw body); payload `timestamp`
 * (ISO 8601) within the tolerance; idempotency from `eventId`, else sha256 of the seed's stable fields.
 */
import { getPath, getScalar } from '../support/json-path';
import { setJsonFields } from '../support/json-rewrite';
import { bodyHmacHex, resignBodyHex, signBodyHex } from './body-hmac';
import { jsonBody, sha256Hex, timestampFromJson } from './common';
import type { Preset } from './types';

const HEADER = 'X-BlackBox-Signature';

/** the WebHookPayloadType enum of BlackBox's docs */
export const BLACKBOX_EVENT_TYPES = [
  'StartWebHookPayload',
  'CompletedWebHookPayload',
  'FailedWebHookPayload',
  'CallDeadLineWebHookPayload',
  'TransferWebHookPayload',
  'ToolWebHookPayload',
] as const;

function eventTypeOf(body: unknown): string | null {
  return getScalar(body, 'type') ?? getScalar(body, 'event');
}

export const blackbox: Preset = {
  id: 'blackbox',
  label: 'Dasha BlackBox',
  ...bodyHmacHex(HEADER),
  hasTimestamp: () => true,
  eventTypes: BLACKBOX_EVENT_TYPES,
  bodyFormat: () => 'json',
  readTimestamp: (ctx) => timestampFromJson(ctx, 'timestamp', false),
  eventType: (ctx) => eventTypeOf(jsonBody(ctx)),
  idempotencyKey(ctx) {
    const body = jsonBody(ctx);
    if (body === null) return null;
    const eventId = getScalar(body, 'eventId');
    if (eventId !== null) return { key: eventId, source: 'payload eventId' };
    // seed 002's generateWebhookId; real payloads keep type/callId/agentId at the top level, so fall back to them
    const stable = {
      event: getPath(body, 'event') ?? getPath(body, 'type') ?? undefined,
      timestamp: getPath(body, 'timestamp') ?? undefined,
      callId: getPath(body, 'data.callId') ?? getPath(body, 'callId') ?? undefined,
      agentId: getPath(body, 'data.agentId') ?? getPath(body, 'agentId') ?? undefined,
    };
    return { key: sha256Hex(ctx.crypto, JSON.stringify(stable)), source: 'sha256 of {event, timestamp, callId, agentId}' };
  },
  sign: (args, crypto) => signBodyHex(args, crypto, HEADER, [['User-Agent', 'Dasha-BlackBox-Webhooks/1.0']]),
  resign: (args, crypto) => resignBodyHex(args, crypto, HEADER),
  refreshTimestamp(body, _ct, now) {
    return setJsonFields(body, (obj) => {
      obj.timestamp = new Date(now).toISOString();
      return true;
    });
  },
};
