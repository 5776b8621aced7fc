/**
 * The lines of `listen` and `tail`: one per delivery (`time --> source event-type [id] verdict (failing
 * check)`) and one per forward attempt (`<-- [status] METHOD url  N ms`), or NDJSON objects with `kind`.
 */
import type { Attempt, DeliverySummary } from '../../../../shared/api';

function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(11, 19);
}

export function failingCheck(item: DeliverySummary): { id: string; code: string } | null {
  const failed = item.checks.find((c) => c.outcome === 'fail');
  return failed ? { id: failed.id, code: failed.code } : null;
}

function note(item: DeliverySummary): string {
  const failed = failingCheck(item);
  if (failed) return ` (${failed.id}: ${failed.code})`;
  if (item.duplicateOf) return ` (duplicate of ${item.duplicateOf})`;
  const skipped = item.checks.find((c) => c.id === 'signature' && c.outcome === 'skip');
  return skipped ? ` (signature skipped: ${skipped.code})` : '';
}

export function deliveryLine(item: DeliverySummary): string {
  return `${clock(item.receivedAt)} --> ${item.sourceId ?? 'unmatched'} ${item.eventType ?? '-'} [${item.id}] ${item.verdict}${note(item)}`;
}

export function attemptLine(method: string, attempt: Attempt): string {
  const status = attempt.status === null ? 'ERR' : String(attempt.status);
  const error = attempt.error ? `  ${attempt.error}` : '';
  return `${clock(attempt.at)} <-- [${status}] ${method} ${attempt.target}  ${attempt.durationMs} ms${error}`;
}

export function deliveryJson(item: DeliverySummary): string {
  return JSON.stringify({ kind: 'delivery', ...item, failingCheck: failingCheck(item) });
}

export function attemptJson(deliveryId: string, method: string, attempt: Attempt): string {
  // response headers and body stay in the UI: a line per attempt carries the facts, not the payload
  const { responseHeaders: _h, responseBody: _b, ...facts } = attempt;
  return JSON.stringify({ kind: 'attempt', deliveryId, method, ...facts });
}
