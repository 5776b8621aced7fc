/**
 * The second half of a delivery's path: journal → display rows, off the request path, in large
 * batches. It runs when the journal has new commits (and once at start: after a crash it catches up
 * with whatever the journal still holds). When the database is locked by someone else it does not
 * stall: it tries again later, and readers show the journal rows as pending meanwhile.
 *
 * This loop runs inside the derive worker (derive-worker.ts, its own thread and connection); only
 * where no worker can start does it run on the main thread (derive-thread.ts).
 */
import type { Redactor } from '../../../shared/redact';
import type { DerivedDelivery as Derived, JournalRecord } from '../store/contract';
import type { KeyRing } from '../store/key-ring';
import type { DeriveHelper } from './derive-helper';
import { deriveForStorage } from './derive-row';

export const DERIVE_BATCH = 1000;
/** sealed bytes per derive batch (big bodies make small batches) */
export const DERIVE_BATCH_BYTES = 8 * 1024 * 1024;
/**
 * After a commit, and after a batch while fewer than FULL_BATCH_ROWS wait, the deriver waits this long so
 * one batch covers many group commits. A commit's cost grows with the leaf pages it touches, and random
 * keys (duplicate keys, blind-index HMACs) put nearly every row on another leaf: derived in batches of
 * 15–70 (a 10 ms wait under 3,000 deliveries/s), the derive thread spent ~160 µs CPU per delivery.
 */
export const DERIVE_DELAY_MS = 50;
/** a backlog at least this long is derived without waiting */
export const FULL_BATCH_ROWS = 250;
export const BUSY_RETRY_MS = 100;

/** the engine's side: journal rows in, display rows and indexes out (store/sqlite/derive-target.ts) */
export interface DeriveTarget {
  /** the oldest rows after `afterSeq` (default: from the start) */
  oldest(limit: number, maxBytes: number, afterSeq?: number): JournalRecord[];
  /** highest journal seq committed now (0: empty) */
  head(): number;
  /** lowest journal seq not derived yet (0: empty) */
  next(): number;
  /** writes the batch in one transaction, marking its journal rows derived: how many it wrote (all), 0 when the database was busy */
  write(items: Derived[]): number;
}

export interface DeriverPorts {
  target: DeriveTarget;
  redactor(): Redactor;
  ring: KeyRing;
  derived(items: Derived[]): void;
  onError(error: unknown): void;
  /** a helper thread that derives the next batch while this one is written (derive-helper.ts); null: derive alone */
  helper?(): DeriveHelper | null;
}

export interface Deriver {
  /** new journal rows committed: derive soon */
  nudge(): void;
  /** derives every journal row with seq ≤ upToSeq (default: all committed now); false when the database was busy */
  drain(upToSeq?: number): boolean;
  /** forgets batches derived ahead (new redaction rules: what is not written yet is derived again under them) */
  discardAhead(): void;
  stop(): void;
}

export function createDeriver(ports: DeriverPorts): Deriver {
  const { target } = ports;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // after a busy answer, no new attempt (and no re-deriving of the same rows) for a while
  let busyUntil = 0;

  // derived, not written yet (the database was busy): written first at the next step
  let ready: Derived[] | null = null;
  // the helper works on the batch right after `ready` (or after the last one written)
  let helping: DeriveHelper | null = null;

  /** the next batch to write: the one left over, the helper's, or the oldest rows derived here */
  const nextBatch = (): Derived[] | null => {
    if (ready) {
      const items = ready;
      ready = null;
      return items;
    }
    if (helping?.busy()) return helping.finish();
    const records = target.oldest(DERIVE_BATCH, DERIVE_BATCH_BYTES);
    if (records.length === 0) return null;
    const redactor = ports.redactor();
    return records.map((record) => deriveForStorage(record, redactor, ports.ring));
  };

  /** one batch; 'empty' when nothing was left. A caller waiting for the rows (drain) tries even during the back-off. */
  const step = (backOff = true): 'empty' | 'more' | 'busy' => {
    if (backOff && Date.now() < busyUntil) return 'busy';
    const items = nextBatch();
    if (items === null) return 'empty';
    // a backlog: the helper derives the batch after this one while this one is written
    if (!helping?.busy()) helping = ports.helper?.() ?? null;
    if (helping && !helping.busy()) {
      const after = target.oldest(DERIVE_BATCH, DERIVE_BATCH_BYTES, items[items.length - 1].record.seq);
      if (after.length > 0) helping.start(after);
    }
    const written = target.write(items);
    if (written === 0) {
      ready = items;
      busyUntil = Date.now() + BUSY_RETRY_MS;
      return 'busy';
    }
    ports.derived(items);
    return target.next() === 0 && !helping?.busy() ? 'empty' : 'more';
  };

  const backlog = (): number => {
    const next = target.next();
    return next === 0 ? 0 : target.head() - next + 1;
  };

  const discardAhead = (): void => {
    ready = null;
    if (helping?.busy()) {
      try {
        helping.finish();
      } catch {
        // gone: nothing to discard
      }
    }
  };

  const schedule = (ms: number): void => {
    if (stopped || timer) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };

  function run(): void {
    timer = null;
    if (stopped) return;
    let outcome: ReturnType<typeof step>;
    try {
      outcome = step();
    } catch (error) {
      ports.onError(error);
      schedule(BUSY_RETRY_MS);
      return;
    }
    // one batch per turn: messages (drain requests, new settings) are handled in between
    if (outcome === 'more') schedule(backlog() >= FULL_BATCH_ROWS || helping?.busy() ? 0 : DERIVE_DELAY_MS);
    else if (outcome === 'busy') schedule(BUSY_RETRY_MS);
  }

  return {
    nudge: () => schedule(DERIVE_DELAY_MS),
    drain(upToSeq = target.head()) {
      for (;;) {
        const next = target.next();
        if (next === 0 || next > upToSeq) return true;
        const outcome = step(false);
        if (outcome === 'busy') {
          schedule(BUSY_RETRY_MS);
          return false;
        }
      }
    },
    discardAhead,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
