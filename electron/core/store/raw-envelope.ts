/**
 * The encrypted raw copy of a delivery: request target, headers in wire order and body bytes, sealed
 * together in one AES-256-GCM envelope (one cipher setup per delivery on the receive path; they are
 * revealed, forwarded and purged together anyway). Plaintext frame: u32 BE length of the meta (UTF-8),
 * the meta, then the body bytes untouched. The journal seals the same frame before the answer; event
 * type and key ride along so the request path redacts nothing (the deriver does, after the answer).
 *
 * The meta, told apart by its first character:
 * - fields (U+0001…U+0007): target, event type, idempotency key, then each header's name and value, all
 *   joined by U+0000; the first character's bits 2 and 4 say whether event type and key are present
 *   (else null). Four times cheaper to write than JSON (~0.4 against ~1.4 µs for the bench's headers),
 *   on the request path. Used when no string holds U+0000 or a UTF-16 surrogate (UTF-8 would not give
 *   a lone one back), which headers read from the wire never do.
 * - JSON (`{`): `{"t": target, "h": headers, "e"?: event type, "k"?: idempotency key}` — every other
 *   request, and every frame written before the fields.
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
  const meta = fieldsMeta(target, headers, extras) ?? JSON.stringify({ t: target, h: headers, e: extras.eventType ?? undefined, k: extras.idempotencyKey ?? undefined });
  const metaLength = Buffer.byteLength(meta, 'utf8');
  // the frame built in one buffer: one cipher call instead of one per part
  const frame = Buffer.allocUnsafe(4 + metaLength + body.byteLength);
  frame.writeUInt32BE(metaLength, 0);
  frame.write(meta, 4, 'utf8');
  frame.set(body, 4 + metaLength);
  return ring.seal(frame, rawAad(id));
}

const SEPARATOR = '\u0000';
const HAS_EVENT_TYPE = 2;
const HAS_KEY = 4;
/** surrogates: a lone one has no UTF-8 form, so such strings go as JSON (which escapes it) */
const SURROGATE = /[\ud800-\udfff]/;

/** the fields encoding, or null when a string cannot be carried that way exactly (then JSON) */
function fieldsMeta(target: string, headers: ReadonlyArray<readonly [string, string]>, extras: RawExtras): string | null {
  const eventType = extras.eventType ?? null;
  const idempotencyKey = extras.idempotencyKey ?? null;
  // a separator inside a string would shift every field after it
  if (target.includes(SEPARATOR) || eventType?.includes(SEPARATOR) || idempotencyKey?.includes(SEPARATOR)) return null;
  const flags = 1 | (eventType === null ? 0 : HAS_EVENT_TYPE) | (idempotencyKey === null ? 0 : HAS_KEY);
  let meta = `${String.fromCharCode(flags)}${target}${SEPARATOR}${eventType ?? ''}${SEPARATOR}${idempotencyKey ?? ''}`;
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i];
    if (name.includes(SEPARATOR) || value.includes(SEPARATOR)) return null;
    meta += `${SEPARATOR}${name}${SEPARATOR}${value}`;
  }
  return SURROGATE.test(meta) ? null : meta;
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
  const text = frame.subarray(4, 4 + metaLength).toString('utf8');
  const body = frame.subarray(4 + metaLength);
  if (text.charCodeAt(0) !== 0x7b) return parseFields(text, body);
  const meta = JSON.parse(text) as { t?: unknown; h?: unknown; e?: unknown; k?: unknown };
  if (typeof meta.t !== 'string' || !Array.isArray(meta.h)) throw unreadable();
  return {
    target: meta.t,
    headers: meta.h as Array<[string, string]>,
    body,
    eventType: typeof meta.e === 'string' ? meta.e : null,
    idempotencyKey: typeof meta.k === 'string' ? meta.k : null,
  };
}

function parseFields(text: string, body: Buffer): RawCopy {
  const flags = text.charCodeAt(0);
  const fields = text.slice(1).split(SEPARATOR);
  if (flags < 1 || flags > 7 || fields.length < 3 || fields.length % 2 === 0) throw unreadable();
  const headers: Array<[string, string]> = [];
  for (let i = 3; i < fields.length; i += 2) headers.push([fields[i], fields[i + 1]]);
  return {
    target: fields[0],
    headers,
    body,
    eventType: flags & HAS_EVENT_TYPE ? fields[1] : null,
    idempotencyKey: flags & HAS_KEY ? fields[2] : null,
  };
}
