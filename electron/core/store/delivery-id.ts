/** Time-sortable unique ids (ULID layout: 48-bit ms time + 80 random bits, Crockford base32). */
import { pooledRandomBytes } from './random-pool';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function freshRandom(): number[] {
  const bytes = pooledRandomBytes(RANDOM_CHARS);
  return Array.from(bytes, (b) => b & 31);
}

/** increments the base32 digits; on overflow (never in practice) draws fresh randomness */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] < 31) {
      next[i]++;
      return next;
    }
    next[i] = 0;
  }
  return freshRandom();
}

export const DELIVERY_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Within one millisecond ids increase; across milliseconds they sort by the given time (even if it went back). */
export function newDeliveryId(now: number): string {
  const ms = Math.max(0, Math.floor(now));
  if (ms === lastTime) {
    lastRandom = increment(lastRandom);
  } else {
    lastTime = ms;
    lastRandom = freshRandom();
  }
  return encodeTime(ms) + lastRandom.map((d) => ALPHABET[d]).join('');
}
