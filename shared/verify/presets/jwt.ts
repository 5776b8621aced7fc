/** Compact JWT (HS256) by hand on the CryptoPort: decode, sign and verify. */
import type { CryptoPort } from '../ports';
import { decodeUtf8Strict, utf8 } from '../support/bytes';
import { fromBase64Url, toBase64Url } from '../support/encoding';
import { isObject } from '../support/json-path';

export type DecodedJwt =
  | { ok: true; header: Record<string, unknown>; claims: Record<string, unknown>; signingInput: string; signature: string }
  | { ok: false; problem: string };

function decodeSegment(segment: string): Record<string, unknown> | null {
  const bytes = fromBase64Url(segment);
  if (!bytes) return null;
  const text = decodeUtf8Strict(bytes);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** structural decode; accepts only alg HS256 (never "none", never an asymmetric alg with an HMAC key) */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, problem: `the JWT has ${parts.length} part(s), not three (header.payload.signature)` };
  const [h, p, s] = parts;
  const header = decodeSegment(h);
  if (!header) return { ok: false, problem: 'the JWT header is not base64url-encoded JSON' };
  if (header.alg !== 'HS256') {
    const alg = typeof header.alg === 'string' ? header.alg.slice(0, 20) : String(header.alg);
    return { ok: false, problem: `the JWT alg is "${alg}"; only HS256 is accepted` };
  }
  const claims = decodeSegment(p);
  if (!claims) return { ok: false, problem: 'the JWT payload is not base64url-encoded JSON' };
  if (s === '' || !/^[A-Za-z0-9_-]+$/.test(s)) return { ok: false, problem: 'the JWT signature is not base64url' };
  return { ok: true, header, claims, signingInput: `${h}.${p}`, signature: s };
}

export function hs256(crypto: CryptoPort, key: Uint8Array, signingInput: string): string {
  return toBase64Url(crypto.hmac('sha256', key, utf8(signingInput)));
}

/** signs claims with HS256; JSON key order is kept as given */
export function signJwt(crypto: CryptoPort, key: Uint8Array, claims: Record<string, unknown>): string {
  const header = toBase64Url(utf8(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const payload = toBase64Url(utf8(JSON.stringify(claims)));
  const signingInput = `${header}.${payload}`;
  return `${signingInput}.${hs256(crypto, key, signingInput)}`;
}

/** true when the token is a well-formed HS256 JWT signed with key */
export function verifyJwtHs256(crypto: CryptoPort, token: string, key: Uint8Array): boolean {
  const decoded = decodeJwt(token);
  if (!decoded.ok) return false;
  return crypto.timingSafeEqual(utf8(hs256(crypto, key, decoded.signingInput)), utf8(decoded.signature));
}
