/**
 * Generic HMAC: the source's `scheme` says which header, algorithm (sha1/sha256/sha512), encoding (hex/base64),
 * prefix, signed-content template ({body}, {timestamp}), and where the timestamp, idempotency key and event type live.
 */
import type { GenericScheme } from '../../config';
import { schemeSchema } from '../../config';
import type { RequestContext } from '../request-context';
import type { SignArgs } from '../sign-types';
import { concatBytes, decodeUtf8Strict, utf8 } from '../support/bytes';
import { toBase64, toHex } from '../support/encoding';
import { getPath, getScalar, isObject } from '../support/json-path';
import { setJsonFields } from '../support/json-rewrite';
import { parsePayloadTime } from '../support/time';
import {
  PREFIX,
  baseRequest,
  resignedRequest,
  isHmacAlgorithm,
  jsonBody,
  looksEncoded,
  otherShaAlgorithms,
  sha256Hex,
  sigMalformed,
  sigPresent,
  singleSignatureHeader,
  timestampFromJson,
  unixSeconds,
  utf8Key,
} from './common';
import type { Preset, SignatureRead, TimestampRead } from './types';
import type { CryptoPort } from '../ports';

const DEFAULT_SCHEME: GenericScheme = schemeSchema.parse({});

function schemeOf(ctx: RequestContext): GenericScheme {
  return ctx.scheme ?? DEFAULT_SCHEME;
}

function usesTimestamp(scheme: GenericScheme): boolean {
  return scheme.template.includes('{timestamp}');
}

/** the signed content: the template with {body} as the raw bytes and {timestamp} as sent */
export function signedContent(template: string, body: Uint8Array, timestamp: string | null): Uint8Array | null {
  const parts: Uint8Array[] = [];
  for (const piece of template.split(/(\{body\}|\{timestamp\})/)) {
    if (piece === '{body}') parts.push(body);
    else if (piece === '{timestamp}') {
      if (timestamp === null) return null;
      parts.push(utf8(timestamp));
    } else if (piece !== '') parts.push(utf8(piece));
  }
  return concatBytes(...parts);
}

function rawTimestampFromBody(scheme: GenericScheme, body: Uint8Array): string | null {
  if (!scheme.timestamp || scheme.timestamp.from !== 'payload') return null;
  const text = decodeUtf8Strict(body);
  if (text === null) return null;
  try {
    return getScalar(JSON.parse(text) as unknown, scheme.timestamp.path);
  } catch {
    return null;
  }
}

function rawTimestamp(ctx: RequestContext, scheme: GenericScheme): string | null {
  if (!scheme.timestamp) return null;
  if (scheme.timestamp.from === 'header') return ctx.header(scheme.timestamp.name);
  return rawTimestampFromBody(scheme, ctx.req.body);
}

function encode(mac: Uint8Array, scheme: GenericScheme): string {
  return scheme.prefix + (scheme.encoding === 'hex' ? toHex(mac) : toBase64(mac));
}

function readGenericSignature(ctx: RequestContext): SignatureRead {
  const scheme = schemeOf(ctx);
  const header = scheme.header;
  const value = singleSignatureHeader(ctx, header);
  if (typeof value !== 'string') return value;
  const rest = scheme.prefix && value.startsWith(scheme.prefix) ? value.slice(scheme.prefix.length) : value.replace(PREFIX, '');
  if (!looksEncoded(rest, scheme.encoding)) {
    return sigMalformed(header, `the ${header} value is not ${scheme.encoding === 'hex' ? 'hexadecimal' : 'base64'}`, [value]);
  }
  const fields: Record<string, string> = {};
  const ts = rawTimestamp(ctx, scheme);
  if (ts !== null) fields.ts = ts;
  if (usesTimestamp(scheme) && ts === null) {
    return sigMalformed(header, 'the signed content includes {timestamp}, and the request carries none', [value], fields);
  }
  return sigPresent(header, [value], fields);
}

function readGenericTimestamp(ctx: RequestContext): TimestampRead {
  const scheme = schemeOf(ctx);
  const source = scheme.timestamp;
  if (!source) return { kind: 'unavailable', code: 'no_timestamp_in_scheme', reason: 'the scheme configures no timestamp' };
  if (source.from === 'payload') return timestampFromJson(ctx, source.path, false);
  const raw = ctx.header(source.name);
  if (raw === null) return { kind: 'missing', where: source.name };
  const time = parsePayloadTime(raw);
  return time.ok ? { kind: 'present', where: source.name, raw, time } : { kind: 'unparseable', where: source.name, raw };
}

/** the timestamp header (when the scheme has one) and the signature header for these bytes */
function genericProof(crypto: CryptoPort, scheme: GenericScheme, secret: string, body: Uint8Array, now: number): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  let ts: string | null = null;
  if (scheme.timestamp?.from === 'header') {
    ts = String(unixSeconds(now));
    headers.push([scheme.timestamp.name, ts]);
  } else if (scheme.timestamp?.from === 'payload') {
    ts = rawTimestampFromBody(scheme, body);
  }
  const content = signedContent(scheme.template, body, ts) ?? body;
  headers.push([scheme.header, encode(crypto.hmac(scheme.algorithm, utf8(secret), content), scheme)]);
  return headers;
}

function signGeneric(args: SignArgs, crypto: CryptoPort) {
  return baseRequest(args, genericProof(crypto, args.scheme ?? DEFAULT_SCHEME, args.secret, args.body, args.now));
}

export const genericHmac: Preset = {
  id: 'generic-hmac',
  label: 'Generic HMAC',
  signatureHeader: (scheme) => (scheme ?? DEFAULT_SCHEME).header,
  hasTimestamp: (scheme) => (scheme ?? DEFAULT_SCHEME).timestamp !== null,
  eventTypes: [],
  bodyFormat(ctx) {
    const scheme = schemeOf(ctx);
    if (ctx.mediaType.includes('json')) return 'json';
    if (ctx.mediaType === 'application/x-www-form-urlencoded') return 'form';
    const needsJson = [scheme.timestamp, scheme.idempotency, scheme.eventType].some((s) => s?.from === 'payload');
    return needsJson ? 'json' : 'raw';
  },
  readSignature: readGenericSignature,
  algorithms: (ctx) => [schemeOf(ctx).algorithm],
  otherAlgorithms: (ctx) => otherShaAlgorithms(schemeOf(ctx).algorithm),
  keyFromSecret: utf8Key,
  compute(ctx, sig, input) {
    if (!isHmacAlgorithm(input.algorithm)) return null;
    const content = signedContent(schemeOf(ctx).template, input.body, sig.fields.ts ?? null);
    return content ? ctx.crypto.hmac(input.algorithm, input.key, content) : null;
  },
  format: (ctx, mac) => encode(mac, schemeOf(ctx)),
  readTimestamp: readGenericTimestamp,
  eventType(ctx) {
    const source = schemeOf(ctx).eventType;
    return source ? getScalar(jsonBody(ctx), source.path) : null;
  },
  idempotencyKey(ctx) {
    const source = schemeOf(ctx).idempotency;
    if (source?.from === 'header') {
      const v = ctx.header(source.name);
      return v ? { key: v, source: `${source.name} header` } : null;
    }
    if (source?.from === 'payload') {
      const v = getPath(jsonBody(ctx), source.path);
      return typeof v === 'string' || typeof v === 'number' ? { key: String(v), source: `payload ${source.path}` } : null;
    }
    return { key: `sha256:${sha256Hex(ctx.crypto, ctx.req.body)}`, source: 'sha256 of the body' };
  },
  sign: signGeneric,
  resign: (args, crypto) => resignedRequest(args, genericProof(crypto, args.scheme ?? DEFAULT_SCHEME, args.secret, args.body, args.now)),
  refreshTimestamp(body, _ct, now, scheme) {
    const s = scheme ?? DEFAULT_SCHEME;
    if (s.timestamp?.from !== 'payload') return body;
    const segments = s.timestamp.path.split('.');
    const last = segments.pop() ?? '';
    return setJsonFields(body, (obj) => {
      const parent = segments.length === 0 ? obj : getPath(obj, segments.join('.'));
      if (!isObject(parent)) return false;
      parent[last] = typeof parent[last] === 'number' ? unixSeconds(now) : new Date(now).toISOString();
      return true;
    });
  },
};
