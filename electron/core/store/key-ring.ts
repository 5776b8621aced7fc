/**
 * Everything derived from the 32-byte data key, each with its own HKDF subkey: AES-256-GCM for raw
 * bodies and headers, AES-256-GCM for secrets entered in the UI, HMAC for the blind index and
 * idempotency keys and for secret fingerprints, and the key-check value that detects a wrong key at open.
 *
 * Envelope (v1): 0x01 | 12-byte random nonce | 16-byte tag | ciphertext. The AAD binds a ciphertext to
 * its row and field, so blobs cannot be swapped between deliveries.
 * Envelope (v2): 0x02 | nonce | tag | ciphertext of the plaintext compressed as an LZ block (lz-block.ts),
 * its AAD marked as v2 (so neither version byte can be swapped for the other). The deriver stores display
 * rows' raw copies this way (the bench's 1 KiB delivery: 1,367 bytes sealed as v1, ~700 as v2); the
 * request path seals v1 (no compression before the answer). Both open with open().
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { HookscopeError } from '../../../shared/result';
import { lzCompress, lzDecodesTo, lzDecompress } from './lz-block';
import { pooledRandomBytes } from './random-pool';

const VERSION = 1;
const COMPRESSED = 2;
const NONCE = 12;
const TAG = 16;
const HEADER = 1 + NONCE + TAG;
const SECRET_PREFIX = 'enc:';
const SECRET_AAD = 'hookscope/secret';

export const KEY_MISMATCH_MESSAGE =
  'the database was encrypted with another data key: set HOOKSCOPE_DATA_KEY to the original key or move the data directory';

export interface KeyRing {
  /** `plain` may be given in parts: sealed as their concatenation (no copy of the whole is made first) */
  seal(plain: Uint8Array | readonly Uint8Array[], aad: string): Buffer;
  /** v2 (compressed first); null when compressing would not make it smaller (seal it as v1 then) */
  sealCompressed(plain: Uint8Array, aad: string): Buffer | null;
  /** either version; throws HookscopeError('data_unreadable') when the envelope fails authentication */
  open(envelope: Uint8Array, aad: string): Buffer;
  /** 16-byte keyed HMAC of a normalised value, for the blind index */
  blind(value: string): Buffer;
  /** keyed HMAC (hex) of an idempotency key within its source */
  idempotency(sourceId: string, key: string): string;
  sealSecret(text: string): string;
  openSecret(ref: string): string;
  keyCheck(): Buffer;
  /** the public fingerprint of a secret: 8 hex chars of a keyed HMAC (see createFingerprinter) */
  fingerprint(value: string): string;
}

function subkey(material: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, 'hookscope', `hookscope/${purpose}/v1`, 32));
}

/** v2's AAD carries its version: a v1 envelope relabelled v2 (or the reverse) fails authentication */
const aadOf = (aad: string, version: number): Buffer => Buffer.from(version === VERSION ? aad : `${aad}#v${version}`, 'utf8');

function sealWith(key: Buffer, plain: Uint8Array | readonly Uint8Array[], aad: string, version = VERSION): Buffer {
  const nonce = pooledRandomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aadOf(aad, version));
  // GCM is a stream cipher: update() returns as many bytes as it is given, final() none
  const parts = plain instanceof Uint8Array ? [cipher.update(plain)] : plain.map((p) => cipher.update(p));
  const rest = cipher.final();
  let length = HEADER + rest.length;
  for (const p of parts) length += p.length;
  const out = Buffer.allocUnsafe(length);
  out[0] = version;
  nonce.copy(out, 1);
  cipher.getAuthTag().copy(out, 1 + NONCE);
  let offset = HEADER;
  for (const p of parts) offset += p.copy(out, offset);
  rest.copy(out, offset);
  return out;
}

function openWith(key: Buffer, envelope: Uint8Array, aad: string): Buffer | null {
  const buf = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  const version = buf[0];
  if (buf.length < HEADER || (version !== VERSION && version !== COMPRESSED)) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(1, 1 + NONCE));
    decipher.setAAD(aadOf(aad, version));
    decipher.setAuthTag(buf.subarray(1 + NONCE, HEADER));
    const plain = decipher.update(buf.subarray(HEADER));
    decipher.final();
    // authenticated before it is decompressed: only what this key sealed is ever decompressed
    if (version === VERSION) return plain;
    const unpacked = lzDecompress(plain);
    return Buffer.from(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength);
  } catch {
    return null;
  }
}

/**
 * Secret fingerprints (`fp:1a2b3c4d`, audit entries, readiness clashes): the first 8 hex chars of
 * HMAC-SHA256 under an HKDF subkey of the data key, so a fingerprint seen in a screenshot or the audit
 * log cannot be used to test guesses offline without the key. One-way: the subkey reveals nothing of
 * the data key; stable for as long as the data key is the same. Derives only this subkey.
 */
export function createFingerprinter(material: Buffer): (value: string) => string {
  if (material.length !== 32) throw new Error('data key must be 32 bytes');
  const key = subkey(material, 'fingerprint');
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 8);
}

export function createKeyRing(material: Buffer): KeyRing {
  if (material.length !== 32) throw new Error('data key must be 32 bytes');
  const rawKey = subkey(material, 'raw');
  const secretKey = subkey(material, 'secret');
  const blindKey = subkey(material, 'blind');
  const idemKey = subkey(material, 'idempotency');
  const checkKey = subkey(material, 'key-check');
  const fingerprint = createFingerprinter(material);
  return {
    seal: (plain, aad) => sealWith(rawKey, plain, aad),
    sealCompressed(plain, aad) {
      const packed = lzCompress(plain);
      // checked before it replaces anything: a block that would not give back these exact bytes is never stored
      if (!packed || !lzDecodesTo(packed, plain)) return null;
      return sealWith(rawKey, packed, aad, COMPRESSED);
    },
    open(envelope, aad) {
      const plain = openWith(rawKey, envelope, aad);
      if (!plain) {
        throw new HookscopeError(
          'data_unreadable',
          'stored encrypted data failed its integrity check (damaged file or another data key): the raw bytes cannot be shown',
        );
      }
      return plain;
    },
    blind: (value) => createHmac('sha256', blindKey).update(value, 'utf8').digest().subarray(0, 16),
    idempotency: (sourceId, key) => createHmac('sha256', idemKey).update(`${sourceId}\u0000${key}`, 'utf8').digest('hex'),
    sealSecret: (text) => SECRET_PREFIX + sealWith(secretKey, Buffer.from(text, 'utf8'), SECRET_AAD).toString('base64'),
    openSecret(ref) {
      if (!ref.startsWith(SECRET_PREFIX)) {
        throw new HookscopeError('invalid_argument', 'secret: an encrypted secret starts with "enc:"');
      }
      const plain = openWith(secretKey, Buffer.from(ref.slice(SECRET_PREFIX.length), 'base64'), SECRET_AAD);
      if (!plain) {
        throw new HookscopeError(
          'data_key_mismatch',
          'an encrypted secret could not be opened: it was encrypted with another data key (set HOOKSCOPE_DATA_KEY to the original key) or it is damaged (enter the secret again)',
        );
      }
      return plain.toString('utf8');
    },
    keyCheck: () => createHmac('sha256', checkKey).update('hookscope key check', 'utf8').digest(),
    fingerprint,
  };
}
