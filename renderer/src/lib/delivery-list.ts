/** Pure list logic of the deliveries pane: filters → query args, live merge, pagination merge. */
import type { DeliverySummary, ListDeliveriesArgs } from '../../../shared/api';
import type { CheckId, Verdict } from '../../../shared/checks';

export interface DeliveryFilters {
  verdict: Verdict | null;
  failedCheck: CheckId | null;
  sourceId: string | null;
  eventType: string | null;
  q: string;
}

export const EMPTY_FILTERS: DeliveryFilters = { verdict: null, failedCheck: null, sourceId: null, eventType: null, q: '' };

export const PAGE_SIZE = 200;

export function filtersToArgs(filters: DeliveryFilters, before?: string, limit = PAGE_SIZE): ListDeliveriesArgs {
  const args: ListDeliveriesArgs = { limit };
  if (filters.sourceId) args.sourceId = filters.sourceId;
  if (filters.verdict) args.verdict = filters.verdict;
  if (filters.failedCheck) args.failedCheck = filters.failedCheck;
  if (filters.eventType && filters.eventType.trim()) args.eventType = filters.eventType.trim();
  const q = filters.q.trim();
  if (q) args.q = q;
  if (before) args.before = before;
  return args;
}

export function hasActiveFilters(filters: DeliveryFilters): boolean {
  return !!(filters.verdict || filters.failedCheck || filters.sourceId || (filters.eventType && filters.eventType.trim()) || filters.q.trim());
}

/**
 * Whether a live delivery belongs in the list under these filters. Full-text search runs on the
 * server's redacted body, so with a search active the answer is unknown (null).
 */
export function matchesFilters(item: DeliverySummary, filters: DeliveryFilters): boolean | null {
  // deliveries no source matched have sourceId null; the filter calls them 'unmatched'
  if (filters.sourceId && (item.sourceId ?? 'unmatched') !== filters.sourceId) return false;
  if (filters.verdict && item.verdict !== filters.verdict) return false;
  if (filters.failedCheck && !item.checks.some((c) => c.id === filters.failedCheck && c.outcome === 'fail')) return false;
  if (filters.eventType && filters.eventType.trim() && item.eventType !== filters.eventType.trim()) return false;
  if (filters.q.trim()) return null;
  return true;
}

/** Newest first: by receivedAt, then by id (ids are monotonic within one millisecond). */
export function compareNewestFirst(a: DeliverySummary, b: DeliverySummary): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/**
 * Merges live deliveries into a newest-first list: duplicates (same id) are replaced by the incoming
 * version, the result stays newest first. O(n + m log m).
 */
export function mergeNewest(existing: DeliverySummary[], incoming: DeliverySummary[]): DeliverySummary[] {
  if (incoming.length === 0) return existing;
  const byId = new Map<string, DeliverySummary>();
  for (const item of incoming) byId.set(item.id, item);
  const fresh = [...byId.values()].sort(compareNewestFirst);
  const kept = existing.filter((item) => !byId.has(item.id));
  // common case: every incoming delivery is newer than the newest one shown
  if (kept.length === 0 || compareNewestFirst(fresh[fresh.length - 1], kept[0]) < 0) return [...fresh, ...kept];
  const out: DeliverySummary[] = [];
  let i = 0;
  let j = 0;
  while (i < fresh.length && j < kept.length) {
    if (compareNewestFirst(fresh[i], kept[j]) <= 0) out.push(fresh[i++]);
    else out.push(kept[j++]);
  }
  while (i < fresh.length) out.push(fresh[i++]);
  while (j < kept.length) out.push(kept[j++]);
  return out;
}

/** Appends the next (older) page, skipping deliveries already shown (live inserts can shift pages). */
export function appendPage(existing: DeliverySummary[], page: DeliverySummary[]): DeliverySummary[] {
  if (page.length === 0) return existing;
  const seen = new Set(existing.map((item) => item.id));
  const added = page.filter((item) => !seen.has(item.id));
  return added.length === 0 ? existing : [...existing, ...added];
}

/** Replaces a delivery in place (forward status changed …); the same array when absent. */
export function replaceItem(existing: DeliverySummary[], item: DeliverySummary): DeliverySummary[] {
  const index = existing.findIndex((x) => x.id === item.id);
  if (index < 0) return existing;
  const copy = existing.slice();
  copy[index] = item;
  return copy;
}

/** The id one step down (delta 1) or up (-1) from the current selection. */
export function stepSelection(items: DeliverySummary[], selectedId: string | null, delta: 1 | -1): string | null {
  if (items.length === 0) return selectedId;
  const index = selectedId ? items.findIndex((x) => x.id === selectedId) : -1;
  if (index < 0) return items[0].id;
  const nextIndex = Math.min(items.length - 1, Math.max(0, index + delta));
  return items[nextIndex].id;
}
