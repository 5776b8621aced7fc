/**
 * Group commit for the journal: at most maxInFlight batches are with the engine at a time (default 2:
 * the next one already waits in the engine while one commits, so the engine never idles waiting for
 * the event loop to hand it more); entries handed in beyond that wait and go together as one batch the
 * moment a batch settles (or once maxBatch are waiting). So the batch grows with the load instead of
 * one small transaction (and one message to the journal worker, one fsync in durability "power") per
 * turn of the event loop, and an idle journal commits a lone entry at once.
 *
 * Each caller's promise settles with its batch: resolved once the batch is durable, rejected when the
 * engine failed or missed the deadline — then the receiver answers 503 and the provider retries. The
 * deadline counts from the moment an entry was handed in, not from when its batch was posted, so time
 * spent waiting behind a stuck batch counts too. Nothing here waits on a lock: the engine appends off
 * the event loop (store/sqlite/journal-appender.ts).
 */
import type { JournalEntry } from '../store/contract';

export interface JournalSink {
  append(entries: JournalEntry[], options: { deadlineMs: number }): Promise<void>;
}

export interface GroupCommit {
  add(entry: JournalEntry): Promise<void>;
  /** entries handed in and not yet settled */
  inFlight(): number;
  /** resolves once everything handed in so far has settled */
  settled(): Promise<void>;
}

interface Waiter {
  entry: JournalEntry;
  resolve(): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  maxBatch: number;
  /** batches with the engine at once (default 2) */
  maxInFlight?: number;
  deadlineMs: number;
  onSettled?(entries: JournalEntry[], ok: boolean): void;
  /** the clock deadlines count on (tests); default Date.now */
  now?(): number;
}

export function createGroupCommit(sink: JournalSink, options: GroupCommitOptions): GroupCommit {
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? 2;
  let queue: Waiter[] = [];
  /** when the oldest waiting entry was handed in */
  let queuedSince = 0;
  let scheduled: NodeJS.Immediate | null = null;
  /** batches posted to the engine and not yet settled */
  let posted = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();

  const post = (): void => {
    if (scheduled) {
      clearImmediate(scheduled);
      scheduled = null;
    }
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const entries = batch.map((w) => w.entry);
    // the oldest entry's deadline is the batch's: everything after it was handed in later
    const deadlineMs = Math.max(0, options.deadlineMs - (now() - queuedSince));
    posted++;
    let done: Promise<void>;
    try {
      done = sink.append(entries, { deadlineMs });
    } catch (error) {
      done = Promise.reject(error);
    }
    const settledBatch = done.then(
      () => {
        finish(batch, entries, true, undefined);
      },
      (error: unknown) => {
        finish(batch, entries, false, error);
      },
    );
    pending.add(settledBatch);
    void settledBatch.finally(() => pending.delete(settledBatch));
  };

  function finish(batch: Waiter[], entries: JournalEntry[], ok: boolean, error: unknown): void {
    posted--;
    inFlight -= batch.length;
    options.onSettled?.(entries, ok);
    if (ok) for (const w of batch) w.resolve();
    else for (const w of batch) w.reject(error);
    // the engine has room: what waited meanwhile goes now, as one batch
    if (posted < maxInFlight && queue.length > 0) post();
  }

  /** runs after the current turn's requests were handed in: posts when the engine has room */
  const onTurnEnd = (): void => {
    scheduled = null;
    if (posted < maxInFlight) post();
  };

  return {
    add(entry) {
      inFlight++;
      return new Promise<void>((resolve, reject) => {
        if (queue.length === 0) queuedSince = now();
        queue.push({ entry, resolve, reject });
        if (queue.length >= options.maxBatch) post();
        else if (!scheduled && posted < maxInFlight) scheduled = setImmediate(onTurnEnd);
      });
    },
    inFlight: () => inFlight,
    async settled() {
      while (queue.length > 0 || pending.size > 0) {
        if (queue.length > 0 && posted < maxInFlight) post();
        await Promise.allSettled([...pending]);
      }
    },
  };
}
