/**
 * `hookscope tail/export --query` and the MCP `list_deliveries` tool speak the list's query language
 * (shared/query): the text is checked here, sent as `q`, and compiled by the store.
 */
import type { DeliverySummary, ListDeliveriesArgs } from './api';
import { matchSummary, parseQuery, type QueryNode } from './query';

export type DeliveryQuery = Omit<ListDeliveriesArgs, 'limit' | 'before' | 'offset' | 'asOf'>;
export type ParsedQuery = { ok: true; query: DeliveryQuery } | { ok: false; message: string };

export function parseDeliveryQuery(text: string): ParsedQuery {
  const parsed = parseQuery(text.trim());
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  return { ok: true, query: parsed.node ? { q: text.trim() } : {} };
}

/**
 * Whether a live delivery can match, from its summary alone: false only when the summary rules it out
 * (free text, headers and bodies need the server, so they count as "can match").
 */
export function matchesFields(query: DeliveryQuery, item: DeliverySummary, now = Date.now()): boolean {
  let node: QueryNode | null = null;
  if (query.q) {
    const parsed = parseQuery(query.q);
    if (parsed.ok) node = parsed.node;
  }
  if (matchSummary(node, item, now) === false) return false;
  if (query.sourceId !== undefined && (item.sourceId ?? 'unmatched') !== query.sourceId) return false;
  if (query.verdict !== undefined && item.verdict !== query.verdict) return false;
  if (query.eventType !== undefined && item.eventType !== query.eventType) return false;
  if (query.failedCheck !== undefined && !item.checks.some((c) => c.id === query.failedCheck && c.outcome === 'fail')) return false;
  return true;
}
