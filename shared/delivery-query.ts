/**
 * The query language of `hookscope tail/export --query` and the MCP `list_deliveries` tool:
 * `source:ID verdict:verified|rejected check:CHECK event:TYPE` plus free words (full-text search).
 */
import type { DeliverySummary, ListDeliveriesArgs } from './api';
import { CHECK_IDS, type CheckId } from './checks';

export type DeliveryQuery = Omit<ListDeliveriesArgs, 'limit' | 'before'>;
export type ParsedQuery = { ok: true; query: DeliveryQuery } | { ok: false; message: string };

const KEYS = ['source', 'verdict', 'check', 'event'] as const;

export function parseDeliveryQuery(text: string): ParsedQuery {
  const query: DeliveryQuery = {};
  const words: string[] = [];
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const m = /^([a-z]+):(.*)$/.exec(token);
    if (!m || !(KEYS as readonly string[]).includes(m[1])) {
      words.push(token);
      continue;
    }
    const [, key, value] = m;
    if (value === '') return { ok: false, message: `${key}: needs a value, e.g. ${key}:${key === 'verdict' ? 'rejected' : key === 'check' ? 'signature' : 'stripe'}` };
    if (key === 'source') query.sourceId = value;
    else if (key === 'event') query.eventType = value;
    else if (key === 'verdict') {
      if (value !== 'verified' && value !== 'rejected') return { ok: false, message: `verdict: must be verified or rejected, got "${value}"` };
      query.verdict = value;
    } else {
      if (!(CHECK_IDS as readonly string[]).includes(value)) return { ok: false, message: `check: must be one of ${CHECK_IDS.join(', ')}, got "${value}"` };
      query.failedCheck = value as CheckId;
    }
  }
  if (words.length > 0) query.q = words.join(' ');
  return { ok: true, query };
}

/** The structured part of a query against one delivery (the free text needs the search index). */
export function matchesFields(query: DeliveryQuery, item: DeliverySummary): boolean {
  if (query.sourceId !== undefined && item.sourceId !== query.sourceId) return false;
  if (query.verdict !== undefined && item.verdict !== query.verdict) return false;
  if (query.eventType !== undefined && item.eventType !== query.eventType) return false;
  if (query.failedCheck !== undefined && !item.checks.some((c) => c.id === query.failedCheck && c.outcome === 'fail')) return false;
  return true;
}
