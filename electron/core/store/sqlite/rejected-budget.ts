/**
 * storage.rejectedBudgetMB: bodies of deliveries rejected by auth, signature or timestamp are kept for
 * diagnosis, but together they may use at most this many bytes (sealed raw copy + redacted text). Past
 * it the oldest rejected bodies are dropped first; their rows, codes and counts stay. So a flood of
 * badly signed requests can never crowd out real deliveries.
 */
import type Database from 'better-sqlite3';
import type { DerivedDelivery } from '../contract';

export const DROPPED_BODY_NOTE = '«body not kept: over the budget for rejected deliveries (storage.rejectedBudgetMB)»';
const DROP_STEP = 200;

export interface RejectedBudget {
  /** rejected bodies were derived: count their bytes */
  add(bytes: number): void;
  /** before a batch is written: which rejected bodies of it fit (newest first); the others are not kept */
  admit(items: DerivedDelivery[]): void;
  /** drops oldest bodies while over budget; returns how many were dropped */
  enforce(): number;
  setBudget(bytes: number): void;
  bytes(): number;
}

export function createRejectedBudget(db: Database.Database, budgetBytes: number): RejectedBudget {
  const sizeOf = 'COALESCE(length(raw_enc), 0) + length(CAST(body_redacted AS BLOB))';
  const total = db.prepare(`SELECT COALESCE(SUM(${sizeOf}), 0) FROM deliveries WHERE retention_class = 'rejected' AND raw_enc IS NOT NULL`).pluck();
  const oldest = db.prepare(`SELECT seq, ${sizeOf} AS bytes FROM deliveries WHERE retention_class = 'rejected' AND raw_enc IS NOT NULL ORDER BY seq LIMIT ?`);
  const drop = db.prepare('UPDATE deliveries SET raw_enc = NULL, body_redacted = ? WHERE seq = ?');
  let used = Number(total.get());
  let budget = budgetBytes;
  const dropSome = db.transaction((): number => {
    let dropped = 0;
    for (const r of oldest.all(DROP_STEP) as Array<{ seq: number; bytes: number }>) {
      if (used <= budget) break;
      drop.run(DROPPED_BODY_NOTE, r.seq);
      used -= r.bytes;
      dropped++;
    }
    if (dropped === 0) used = Number(total.get());
    return dropped;
  });
  return {
    admit(items) {
      let room = budget;
      for (let i = items.length - 1; i >= 0; i--) {
        const { record, row } = items[i];
        if (record.retention !== 'rejected' || !record.bodyKept) continue;
        const bytes = record.sealed.byteLength + Buffer.byteLength(row.bodyRedacted);
        if (bytes <= room) {
          room -= bytes;
          continue;
        }
        record.bodyKept = false;
        row.bodyRedacted = DROPPED_BODY_NOTE;
      }
    },
    add(bytes) {
      used += bytes;
    },
    enforce() {
      let dropped = 0;
      while (used > budget) {
        const n = dropSome();
        dropped += n;
        if (n === 0) break;
      }
      return dropped;
    },
    setBudget(bytes) {
      budget = bytes;
    },
    bytes: () => used,
  };
}
