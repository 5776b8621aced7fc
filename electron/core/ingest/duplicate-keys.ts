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

const mapKey = (sourceId: string, keyHash: string): string => `${sourceId}\u0000${keyHash}`;

export function createDuplicateKeys(initial: Iterable<DuplicateKey>): DuplicateKeys {
  const keys = new Map<string, { deliveryId: string; expiresAt: number }>();
  for (const k of initial) keys.set(mapKey(k.sourceId, k.keyHash), { deliveryId: k.deliveryId, expiresAt: k.expiresAt });
  return {
    lookup(sourceId, keyHash, now) {
      const hit = keys.get(mapKey(sourceId, keyHash));
      return hit && hit.expiresAt > now ? hit.deliveryId : null;
    },
    register(k) {
      keys.set(mapKey(k.sourceId, k.keyHash), { deliveryId: k.deliveryId, expiresAt: k.expiresAt });
    },
    release(k) {
      const name = mapKey(k.sourceId, k.keyHash);
      if (keys.get(name)?.deliveryId === k.deliveryId) keys.delete(name);
    },
    sweep(now) {
      for (const [name, v] of keys) if (v.expiresAt <= now) keys.delete(name);
    },
    forget(deliveryIds) {
      for (const [name, v] of keys) if (deliveryIds.has(v.deliveryId)) keys.delete(name);
    },
    size: () => keys.size,
  };
}
