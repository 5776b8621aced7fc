/**
 * The time window a query pins down: the `after:` / `before:` terms of its top-level AND (the ones that
 * bound every match). The timeline charts this window; a term inside OR or NOT bounds nothing.
 */
import type { QueryNode, TimePoint } from './ast';

export interface TimeBounds {
  /** epoch ms, inclusive; null when the query sets no lower bound */
  after: number | null;
  /** epoch ms, exclusive; null when the query sets no upper bound */
  before: number | null;
}

/** epoch ms of a time point, relative ones counted back from `now` */
export function resolveTimePoint(point: TimePoint, now: number): number {
  return 'at' in point ? point.at : now - point.ago;
}

export function timeBounds(node: QueryNode | null, now: number): TimeBounds {
  const bounds: TimeBounds = { after: null, before: null };
  const top = node === null ? [] : node.kind === 'and' ? node.items : [node];
  for (const n of top) {
    if (n.kind !== 'time') continue;
    const at = resolveTimePoint(n.point, now);
    if (n.op === 'after') bounds.after = bounds.after === null ? at : Math.max(bounds.after, at);
    else bounds.before = bounds.before === null ? at : Math.min(bounds.before, at);
  }
  return bounds;
}
