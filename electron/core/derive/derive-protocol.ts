/** Messages between the store (derive-thread.ts) and the derive worker (derive-worker.ts). */
import type { DeliverySummary } from '../../../shared/api';
import type { RedactionConfig } from '../../../shared/redact';

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
}

export type ToDeriveWorker =
  | { type: 'nudge' }
  /** derive everything committed now, then answer with this ticket */
  | { type: 'drain'; ticket: number }
  /** rows acknowledged under the old settings are derived under them first */
  | { type: 'configure'; redaction: RedactionConfig; rejectedBudgetBytes: number }
  | { type: 'close' };

export type FromDeriveWorker =
  /** the indexes are complete (rows left unindexed by an older run are indexed) */
  | { type: 'ready' }
  /** one batch is derived: its seqs and summaries (for counters, the security monitor and live events) */
  | { type: 'derived'; seqs: number[]; summaries: DeliverySummary[] }
  | { type: 'drained'; ticket: number; ok: boolean }
  /** error code or name only: messages could carry data */
  | { type: 'error'; code: string };
