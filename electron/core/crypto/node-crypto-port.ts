/** The production CryptoPort: node:crypto behind the verify engine's injected interface. */
import { createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CryptoPort, HashAlgorithm } from '../../../shared/verify/ports';

const toBuffer = (data: Uint8Array | string): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

const ALGORITHMS = new Set<string>(['md5', 'sha1', 'sha256', 'sha512']);
function checked(algorithm: HashAlgorithm): HashAlgorithm {
  if (!ALGORITHMS.has(algorithm)) throw new Error(`unsupported hash algorithm: ${String(algorithm)}`);
  return algorithm;
}

export const nodeCryptoPort: CryptoPort = {
  hmac(algorithm: HashAlgorithm, key, data) {
    return createHmac(checked(algorithm), toBuffer(key)).update(toBuffer(data)).digest();
  },
  hash(algorithm: HashAlgorithm, data) {
    // one-shot: no Hash object per call
    return hash(checked(algorithm), toBuffer(data), 'buffer');
  },
  timingSafeEqual(a, b) {
    if (a.byteLength !== b.byteLength) return false;
    return timingSafeEqual(a, b);
  },
  randomBytes(length) {
    return randomBytes(length);
  },
};
