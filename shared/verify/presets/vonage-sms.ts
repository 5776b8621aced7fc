/**
 * Vonage signed SMS webhooks (inbound messages, delivery receipts): a `sig` parameter over
 * "&k1=v1&k2=v2…" (keys sorted, "&" and "=" in values replaced by "_"). Methods: md5hash = md5(base + secret),
 * or hex HMAC-MD5/SHA1/SHA256/SHA512(secret, base). The method is recognised by the signature's length (32 hex
 * chars could be md5hash or HMAC-MD5: both are tried); hex is compared case-insensitively, as Vonage's SDKs do.
 * Parameters come from the query (GET) or the body (form or JSON).
 */
import type { CryptoPort, HashAlgorithm } from '../ports';
import type { RequestContext } from '../request-context';
import { concatBytes, decodeUtf8Strict, utf8 } from '../support/bytes';
import { toHex } from '../support/encoding';
import { type Params, paramValue, parseParams, parseQueryLenient, splitTarget } from '../support/form';
import { isObject } from '../support/json-path';
import { setJsonFields } from '../support/json-rewrite';
import { parseUnixSeconds } from '../support/time';
import { MAX_SIGNATURE_LENGTH, baseRequest, resignedRequest, sigMalformed, sigMissing, sigPresent, unixSeconds, utf8Key } from './common';
import { setFormParams } from '../support/form-rewrite';
import { headerValue } from '../support/headers';
import { normalizeUrl } from '../support/urls';
import type { Preset } from './types';

export type VonageSmsMethod = 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';

export const VONAGE_SMS_EVENT_TYPES = ['inbound-message', 'delivery-receipt'] as const;

const METHODS_BY_LENGTH: Record<number, VonageSmsMethod[]> = {
  32: ['md5hash', 'md5'],
  40: ['sha1'],
  64: ['sha256'],
  128: ['sha512'],
};

/** the documented signature base: "&key=value…", sorted by key, & and = in values replaced by _ */
export function vonageSmsBase(params: Params): string {
  const sorted = params.filter(([k]) => k !== 'sig').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map(([k, v]) => `&${k}=${v.replace(/[&=]/g, '_')}`).join('');
}

export function vonageSmsSignature(crypto: CryptoPort, params: Params, secret: Uint8Array, method: VonageSmsMethod): Uint8Array {
  const base = utf8(vonageSmsBase(params));
  if (method === 'md5hash') return crypto.hash('md5', concatBytes(base, secret));
  return crypto.hmac(method as HashAlgorithm, secret, base);
}

function jsonParams(value: unknown): Params | null {
  if (!isObject(value)) return null;
  const out: Params = [];
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out.push([k, v]);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push([k, String(v)]);
  }
  return out;
}

type Source = 'query' | 'form' | 'json';

function sourceOf(method: string, body: Uint8Array, contentType: string): Source {
  if (method.toUpperCase() === 'GET' || body.byteLength === 0) return 'query';
  return /json/i.test(contentType) ? 'json' : 'form';
}

/** parameters of a body (form or JSON); null when they cannot be read */
function bodyParams(body: Uint8Array, source: Source): Params | null {
  const text = decodeUtf8Strict(body);
  if (text === null) return null;
  if (source === 'json') {
    try {
      return jsonParams(JSON.parse(text));
    } catch {
      return null;
    }
  }
  const parsed = parseParams(text);
  return parsed.ok ? parsed.params : null;
}

function ctxSource(ctx: RequestContext): Source {
  return sourceOf(ctx.req.method, ctx.req.body, ctx.mediaType);
}

/** the request's parameters (sig included), from the query or the body */
function requestParams(ctx: RequestContext, body: Uint8Array = ctx.req.body): Params | null {
  const source = ctxSource(ctx);
  return source === 'query' ? ctx.query : bodyParams(body, source);
}

/** the fresh timestamp and sig parameters for these parameters (every other parameter is signed as it is) */
function proofParams(crypto: CryptoPort, secret: string, params: Params, now: number): Params {
  const timestamp = String(unixSeconds(now));
  const withTs: Params = [...params.filter(([k]) => k !== 'sig' && k !== 'timestamp'), ['timestamp', timestamp]];
  return [
    ['timestamp', timestamp],
    ['sig', toHex(vonageSmsSignature(crypto, withTs, utf8(secret), 'sha256')).toUpperCase()],
  ];
}

/**
 * Sets timestamp and sig where the request carries its parameters (query, form body or JSON body), editing
 * only those two: the other parameters keep their bytes, so the message id and numbers are the captured ones.
 */
function signVonageSms(crypto: CryptoPort, req: { secret: string; method: string; url: string; body: Uint8Array; contentType: string; now: number }): { url: string; body: Uint8Array } {
  const source = sourceOf(req.method, req.body, req.contentType);
  if (source === 'query') {
    const { path, query } = splitTarget(req.url);
    const proof = proofParams(crypto, req.secret, parseQueryLenient(query), req.now);
    return { url: normalizeUrl(`${path}?${setFormParams(query, proof)}`), body: req.body };
  }
  const proof = proofParams(crypto, req.secret, bodyParams(req.body, source) ?? [], req.now);
  if (source === 'json') {
    const body = setJsonFields(req.body, (obj) => {
      for (const [k, v] of proof) obj[k] = v;
      return true;
    });
    return { url: req.url, body };
  }
  return { url: req.url, body: utf8(setFormParams(decodeUtf8Strict(req.body) ?? '', proof)) };
}

export const vonageSms: Preset = {
  id: 'vonage-sms',
  label: 'Vonage SMS (signed sig parameter)',
  signatureHeader: () => 'sig (parameter)',
  hasTimestamp: () => true,
  eventTypes: VONAGE_SMS_EVENT_TYPES,
  bodyFormat(ctx) {
    const source = ctxSource(ctx);
    return source === 'query' ? 'none' : source;
  },
  readSignature(ctx) {
    const params = requestParams(ctx);
    if (params === null) return sigMalformed('sig', 'the request parameters cannot be read (invalid body)');
    const sigs = params.filter(([k]) => k === 'sig').map(([, v]) => v);
    if (sigs.length === 0) return sigMissing('sig');
    if (sigs.length > 1) return sigMalformed('sig', `the sig parameter was sent ${sigs.length} times`);
    const sig = sigs[0];
    if (sig.length > MAX_SIGNATURE_LENGTH) return sigMalformed('sig', `the sig parameter is ${sig.length} characters long`);
    if (!/^[0-9a-fA-F]+$/.test(sig)) return sigMalformed('sig', 'the sig parameter is not hexadecimal', [sig]);
    if (!METHODS_BY_LENGTH[sig.length]) {
      return sigMalformed('sig', `the sig parameter has ${sig.length} hex characters; md5 has 32, sha1 40, sha256 64, sha512 128`, [sig]);
    }
    return sigPresent('sig', [sig]);
  },
  algorithms: (_ctx, sig) => METHODS_BY_LENGTH[sig.candidates[0]?.length ?? 0] ?? [],
  otherAlgorithms: () => [],
  keyFromSecret: utf8Key,
  caseInsensitive: true,
  compute(ctx, _sig, input) {
    const params = requestParams(ctx, input.body);
    if (params === null || !['md5hash', 'md5', 'sha1', 'sha256', 'sha512'].includes(input.algorithm)) return null;
    return vonageSmsSignature(ctx.crypto, params, input.key, input.algorithm as VonageSmsMethod);
  },
  format: (_ctx, mac) => toHex(mac),
  readTimestamp(ctx) {
    const params = requestParams(ctx);
    if (params === null) return { kind: 'unavailable', code: 'unreadable_payload', reason: 'the request parameters cannot be read' };
    const raw = paramValue(params, 'timestamp');
    if (raw === null) return { kind: 'missing', where: 'timestamp parameter' };
    const time = parseUnixSeconds(raw);
    return time.ok ? { kind: 'present', where: 'timestamp parameter', raw, time } : { kind: 'unparseable', where: 'timestamp parameter', raw };
  },
  eventType(ctx) {
    const params = requestParams(ctx);
    if (params === null) return null;
    const has = (k: string) => paramValue(params, k) !== null;
    if (has('status') && (has('err-code') || has('scts'))) return 'delivery-receipt';
    if (has('text') || has('type') || has('concat')) return 'inbound-message';
    return null;
  },
  idempotencyKey(ctx) {
    const params = requestParams(ctx);
    const id = params === null ? null : paramValue(params, 'messageId');
    return id ? { key: id, source: 'messageId parameter' } : null;
  },
  sign(args, crypto) {
    const method = (args.method ?? 'POST').toUpperCase();
    const signed = signVonageSms(crypto, { ...args, method });
    const headers: Array<[string, string]> = sourceOf(method, args.body, args.contentType) === 'query' ? [] : [['User-Agent', 'Vonage-SMS-Callbacks/1.0']];
    return { ...baseRequest(args, headers), ...signed, method };
  },
  resign(args, crypto) {
    const method = args.method.toUpperCase();
    const signed = signVonageSms(crypto, { ...args, method, contentType: headerValue(args.headers, 'content-type') ?? '' });
    return { ...resignedRequest(args, []), ...signed, method };
  },
  refreshTimestamp(body, contentType, now) {
    if (body.byteLength === 0) return body;
    if (/json/i.test(contentType)) {
      return setJsonFields(body, (obj) => {
        obj.timestamp = String(unixSeconds(now));
        return true;
      });
    }
    const text = decodeUtf8Strict(body);
    if (text === null || !parseParams(text).ok) return body;
    return utf8(setFormParams(text, [['timestamp', String(unixSeconds(now))]]));
  },
};
