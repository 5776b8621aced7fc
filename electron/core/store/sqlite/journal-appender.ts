/**
 * The SQLite adapter's journal append (contract Journal.append), into the journal file (journal-file.ts:
 * its write lock is the journal's alone; the deriver writes the database file). Nothing here waits on a
 * lock on the event loop. In durability "process" a batch is committed on this thread's own connection when the
 * write lock is free at that moment (no busy handler: a taken lock fails at once); otherwise — and
 * always in "power", whose commits fsync — it goes to the journal worker's connection on its thread,
 * which waits for the lock (trying again every millisecond) while the API keeps answering; the batch's
 * promise rejects with StorageBusyError at its deadline (the receiver answers 503). A batch that
 * commits after its deadline stays stored — it was simply not acknowledged.
 *
 * Where no worker can run (the driver cannot be resolved inside a bundle), batches are written on
 * the main connection: same durability, but a foreign lock then stalls the event loop up to busy_timeout.
 */
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { StorageBusyError, type JournalEntry } from '../contract';
import { driverPath } from './checkpointer';
import { openWorkerConnection } from './database';
import { journalFileFor, JOURNAL_SCHEMA } from './journal-file';
import { isLockedError } from './open-error';
import { BACKGROUND_THREAD_LIMITS } from '../../thread-limits';
import { SEQ_RESERVED_KEY } from './migrations/008-journal-seq';

// the idempotency key rides in the row (hex in, 32 bytes stored); the deriver writes it to duplicate_keys
// with the display row, so the request path's commit touches no other table. The seq comes from the
// writer below, not from AUTOINCREMENT (migration 008). `journal` is the journal file's table: the
// writer's own connection opens that file (a connection with it attached names it jr.journal).
export const INSERT_JOURNAL = `INSERT INTO journal (seq, id, received_at, source_id, method, verdict, status, codes, retention_class,
  client_ip, size, body_truncated, sealed, duplicate_of, forward_target, key_hash, key_expires_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, unhex(?), ?)`;

/**
 * Seqs reserved per write to meta: a commit writes the meta page once per this many rows. A crash
 * skips what is left of the block (a clean close gives it back).
 */
const SEQ_BLOCK = 4096;

/** a batch with more sealed bytes than this goes to the worker even when the lock is free: writing it here would hold up the event loop */
const DIRECT_MAX_BYTES = 256 * 1024;
/** how long the worker's connection waits for a foreign write lock before giving a batch up */
const WORKER_BUSY_MS = 60_000;

type Row = [
  string, number, string | null, string, string, number, string, string, string, number, number, Uint8Array | number, string | null, string | null,
  string | null, number | null,
];

function toRow(e: JournalEntry): Row {
  return [
    e.id, e.receivedAt, e.sourceId, e.method, e.verdict, e.status, e.codes, e.retention, e.clientIp, e.size, e.bodyTruncated ? 1 : 0,
    e.sealed, e.duplicateOf, e.forwardTarget, e.keyHash, e.keyExpiresAt,
  ];
}

/**
 * One batch as one message: the rows' fields with each sealed envelope replaced by its length, and
 * the envelopes back to back in one buffer that is transferred, not copied. (Cloning the envelopes
 * one by one copied each one's whole backing store — the 8 KiB Buffer pool slab for small ones.)
 */
interface PackedBatch {
  rows: Row[];
  sealed: ArrayBuffer;
}

export function packBatch(entries: JournalEntry[]): PackedBatch {
  let total = 0;
  for (const e of entries) total += e.sealed.byteLength;
  const sealed = new Uint8Array(total);
  const rows: Row[] = new Array(entries.length);
  let offset = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    sealed.set(e.sealed, offset);
    offset += e.sealed.byteLength;
    const row = toRow(e);
    row[11] = e.sealed.byteLength;
    rows[i] = row;
  }
  return { rows, sealed: sealed.buffer };
}

/**
 * The commit itself, as plain JavaScript: the worker runs it on its connection and this thread runs
 * the same code on its own (journalWriter below). `write(rows, sealed)` appends a packed batch in one
 * transaction (the caller chooses BEGIN or BEGIN IMMEDIATE) and hands out its seqs.
 *
 * Seqs (migration 008): meta.journal_seq_reserved (the journal file's meta, raised at open above every seq
 * the database file has seen: journal-file.ts) is the highest seq that may have been handed out.
 * Commits take seqs from a block reserved above it and write meta only when a block runs out, so a
 * seq is never handed out twice, even once the journal is empty or the newest deliveries were erased.
 * The writers of one store (this thread's and the worker's) share where they are (`options.shared`,
 * two int64: the next seq, the reservation as committed); the next seq is stored before COMMIT, so
 * whoever takes the write lock next goes on after it. One store per data directory is the rule; should
 * another one's rows appear in the journal anyway, a writer starts above everything handed out
 * (re-read under the write lock) instead of colliding.
 */
const WRITER_SOURCE = `(db, options) => {
  const s = options.schema || '';
  const insert = db.prepare(options.insertJournal.replace('INSERT INTO journal', 'INSERT INTO ' + s + 'journal'));
  const newest = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM ' + s + 'journal').pluck();
  const handedOut = db.prepare('SELECT MAX(COALESCE((SELECT MAX(seq) FROM ' + s + 'journal), 0), COALESCE((SELECT value FROM ' + s + 'meta WHERE key = ?), 0))').pluck();
  const reserve = db.prepare('INSERT INTO ' + s + 'meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const giveBack = db.prepare('UPDATE ' + s + 'meta SET value = ? WHERE key = ? AND value = ?');
  /** [0] the next seq to hand out (0: not read yet), [1] the reservation as last committed (never above meta's) */
  const state = new BigInt64Array(options.shared || new SharedArrayBuffer(16));
  const get = (i) => Number(Atomics.load(state, i));
  const set = (i, value) => Atomics.store(state, i, BigInt(value));
  const append = db.transaction((rows, sealed) => {
    let seq = get(0);
    let upTo = get(1);
    if (seq === 0 || seq + rows.length - 1 > upTo || newest.get() >= seq) {
      const top = handedOut.get(options.reservedKey);
      if (top >= seq) seq = top + 1;
      upTo = seq + rows.length - 1 + options.seqBlock;
      reserve.run(options.reservedKey, upTo);
    }
    let offset = 0;
    for (const r of rows) {
      const envelope = Buffer.from(sealed, offset, r[11]);
      offset += r[11];
      insert.run(seq++, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], envelope, r[12], r[13], r[14], r[15]);
    }
    // a batch rolled back after this leaves a gap, never a seq twice
    set(0, seq);
    return upTo;
  });
  // the reservation counts once committed: until then a writer that takes the lock reserves for itself
  const committed = (upTo) => {
    if (upTo > get(1)) set(1, upTo);
  };
  return {
    write: (rows, sealed) => committed(append(rows, sealed)),
    writeImmediate: (rows, sealed) => committed(append.immediate(rows, sealed)),
    /** at a clean close: the unused rest of the block goes back (a later start continues right after) */
    close() {
      const next = get(0);
      const reserved = get(1);
      if (next > 0 && reserved >= next && giveBack.run(next - 1, options.reservedKey, reserved).changes > 0) set(1, next - 1);
    },
  };
}`;

export interface JournalWriter {
  write(rows: Row[], sealed: ArrayBuffer): void;
  writeImmediate(rows: Row[], sealed: ArrayBuffer): void;
  close(): void;
}

interface WriterOptions {
  insertJournal: string;
  seqBlock: number;
  reservedKey: string;
  /** '' on a connection to the journal file itself, 'jr.' on one that has it attached */
  schema?: string;
  /** shared by the writers of one store (see WRITER_SOURCE) */
  shared?: SharedArrayBuffer;
}

const WRITER_OPTIONS: WriterOptions = { insertJournal: INSERT_JOURNAL, seqBlock: SEQ_BLOCK, reservedKey: SEQ_RESERVED_KEY };

/** the writer on a connection of this thread (to the journal file, or with it attached) */
export function journalWriter(db: Database.Database, shared?: SharedArrayBuffer): JournalWriter {
  // the same source the worker evaluates: one commit, two threads
  const make = new Function(`return ${WRITER_SOURCE}`)() as (db: Database.Database, options: WriterOptions) => JournalWriter;
  const attached = (db.pragma('database_list') as Array<{ name: string }>).some((d) => d.name === JOURNAL_SCHEMA);
  return make(db, { ...WRITER_OPTIONS, shared, schema: attached ? `${JOURNAL_SCHEMA}.` : '' });
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// no SQLite busy handler: it sleeps 1, 2, 5, 10, 15, 20, 25… ms between tries, so a batch waiting behind
// a derive transaction of a few ms stayed asleep up to tens of ms after the lock was free (the p99)
db.pragma('busy_timeout = 0');
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('secure_delete = FAST'); // as journalPragmas (journal-file.ts): this connection only appends
db.pragma('wal_autocheckpoint = 0');
const writer = (${WRITER_SOURCE})(db, workerData.writer);
// the write turn shared with the deriver (write-turn.ts): [0] batches wanting the lock, [1] the deriver's prunes
const turn = new Int32Array(workerData.writeTurn || new SharedArrayBuffer(8));
/**
 * BEGIN IMMEDIATE until the write lock is ours, given up after busyMs. Counted in as wanting it, so the
 * deriver starts no prune; between tries it sleeps until the deriver's next prune (at most 0.25, 0.5, then 1 ms:
 * the holder may be another process).
 */
const commit = (rows, sealed) => {
  const giveUp = Date.now() + workerData.busyMs;
  Atomics.add(turn, 0, 1);
  try {
    for (let pause = 0.25; ; pause = Math.min(pause * 2, 1)) {
      const releases = Atomics.load(turn, 1);
      try {
        return writer.writeImmediate(rows, sealed);
      } catch (e) {
        if (!(e && /^SQLITE_BUSY/.test(String(e.code))) || Date.now() >= giveUp) throw e;
        Atomics.wait(turn, 1, releases, pause);
      }
    }
  } finally {
    Atomics.sub(turn, 0, 1);
    Atomics.notify(turn, 0);
  }
};
parentPort.on('message', (msg) => {
  if (msg.type === 'append') {
    try {
      commit(msg.rows, msg.sealed);
      parentPort.postMessage(msg.id);
    } catch (e) {
      parentPort.postMessage({ id: msg.id, error: String((e && e.code) || (e && e.name) || 'error') });
    }
  } else if (msg.type === 'close') {
    try {
      writer.close();
    } catch {
      // locked by another connection: the rest of the block stays skipped
    }
    db.close();
    parentPort.close();
  }
});
`;

export interface JournalAppender {
  append(entries: JournalEntry[], options: { deadlineMs: number }): Promise<void>;
  /** true while the worker takes the batches this thread does not commit itself (false: main-connection fallback) */
  readonly offThread: boolean;
  close(): Promise<void>;
}

function mainThreadAppender(db: Database.Database, shared: SharedArrayBuffer): JournalAppender {
  const writer = journalWriter(db, shared);
  return {
    offThread: false,
    append(entries) {
      try {
        const batch = packBatch(entries);
        writer.write(batch.rows, batch.sealed);
        return Promise.resolve();
      } catch (e) {
        return Promise.reject(isLockedError(e) ? new StorageBusyError(0) : e);
      }
    },
    async close() {
      try {
        writer.close();
      } catch {
        // locked: the rest of the block stays skipped
      }
    },
  };
}

/**
 * This thread's own connection for batches it commits itself: no busy handler (a taken lock fails at
 * once, and the batch goes to the worker) and no fsync per commit, so a commit costs this thread only
 * its WAL writes.
 */
function directWriter(journalFile: string, shared: SharedArrayBuffer): { writer: JournalWriter; db: Database.Database } {
  const db = openWorkerConnection(journalFile, { synchronous: 'NORMAL', busyMs: 0 });
  return { writer: journalWriter(db, shared), db };
}

/**
 * `db`: the store's connection (with the journal file attached: the fallback writes there); `file`: the
 * database file (the journal file is beside it). `writeTurn`: shared with the deriver so a waiting
 * commit goes first (write-turn.ts)
 */
export function startJournalAppender(db: Database.Database, file: string, synchronous: 'NORMAL' | 'FULL', writeTurn: SharedArrayBuffer | null = null): JournalAppender {
  const driver = driverPath();
  const journalFile = journalFileFor(file);
  // where the writers of this store are in handing out seqs (WRITER_SOURCE)
  const shared = new SharedArrayBuffer(16);
  let worker: Worker | null = null;
  if (driver) {
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { driver, file: journalFile, synchronous, busyMs: WORKER_BUSY_MS, writer: { ...WRITER_OPTIONS, shared }, writeTurn },
        resourceLimits: BACKGROUND_THREAD_LIMITS,
      });
    } catch {
      worker = null;
    }
  }
  if (!worker) return mainThreadAppender(db, shared);
  // durability "process": a batch is committed right here when the write lock is free and the batch small
  // (no message, no thread woken: at 10 connections the round trips cost more CPU than the commits);
  // "power" fsyncs every commit, which never happens on this thread
  const direct = synchronous === 'NORMAL' ? directWriter(journalFile, shared) : null;
  const w = worker;
  w.unref();
  let fallback: JournalAppender | null = null;
  let closing = false;
  let nextId = 1;
  const waiters = new Map<number, { resolve(): void; reject(e: Error): void; timer: NodeJS.Timeout }>();

  const settle = (id: number, error?: Error): void => {
    const waiter = waiters.get(id);
    if (!waiter) return; // answered already (deadline passed): the rows are stored, just not acknowledged
    waiters.delete(id);
    clearTimeout(waiter.timer);
    if (waiters.size === 0) w.unref();
    if (error) waiter.reject(error);
    else waiter.resolve();
  };
  const failAll = (error: Error): void => {
    for (const id of [...waiters.keys()]) settle(id, error);
  };
  // a committed batch answers with its bare id (the common case, cheapest to clone), a failed one with {id, error}
  w.on('message', (msg: number | { id: number; error: string }) => {
    if (typeof msg === 'number') return settle(msg);
    settle(msg.id, /BUSY|LOCKED/.test(msg.error) ? new StorageBusyError(WORKER_BUSY_MS) : new Error(`journal append failed (${msg.error})`));
  });
  const died = (error: unknown): void => {
    if (closing) return;
    // the worker is gone: what it held is not acknowledged; later batches use the main connection
    fallback ??= mainThreadAppender(db, shared);
    failAll(error instanceof Error ? error : new Error(String(error)));
  };
  w.on('error', died);
  w.on('exit', (code) => died(new Error(`journal worker exited (${code})`)));

  return {
    get offThread() {
      return fallback === null;
    },
    append(entries, { deadlineMs }) {
      if (closing) return Promise.reject(new Error('the journal is closed'));
      if (fallback) return fallback.append(entries, { deadlineMs });
      const batch = packBatch(entries);
      if (direct && batch.sealed.byteLength <= DIRECT_MAX_BYTES) {
        try {
          direct.writer.writeImmediate(batch.rows, batch.sealed);
          return Promise.resolve();
        } catch (e) {
          // the lock is taken (the deriver, a checkpoint, another process): the worker waits for it, not this thread
          if (!isLockedError(e)) return Promise.reject(e);
        }
      }
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => settle(id, new StorageBusyError(deadlineMs)), deadlineMs);
        waiters.set(id, { resolve, reject, timer });
        w.ref();
        w.postMessage({ type: 'append', id, rows: batch.rows, sealed: batch.sealed }, [batch.sealed]);
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      if (fallback) await fallback.close();
      else {
        // batches already posted are written first: messages are handled in order
        const drained = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.ref();
        w.postMessage({ type: 'close' });
        await drained;
        failAll(new Error('the journal is closed'));
      }
      if (direct) {
        try {
          direct.writer.close();
        } catch {
          // locked: the rest of the block stays skipped
        }
        direct.db.close();
      }
    },
  };
}
