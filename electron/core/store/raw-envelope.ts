/**
 * The encrypted raw copy of a delivery: request target, headers in wire order and body bytes, sealed
 * together in one AES-256-GCM envelope (one cipher setup per delivery on the receive path; they are
 * revealed, forwarded and purged together anyway). Plaintext frame: u32 BE length of the JSON
 * `{"t": target, "h": headers, "e"?: event type, "k"?: idempotency key}`, that JSON, then the body bytes
 * untouched. The journal seals the same frame before the answer; event type and key ride along so the
 * request path redacts nothing (the deriver does, after the answer).
 *
 * The display row keeps the frame sealed compressed (key-ring v2, an LZ block: compactRaw), done by the
 * deriver after the answer: the bench's 1 KiB delivery 1,367 → ~700 bytes. The journal's copy stays v1
 * (compressing costs the request path ~11 µs a delivery, measured), and so do rows written before.
 */
import { HookscopeError } from '../../../shared/result';
import type { KeyRing } from './key-ring';

export const rawAad = (id: string): string => `hookscope/raw/${id}`;

export interface RawCopy {
  target: string;
  headers: Array<[string, string]>;
  body: Buffer;
  eventType: string | null;
  idempotencyKey: string | null;
}

export interface RawExtras {
  eventType: string | null;
  idempotencyKey: string | null;
}

export function sealRaw(
  ring: KeyRing,
  id: string,
  target: string,
  headers: Array<[string, string]>,
  body: Uint8Array,
  extras: RawExtras = { eventType: null, idempotencyKey: null },
): Buffer {
  const meta = JSON.stringify({ t: target, h: headers, e: extras.eventType ?? undefined, k: extras.idempotencyKey ?? undefined });
  const metaLength = Buffer.byteLength(meta, 'utf8');
  // the frame built in one buffer: one cipher call instead of one per part
  const frame = Buffer.allocUnsafe(4 + metaLength + body.byteLength);
  frame.writeUInt32BE(metaLength, 0);
  frame.write(meta, 4, 'utf8');
  frame.set(body, 4 + metaLength);
  return ring.seal(frame, rawAad(id));
}

function unreadable(): HookscopeError {
  return new HookscopeError('data_unreadable', 'the stored raw request has an unknown format: the raw bytes cannot be shown');
}

export function openRaw(ring: KeyRing, id: string, envelope: Buffer): RawCopy {
  return parseRawFrame(ring.open(envelope, rawAad(id)));
}

/** the plaintext frame of a sealed raw copy: what openRaw reads, and what compactRaw seals again */
export function openRawFrame(ring: KeyRing, id: string, envelope: Uint8Array): Buffer {
  return ring.open(envelope, rawAad(id));
}

/** the frame sealed compressed (key-ring v2) for storage; null when that is not smaller */
export function compactRaw(ring: KeyRing, id: string, frame: Buffer): Buffer | null {
  return ring.sealCompressed(frame, rawAad(id));
}

export function parseRawFrame(frame: Buffer): RawCopy {
  if (frame.length < 4) throw unreadable();
  const metaLength = frame.readUInt32BE(0);
  if (4 + metaLength > frame.length) throw unreadable();
  const meta = JSON.parse(frame.subarray(4, 4 + metaLength).toString('utf8')) as { t?: unknown; h?: unknown; e?: unknown; k?: unknown };
  if (typeof meta.t !== 'string' || !Array.isArray(meta.h)) throw unreadable();
  return {
    target: meta.t,
    headers: meta.h as Array<[string, string]>,
    body: frame.subarray(4 + metaLength),
    eventType: typeof meta.e === 'string' ? meta.e : null,
    idempotencyKey: typeof meta.k === 'string' ? meta.k : null,
  };
}
