/** Deliveries per source (total / verified / rejected), counted once from the table, then kept current in memory. */
import type Database from 'better-sqlite3';
import type { Verdict } from '../../../../shared/checks';
import { UNMATCHED_SOURCE } from './list-query';

export type SourceCounts = Record<string, { total: number; verified: number; rejected: number }>;

export interface CountsCache {
  get(): SourceCounts;
  /** rows derived since (seq: those already counted by the last recount are skipped) */
  add(rows: ReadonlyArray<{ seq: number; sourceId: string | null; verdict: Verdict }>): void;
  /** rows were deleted: count again on the next read */
  invalidate(): void;
}

export function createCountsCache(db: Database.Database): CountsCache {
  const select = db.prepare(
    "SELECT source_id, COUNT(*) AS total, SUM(verdict = 'verified') AS verified FROM deliveries GROUP BY source_id",
  );
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM deliveries').pluck();
  let counts: SourceCounts | null = null;
  // the deriver writes on another connection: a recount may already include a batch whose message comes later
  let countedUpTo = 0;
  const recount = db.transaction((): SourceCounts => {
    const fresh: SourceCounts = {};
    for (const r of select.all() as Array<{ source_id: string | null; total: number; verified: number }>) {
      fresh[r.source_id ?? UNMATCHED_SOURCE] = { total: r.total, verified: r.verified, rejected: r.total - r.verified };
    }
    countedUpTo = Number(maxSeq.get());
    return fresh;
  });
  return {
    get() {
      counts ??= recount();
      return structuredClone(counts);
    },
    add(rows) {
      if (!counts) return;
      for (const r of rows) {
        if (r.seq <= countedUpTo) continue;
        const c = (counts[r.sourceId ?? UNMATCHED_SOURCE] ??= { total: 0, verified: 0, rejected: 0 });
        c.total++;
        if (r.verdict === 'verified') c.verified++;
        else c.rejected++;
      }
    },
    invalidate() {
      counts = null;
    },
  };
}
