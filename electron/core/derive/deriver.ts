/**
 * The second half of a delivery's path: journal → display rows, off the request path, in large
 * batches. It runs when the journal has new commits (and once at start: after a crash it catches up
 * with whatever the journal still holds). When the database is locked by someone else it does not wait:
 * it tries again later, and readers show the journal rows as pending meanwhile.
 */
import type { Redactor } from '../../../shared/redact';
import type { JournalRecord } from '../store/contract';
import type { KeyRing } from '../store/key-ring';
import { deriveRow } from './derive-row';
import type { DerivedDelivery as Derived } from '../store/contract';

export const DERIVE_BATCH = 1000;
/** sealed bytes per derive batch (big bodies make small batches) */
export const DERIVE_BATCH_BYTES = 8 * 1024 * 1024;
/** after a commit, wait this long so one derive batch covers many group commits */
export const DERIVE_DELAY_MS = 10;
export const BUSY_RETRY_MS = 100;

export interface DeriverPorts {
  oldest(limit: number, maxBytes: number): JournalRecord[];
  /** writes the batch and removes its journal rows in one transaction; returns false when the database was busy */
  write(items: Derived[]): boolean;
  redactor(): Redactor;
  ring: KeyRing;
  derived(items: Derived[]): void;
  onError(error: unknown): void;
}

export interface Deriver {
  /** new journal rows committed: derive soon */
  nudge(): void;
  /** derives everything in the journal now; false when the database was busy and rows remain */
  drain(): boolean;
  /** derives at most about `rows` rows now (reads use it so a backlog cannot stall them) */
  drainSome(rows: number): void;
  stop(): void;
}

export function createDeriver(ports: DeriverPorts): Deriver {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // after a busy answer, no new attempt (and no re-deriving of the same rows) for a while
  let busyUntil = 0;

  /** one batch; 'empty' when nothing was left */
  const step = (): 'empty' | 'more' | 'busy' => {
    if (Date.now() < busyUntil) return 'busy';
    const records = ports.oldest(DERIVE_BATCH, DERIVE_BATCH_BYTES);
    if (records.length === 0) return 'empty';
    const redactor = ports.redactor();
    const items = records.map((record) => ({ record, row: deriveRow(record, redactor, ports.ring) }));
    if (!ports.write(items)) {
      busyUntil = Date.now() + BUSY_RETRY_MS;
      return 'busy';
    }
    ports.derived(items);
    return ports.oldest(1, 1).length === 0 ? 'empty' : 'more';
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
    // one batch per turn: the receiver and the API get the event loop in between
    if (outcome === 'more') schedule(0);
    else if (outcome === 'busy') schedule(BUSY_RETRY_MS);
  }

  return {
    nudge: () => schedule(DERIVE_DELAY_MS),
    drainSome(rows) {
      for (let done = 0; done < rows; done += DERIVE_BATCH) {
        const outcome = step();
        if (outcome !== 'more') {
          if (outcome === 'busy') schedule(BUSY_RETRY_MS);
          return;
        }
      }
      schedule(0);
    },
    drain() {
      for (;;) {
        const outcome = step();
        if (outcome === 'empty') return true;
        if (outcome === 'busy') {
          schedule(BUSY_RETRY_MS);
          return false;
        }
      }
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
