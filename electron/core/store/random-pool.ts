/** CSPRNG bytes drawn from a refilled 4 KiB pool: one randomBytes call serves hundreds of nonces and ids. */
import { randomBytes } from 'node:crypto';

const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/**
 * fresh random bytes; no byte of the pool is ever handed out twice. A view of the pool, not a copy (a
 * nonce and an id per delivery): a spent pool is replaced, never refilled, so the bytes never change.
 */
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_SIZE) return randomBytes(n);
  if (offset + n > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}
