/**
 * Who writes the journal file next, between this process's own connections: the journal's commit (a
 * provider is waiting for its answer) goes before the deriver's prune of derived rows (nobody waits for
 * it). SQLite's write lock has no priority, so the two cooperate through shared memory
 * (docs/architecture.md, "The ingest path"):
 *
 * - the journal worker counts itself in (WANTING) while it wants or holds the lock, and when the lock is
 *   busy it sleeps on RELEASES rather than a fixed nap, so it wakes the moment the prune commits;
 * - the deriver does not start a prune while a journal commit waits (a later batch prunes instead), and
 *   bumps RELEASES after each one.
 *
 * The deriver's own transactions write the database file, whose lock the journal never takes
 * (journal-file.ts). The journal side runs in the journal worker's inline source (journal-appender.ts)
 * with these indexes.
 */

/** Int32 slot: journal batches that want or hold the write lock */
export const WANTING = 0;
/** Int32 slot: the deriver's writes to the journal file, bumped after each one (the journal sleeps on it) */
export const RELEASES = 1;

export function createWriteTurn(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

/** the deriver's side of the turn */
export interface DeriverTurn {
  /** a journal commit wants the journal file's lock now: do not take it */
  journalWaiting(): boolean;
  /** after each write to the journal file: wakes a journal commit waiting for the lock */
  committed(): void;
}

/** null buffer: nobody to give way to (the deriver runs on the main connection, or in tests) */
export function deriverTurn(buffer: SharedArrayBuffer | null): DeriverTurn {
  if (!buffer) return { journalWaiting: () => false, committed: () => undefined };
  const slots = new Int32Array(buffer);
  return {
    journalWaiting: () => Atomics.load(slots, WANTING) > 0,
    committed() {
      Atomics.add(slots, RELEASES, 1);
      Atomics.notify(slots, RELEASES);
    },
  };
}
