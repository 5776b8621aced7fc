/**
 * Counts arrivals per provider event id for respond mode "sequence" (the n-th arrival gets the n-th
 * status). In memory and bounded: a restart or a config change starts counting anew.
 */
import type { RespondConfig } from '../../../shared/config';

const MAX_KEYS = 10_000;

export interface ArrivalCounter {
  /** 1 for the first arrival of this event id (and for every arrival without one) */
  next(sourceId: string, respond: RespondConfig, key: string | null): number;
  undo(sourceId: string, key: string | null): void;
}

export function createArrivalCounter(): ArrivalCounter {
  const counts = new Map<string, number>();
  const configs = new Map<string, RespondConfig>();
  const keyOf = (sourceId: string, key: string) => `${sourceId}\u0000${key}`;

  return {
    next(sourceId, respond, key) {
      if (configs.get(sourceId) !== respond) {
        // the config changed (it is re-validated into new objects, never mutated): count anew
        configs.set(sourceId, respond);
        for (const k of counts.keys()) if (k.startsWith(`${sourceId}\u0000`)) counts.delete(k);
      }
      if (key === null) return 1;
      const k = keyOf(sourceId, key);
      const n = (counts.get(k) ?? 0) + 1;
      counts.delete(k); // re-insert: Map order is then least recently seen first
      counts.set(k, n);
      if (counts.size > MAX_KEYS) counts.delete(counts.keys().next().value as string);
      return n;
    },
    undo(sourceId, key) {
      if (key === null) return;
      const k = keyOf(sourceId, key);
      const n = counts.get(k);
      if (n === undefined) return;
      if (n <= 1) counts.delete(k);
      else counts.set(k, n - 1);
    },
  };
}
