/**
 * The derive worker: the deriver (deriver.ts) on its own thread and its own SQLite connection, so
 * decrypting, redacting, hashing and indexing never take the event loop the receiver and the API
 * answer on. The main side gets one small message per batch (seqs and summaries) for counters, the
 * security monitor and live events. Started by derive-thread.ts: from this .ts file under tsx, or
 * from its bundle (dist/derive-worker.cjs, dist/electron/derive-worker.cjs; scripts/build.mjs).
 * During a backlog the same file also runs its helper thread (derive-helper.ts, role 'derive-helper').
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRedactor, type Redactor } from '../../../shared/redact';
import { createKeyRing } from '../store/key-ring';
import { openWorkerConnection } from '../store/sqlite/database';
import { createSqliteDeriveTarget } from '../store/sqlite/derive-target';
import { summaryColumns } from '../store/sqlite/derived-writer';
import { isLockedError } from '../store/sqlite/open-error';
import { deriverTurn } from '../store/sqlite/write-turn';
import { lowerThisThreadPriority } from '../thread-priority';
import { indexMissing } from '../store/sqlite/search-indexer';
import { runDeriveHelper, startDeriveHelper, type DeriveHelper } from './derive-helper';
import { errorCode, type DeriveHelperData, type DeriveWorkerData, type FromDeriveWorker, type ToDeriveWorker } from './derive-protocol';
import { createDeriver, DERIVE_BATCH } from './deriver';

/** how long this connection waits for a lock before a batch is retried later (off the event loop; readers may be waiting) */
const WORKER_BUSY_MS = 200;
/** journal rows behind before a helper thread is started (a catch-up, a burst), and how long it stays unused */
const HELPER_BACKLOG_ROWS = 4 * DERIVE_BATCH;
const HELPER_IDLE_MS = 3_000;

function runWorker(data: DeriveWorkerData): void {
  const port = parentPort!;
  const post = (msg: FromDeriveWorker): void => port.postMessage(msg);
  const drained = new Int32Array(data.drained);

  // the database file, with the journal file attached (journal-file.ts)
  const db = openWorkerConnection(data.file, { synchronous: data.synchronous, busyMs: WORKER_BUSY_MS, journal: true });
  const ring = createKeyRing(Buffer.from(data.keyMaterial));
  let redactor: Redactor = createRedactor(data.redaction);
  // the rules in force, for a helper started later
  const current = { redaction: data.redaction };
  const guard = (write: () => void): boolean => {
    try {
      write();
      Atomics.store(drained, 2, 0);
      return true;
    } catch (e) {
      if (!isLockedError(e)) throw e;
      // another process holds the lock: readers show pending rows instead of waiting for this thread (those
      // waiting now are told: their drain sits behind this write and would wait out another busy timeout)
      if (Atomics.exchange(drained, 2, 1) === 0) post({ type: 'locked' });
      Atomics.notify(drained, 0);
      return false;
    }
  };
  const target = createSqliteDeriveTarget(db, data.rejectedBudgetBytes, guard, deriverTurn(data.writeTurn));
  // the helper thread: started when the journal is far behind, closed once unused for a while
  let helper: DeriveHelper | null = null;
  let helperFailed = false;
  let idleTimer: NodeJS.Timeout | null = null;
  const closeHelper = (): Promise<void> => {
    const h = helper;
    helper = null;
    return h ? h.close() : Promise.resolve();
  };
  const helperFor = (): DeriveHelper | null => {
    if (helper?.dead()) {
      // it failed once: this worker derives alone from now on
      helperFailed = true;
      void closeHelper();
    }
    if (!helper && (helperFailed || !data.entry || target.head() - target.next() < HELPER_BACKLOG_ROWS)) return null;
    helper ??= startDeriveHelper(data.entry!, data.keyMaterial, current.redaction);
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (!helper?.busy()) void closeHelper();
    }, HELPER_IDLE_MS);
    idleTimer.unref();
    return helper;
  };
  const deriver = createDeriver({
    target,
    redactor: () => redactor,
    ring,
    derived(items) {
      post({ type: 'derived', rows: summaryColumns(items) });
    },
    onError: (e) => post({ type: 'error', code: errorCode(e) }),
    helper: helperFor,
  });

  const prune = (): void => {
    try {
      target.prune();
    } catch (e) {
      post({ type: 'error', code: errorCode(e) });
    }
  };
  const drain = (upToSeq?: number): boolean => {
    try {
      return deriver.drain(upToSeq);
    } catch (e) {
      post({ type: 'error', code: errorCode(e) });
      return false;
    }
  };

  port.on('message', (msg: ToDeriveWorker) => {
    if (msg.type === 'nudge') deriver.nudge();
    else if (msg.type === 'drain') {
      const ok = drain();
      // answered in order: a higher ticket also answers every lower one ([1]: whether it got through)
      Atomics.store(drained, 1, ok ? 1 : 0);
      Atomics.store(drained, 0, msg.ticket);
      Atomics.notify(drained, 0);
      post({ type: 'drained', ticket: msg.ticket, ok });
    } else if (msg.type === 'configure') {
      // only what was acknowledged before the change: rows committed since (this message may wait behind
      // the worker's start) are the new rules' — deriving them under the old ones would keep what they redact
      drain(msg.upToSeq);
      // what was derived ahead under the old rules is derived again
      deriver.discardAhead();
      redactor = createRedactor(msg.redaction);
      current.redaction = msg.redaction;
      helper?.configure(msg.redaction);
      target.setBudget(msg.rejectedBudgetBytes);
    } else if (msg.type === 'close') {
      deriver.stop();
      // what is left (the database is locked) is derived at the next start
      drain();
      deriver.discardAhead();
      prune();
      if (idleTimer) clearTimeout(idleTimer);
      void closeHelper().finally(() => {
        db.close();
        port.close();
      });
    }
  });

  try {
    indexMissing(db, ring);
  } catch (e) {
    post({ type: 'error', code: errorCode(e) });
  }
  // derived rows a crash left in the journal file
  prune();
  post({ type: 'ready' });
  // after a crash: whatever the journal still holds is derived now
  deriver.nudge();
}

// both threads yield to the event loop when the cores are busy (thread-priority.ts)
lowerThisThreadPriority();
const role = (workerData as Partial<DeriveHelperData>).role;
if (role === 'derive-helper') runDeriveHelper(workerData as DeriveHelperData);
else runWorker(workerData as DeriveWorkerData);
