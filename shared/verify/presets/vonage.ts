/**
 * Vonage Voice / Messages signed webhooks: Authorization: Bearer <JWT HS256 with the account signature secret>.
 * The claim payload_hash (sha256 hex of the body) binds the body; iat is the timestamp, jti the idempotency key.
 * iat is read before the signature is verified so the skew is always shown; the timestamp check reports
 * whether the signature had verified (an unverified iat proves nothing, and the delivery fails anyway).
 */
import { utf8 } from '../support/bytes';
import { toBase64Url } from '../support/encoding';
import { getScalar, isObject } from '../support/json-path';
import type { RequestContext } from '../request-context';
import { MAX_SIGNATURE_LENGTH, baseRequest, jsonBody, resignedRequest, sha256Hex, sigMalformed, sigMissing, sigPresent, unixSeconds, utf8Key, uuid } from './common';
import type { CryptoPort } from '../ports';
import { headerValue } from '../support/headers';
import { decodeJwt, signJwt } from './jwt';
import type { Preset } from './types';
import { splitTarget, parseQueryLenient } from '../support/form';

const HEADER = 'Authorization';

export const VONAGE_EVENT_TYPES = [
  'voice:answer',
  'voice:started',
  'voice:ringing',
  'voice:answered',
  'voice:busy',
  'voice:cancelled',
  'voice:unanswered',
  'voice:disconnected',
  'voice:rejected',
  'voice:failed',
  'voice:human',
  'voice:machine',
  'voice:timeout',
  'voice:completed',
  'voice:input',
  'voice:record',
  'voice:transfer',
  'message:inbound',
  'message:submitted',
  'message:delivered',
  'message:rejected',
  'message:undeliverable',
  'message:read',
] as const;

function isGetWithoutBody(ctx: RequestContext): boolean {
  return ctx.req.method.toUpperCase() === 'GET' && ctx.req.body.byteLength === 0;
}

/** GET callbacks are hashed as the query parameters in compact JSON (Vonage support's recipe) */
export function queryAsJson(url: string): string {
  const params = parseQueryLenient(splitTarget(url).query);
  const obj: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in obj)) obj[k] = v;
  return JSON.stringify(obj);
}

function vonageEventType(ctx: RequestContext): string | null {
  const body: unknown = isGetWithoutBody(ctx) ? JSON.parse(queryAsJson(ctx.req.target)) : jsonBody(ctx);
  if (!isObject(body)) return null;
  if ('message_uuid' in body || 'channel' in body) {
    const status = getScalar(body, 'status');
    return status !== null ? `message:${status}` : 'message:inbound';
  }
  if ('recording_url' in body) return 'voice:record';
  if ('dtmf' in body || 'speech' in body) return 'voice:input';
  const status = getScalar(body, 'status');
  if (status !== null) return `voice:${status}`;
  if ('conversation_uuid' in body && 'uuid' in body) return 'voice:answer';
  return null;
}

/** sha256 hex of what Vonage hashes: the body, or for a bodiless GET the query as compact JSON */
function payloadHash(crypto: CryptoPort, method: string, url: string, body: Uint8Array): string {
  return sha256Hex(crypto, method === 'GET' && body.byteLength === 0 ? utf8(queryAsJson(url)) : body);
}

/** the captured JWT's claims (unverified: they are only carried over), or {} when there is no readable JWT */
function capturedClaims(headers: ReadonlyArray<readonly [string, string]>): Record<string, unknown> {
  const m = /^Bearer\s+(\S+)$/i.exec((headerValue(headers, HEADER) ?? '').trim());
  const jwt = m ? decodeJwt(m[1]) : null;
  return jwt?.ok ? jwt.claims : {};
}

/**
 * The captured claims with only the time-bound ones renewed: iat now, a new jti, exp/nbf moved by the same
 * amount as iat (keeping the token's lifetime), payload_hash over the bytes sent. api_key, application_id and
 * any other claim stay as captured.
 */
function renewedClaims(claims: Record<string, unknown>, nowSeconds: number, jti: string, hash: string): Record<string, unknown> {
  const shift = typeof claims.iat === 'number' ? nowSeconds - claims.iat : null;
  const out: Record<string, unknown> = { ...claims, iat: nowSeconds, jti, payload_hash: hash };
  for (const key of ['exp', 'nbf']) {
    const value = claims[key];
    if (typeof value === 'number') out[key] = shift === null ? nowSeconds + (key === 'exp' ? 300 : 0) : value + shift;
  }
  return out;
}

export const vonage: Preset = {
  id: 'vonage',
  label: 'Vonage Voice / Messages (signed JWT)',
  signatureHeader: () => HEADER,
  hasTimestamp: () => true,
  eventTypes: VONAGE_EVENT_TYPES,
  bodyFormat: (ctx) => (isGetWithoutBody(ctx) ? 'none' : 'json'),
  readSignature(ctx) {
    const values = ctx.headerAll(HEADER);
    if (values.length === 0) return sigMissing(HEADER);
    if (values.length > 1) return sigMalformed(HEADER, `the ${HEADER} header was sent ${values.length} times; send it once`);
    const value = values[0].trim();
    if (value.length > MAX_SIGNATURE_LENGTH) return sigMalformed(HEADER, `the ${HEADER} header is ${value.length} characters long`);
    const m = /^Bearer\s+(\S+)$/i.exec(value);
    if (!m) return sigMalformed(HEADER, `the ${HEADER} header is not "Bearer <JWT>"`);
    const jwt = decodeJwt(m[1]);
    if (!jwt.ok) return sigMalformed(HEADER, jwt.problem);
    return sigPresent(HEADER, [jwt.signature], { signingInput: jwt.signingInput }, jwt.claims);
  },
  algorithms: () => ['sha256'],
  otherAlgorithms: () => [],
  keyFromSecret: utf8Key,
  compute(ctx, sig, input) {
    const signingInput = sig.fields.signingInput;
    if (signingInput === undefined || input.algorithm !== 'sha256') return null;
    return ctx.crypto.hmac('sha256', input.key, utf8(signingInput));
  },
  format: (_ctx, mac) => toBase64Url(mac),
  bodyBinding(ctx, sig) {
    const claimed = sig.claims?.payload_hash;
    return {
      code: typeof claimed === 'string' ? 'payload_hash_mismatch' : 'missing_payload_hash',
      label: 'JWT claim payload_hash',
      claimed: typeof claimed === 'string' ? claimed.toLowerCase() : null,
      alsoAccept: isGetWithoutBody(ctx) ? [utf8(queryAsJson(ctx.req.target))] : [],
    };
  },
  readTimestamp(_ctx, sig) {
    if (sig.status !== 'present' || !sig.claims) {
      return { kind: 'unavailable', code: 'depends_on_signature', reason: 'the timestamp is the JWT iat claim, and the JWT is missing or malformed' };
    }
    const iat = sig.claims.iat;
    if (iat === undefined) return { kind: 'missing', where: 'JWT iat' };
    const raw = JSON.stringify(iat) ?? '';
    if (typeof iat !== 'number' || !Number.isFinite(iat)) return { kind: 'unparseable', where: 'JWT iat', raw };
    return { kind: 'present', where: 'JWT iat', raw, time: { ok: true, epochMs: Math.round(iat * 1000), unit: 'seconds', zoneMissing: false, numeric: iat } };
  },
  eventType: vonageEventType,
  idempotencyKey(_ctx, sig) {
    const jti = sig.claims?.jti;
    return typeof jti === 'string' && jti !== '' ? { key: jti, source: 'JWT jti claim' } : null;
  },
  sign(args, crypto) {
    const method = (args.method ?? 'POST').toUpperCase();
    const token = signJwt(crypto, utf8(args.secret), {
      iat: unixSeconds(args.now),
      jti: args.id ?? uuid(crypto),
      iss: 'Vonage',
      payload_hash: payloadHash(crypto, method, args.url, args.body),
      api_key: 'a1b2c3d4',
      application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
    });
    return { ...baseRequest(args, [['Authorization', `Bearer ${token}`], ['User-Agent', 'Vonage-Callbacks/1.0']]), method };
  },
  resign(args, crypto) {
    const method = args.method.toUpperCase();
    const claims = renewedClaims(capturedClaims(args.headers), unixSeconds(args.now), uuid(crypto), payloadHash(crypto, method, args.url, args.body));
    return { ...resignedRequest(args, [[HEADER, `Bearer ${signJwt(crypto, utf8(args.secret), claims)}`]]), method };
  },
};
