/** Deliveries per source (total / verified / rejected), counted once from the table, then kept current in memory. */
import type Database from 'better-sqlite3';
import type { Verdict } from '../../../../shared/checks';
import { UNMATCHED_SOURCE } from './list-query';

export type SourceCounts = Record<string, { total: number; verified: number; rejected: number }>;

export interface CountsCache {
  get(): SourceCounts;
  add(rows: ReadonlyArray<{ source_id: string | null; verdict: Verdict }>): void;
  /** rows were deleted: count again on the next read */
  invalidate(): void;
}

export function createCountsCache(db: Database.Database): CountsCache {
  const select = db.prepare(
    "SELECT source_id, COUNT(*) AS total, SUM(verdict = 'verified') AS verified FROM deliveries GROUP BY source_id",
  );
  let counts: SourceCounts | null = null;
  return {
    get() {
      if (!counts) {
        const fresh: SourceCounts = {};
        for (const r of select.all() as Array<{ source_id: string | null; total: number; verified: number }>) {
          fresh[r.source_id ?? UNMATCHED_SOURCE] = { total: r.total, verified: r.verified, rejected: r.total - r.verified };
        }
        counts = fresh;
      }
      return structuredClone(counts);
    },
    add(rows) {
      if (!counts) return;
      for (const r of rows) {
        const c = (counts[r.source_id ?? UNMATCHED_SOURCE] ??= { total: 0, verified: 0, rejected: 0 });
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
