/** Pure logic of the windowed deliveries list: pages by index, query terms added by clicks. */
import type { DeliverySummary, ListDeliveriesArgs } from '../../../shared/api';

/** rows per request; the list asks for the pages its visible window touches */
export const PAGE_SIZE = 100;

export type Pages = Readonly<Record<number, readonly DeliverySummary[]>>;

export function pageOf(index: number): number {
  return Math.floor(index / PAGE_SIZE);
}

export function itemAt(pages: Pages, index: number): DeliverySummary | undefined {
  return pages[pageOf(index)]?.[index % PAGE_SIZE];
}

/** the index of a loaded delivery, -1 when it is not in a loaded page */
export function indexOfId(pages: Pages, id: string): number {
  for (const [p, items] of Object.entries(pages)) {
    const i = items.findIndex((x) => x.id === id);
    if (i >= 0) return Number(p) * PAGE_SIZE + i;
  }
  return -1;
}

export function findLoaded(pages: Pages, id: string): DeliverySummary | undefined {
  const index = indexOfId(pages, id);
  return index < 0 ? undefined : itemAt(pages, index);
}

/** pages covering rows first..last (inclusive) that are not loaded yet */
export function missingPages(pages: Pages, first: number, last: number, total: number): number[] {
  if (total === 0) return [];
  const out: number[] = [];
  for (let p = pageOf(Math.max(0, first)); p <= pageOf(Math.min(total - 1, last)); p++) if (!pages[p]) out.push(p);
  return out;
}

/** pages with one delivery replaced (forward status changed …); the same object when absent */
export function replaceItem(pages: Pages, item: DeliverySummary): Pages {
  const index = indexOfId(pages, item.id);
  if (index < 0) return pages;
  const p = pageOf(index);
  const copy = pages[p].slice();
  copy[index % PAGE_SIZE] = item;
  return { ...pages, [p]: copy };
}

export function listArgs(query: string, extra: Omit<ListDeliveriesArgs, 'q'>): ListDeliveriesArgs {
  const q = query.trim();
  return q ? { ...extra, q } : { ...extra };
}

/** a term for the query text: quoted when it holds spaces, quotes or parentheses */
export function quoteValue(value: string): string {
  return /[\s"()]/.test(value) || value === '' ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

/**
 * Adds `term` to the query (AND); when the query already has it as a word, removes it instead (a click
 * on a chip toggles its filter). A query with OR at the top is wrapped in parentheses first.
 */
export function toggleTerm(query: string, term: string): string {
  const words = query.trim() ? query.trim().split(/\s+/) : [];
  if (words.includes(term)) return words.filter((w) => w !== term).join(' ');
  const base = /\bOR\b/.test(query) ? `(${query.trim()})` : query.trim();
  return base ? `${base} ${term}` : term;
}

/** Replaces every top-level `field:` word with `field:value` (or removes them when value is null). */
export function setField(query: string, field: string, value: string | null): string {
  const words = query.trim() ? query.trim().split(/\s+/) : [];
  const kept = words.filter((w) => !w.toLowerCase().startsWith(`${field}:`));
  if (value !== null) kept.push(`${field}:${quoteValue(value)}`);
  return kept.join(' ');
}

/** the value of a simple top-level `field:value` word, or null */
export function fieldValue(query: string, field: string): string | null {
  for (const w of query.trim().split(/\s+/)) if (w.toLowerCase().startsWith(`${field}:`)) return w.slice(field.length + 1);
  return null;
}
