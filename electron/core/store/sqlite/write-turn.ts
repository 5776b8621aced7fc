/**
 * Who writes next, between this process's own connections: the journal's commit (a provider is waiting
 * for its answer) goes before the deriver's (nobody waits for it). SQLite's write lock has no priority,
 * and a derive transaction holds it for milliseconds, so the two cooperate through shared memory
 * (docs/architecture.md, "The ingest path"):
 *
 * - the journal worker counts itself in (WANTING) while it wants or holds the lock, and when the lock is
 *   busy it sleeps on RELEASES rather than a fixed nap, so it wakes the moment the deriver commits;
 * - the deriver looks at WANTING between chunks of its batch: when the journal waits and the transaction
 *   has held the lock for MIN_HOLD_MS, it commits what it has, bumps RELEASES, and steps aside until the
 *   journal is through (bounded, so it never starves). The minimum keeps derive transactions from
 *   shrinking to one chunk under steady ingest: each commit rewrites every page its rows touched, so
 *   tiny transactions would cost the deriver several times the CPU per row.
 *
 * The journal side runs in the journal worker's inline source (journal-appender.ts) with these indexes.
 */

/** Int32 slot: journal batches that want or hold the write lock */
export const WANTING = 0;
/** Int32 slot: commits by the deriver, bumped after each one (the journal sleeps on it) */
export const RELEASES = 1;

/** rows the deriver writes between two looks at WANTING (a chunk holds the lock for well under 1 ms) */
export const DERIVE_CHUNK_ROWS = 8;
/** a derive transaction keeps the lock this long before it gives way (a journal batch waits at most about this) */
export const MIN_HOLD_MS = 2;
/** how long the deriver stays aside for a waiting journal before it writes its next chunk anyway */
const STEP_ASIDE_MAX_MS = 20;

export function createWriteTurn(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

/** the deriver's side of the turn */
export interface DeriverTurn {
  /** a derive transaction has just begun */
  began(): void;
  /** the journal wants the lock and this transaction has held it long enough: commit now */
  giveWay(): boolean;
  /** after each derive commit: wakes a journal waiting for the lock; when `yielded`, waits (bounded) until it is through */
  committed(yielded: boolean): void;
}

/** null buffer: nobody to give way to (the deriver runs on the main connection, or in tests) */
export function deriverTurn(buffer: SharedArrayBuffer | null): DeriverTurn {
  if (!buffer) return { began: () => undefined, giveWay: () => false, committed: () => undefined };
  const slots = new Int32Array(buffer);
  let beganAt = 0;
  return {
    began() {
      beganAt = performance.now();
    },
    giveWay: () => Atomics.load(slots, WANTING) > 0 && performance.now() - beganAt >= MIN_HOLD_MS,
    committed(yielded) {
      Atomics.add(slots, RELEASES, 1);
      Atomics.notify(slots, RELEASES);
      if (!yielded) return;
      const giveUp = Date.now() + STEP_ASIDE_MAX_MS;
      for (let wanting = Atomics.load(slots, WANTING); wanting > 0; wanting = Atomics.load(slots, WANTING)) {
        const left = giveUp - Date.now();
        if (left <= 0) return;
        Atomics.wait(slots, WANTING, wanting, left);
      }
    },
  };
}
