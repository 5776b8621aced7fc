/**
 * The deriver on the main thread and connection: only where the derive worker cannot start (a bundle
 * shipped without its worker file) or a caller asks for it (`deriver: 'main'`). Same loop, same
 * writes (derive-target.ts); the work then shares the event loop with the receiver and the API, and
 * a lock held by another process is never waited for here (the batch is retried later).
 */
import type Database from 'better-sqlite3';
import type { DeliverySummary } from '../../../../shared/api';
import { createRedactor, type RedactionConfig, type Redactor } from '../../../../shared/redact';
import type { DeriveRunner } from '../../derive/derive-thread';
import { createDeriver } from '../../derive/deriver';
import type { KeyRing } from '../key-ring';
import { createSqliteDeriveTarget } from './derive-target';
import { summariesFrom, summaryColumns } from './derived-writer';
import { indexMissing } from './search-indexer';

export function deriveOnMain(
  db: Database.Database,
  options: { ring: KeyRing; redaction: RedactionConfig; rejectedBudgetBytes: number; withoutWaiting(write: () => void): boolean; onDerived(seqs: number[], summaries: DeliverySummary[]): void },
): DeriveRunner {
  indexMissing(db, options.ring);
  let redactor: Redactor = createRedactor(options.redaction);
  const target = createSqliteDeriveTarget(db, options.rejectedBudgetBytes, options.withoutWaiting);
  const deriver = createDeriver({
    target,
    redactor: () => redactor,
    ring: options.ring,
    derived: (items) => options.onDerived(items.map((i) => i.record.seq), summariesFrom(summaryColumns(items))),
    onError: () => undefined,
  });
  const drain = (): boolean => {
    try {
      return deriver.drain();
    } catch {
      return false;
    }
  };
  const prune = (): void => {
    try {
      target.prune();
    } catch {
      // busy or closed: the next start prunes
    }
  };
  prune();
  deriver.nudge();
  return {
    offThread: false,
    ready: () => true,
    nudge: () => deriver.nudge(),
    catchUpSync: () => drain(),
    catchUp: () => Promise.resolve(drain()),
    configure(redaction, rejectedBudgetBytes) {
      drain();
      redactor = createRedactor(redaction);
      target.setBudget(rejectedBudgetBytes);
    },
    async close() {
      deriver.stop();
      drain();
      prune();
    },
  };
}
