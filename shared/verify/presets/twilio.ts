/**
 * Twilio: X-Twilio-Signature = base64 HMAC-SHA1(auth token, URL + sorted key/value pairs of the POST params).
 * JSON bodies: the URL carries bodySHA256=<hex sha256(body)> and no params are appended. The URL is the one the
 * provider called (the tunnel's public URL); like twilio-node we accept it with and without its port.
 */
import { decodeUtf8Strict, utf8 } from '../support/bytes';
import { toBase64, toHex } from '../support/encoding';
import { type Params, paramValue, parseParams, parseQueryLenient, splitTarget } from '../support/form';
import { getScalar } from '../support/json-path';
import type { RequestContext } from '../request-context';
import { joinUrl, normalizeUrl } from '../support/urls';
import { baseRequest, jsonBody, otherShaAlgorithms, readHeaderSignature, resignedRequest, utf8Key, uuid } from './common';
import type { CryptoPort } from '../ports';
import { otherScheme, toggleTrailingSlash, unique, withDefaultPort, withoutPort } from './twilio-url';
import type { HashAlgorithm } from '../ports';
import { headerValue } from '../support/headers';
import type { Preset } from './types';

const HEADER = 'X-Twilio-Signature';

export const TWILIO_EVENT_TYPES = [
  'call.queued',
  'call.initiated',
  'call.ringing',
  'call.in-progress',
  'call.completed',
  'call.busy',
  'call.failed',
  'call.no-answer',
  'call.canceled',
  'message.accepted',
  'message.scheduled',
  'message.queued',
  'message.sending',
  'message.sent',
  'message.failed',
  'message.delivered',
  'message.undelivered',
  'message.receiving',
  'message.received',
  'message.read',
  'recording.completed',
  'transcription.completed',
] as const;

/** the data Twilio appends to the URL: keys sorted, repeated keys de-duplicated and sorted */
export function twilioSignedData(url: string, params: Params): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of params) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  let data = url;
  for (const key of [...grouped.keys()].sort()) {
    const values = grouped.get(key) ?? [];
    if (values.length === 1) data += key + values[0];
    else for (const v of [...new Set(values)].sort()) data += key + v;
  }
  return data;
}

function hasBodyHash(url: string): string | null {
  return paramValue(parseQueryLenient(splitTarget(url).query), 'bodySHA256');
}

/** the URL with its bodySHA256 parameter set (replacing one from an earlier signing) */
function withBodyHash(url: string, hash: string): string {
  const { path, query } = splitTarget(url);
  const parts = query.split('&').filter((part) => part !== '' && !part.startsWith('bodySHA256='));
  parts.push(`bodySHA256=${hash}`);
  return normalizeUrl(`${path}?${parts.join('&')}`);
}

function formParams(body: Uint8Array): Params | null {
  const text = decodeUtf8Strict(body);
  if (text === null) return null;
  const parsed = parseParams(text);
  return parsed.ok ? parsed.params : null;
}

function params(ctx: RequestContext): Params {
  if (ctx.req.method.toUpperCase() === 'GET' || hasBodyHash(ctx.url) !== null) return [];
  const form = ctx.form();
  return form.ok ? form.params : [];
}

function twilioEventType(ctx: RequestContext): string | null {
  if (hasBodyHash(ctx.url) !== null) return getScalar(jsonBody(ctx), 'type') ?? getScalar(jsonBody(ctx), 'EventType');
  const p = ctx.req.method.toUpperCase() === 'GET' ? ctx.query : params(ctx);
  const call = paramValue(p, 'CallStatus');
  if (paramValue(p, 'RecordingSid') !== null && paramValue(p, 'RecordingStatus') !== null) return `recording.${paramValue(p, 'RecordingStatus')}`;
  if (paramValue(p, 'TranscriptionSid') !== null) return `transcription.${paramValue(p, 'TranscriptionStatus') ?? 'completed'}`;
  if (call !== null) return `call.${call}`;
  const message = paramValue(p, 'MessageStatus') ?? paramValue(p, 'SmsStatus');
  return message !== null ? `message.${message}` : null;
}

/** the URL Twilio would call (bodySHA256 added for JSON) and X-Twilio-Signature over it and the form params */
function twilioProof(crypto: CryptoPort, secret: string, url: string, method: string, body: Uint8Array, contentType: string): { url: string; signature: string } {
  let signedUrl = normalizeUrl(url);
  let p: Params = [];
  if (/json/i.test(contentType)) signedUrl = withBodyHash(signedUrl, toHex(crypto.hash('sha256', body)));
  else if (method !== 'GET') p = formParams(body) ?? [];
  return { url: signedUrl, signature: toBase64(crypto.hmac('sha1', utf8(secret), utf8(twilioSignedData(signedUrl, p)))) };
}

export const twilio: Preset = {
  id: 'twilio',
  label: 'Twilio',
  signatureHeader: () => HEADER,
  hasTimestamp: () => false,
  eventTypes: TWILIO_EVENT_TYPES,
  bodyFormat(ctx) {
    if (ctx.req.method.toUpperCase() === 'GET' && ctx.req.body.byteLength === 0) return 'none';
    return hasBodyHash(ctx.url) !== null ? 'json' : 'form';
  },
  readSignature: (ctx) => readHeaderSignature(ctx, HEADER, 'base64'),
  algorithms: () => ['sha1'],
  otherAlgorithms: () => otherShaAlgorithms('sha1'),
  keyFromSecret: utf8Key,
  compute(ctx, _sig, input) {
    const algorithm = input.algorithm as HashAlgorithm;
    if (!['sha1', 'sha256', 'sha512'].includes(algorithm)) return null;
    const isGetOrJson = ctx.req.method.toUpperCase() === 'GET' || hasBodyHash(input.url) !== null;
    const p = isGetOrJson ? [] : formParams(input.body);
    if (p === null) return null;
    return ctx.crypto.hmac(algorithm, input.key, utf8(twilioSignedData(input.url, p)));
  },
  format: (_ctx, mac) => toBase64(mac),
  urlVariants(ctx) {
    const accepted = unique([ctx.url, withoutPort(ctx.url), withDefaultPort(ctx.url)]);
    const req = ctx.req;
    const otherBase = req.viaTunnel ? req.localBaseUrl : req.publicBaseUrl;
    const bases = unique([ctx.url, ...(otherBase ? [joinUrl(otherBase, req.target)] : [])]);
    const near: string[] = [];
    for (const b of bases) {
      for (const v of [b, otherScheme(b), toggleTrailingSlash(b)]) near.push(v, withoutPort(v), withDefaultPort(v));
    }
    return { accepted, diagnostic: unique(near).filter((u) => !accepted.includes(u)) };
  },
  bodyBinding(ctx) {
    const claimed = hasBodyHash(ctx.url);
    if (claimed === null) return null;
    return { code: 'body_hash_mismatch', label: 'bodySHA256 URL parameter', claimed: claimed.toLowerCase(), alsoAccept: [] };
  },
  readTimestamp: () => ({ kind: 'unavailable', code: 'no_timestamp_in_scheme', reason: 'Twilio signs no timestamp' }),
  eventType: twilioEventType,
  idempotencyKey(ctx) {
    const token = ctx.header('I-Twilio-Idempotency-Token');
    return token ? { key: token, source: 'I-Twilio-Idempotency-Token header' } : null;
  },
  sign(args, crypto) {
    const method = (args.method ?? 'POST').toUpperCase();
    const signed = twilioProof(crypto, args.secret, args.url, method, args.body, args.contentType);
    return {
      ...baseRequest(args, [
        ['User-Agent', 'TwilioProxy/1.1'],
        ['I-Twilio-Idempotency-Token', args.id ?? uuid(crypto)],
        [HEADER, signed.signature],
      ]),
      url: signed.url,
      method,
    };
  },
  resign(args, crypto) {
    const method = args.method.toUpperCase();
    const signed = twilioProof(crypto, args.secret, args.url, method, args.body, headerValue(args.headers, 'content-type') ?? '');
    return { ...resignedRequest(args, [[HEADER, signed.signature]]), url: signed.url, method };
  },
};
