/**
 * Standard Webhooks / Svix: webhook-id, webhook-timestamp, webhook-signature "v1,<base64>" (space-separated list);
 * HMAC-SHA256 over "<id>.<ts>." + raw body with key = base64-decode(secret minus "whsec_"). Svix's svix-* headers
 * are used when present.
 */
import { fromBase64, toBase64 } from '../support/encoding';
import { getScalar } from '../support/json-path';
import type { RequestContext } from '../request-context';
import { HookscopeError } from '../../result';
import {
  MAX_SIGNATURE_LENGTH,
  baseRequest,
  resignedRequest,
  hmacParts,
  isHmacAlgorithm,
  jsonBody,
  looksEncoded,
  otherShaAlgorithms,
  sigMalformed,
  sigMissing,
  sigPresent,
  timestampFromHeader,
  unixSeconds,
  uuid,
} from './common';
import type { CryptoPort } from '../ports';
import { hasHeader } from '../support/set-headers';
import { headerValue } from '../support/headers';
import type { Preset } from './types';

function keyOrThrow(secret: string): Uint8Array {
  const key = standardWebhooksKey(secret);
  if (!key) {
    throw new HookscopeError('invalid_secret', 'A Standard Webhooks secret must be base64 (optionally prefixed with whsec_): copy it from the provider exactly');
  }
  return key;
}

function newMessageId(crypto: CryptoPort): string {
  return `msg_${uuid(crypto).replace(/-/g, '').slice(0, 27)}`;
}

/** the three headers under one prefix: id as given, timestamp now, signature over both and the body */
function proof(crypto: CryptoPort, key: Uint8Array, prefix: string, id: string, now: number, body: Uint8Array): Array<[string, string]> {
  const ts = String(unixSeconds(now));
  const mac = hmacParts(crypto, 'sha256', key, [`${id}.${ts}.`, body]);
  return [
    [`${prefix}-id`, id],
    [`${prefix}-timestamp`, ts],
    [`${prefix}-signature`, `v1,${toBase64(mac)}`],
  ];
}

function prefix(ctx: RequestContext): 'svix' | 'webhook' {
  return ctx.header('svix-signature') !== null ? 'svix' : 'webhook';
}

/** the HMAC key of a Standard Webhooks secret; null when it is not base64 */
export function standardWebhooksKey(secret: string): Uint8Array | null {
  const body = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  const key = fromBase64(body);
  return key && key.byteLength > 0 ? key : null;
}

export const standardWebhooks: Preset = {
  id: 'standard-webhooks',
  label: 'Standard Webhooks / Svix',
  signatureHeader: () => 'webhook-signature',
  hasTimestamp: () => true,
  eventTypes: [],
  bodyFormat: () => 'json',
  readSignature(ctx) {
    const p = prefix(ctx);
    const where = `${p}-signature`;
    const values = ctx.headerAll(where);
    if (values.length === 0) return sigMissing(where);
    if (values.length > 1) return sigMalformed(where, `the ${where} header was sent ${values.length} times; list the signatures space-separated in one header`);
    const value = values[0];
    if (value.length > MAX_SIGNATURE_LENGTH) return sigMalformed(where, `the ${where} header is ${value.length} characters long`);
    const id = ctx.header(`${p}-id`);
    const ts = ctx.header(`${p}-timestamp`);
    const v1: string[] = [];
    for (const entry of value.split(' ')) {
      const comma = entry.indexOf(',');
      if (comma > 0 && entry.slice(0, comma) === 'v1') v1.push(entry.slice(comma + 1));
    }
    if (v1.length === 0) return sigMalformed(where, `the ${where} header has no "v1,<base64>" entry`);
    const fields: Record<string, string> = {};
    if (id !== null) fields.id = id;
    if (ts !== null) fields.ts = ts;
    if (id === null) return sigMalformed(where, `${p}-id is missing, and the signature covers it`, v1, fields);
    if (ts === null) return sigMalformed(where, `${p}-timestamp is missing, and the signature covers it`, v1, fields);
    if (!v1.some((s) => looksEncoded(s, 'base64'))) return sigMalformed(where, 'no v1 signature is base64', v1, fields);
    return sigPresent(where, v1, fields);
  },
  algorithms: () => ['sha256'],
  otherAlgorithms: () => otherShaAlgorithms('sha256'),
  keyFromSecret: standardWebhooksKey,
  compute(ctx, sig, input) {
    const { id, ts } = sig.fields;
    if (id === undefined || ts === undefined || !isHmacAlgorithm(input.algorithm)) return null;
    return hmacParts(ctx.crypto, input.algorithm, input.key, [`${id}.${ts}.`, input.body]);
  },
  format: (_ctx, mac) => toBase64(mac),
  readTimestamp: (ctx) => timestampFromHeader(ctx, [`${prefix(ctx)}-timestamp`]),
  eventType: (ctx) => getScalar(jsonBody(ctx), 'type'),
  idempotencyKey(ctx) {
    const name = `${prefix(ctx)}-id`;
    const id = ctx.header(name);
    return id ? { key: id, source: `${name} header` } : null;
  },
  sign(args, crypto) {
    const key = keyOrThrow(args.secret);
    return baseRequest(args, [
      ['User-Agent', 'Svix-Webhooks/1.0 (sender; +https://www.standardwebhooks.com)'],
      ...proof(crypto, key, 'webhook', args.id ?? newMessageId(crypto), args.now, args.body),
    ]);
  },
  resign(args, crypto) {
    const key = keyOrThrow(args.secret);
    // sign under the names the capture used (svix-* or webhook-*, or both); the message id is the event's identity
    const prefixes = ['webhook', 'svix'].filter((p) => hasHeader(args.headers, `${p}-signature`) || hasHeader(args.headers, `${p}-id`));
    if (prefixes.length === 0) prefixes.push('webhook');
    const captured = prefixes.map((p) => headerValue(args.headers, `${p}-id`)).find((v) => v !== null && v !== '');
    const id = !args.newMessageId && captured ? captured : newMessageId(crypto);
    return resignedRequest(args, prefixes.flatMap((p) => proof(crypto, key, p, id, args.now, args.body)));
  },
};
