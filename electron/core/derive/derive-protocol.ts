/** Messages between the store (derive-thread.ts) and the derive worker (derive-worker.ts), and the worker's helper (derive-helper.ts). */
import type { MessagePort } from 'node:worker_threads';
import type { RedactionConfig } from '../../../shared/redact';
import type { SummaryColumns } from '../store/sqlite/derived-writer';

/** what a thread reports of an error: its code or name only (messages could carry data) */
export const errorCode = (e: unknown): string => String((e as { code?: string }).code ?? (e as { name?: string }).name ?? 'error');

/** how to start another thread from the derive worker's own code (the helper runs the same file) */
export interface WorkerEntry {
  /** a file path, or code when `eval` */
  script: string;
  eval: boolean;
}

export interface DeriveWorkerData {
  file: string;
  synchronous: 'NORMAL' | 'FULL';
  /** the data key's material: the worker decrypts journal rows and computes blind-index HMACs */
  keyMaterial: Uint8Array;
  redaction: RedactionConfig;
  rejectedBudgetBytes: number;
  /**
   * Int32 [0]: the highest drain ticket answered, [1]: 1 if it derived everything — for a caller that
   * waits synchronously (Atomics.wait); [2]: 1 while its last write found the database locked (no reader waits then)
   */
  drained: SharedArrayBuffer;
  /** where the worker finds its own code, to start its helper during a backlog; null: it derives alone */
  entry: WorkerEntry | null;
  /** shared with the journal worker: the deriver gives way to a waiting journal commit (store/sqlite/write-turn.ts) */
  writeTurn: SharedArrayBuffer | null;
}

/** the helper's workerData (derive-helper.ts: decrypts, redacts and compresses batches while the worker writes) */
export interface DeriveHelperData {
  role: 'derive-helper';
  keyMaterial: Uint8Array;
  redaction: RedactionConfig;
  port: MessagePort;
  /** Int32 [0]: batches answered (the worker waits on it) */
  signal: SharedArrayBuffer;
}

export type ToDeriveWorker =
  | { type: 'nudge' }
  /** derive everything committed now, then answer with this ticket */
  | { type: 'drain'; ticket: number }
  /** rows acknowledged under the old settings are derived under them first */
  | { type: 'configure'; redaction: RedactionConfig; rejectedBudgetBytes: number; upToSeq: number }
  | { type: 'close' };

export type FromDeriveWorker =
  /** the indexes are complete (rows left unindexed by an older run are indexed) */
  | { type: 'ready' }
  /** one batch is derived: its list rows, by column (for counters, the security monitor and live events) */
  | { type: 'derived'; rows: SummaryColumns }
  | { type: 'drained'; ticket: number; ok: boolean }
  /** a write met another process's lock (the first after one that got through): reads stop waiting for the derived view */
  | { type: 'locked' }
  /** error code or name only: messages could carry data */
  | { type: 'error'; code: string };
