/** Building blocks shared by the presets. */
import type { CryptoPort, HashAlgorithm } from '../ports';
import type { RequestContext } from '../request-context';
import type { ResignArgs, SignArgs, SignedRequest } from '../sign-types';
import { setHeaders } from '../support/set-headers';
import { concatBytes, utf8 } from '../support/bytes';
import { toHex } from '../support/encoding';
import { getPath } from '../support/json-path';
import { parsePayloadTime, parseUnixSeconds } from '../support/time';
import type { SignatureRead, TimestampRead } from './types';

/** longest signature value we look at; anything longer is malformed, not processed */
export const MAX_SIGNATURE_LENGTH = 4096;

export function sigMissing(where: string): SignatureRead {
  return { status: 'missing', where, candidates: [], problem: null, fields: {}, claims: null };
}

export function sigMalformed(where: string, problem: string, candidates: string[] = [], fields: Record<string, string> = {}): SignatureRead {
  return { status: 'malformed', where, candidates, problem, fields, claims: null };
}

export function sigPresent(
  where: string,
  candidates: string[],
  fields: Record<string, string> = {},
  claims: Record<string, unknown> | null = null,
): SignatureRead {
  return { status: 'present', where, candidates, problem: null, fields, claims };
}

const B64_CHARS = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** /^[0-9a-fA-F]+$/ as a loop over the characters (a signature per request) */
function isHex(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) continue;
    const lower = c | 0x20; // only A-F and a-f land on a-f
    if (lower < 0x61 || lower > 0x66) return false;
  }
  return true;
}

export function looksEncoded(value: string, encoding: 'hex' | 'base64'): boolean {
  return encoding === 'hex' ? isHex(value) : B64_CHARS.test(value);
}

/** a signature prefix such as sha256=, v1= or v1, */
export const PREFIX = /^[A-Za-z0-9]{1,12}[=,]/;

/** the one value of a signature header (trimmed), or why it is missing or malformed: sent twice, empty, too long */
export function singleSignatureHeader(ctx: RequestContext, header: string): string | SignatureRead {
  const values = ctx.headerAll(header);
  if (values.length === 0) return sigMissing(header);
  if (values.length > 1) return sigMalformed(header, `the ${header} header was sent ${values.length} times; send it once`);
  const value = values[0].trim();
  if (value === '') return sigMalformed(header, `the ${header} header is empty`);
  if (value.length > MAX_SIGNATURE_LENGTH) return sigMalformed(header, `the ${header} header is ${value.length} characters long`);
  return value;
}

/**
 * One header carrying one signature, optionally prefixed. `accept` lists prefixes that are part of the
 * canonical form; the candidate keeps the value as sent so a wrong prefix shows up in diagnosis.
 */
export function readHeaderSignature(ctx: RequestContext, header: string, encoding: 'hex' | 'base64'): SignatureRead {
  const value = singleSignatureHeader(ctx, header);
  if (typeof value !== 'string') return value;
  const rest = value.replace(PREFIX, '');
  if (!looksEncoded(rest, encoding)) {
    return sigMalformed(header, `the ${header} value is not ${encoding === 'hex' ? 'hexadecimal' : 'base64'}`, [value]);
  }
  return sigPresent(header, [value]);
}

export function hmacParts(crypto: CryptoPort, algorithm: HashAlgorithm, key: Uint8Array, parts: Array<Uint8Array | string>): Uint8Array {
  if (parts.length === 1) return crypto.hmac(algorithm, key, parts[0]);
  const data = concatBytes(...parts.map((p) => (typeof p === 'string' ? utf8(p) : p)));
  return crypto.hmac(algorithm, key, data);
}

export function isHmacAlgorithm(a: string): a is HashAlgorithm {
  return a === 'md5' || a === 'sha1' || a === 'sha256' || a === 'sha512';
}

export function otherShaAlgorithms(algorithm: HashAlgorithm): HashAlgorithm[] {
  return (['sha1', 'sha256', 'sha512'] as HashAlgorithm[]).filter((a) => a !== algorithm);
}

export function utf8Key(secret: string): Uint8Array | null {
  return secret.length > 0 ? utf8(secret) : null;
}

export function sha256Hex(crypto: CryptoPort, data: Uint8Array | string): string {
  return toHex(crypto.hash('sha256', data));
}

/** parsed JSON body or null */
export function jsonBody(ctx: RequestContext): unknown {
  const j = ctx.json();
  return j.ok ? j.value : null;
}

export function timestampFromHeader(ctx: RequestContext, names: string[]): TimestampRead {
  for (const name of names) {
    const raw = ctx.header(name);
    if (raw === null) continue;
    const time = parseUnixSeconds(raw);
    return time.ok ? { kind: 'present', where: name, raw, time } : { kind: 'unparseable', where: name, raw };
  }
  return { kind: 'missing', where: names[0] };
}

/** a timestamp at a JSON path of the body; `optional` turns absence into "unavailable" (skip) */
export function timestampFromJson(ctx: RequestContext, path: string, optional: boolean): TimestampRead {
  const j = ctx.json();
  if (!j.ok) return { kind: 'unavailable', code: 'unreadable_payload', reason: `the timestamp is in the payload, and ${j.reason}` };
  const value = getPath(j.value, path);
  const where = `payload ${path}`;
  if (value === null) {
    return optional
      ? { kind: 'unavailable', code: 'no_timestamp_in_payload', reason: `the payload carries no ${path} field` }
      : { kind: 'missing', where };
  }
  const raw = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  const time = parsePayloadTime(value);
  return time.ok ? { kind: 'present', where, raw, time } : { kind: 'unparseable', where, raw };
}

/** the event type a signed test request names: the caller's, else the JSON body's (per provider), else `fallback` */
export function eventTypeToSign(args: SignArgs, inferFromBody: (body: unknown) => string, fallback: string): string {
  if (args.eventType) return args.eventType;
  try {
    return inferFromBody(JSON.parse(new TextDecoder().decode(args.body)) as unknown);
  } catch {
    return fallback;
  }
}

export function baseRequest(args: SignArgs, headers: Array<[string, string]>): SignedRequest {
  return {
    url: args.url,
    method: args.method ?? 'POST',
    headers: args.contentType ? [['Content-Type', args.contentType], ...headers] : headers,
    body: args.body,
  };
}

/** the captured request with the fresh proof headers set in place (identity headers untouched) */
export function resignedRequest(args: ResignArgs, proof: ReadonlyArray<readonly [string, string]>): SignedRequest {
  return { url: args.url, method: args.method, headers: setHeaders(args.headers, proof), body: args.body };
}

/** a UUID v4 from the crypto port (for message ids the caller did not give) */
export function uuid(crypto: CryptoPort): string {
  const b = crypto.randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function unixSeconds(now: number): number {
  return Math.floor(now / 1000);
}
