/**
 * The derive worker: the deriver (deriver.ts) on its own thread and its own SQLite connection, so
 * decrypting, redacting, hashing and indexing never take the event loop the receiver and the API
 * answer on. The main side gets one small message per batch (seqs and summaries) for counters, the
 * security monitor and live events. Started by derive-thread.ts: from this .ts file under tsx, or
 * from its bundle (dist/derive-worker.cjs, dist/electron/derive-worker.cjs; scripts/build.mjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRedactor, type Redactor } from '../../../shared/redact';
import { createKeyRing } from '../store/key-ring';
import { openWorkerConnection } from '../store/sqlite/database';
import { createSqliteDeriveTarget } from '../store/sqlite/derive-target';
import { derivedSummary } from '../store/sqlite/derived-writer';
import { isLockedError } from '../store/sqlite/open-error';
import { indexMissing } from '../store/sqlite/search-indexer';
import type { DeriveWorkerData, FromDeriveWorker, ToDeriveWorker } from './derive-protocol';
import { createDeriver } from './deriver';

/** how long this connection waits for a lock before a batch is retried later (off the event loop; readers may be waiting) */
const WORKER_BUSY_MS = 200;

const port = parentPort!;
const data = workerData as DeriveWorkerData;
const post = (msg: FromDeriveWorker): void => port.postMessage(msg);
const errorCode = (e: unknown): string => String((e as { code?: string }).code ?? (e as { name?: string }).name ?? 'error');
const drained = new Int32Array(data.drained);

const db = openWorkerConnection(data.file, { synchronous: data.synchronous, busyMs: WORKER_BUSY_MS });
const ring = createKeyRing(Buffer.from(data.keyMaterial));
let redactor: Redactor = createRedactor(data.redaction);
const guard = (write: () => void): boolean => {
  try {
    write();
    Atomics.store(drained, 2, 0);
    return true;
  } catch (e) {
    if (!isLockedError(e)) throw e;
    // another process holds the lock: readers show pending rows instead of waiting for this thread
    Atomics.store(drained, 2, 1);
    return false;
  }
};
const target = createSqliteDeriveTarget(db, data.rejectedBudgetBytes, guard);
const deriver = createDeriver({
  target,
  redactor: () => redactor,
  ring,
  derived(items) {
    post({ type: 'derived', seqs: items.map((i) => i.record.seq), summaries: items.map(derivedSummary) });
  },
  onError: (e) => post({ type: 'error', code: errorCode(e) }),
});

const drain = (): boolean => {
  try {
    return deriver.drain();
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
    drain();
    redactor = createRedactor(msg.redaction);
    target.setBudget(msg.rejectedBudgetBytes);
  } else if (msg.type === 'close') {
    deriver.stop();
    // what is left (the database is locked) is derived at the next start
    drain();
    db.close();
    port.close();
  }
});

try {
  indexMissing(db, ring);
} catch (e) {
  post({ type: 'error', code: errorCode(e) });
}
post({ type: 'ready' });
// after a crash: whatever the journal still holds is derived now
deriver.nudge();
