/** Slack: X-Slack-Signature "v0=<hex HMAC-SHA256(secret, "v0:<ts>:" + raw body)>", X-Slack-Request-Timestamp. */
import { utf8 } from '../support/bytes';
import { toHex } from '../support/encoding';
import { paramValue } from '../support/form';
import { getScalar } from '../support/json-path';
import type { RequestContext } from '../request-context';
import {
  baseRequest,
  hmacParts,
  isHmacAlgorithm,
  jsonBody,
  otherShaAlgorithms,
  readHeaderSignature,
  resignedRequest,
  sha256Hex,
  sigMalformed,
  timestampFromHeader,
  unixSeconds,
  utf8Key,
} from './common';
import type { CryptoPort } from '../ports';
import type { Preset } from './types';

const HEADER = 'X-Slack-Signature';
const TS_HEADER = 'X-Slack-Request-Timestamp';

export const SLACK_EVENT_TYPES = [
  'url_verification',
  'app_rate_limited',
  'slash_command',
  'block_actions',
  'block_suggestion',
  'message_action',
  'shortcut',
  'view_submission',
  'view_closed',
  'app_home_opened',
  'app_mention',
  'app_uninstalled',
  'channel_archive',
  'channel_created',
  'channel_rename',
  'file_shared',
  'link_shared',
  'member_joined_channel',
  'member_left_channel',
  'message',
  'reaction_added',
  'reaction_removed',
  'team_join',
  'tokens_revoked',
  'user_change',
] as const;

function slackEventType(ctx: RequestContext): string | null {
  if (ctx.mediaType === 'application/x-www-form-urlencoded') {
    const form = ctx.form();
    if (!form.ok) return null;
    if (paramValue(form.params, 'command') !== null) return 'slash_command';
    const payload = paramValue(form.params, 'payload');
    if (payload === null) return null;
    try {
      return getScalar(JSON.parse(payload) as unknown, 'type');
    } catch {
      return null;
    }
  }
  const body = jsonBody(ctx);
  const type = getScalar(body, 'type');
  return type === 'event_callback' ? getScalar(body, 'event.type') : type;
}

function slackProof(crypto: CryptoPort, secret: string, body: Uint8Array, now: number): Array<[string, string]> {
  const ts = String(unixSeconds(now));
  const mac = hmacParts(crypto, 'sha256', utf8(secret), [`v0:${ts}:`, body]);
  return [
    [TS_HEADER, ts],
    [HEADER, `v0=${toHex(mac)}`],
  ];
}

export const slack: Preset = {
  id: 'slack',
  label: 'Slack',
  signatureHeader: () => HEADER,
  hasTimestamp: () => true,
  eventTypes: SLACK_EVENT_TYPES,
  bodyFormat: (ctx) => (ctx.mediaType === 'application/x-www-form-urlencoded' ? 'form' : 'json'),
  readSignature(ctx) {
    const sig = readHeaderSignature(ctx, HEADER, 'hex');
    const ts = ctx.header(TS_HEADER);
    if (sig.status === 'present' && ts === null) {
      return sigMalformed(HEADER, `${TS_HEADER} is missing, and the signature covers it`, sig.candidates);
    }
    return { ...sig, fields: ts === null ? {} : { ts } };
  },
  algorithms: () => ['sha256'],
  otherAlgorithms: () => otherShaAlgorithms('sha256'),
  keyFromSecret: utf8Key,
  compute(ctx, sig, input) {
    const ts = sig.fields.ts;
    if (ts === undefined || !isHmacAlgorithm(input.algorithm)) return null;
    return hmacParts(ctx.crypto, input.algorithm, input.key, [`v0:${ts}:`, input.body]);
  },
  format: (_ctx, mac) => `v0=${toHex(mac)}`,
  readTimestamp: (ctx) => timestampFromHeader(ctx, [TS_HEADER]),
  eventType: slackEventType,
  idempotencyKey(ctx) {
    const eventId = ctx.mediaType === 'application/x-www-form-urlencoded' ? null : getScalar(jsonBody(ctx), 'event_id');
    if (eventId !== null) return { key: eventId, source: 'body event_id' };
    const signature = ctx.header(HEADER);
    // the signature itself is not stored: its hash identifies a resent request just as well
    return signature ? { key: `sig-sha256:${sha256Hex(ctx.crypto, signature)}`, source: 'sha256 of X-Slack-Signature' } : null;
  },
  sign: (args, crypto) =>
    baseRequest(args, [['User-Agent', 'Slackbot 1.0 (+https://api.slack.com/robots)'], ...slackProof(crypto, args.secret, args.body, args.now)]),
  resign: (args, crypto) => resignedRequest(args, slackProof(crypto, args.secret, args.body, args.now)),
};
