/**
 * WAL checkpoints on a worker thread. A checkpoint copies WAL pages into the database file and, with
 * synchronous=NORMAL, fsyncs: run by the writing connection (SQLite's autocheckpoint) that stalls the
 * event loop for milliseconds every ~1,000 pages, which lands straight in the receiver's p99. Here a
 * second connection on its own thread runs PASSIVE checkpoints (they never block the writer), at most
 * every CHECKPOINT_INTERVAL_MS while commits keep coming.
 *
 * If the worker cannot start (e.g. the driver path cannot be resolved inside a bundle), the store
 * falls back to SQLite's own autocheckpoint on the main connection: slower tail, same durability.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_THREAD_LIMITS } from '../../thread-limits';

/**
 * While commits keep coming, a checkpoint at most this often. Each one copies every page the interval
 * dirtied (16 KiB each) and fsyncs: the journal's and the derived tables' hot pages are rewritten by
 * every commit, so a longer interval copies each of them once instead of five times (at 200 ms the
 * checkpoint thread cost 33-44 µs CPU per delivery under load, at 1 s 17-21). The WAL holds about a
 * second of writes in between; durability is the same ("process": kill -9 loses nothing either way).
 */
export const CHECKPOINT_INTERVAL_MS = 1_000;
/** a big WAL not cut back (a reader's snapshot, a busy lock) is tried again this soon, TRUNCATE_RETRIES times */
const TRUNCATE_RETRY_MS = 200;
/** a fully checkpointed WAL longer than this is truncated (2 MB at 16 KiB pages, database.ts PAGE_SIZE): the end of a burst leaves at most that */
export const TRUNCATE_WAL_PAGES = 128;
/** WAL pages before the main connection checkpoints by itself: a safety net if the worker falls behind (64 MB) */
export const SAFETY_NET_PAGES = 4096;
/** checkpoints in a row that try again to cut back a big WAL another connection kept busy */
const TRUNCATE_RETRIES = 10;
/** after TRUNCATE_RETRIES quick tries, a big WAL is retried this often */
const TRUNCATE_RETRY_SLOW_MS = 2_000;

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
  /** some file's WAL is still longer than TRUNCATE_WAL_PAGES (the figures above are the first file's) */
  uncut?: boolean;
}

export interface Checkpointer {
  /** a commit happened: checkpoint soon */
  nudge(): void;
  /** checkpoint now and report what SQLite did */
  checkpoint(): Promise<CheckpointResult>;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const open = (file) => {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = ' + workerData.synchronous);
  return db;
};
// the database file first (its figures are the answer), then the journal file
const dbs = workerData.files.map(open);
const checkpoint = (db) => {
  let row = db.pragma('wal_checkpoint(PASSIVE)')[0];
  // all of a big WAL is in the database file: cut the file back now (a burst of big bodies must not stay on disk).
  // TRUNCATE holds the write lock while it waits for readers: with no wait it never keeps the other
  // connections (which wait at most 50 ms) from writing; when busy, the next checkpoint tries again
  if (row.log > workerData.truncatePages && row.checkpointed === row.log) {
    db.pragma('busy_timeout = 0');
    try {
      const cut = db.pragma('wal_checkpoint(TRUNCATE)')[0];
      if (cut.busy === 0) row = cut;
    } catch (e) {
      if (!/BUSY|LOCKED/.test(String(e && e.code))) throw e;
    } finally {
      db.pragma('busy_timeout = 5000');
    }
  }
  return row;
};
parentPort.on('message', (msg) => {
  if (msg.type === 'checkpoint') {
    try {
      const rows = dbs.map(checkpoint);
      // a big WAL not cut back in any file is tried again
      const result = { ...rows[0], uncut: rows.some((r) => r.log > workerData.truncatePages) };
      parentPort.postMessage({ type: 'done', id: msg.id, result });
    } catch (e) {
      parentPort.postMessage({ type: 'done', id: msg.id, error: String((e && e.message) || e) });
    }
  } else if (msg.type === 'close') {
    for (const db of dbs) db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
`;

/** where better-sqlite3 resolves from here, for worker threads that open their own connection */
export function driverPath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return null;
  }
}

interface DoneMessage {
  type: 'done' | 'ready';
  id?: number;
  result?: CheckpointResult;
  error?: string;
}

/** `files`: the database file, then the others to keep checkpointed (the journal file). null when no worker can run here; the caller keeps SQLite's autocheckpoint then */
export function startCheckpointer(files: string[], synchronous: 'NORMAL' | 'FULL', onFailure: (error: unknown) => void): Checkpointer | null {
  const driver = driverPath();
  if (!driver) return null;
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, files, synchronous, truncatePages: TRUNCATE_WAL_PAGES }, resourceLimits: BACKGROUND_THREAD_LIMITS });
  } catch {
    return null;
  }
  worker.unref();

  let failed = false;
  let closing = false;
  let nextId = 1;
  let inFlight = false;
  let wanted = false;
  let lastAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let truncateRetries = 0;
  // a commit asked for this checkpoint (not only a retry of a cut): it keeps the normal pace
  let nudged = false;
  const waiters = new Map<number, { resolve(r: CheckpointResult): void; reject(e: Error): void }>();

  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    for (const w of waiters.values()) w.reject(error instanceof Error ? error : new Error(String(error)));
    waiters.clear();
    if (!closing) onFailure(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!closing) fail(new Error(`checkpoint worker exited (${code})`));
  });

  const send = (): number => {
    const id = nextId++;
    inFlight = true;
    nudged = false;
    wanted = false;
    lastAt = Date.now();
    worker.postMessage({ type: 'checkpoint', id });
    return id;
  };

  const pump = (): void => {
    timer = null;
    if (failed || closing || inFlight || !wanted) return;
    // commits set the pace; retries of a cut are quick at first, then slow down (a long-lived reader), but never stop
    const interval = nudged ? CHECKPOINT_INTERVAL_MS : truncateRetries > TRUNCATE_RETRIES ? TRUNCATE_RETRY_SLOW_MS : TRUNCATE_RETRY_MS;
    const wait = lastAt + interval - Date.now();
    if (wait > 0) {
      timer = setTimeout(pump, wait);
      timer.unref();
      return;
    }
    send();
  };

  worker.on('message', (msg: DoneMessage) => {
    if (msg.type !== 'done' || msg.id === undefined) return;
    inFlight = false;
    const waiter = waiters.get(msg.id);
    waiters.delete(msg.id);
    if (waiters.size === 0 && !closing) worker.unref();
    if (msg.error !== undefined || !msg.result) waiter?.reject(new Error(msg.error ?? 'checkpoint failed'));
    else waiter?.resolve(msg.result);
    // a big WAL not cut back (a reader held an old snapshot, or the lock was busy at that moment): try again,
    // also when no commit follows — the end of a burst must not leave megabytes of WAL on disk
    const uncut = msg.result?.uncut === true;
    truncateRetries = uncut ? truncateRetries + 1 : 0;
    if (uncut) wanted = true;
    if (wanted && !timer) pump();
  });

  return {
    nudge() {
      if (failed || closing) return;
      // called after every group commit: when a checkpoint is already due at the normal pace, nothing changes
      if (nudged && (inFlight || timer)) return;
      wanted = true;
      nudged = true;
      if (inFlight) return;
      // a slow retry may be waiting: a commit brings the checkpoint back to the normal pace
      if (timer) clearTimeout(timer);
      pump();
    },
    checkpoint() {
      if (failed || closing) return Promise.reject(new Error('the checkpoint worker is not running'));
      // someone awaits this answer: keep the process alive until it comes
      worker.ref();
      return new Promise<CheckpointResult>((resolve, reject) => {
        waiters.set(send(), { resolve, reject });
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      if (timer) clearTimeout(timer);
      if (failed) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref();
      worker.postMessage({ type: 'close' });
      await exited;
    },
  };
}
