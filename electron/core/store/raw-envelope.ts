/** The encrypted raw copy of a delivery: body bytes in one envelope, request target and headers in another. */
import { HookscopeError } from '../../../shared/result';
import type { KeyRing } from './key-ring';

export const rawBodyAad = (id: string): string => `hookscope/raw-body/${id}`;
export const rawHeadersAad = (id: string): string => `hookscope/raw-headers/${id}`;

interface HeadersPlain {
  t: string;
  h: Array<[string, string]>;
}

export function sealRawHeaders(ring: KeyRing, id: string, target: string, headers: Array<[string, string]>): Buffer {
  const plain: HeadersPlain = { t: target, h: headers };
  return ring.seal(Buffer.from(JSON.stringify(plain), 'utf8'), rawHeadersAad(id));
}

export interface RawCopy {
  body: Buffer | null;
  target: string | null;
  headers: Array<[string, string]> | null;
}

export function openRawEnvelope(ring: KeyRing, id: string, body: Buffer | null, headers: Buffer | null): RawCopy {
  let target: string | null = null;
  let list: Array<[string, string]> | null = null;
  if (headers) {
    const parsed = JSON.parse(ring.open(headers, rawHeadersAad(id)).toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as HeadersPlain).h)) {
      throw new HookscopeError('data_unreadable', 'the stored raw headers have an unknown format: the raw request cannot be shown');
    }
    target = (parsed as HeadersPlain).t;
    list = (parsed as HeadersPlain).h;
  }
  return { body: body ? ring.open(body, rawBodyAad(id)) : null, target, headers: list };
}
