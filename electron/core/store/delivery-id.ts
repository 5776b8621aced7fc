/** Time-sortable unique ids (ULID layout: 48-bit ms time + 80 random bits, Crockford base32). */
import { pooledRandomBytes } from './random-pool';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;

let lastTime = -1;
let lastTimePart = '';
/** the random part's base32 digits, incremented in place within one millisecond */
const digits = new Uint8Array(RANDOM_CHARS);

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function fillRandom(): void {
  const bytes = pooledRandomBytes(RANDOM_CHARS);
  for (let i = 0; i < RANDOM_CHARS; i++) digits[i] = bytes[i] & 31;
}

/** increments the base32 digits; on overflow (never in practice) draws fresh randomness */
function increment(): void {
  for (let i = RANDOM_CHARS - 1; i >= 0; i--) {
    if (digits[i] < 31) {
      digits[i]++;
      return;
    }
    digits[i] = 0;
  }
  fillRandom();
}

export const DELIVERY_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Within one millisecond ids increase; across milliseconds they sort by the given time (even if it went back). */
export function newDeliveryId(now: number): string {
  const ms = Math.max(0, Math.floor(now));
  if (ms === lastTime) {
    increment();
  } else {
    lastTime = ms;
    lastTimePart = encodeTime(ms);
    fillRandom();
  }
  let out = lastTimePart;
  for (let i = 0; i < RANDOM_CHARS; i++) out += ALPHABET[digits[i]];
  return out;
}
