/**
 * Group commit for the journal: entries handed in during one turn of the event loop (or up to
 * maxBatch) go to the engine as one append. Each caller's promise settles with its batch: resolved
 * once the batch is durable, rejected when the engine failed or missed the deadline — then the
 * receiver answers 503 and the provider retries. Nothing here waits on a lock: the engine appends off
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

export function createGroupCommit(sink: JournalSink, options: { maxBatch: number; deadlineMs: number; onSettled?(entries: JournalEntry[], ok: boolean): void }): GroupCommit {
  let queue: Waiter[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();

  const flush = (): void => {
    scheduled = null;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const entries = batch.map((w) => w.entry);
    const done = sink.append(entries, { deadlineMs: options.deadlineMs }).then(
      () => {
        inFlight -= batch.length;
        options.onSettled?.(entries, true);
        for (const w of batch) w.resolve();
      },
      (error: unknown) => {
        inFlight -= batch.length;
        options.onSettled?.(entries, false);
        for (const w of batch) w.reject(error);
      },
    );
    pending.add(done);
    void done.finally(() => pending.delete(done));
  };

  return {
    add(entry) {
      inFlight++;
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        if (queue.length >= options.maxBatch) {
          if (scheduled) clearImmediate(scheduled);
          flush();
        } else if (!scheduled) scheduled = setImmediate(flush);
      });
    },
    inFlight: () => inFlight,
    async settled() {
      if (scheduled) {
        clearImmediate(scheduled);
        flush();
      }
      await Promise.allSettled([...pending]);
    },
  };
}
