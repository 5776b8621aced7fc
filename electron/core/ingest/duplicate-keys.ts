/**
 * The duplicate set: every live idempotency key, in memory. Loaded at start from the engine's
 * primary-key table (contract Journal.duplicateKeys); a key joins the set when its delivery is handed
 * to the journal, and leaves again if that append fails. The request path never runs a SELECT for it.
 * Keys are keyed HMACs of (source, key) (KeyRing.idempotency), never the key itself.
 */
import type { DuplicateKey } from '../store/contract';

export interface DuplicateKeys {
  /** id of the live delivery that registered this key hash, else null */
  lookup(sourceId: string, keyHash: string, now: number): string | null;
  register(key: DuplicateKey): void;
  /** undo a registration whose journal append failed */
  release(key: DuplicateKey): void;
  /** drops expired keys (called by the retention step) */
  sweep(now: number): void;
  forget(deliveryIds: ReadonlySet<string>): void;
  size(): number;
}

/**
 * Memory: one entry per live key (100k after 100k keyed deliveries), so entries are kept small: a map
 * per source (no concatenated key strings); a key hash (64 hex digits) as its 32 bytes in a one-byte
 * string; the value one flat string packing expiry and delivery id (no object, no heap number, no
 * concatenation left behind). ~150 bytes of heap per key, against ~330 for hex keys of "source\0hash"
 * and { deliveryId, expiresAt } values.
 */
const HASH_BYTES = 32;
const codes: number[] = new Array<number>(HASH_BYTES).fill(0);
/** a lower-case hex digit's value, else -1 */
const nibble = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);

/**
 * A key hash of 64 lower-case hex digits as its 32 bytes in a one-byte string (read digit by digit: no
 * buffer per lookup); other key texts (tests, other engines) keep their text plus a character no byte
 * string holds, so the two never meet.
 */
function convert(keyHash: string): string {
  if (keyHash.length !== HASH_BYTES * 2) return `${keyHash}\u0100`;
  for (let i = 0; i < HASH_BYTES; i++) {
    const high = nibble(keyHash.charCodeAt(2 * i));
    const low = nibble(keyHash.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) return `${keyHash}\u0100`;
    codes[i] = (high << 4) | low;
  }
  return String.fromCharCode(...codes);
}
/** the last conversion: the chain looks a key up and the journal registers it right after, in the same turn */
let lastHash = '';
let lastKey = convert('');
const keyOf = (keyHash: string): string => {
  if (keyHash !== lastHash) {
    lastKey = convert(keyHash);
    lastHash = keyHash;
  }
  return lastKey;
};
/** a copy in one piece: a concatenation stays two strings and a link otherwise */
const pack = (deliveryId: string, expiresAt: number): string => Buffer.from(`${expiresAt.toString(36)} ${deliveryId}`, 'utf8').toString('utf8');
const expiryOf = (packed: string): number => parseInt(packed.slice(0, packed.indexOf(' ')), 36);
const idOf = (packed: string): string => packed.slice(packed.indexOf(' ') + 1);

export function createDuplicateKeys(initial: Iterable<DuplicateKey>): DuplicateKeys {
  const bySource = new Map<string, Map<string, string>>();
  let count = 0;
  const register = (k: DuplicateKey): void => {
    let keys = bySource.get(k.sourceId);
    if (!keys) bySource.set(k.sourceId, (keys = new Map()));
    const before = keys.size;
    keys.set(keyOf(k.keyHash), pack(k.deliveryId, k.expiresAt));
    count += keys.size - before;
  };
  /** drops the entries `drop` picks */
  const remove = (drop: (packed: string) => boolean): void => {
    for (const keys of bySource.values()) {
      for (const [hash, packed] of keys) {
        if (!drop(packed)) continue;
        keys.delete(hash);
        count--;
      }
    }
  };
  for (const k of initial) register(k);
  return {
    lookup(sourceId, keyHash, now) {
      const hit = bySource.get(sourceId)?.get(keyOf(keyHash));
      return hit !== undefined && expiryOf(hit) > now ? idOf(hit) : null;
    },
    register,
    release(k) {
      const keys = bySource.get(k.sourceId);
      const key = keyOf(k.keyHash);
      const hit = keys?.get(key);
      if (hit !== undefined && idOf(hit) === k.deliveryId) {
        keys!.delete(key);
        count--;
      }
    },
    sweep(now) {
      remove((packed) => expiryOf(packed) <= now);
    },
    forget(deliveryIds) {
      remove((packed) => deliveryIds.has(idOf(packed)));
    },
    size: () => count,
  };
}
