/** The production CryptoPort: node:crypto behind the verify engine's injected interface. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CryptoPort, HashAlgorithm } from '../../../shared/verify/ports';

const toBuffer = (data: Uint8Array | string): Buffer =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

export const nodeCryptoPort: CryptoPort = {
  hmac(algorithm: HashAlgorithm, key, data) {
    return createHmac(algorithm, toBuffer(key)).update(toBuffer(data)).digest();
  },
  hash(algorithm: HashAlgorithm, data) {
    return createHash(algorithm).update(toBuffer(data)).digest();
  },
  timingSafeEqual(a, b) {
    if (a.byteLength !== b.byteLength) return false;
    return timingSafeEqual(a, b);
  },
  randomBytes(length) {
    return randomBytes(length);
  },
};
