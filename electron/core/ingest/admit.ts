/**
 * The end of the request path, the same for every engine: the delivery becomes a journal entry (sealed
 * by the core), its idempotency key joins the in-memory duplicate set, and the group commit takes it.
 * The returned promise settles with the commit (the receiver answers after it).
 */
import type { DuplicateKey } from '../store/contract';
import type { KeyRing } from '../store/key-ring';
import type { NewDelivery } from '../store/types';
import type { DuplicateKeys } from './duplicate-keys';
import type { GroupCommit } from './group-commit';
import { toJournalEntry } from './journal-entry';

export function admitDelivery(
  delivery: NewDelivery,
  ports: { ring: KeyRing; keys: DuplicateKeys; commits: GroupCommit; hashKey(sourceId: string, key: string): string },
): Promise<void> {
  let key: DuplicateKey | null = null;
  if (delivery.sourceId !== null && delivery.idempotencyKey !== null && delivery.idempotencyExpiresAt !== null) {
    key = { sourceId: delivery.sourceId, keyHash: ports.hashKey(delivery.sourceId, delivery.idempotencyKey), deliveryId: delivery.id, expiresAt: delivery.idempotencyExpiresAt };
  }
  let entry;
  try {
    entry = toJournalEntry(delivery, ports.ring, key?.keyHash ?? null);
  } catch (e) {
    return Promise.reject(e);
  }
  // in the set before the commit: a second copy arriving in the same batch is a duplicate too
  if (key) ports.keys.register(key);
  return ports.commits.add(entry);
}
