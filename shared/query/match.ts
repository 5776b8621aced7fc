/**
 * A query against one delivery summary, for live events (CLI tail, MCP): true / false where the summary
 * decides, null where only the server can (free text, headers, bodies). Three-valued AND / OR / NOT.
 */
import type { DeliverySummary } from '../api';
import type { QueryNode, QueryTerm } from './ast';
import { resolveTimePoint } from './time-bounds';

type Tri = boolean | null;

function glob(pattern: string, value: string | null): boolean {
  if (value === null) return false;
  const re = new RegExp(`^${pattern.toLowerCase().split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(value.toLowerCase());
}

function term(t: QueryTerm, item: DeliverySummary, now: number): Tri {
  switch (t.kind) {
    case 'status':
      return item.status >= t.min && item.status <= t.max;
    case 'verdict':
      return item.verdict === t.verdict;
    case 'failed':
      return item.checks.some((c) => c.id === t.check && c.outcome === 'fail');
    case 'source':
      return t.pattern.toLowerCase() === 'unmatched' ? item.sourceId === null : glob(t.pattern, item.sourceId);
    case 'type':
      return glob(t.pattern, item.eventType);
    case 'dup':
      return (item.duplicateOf !== null) === t.duplicate;
    case 'time': {
      const at = resolveTimePoint(t.point, now);
      const received = Date.parse(item.receivedAt);
      return t.op === 'after' ? received >= at : received < at;
    }
    default:
      return null;
  }
}

export function matchSummary(node: QueryNode | null, item: DeliverySummary, now: number): Tri {
  if (!node) return true;
  switch (node.kind) {
    case 'and': {
      let out: Tri = true;
      for (const n of node.items) {
        const r = matchSummary(n, item, now);
        if (r === false) return false;
        if (r === null) out = null;
      }
      return out;
    }
    case 'or': {
      let out: Tri = false;
      for (const n of node.items) {
        const r = matchSummary(n, item, now);
        if (r === true) return true;
        if (r === null) out = null;
      }
      return out;
    }
    case 'not': {
      const r = matchSummary(node.item, item, now);
      return r === null ? null : !r;
    }
    default:
      return term(node, item, now);
  }
}
