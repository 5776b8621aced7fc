/**
 * Starts the deriver for a store: on the derive worker (derive-worker.ts: its own thread and SQLite
 * connection) wherever the worker's code can be found — next to this file under tsx, next to the
 * bundle otherwise. Only where it cannot start (a bundle shipped without dist/derive-worker.cjs) does
 * the same loop run on the main thread, and `offThread` says so.
 *
 * Readers that need the derived view (search, erasure, a replay of a pending delivery) ask for a
 * catch-up: asynchronously, or — for the synchronous store methods — by blocking this thread on
 * Atomics.wait for a bounded time while the worker derives.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DeliverySummary } from '../../../shared/api';
import type { RedactionConfig } from '../../../shared/redact';
import type { DeriveWorkerData, FromDeriveWorker, ToDeriveWorker } from './derive-protocol';
import { summariesFrom } from '../store/sqlite/derived-writer';
import { BACKGROUND_THREAD_LIMITS } from '../thread-limits';

/** a worker still starting (loading its code, indexing what an older run left) gets this much longer */
const START_GRACE_MS = 10_000;

export interface DeriveRunner {
  /** true: the worker derives; false: the main-thread loop does */
  readonly offThread: boolean;
  /** false until rows an older run left unindexed are indexed */
  ready(): boolean;
  nudge(): void;
  /** blocks this thread at most `ms` until everything committed now is derived; false if it was not */
  catchUpSync(ms: number): boolean;
  /**
   * resolves once everything committed now is derived (true) or could not be (false). `untilLocked`: a
   * read's wait, given up (false) as soon as another process's lock keeps the deriver from writing
   */
  catchUp(options?: { untilLocked?: boolean }): Promise<boolean>;
  /** new rules from now on; rows up to `upToSeq` (acknowledged before the change) are derived under the old ones first */
  configure(redaction: RedactionConfig, rejectedBudgetBytes: number, upToSeq: number): void;
  close(): Promise<void>;
}

export interface DeriveThreadOptions extends Omit<DeriveWorkerData, 'drained' | 'entry'> {
  onDerived(seqs: number[], summaries: DeliverySummary[]): void;
  /** the worker is gone (not by close()): the caller takes over on the main thread */
  onDied(): void;
}

/**
 * What the worker runs: under tsx the .ts source through tsx's require hook (Node 20 does not apply
 * `--import tsx` to a worker's ES modules), else the bundled .cjs beside the bundle.
 */
export function deriveWorkerEntry(): { script: string | URL; eval: boolean } | null {
  const here = import.meta.url;
  if (/\.ts$/.test(here)) {
    const require = createRequire(here);
    const source = fileURLToPath(new URL('./derive-worker.ts', here));
    return { script: `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(source)});`, eval: true };
  }
  // dist/cli.mjs and dist/electron/main.cjs have it beside them; code-split CLI chunks one level up
  for (const relative of ['./derive-worker.cjs', '../derive-worker.cjs']) {
    const url = new URL(relative, here);
    if (existsSync(fileURLToPath(url))) return { script: url, eval: false };
  }
  return null;
}

/** null when no worker can start here (the caller runs the loop on the main thread) */
export function startDeriveThread(options: DeriveThreadOptions): DeriveRunner | null {
  const entry = deriveWorkerEntry();
  if (!entry) return null;
  const drained = new SharedArrayBuffer(12);
  const flags = new Int32Array(drained);
  const { onDerived, onDied, ...rest } = options;
  let worker: Worker;
  try {
    // the worker starts its helper (derive-helper.ts) from the same code
    const own = { script: entry.script instanceof URL ? fileURLToPath(entry.script) : entry.script, eval: entry.eval };
    worker = new Worker(entry.script, { eval: entry.eval, workerData: { ...rest, drained, entry: own } satisfies DeriveWorkerData, resourceLimits: BACKGROUND_THREAD_LIMITS });
  } catch {
    return null;
  }
  worker.unref();
  let ready = false;
  let closing = false;
  let dead = false;
  let nextTicket = 1;
  const waiters = new Map<number, (ok: boolean) => void>();
  /** the waiters that give up when the worker reports a foreign lock */
  const readers = new Set<number>();
  const send = (msg: ToDeriveWorker): void => {
    if (!dead) worker.postMessage(msg);
  };
  /** answers the waiters `which` picks; the worker no longer keeps the process alive once none is left */
  const settle = (which: (ticket: number) => boolean, ok: boolean): void => {
    for (const [t, resolve] of waiters) {
      if (!which(t)) continue;
      waiters.delete(t);
      readers.delete(t);
      resolve(ok);
    }
    if (waiters.size === 0 && !closing) worker.unref();
  };
  const settleUpTo = (ticket: number, ok: boolean): void => settle((t) => t <= ticket, ok);
  worker.on('message', (msg: FromDeriveWorker) => {
    if (msg.type === 'derived') onDerived(Array.from(msg.rows.seqs), summariesFrom(msg.rows));
    else if (msg.type === 'ready') ready = true;
    else if (msg.type === 'drained') settleUpTo(msg.ticket, msg.ok);
    else if (msg.type === 'locked') settle((t) => readers.has(t), false);
  });
  const died = (): void => {
    if (dead) return;
    dead = true;
    // what it did not derive stays in the journal, shown pending, until the caller's fallback derives it
    settleUpTo(Number.MAX_SAFE_INTEGER, false);
    if (!closing) onDied();
  };
  worker.on('error', died);
  worker.on('exit', died);

  return {
    offThread: true,
    ready: () => ready,
    nudge: () => send({ type: 'nudge' }),
    catchUpSync(ms) {
      // the database is locked by another process: the worker cannot write, so there is nothing to wait for
      if (dead || Atomics.load(flags, 2) === 1) return false;
      const ticket = nextTicket++;
      send({ type: 'drain', ticket });
      const deadline = Date.now() + ms + (ready ? 0 : START_GRACE_MS);
      for (;;) {
        const answered = Atomics.load(flags, 0);
        if (answered >= ticket) return Atomics.load(flags, 1) === 1;
        const left = deadline - Date.now();
        // locked out while this read waited (the worker wakes it): the drain would only wait out another busy timeout
        if (left <= 0 || dead || Atomics.load(flags, 2) === 1) return false;
        Atomics.wait(flags, 0, answered, left);
      }
    },
    catchUp(options) {
      if (dead) return Promise.resolve(false);
      // a read waits for nothing the worker cannot write: it shows pending rows instead
      if (options?.untilLocked && Atomics.load(flags, 2) === 1) return Promise.resolve(false);
      const ticket = nextTicket++;
      worker.ref();
      return new Promise<boolean>((resolve) => {
        waiters.set(ticket, resolve);
        if (options?.untilLocked) readers.add(ticket);
        send({ type: 'drain', ticket });
      });
    },
    configure: (redaction, rejectedBudgetBytes, upToSeq) => send({ type: 'configure', redaction, rejectedBudgetBytes, upToSeq }),
    async close() {
      if (closing) return;
      closing = true;
      if (dead) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref();
      send({ type: 'close' });
      await exited;
    },
  };
}

/** no deriver: journal rows stay pending (the bench appends a backlog this way, tests leave a crash's state) */
export function notDeriving(): DeriveRunner {
  return {
    offThread: false,
    ready: () => true,
    nudge: () => undefined,
    catchUpSync: () => false,
    catchUp: () => Promise.resolve(false),
    configure: () => undefined,
    close: () => Promise.resolve(),
  };
}
