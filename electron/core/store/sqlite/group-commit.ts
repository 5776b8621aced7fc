/**
 * Group commit: deliveries queue up and are written in one transaction when the batch is full or on
 * the next turn of the event loop (setImmediate), whichever comes first. Each add() settles only
 * once its batch has committed, or rejects with the transaction's error.
 */
export interface BatchWriterOptions<T> {
  maxBatch: number;
  /** writes the whole batch in one transaction; throws to fail it */
  write(items: T[]): void;
  committed(items: T[]): void;
  failed(items: T[], error: unknown): void;
}

export interface BatchWriter<T> {
  enqueue(item: T): Promise<void>;
  /** writes whatever is queued now, synchronously */
  flushNow(): void;
  queued(): number;
}

interface Entry<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

export function createBatchWriter<T>(options: BatchWriterOptions<T>): BatchWriter<T> {
  let queue: Array<Entry<T>> = [];
  let timer: NodeJS.Immediate | null = null;

  const flushNow = (): void => {
    if (timer) {
      clearImmediate(timer);
      timer = null;
    }
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const items = batch.map((e) => e.item);
    try {
      options.write(items);
    } catch (error) {
      options.failed(items, error);
      for (const e of batch) e.reject(error);
      return;
    }
    options.committed(items);
    for (const e of batch) e.resolve();
  };

  return {
    enqueue(item) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= options.maxBatch) flushNow();
        else if (!timer) timer = setImmediate(flushNow);
      });
    },
    flushNow,
    queued: () => queue.length,
  };
}
